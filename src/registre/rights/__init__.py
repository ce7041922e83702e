"""The rights domain: requests from data subjects (GDPR Arts 12 to 22) and their legal deadlines."""
