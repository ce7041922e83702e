"""Appending to the audit log, in Core: the rows of new entries chained to the log's head, in the caller's
transaction, whether it is an ORM session (`service.record_all`) or a plain connection (a read that needs no ORM,
`rights.queries.show`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, text

from registre.audit import chain
from registre.audit.chain import GENESIS, KEYED
from registre.config import get_settings
from registre.db.tables import audit_entry, utcnow

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

_APPEND_LOCK = 0x7265_6769  # any constant shared by every process appending to the log


def audit_key() -> bytes:
    """The key of the chain, from the settings (outside the database)."""
    return get_settings().audit_key.get_secret_value().encode()


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An audit entry to append: who did what to which target, about whom, with which details."""

    actor: str
    action: str
    target_type: str
    target_ref: str | None = None
    subject_ref: str | None = None
    details: dict[str, Any] | None = None


def chained(executor: Session | Connection, dialect: str, entries: Sequence[NewEntry]) -> list[dict[str, Any]]:
    """The rows of `entries`, each hashed after the one before, the first after the log's head; the log is locked
    (until the transaction ends) and its head read once."""
    if dialect == "postgresql":
        executor.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _APPEND_LOCK})
    last = executor.scalar(select(audit_entry.c.hash).order_by(audit_entry.c.id.desc()).limit(1)) or GENESIS
    key = audit_key()
    rows = []
    for item in entries:
        at, details = utcnow(), chain.normalised(item.details or {})
        digest = chain.keyed(key, last, chain.iso(at), item.actor, item.action, item.target_type, item.target_ref,
                             item.subject_ref, details)
        rows.append({"at": at, "actor": item.actor, "action": item.action, "target_type": item.target_type,
                     "target_ref": item.target_ref, "subject_ref": item.subject_ref, "details": details,
                     "scheme": KEYED, "prev_hash": last, "hash": digest})
        last = digest
    return rows


def append(connection: Connection, entries: Sequence[NewEntry]) -> None:
    """Append entries to the log in this order, in the connection's transaction, in one statement."""
    connection.execute(insert(audit_entry), chained(connection, connection.dialect.name, entries))
