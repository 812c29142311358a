"""Batch packages: the organizer's signed bundle of scheme, submissions, evidence and panel."""
