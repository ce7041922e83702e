"""The HTTP doors: the API (and, later, the privacy center and back-office pages)."""
