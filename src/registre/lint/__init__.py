"""The lint: what a declaration breaks in the GDPR and French law, each finding with a stable code."""
