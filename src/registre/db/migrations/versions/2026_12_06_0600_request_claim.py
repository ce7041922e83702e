"""request claim: a completion claims its request before it acts on the connected databases

Revision ID: 0018_request_claim
Revises: 0014_outbox
Create Date: 2026-12-06 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import registre.db.base

revision = "0018_request_claim"
down_revision = "0014_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rights_request", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_until", registre.db.base.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rights_request", schema=None) as batch_op:
        batch_op.drop_column("claimed_until")
