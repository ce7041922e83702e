"""The lint rules, one module per area of law; importing this package registers them all."""

from registre.lint.rules import clauses, cookies, information, marketing, people, retention, transfers

__all__ = ["clauses", "cookies", "information", "marketing", "people", "retention", "transfers"]
