"""outbox: every letter and alert, written with the event that causes it, sent after commit until accepted

Revision ID: 0014_outbox
Revises: 0017_integrity
Create Date: 2026-11-26 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import registre.db.base

revision = "0014_outbox"
down_revision = "0017_integrity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox_letter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("recipient", sa.String(length=320), nullable=False),
        sa.Column("person_ref", sa.String(length=64), nullable=True),
        sa.Column("target_ref", sa.String(length=64), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("sender_name", sa.String(length=300), nullable=True),
        sa.Column("message_id", sa.String(length=250), nullable=False),
        sa.Column("created_at", registre.db.base.UTCDateTime(), nullable=False),
        sa.Column("next_attempt_at", registre.db.base.UTCDateTime(), nullable=False),
        sa.Column("claimed_until", registre.db.base.UTCDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", registre.db.base.UTCDateTime(), nullable=True),
        sa.Column("sent_via", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox_letter")),
        sa.UniqueConstraint("key", name=op.f("uq_outbox_letter_key")),
    )
    with op.batch_alter_table("outbox_letter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_letter_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_letter_next_attempt_at"), ["next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_letter_person_ref"), ["person_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_letter_sent_at"), ["sent_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_letter_target_ref"), ["target_ref"], unique=False)
    op.create_table(
        "rate_count",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("window", sa.BigInteger(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "window", name=op.f("pk_rate_count")),
    )


def downgrade() -> None:
    op.drop_table("rate_count")
    op.drop_table("outbox_letter")
