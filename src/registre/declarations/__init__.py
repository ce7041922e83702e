"""The declaration: what the organisation does with personal data, written once, read by everything else."""
