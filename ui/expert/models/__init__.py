"""Qt item models over the core's plain records (no widgets; tested without views)."""
