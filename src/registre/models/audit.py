"""The audit log: an append-only, hash-chained record of every read or change of personal data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Mapped

from registre.db import tables
from registre.db.base import Base


class AuditEntry(Base):
    """One audited action; `hash` covers the entry and the previous entry's hash.

    `scheme` says how: 1, plain SHA-256 (entries written before the keyed chain); 2, HMAC-SHA256 under the audit
    key, which lives outside the database (see audit/chain.py).
    """

    __table__ = tables.audit_entry  # in Core, so that reading a request is audited without the ORM

    id: Mapped[int]
    at: Mapped[dt.datetime]
    actor: Mapped[str]
    action: Mapped[str]
    target_type: Mapped[str]
    target_ref: Mapped[str | None]
    subject_ref: Mapped[str | None]
    details: Mapped[dict[str, Any]]
    prev_hash: Mapped[str]
    hash: Mapped[str]
    scheme: Mapped[int]
