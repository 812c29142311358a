"""Scoring: what experts may enter, how entries become points, and how points add up."""
