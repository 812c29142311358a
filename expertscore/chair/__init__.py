"""The chair's work: merge verified result files, aggregate, grade, rank, and export."""
