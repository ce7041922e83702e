"""The built-in subject store: data subjects, their identifiers, personal data and lifecycle events, and imports."""
