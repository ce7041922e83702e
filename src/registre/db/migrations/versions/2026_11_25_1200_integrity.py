"""integrity: idempotent filing, single-use TOTP steps, the keyed audit chain, the journal of dataset batches

Revision ID: 0017_integrity
Revises: 0005
Create Date: 2026-11-25 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import registre.db.base

revision = "0017_integrity"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rights_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("idempotency_key", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_rights_request_idempotency_key"), ["idempotency_key"])
    with op.batch_alter_table("staff_member", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_last_step", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        # Entries already written keep scheme 1 (plain SHA-256): they stay verifiable as they were.
        batch_op.add_column(sa.Column("scheme", sa.SmallInteger(), server_default="1", nullable=False))
    op.create_table(
        "dataset_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(length=120), nullable=False),
        sa.Column("operation", sa.String(length=32), nullable=False),
        sa.Column("intent", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("subject_ref", sa.String(length=32), nullable=True),
        sa.Column("request_ref", sa.String(length=32), nullable=True),
        sa.Column("run_ref", sa.String(length=64), nullable=True),
        sa.Column("started_at", registre.db.base.UTCDateTime(), nullable=False),
        sa.Column("settled_at", registre.db.base.UTCDateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=24), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dataset_batch")),
    )
    with op.batch_alter_table("dataset_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dataset_batch_request_ref"), ["request_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_dataset_batch_run_ref"), ["run_ref"], unique=False)
        batch_op.create_index(batch_op.f("ix_dataset_batch_settled_at"), ["settled_at"], unique=False)


def downgrade() -> None:
    op.drop_table("dataset_batch")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("scheme")
    with op.batch_alter_table("staff_member", schema=None) as batch_op:
        batch_op.drop_column("totp_last_step")
    with op.batch_alter_table("rights_request", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_rights_request_idempotency_key"), type_="unique")
        batch_op.drop_column("idempotency_key")
