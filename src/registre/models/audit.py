"""The audit log: an append-only, hash-chained record of every read or change of personal data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from registre.db.base import Base


class AuditEntry(Base):
    """One audited action; `hash` covers the entry and the previous entry's hash.

    `scheme` says how: 1, plain SHA-256 (entries written before the keyed chain); 2, HMAC-SHA256 under the audit
    key, which lives outside the database (see audit/chain.py).
    """

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(32))
    target_ref: Mapped[str | None] = mapped_column(String(64))
    subject_ref: Mapped[str | None] = mapped_column(String(32), index=True)
    details: Mapped[dict[str, Any]] = mapped_column()
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    scheme: Mapped[int] = mapped_column(SmallInteger, default=2, server_default="1")
