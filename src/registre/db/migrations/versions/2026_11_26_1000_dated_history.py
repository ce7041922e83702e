"""dated history: the Bloctel list keeps each number's period on it; a consent event's language may be unrecorded

Revision ID: 0012_dated_history
Revises: 0004
Create Date: 2026-11-26 10:00:00

`bloctel_number` held the last import only; `bloctel_listing` holds each number from the import that added it until
the import that no longer had it. The numbers already stored were all on the last import: they are listed from it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import registre.db.base

revision = "0012_dated_history"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bloctel_listing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("listed_from", registre.db.base.UTCDateTime(), nullable=False),
        sa.Column("listed_until", registre.db.base.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bloctel_listing")),
    )
    with op.batch_alter_table("bloctel_listing", schema=None) as batch_op:
        batch_op.create_index("ix_bloctel_listing_number", ["number", "listed_from"], unique=False)
        batch_op.create_index("ix_bloctel_listing_listed_until", ["listed_until"], unique=False)
    op.execute("INSERT INTO bloctel_listing (number, listed_from) SELECT number, (SELECT MAX(imported_at) FROM "
               "bloctel_import) FROM bloctel_number WHERE EXISTS (SELECT 1 FROM bloctel_import)")
    op.drop_table("bloctel_number")
    with op.batch_alter_table("consent_event", schema=None) as batch_op:
        batch_op.alter_column("lang", existing_type=sa.String(length=2), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("consent_event", schema=None) as batch_op:
        batch_op.alter_column("lang", existing_type=sa.String(length=2), nullable=False)
    op.create_table(
        "bloctel_number",
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_bloctel_number")),
    )
    op.execute("INSERT INTO bloctel_number (number) SELECT DISTINCT number FROM bloctel_listing "
               "WHERE listed_until IS NULL")
    with op.batch_alter_table("bloctel_listing", schema=None) as batch_op:
        batch_op.drop_index("ix_bloctel_listing_listed_until")
        batch_op.drop_index("ix_bloctel_listing_number")
    op.drop_table("bloctel_listing")
