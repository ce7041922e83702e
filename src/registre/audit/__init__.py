"""The audit log: every read or change of personal data, hash-chained so that anyone can verify it."""
