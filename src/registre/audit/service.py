"""Append audit entries in the caller's transaction, and verify the chain.

Each entry's hash covers its content and the hash of the entry before it, so that altering, removing or
reordering entries breaks the chain at the first entry touched. Appends are serialised: SQLite's
BEGIN IMMEDIATE does it there, a transaction-scoped advisory lock on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from registre.db.base import utcnow
from registre.models.audit import AuditEntry

GENESIS = "0" * 64
_APPEND_LOCK = 0x7265_6769  # any constant shared by every process appending to the log


def _digest(prev_hash: str, entry: AuditEntry) -> str:
    content = {
        "at": entry.at.astimezone(dt.UTC).isoformat(),
        "actor": entry.actor,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_ref": entry.target_ref,
        "subject_ref": entry.subject_ref,
        "details": entry.details,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


def record(
    session: Session,
    *,
    actor: str,
    action: str,
    target_type: str,
    target_ref: str | None = None,
    subject_ref: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry to the log, in the caller's transaction: it commits or rolls back with the change."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _APPEND_LOCK})
    last = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1))
    entry = AuditEntry(at=utcnow(), actor=actor, action=action, target_type=target_type, target_ref=target_ref,
                       subject_ref=subject_ref, details=details or {})
    entry.prev_hash = last or GENESIS
    entry.hash = _digest(entry.prev_hash, entry)
    session.add(entry)
    session.flush()
    return entry


Problem = Literal["altered", "removed", "reordered"]


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of checking the chain: how many entries were read, and the first broken one if any."""

    checked: int
    first_bad: int | None = None
    problem: Problem | None = None

    @property
    def ok(self) -> bool:
        """Whether the whole chain holds."""
        return self.first_bad is None


def newest(session: Session, *, before: int | None, limit: int, actor: str) -> list[AuditEntry]:
    """The newest entries (older than the entry `before`, to page back), the reading itself audited."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if before is not None:
        query = query.where(AuditEntry.id < before)
    entries = list(session.scalars(query))
    record(session, actor=actor, action="audit.read", target_type="audit_log",
           details={"before": before, "count": len(entries)})
    return entries


def verify(session: Session, batch: int = 10_000) -> Verification:
    """Walk the log in order and name the first entry that was altered, removed or reordered."""
    expected_prev = GENESIS
    checked = 0
    last_id = 0
    while True:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch)
        ).all()
        if not rows:
            return Verification(checked)
        for entry in rows:
            if _digest(entry.prev_hash, entry) != entry.hash:
                return Verification(checked, entry.id, "altered")
            if entry.prev_hash != expected_prev:
                # The entry this one follows: found later in the log, the order was changed; gone, removed.
                before = session.scalar(select(AuditEntry.id).where(AuditEntry.hash == entry.prev_hash))
                problem: Problem = "reordered" if before is not None and before > entry.id else "removed"
                return Verification(checked, entry.id, problem)
            # Ids may skip a number (PostgreSQL keeps a rolled-back entry's id): the chain of hashes alone tells.
            expected_prev = entry.hash
            checked += 1
            last_id = entry.id
