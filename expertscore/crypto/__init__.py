"""Ed25519 signatures over exact bytes (DSSE pre-authentication encoding)."""
