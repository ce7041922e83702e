"""Dated history: consent, withdrawal, STOP, objection, restriction and lifecycle events imported with their dates."""
