"""Staff accounts, roles and the authorisation policy of the back office and the API."""
