"""The engine's own store: SQLAlchemy 2 on SQLite by default, PostgreSQL in production, Alembic migrations."""
