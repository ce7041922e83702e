"""Alembic's entry point: run the migrations on the engine the caller gives (see `registre.db.session`)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

import registre.models  # noqa: F401  (registers every table)
from registre.db.base import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run the migrations through registre.db.session.upgrade(engine)")

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
