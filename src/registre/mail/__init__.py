"""Mail to people: through the SMTP server the settings name, or into an outbox folder when there is none."""
