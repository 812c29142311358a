"""Signed result files: build, sign, submit, verify, transcribe and simulate them."""
