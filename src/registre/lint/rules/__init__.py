"""The lint rules, one module per area of law; importing this package registers them all."""

from registre.lint.rules import cookies, information, marketing, people, retention, transfers

__all__ = ["cookies", "information", "marketing", "people", "retention", "transfers"]
