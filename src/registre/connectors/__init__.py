"""Connectors: the organisation's own databases, annotated, on which registre answers rights and runs retention."""
