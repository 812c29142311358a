"""The expert's side of the chair's requests: explanations of deviations and statements."""
