"""Reliability figures (issue: crashes, tampering and hostile files). ``make reliability``."""
