"""Who signs: each person's encrypted Ed25519 key, and key cards for the chair's roster."""
