"""The cookie banner: its script, its configuration from the declaration, and the proofs it posts."""
