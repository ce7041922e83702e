"""The consent ledger: consent events with their proof, and their receipts."""
