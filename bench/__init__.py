"""Benchmarks: each prints its figures and its targets; none is a test."""
