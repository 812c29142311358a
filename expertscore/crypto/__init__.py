"""Signatures over exact bytes (DSSE pre-authentication encoding): Ed25519 or SM2 (国密)."""
