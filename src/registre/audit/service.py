"""Append audit entries in the caller's transaction, verify the chain, and anchor it with signed checkpoints.

Each entry's hash covers its content and the hash of the entry before it, keyed with the audit key (see
audit/chain.py), so that altering, removing, reordering or forging entries breaks the chain at the first entry
touched; a checkpoint kept outside the database shows what was cut from the end. Appends are serialised:
SQLite's BEGIN IMMEDIATE does it there, a transaction-scoped advisory lock on PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from typing import Any, Literal

import orjson
from sqlalchemy import ColumnElement, Text, cast, func, select, text
from sqlalchemy.orm import Session

from registre.audit import chain
from registre.audit.chain import GENESIS, KEYED, LEGACY, Checkpoint
from registre.config import get_settings
from registre.db.base import utcnow
from registre.i18n import Lang, Msg
from registre.models.audit import AuditEntry

__all__ = ["GENESIS", "PROBLEMS", "Checkpoint", "NewEntry", "Verification", "checkpoint", "count", "describe", "newest",
           "record", "record_all", "verify"]

_APPEND_LOCK = 0x7265_6769  # any constant shared by every process appending to the log


def audit_key() -> bytes:
    """The key of the chain, from the settings (outside the database)."""
    return get_settings().audit_key.get_secret_value().encode()


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
    [entry] = record_all(session, [NewEntry(actor, action, target_type, target_ref, subject_ref, details)])
    return entry


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An audit entry to append: who did what to which target, about whom, with which details."""

    actor: str
    action: str
    target_type: str
    target_ref: str | None = None
    subject_ref: str | None = None
    details: dict[str, Any] | None = None


def record_all(session: Session, entries: Sequence[NewEntry]) -> list[AuditEntry]:
    """Append entries to the log in this order, in the caller's transaction: the log is locked and its head read
    once, the entries written in one statement."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _APPEND_LOCK})
    last = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)) or GENESIS
    key = audit_key()
    written = []
    for item in entries:
        entry = AuditEntry(at=utcnow(), actor=item.actor, action=item.action, target_type=item.target_type,
                           target_ref=item.target_ref, subject_ref=item.subject_ref,
                           details=chain.normalised(item.details or {}), scheme=KEYED)
        entry.prev_hash = last
        entry.hash = last = chain.keyed(key, entry.prev_hash, chain.iso(entry.at), item.actor, item.action,
                                        item.target_type, item.target_ref, item.subject_ref, entry.details)
        written.append(entry)
    session.add_all(written)
    session.flush()
    return written


Problem = Literal["altered", "removed", "reordered", "damaged", "truncated", "rewritten", "foreign_checkpoint"]


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of checking the chain: how many entries were read, the first broken one if any, the head reached
    (to sign as a checkpoint), and how many entries carry the old unkeyed hash."""

    checked: int
    first_bad: int | None = None
    problem: Problem | None = None
    head_id: int | None = None
    head_hash: str = GENESIS
    legacy: int = 0
    against: int | None = None  # the number of entries of the checkpoint verified against, if one was given

    @property
    def ok(self) -> bool:
        """Whether the whole chain holds."""
        return self.problem is None


def newest(session: Session, *, before: int | None, limit: int, actor: str) -> list[AuditEntry]:
    """The newest entries (older than the entry `before`, to page back), the reading itself audited."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if before is not None:
        query = query.where(AuditEntry.id < before)
    entries = list(session.scalars(query))
    record(session, actor=actor, action="audit.read", target_type="audit_log",
           details={"before": before, "count": len(entries)})
    return entries


_Row = tuple[int, str | None, str | None, str | None, str | None, str | None, str | None, str | None, str | None,
             str | None, int | None]


def _rows(session: Session, batch: int) -> Generator[_Row, None, None]:
    """Every entry in order, as raw text (a damaged value is reported, never a traceback), streamed."""
    at: ColumnElement[str] = cast(AuditEntry.at, Text)  # SQLite keeps '2026-01-01 10:00:00.000120' as it is
    if session.get_bind().dialect.name == "postgresql":  # whose text would trim the fraction's zeros
        at = func.to_char(AuditEntry.at, "YYYY-MM-DD HH24:MI:SS.US")
    columns = (AuditEntry.id, at, AuditEntry.actor, AuditEntry.action, AuditEntry.target_type,
               AuditEntry.target_ref, AuditEntry.subject_ref, cast(AuditEntry.details, Text), AuditEntry.prev_hash,
               AuditEntry.hash, AuditEntry.scheme)
    # Core, not the ORM: a million rows read as plain tuples, a batch at a time (a server-side cursor where there is
    # one), so that memory stays flat and the time is the database's and the hashing's.
    result = session.connection().execute(select(*columns).order_by(AuditEntry.id).execution_options(yield_per=batch))
    try:
        for partition in result.partitions():
            yield from partition  # type: ignore[misc]
    finally:  # a verification that stops at a broken entry closes the server-side cursor at once
        result.close()


def _expected(key: bytes, row: _Row) -> str | None:
    """The hash an entry should carry, or None when a value cannot be read."""
    _, at_text, actor, action, target_type, target_ref, subject_ref, details_text, prev_hash, _, scheme = row
    if at_text is None or actor is None or action is None or target_type is None or prev_hash is None \
            or details_text is None:
        return None
    at = chain.iso_of_text(at_text)
    if at is None:
        return None
    try:
        try:
            details = orjson.loads(details_text)
        except orjson.JSONDecodeError:  # what orjson does not take (an integer beyond 64 bits, NaN): the slow way
            details = json.loads(details_text)
        if scheme == KEYED:
            return chain.keyed(key, prev_hash, at, actor, action, target_type, target_ref, subject_ref, details)
        if scheme == LEGACY:
            return chain.legacy(prev_hash, at, actor, action, target_type, target_ref, subject_ref, details)
    except (ValueError, TypeError, RecursionError):
        return None
    return None


def _fast(key: bytes, row: _Row) -> str | None:
    """`_expected` for the common row (keyed, every value well formed), inlined for speed; None sends the row to
    `_expected`, which handles everything else."""
    _, at_text, actor, action, target_type, target_ref, subject_ref, details_text, prev_hash, _, scheme = row
    if scheme != KEYED or at_text is None or details_text is None:
        return None
    whole, _, fraction = at_text.partition(".")
    if len(fraction) != 6 or len(whole) != 19 or whole[10] != " ":  # SQLite's form; PostgreSQL's takes `_expected`
        return None
    at = f"{whole[:10]}T{whole[11:]}{'' if fraction == '000000' else '.' + fraction}+00:00"
    try:
        details = orjson.loads(details_text)
        message = orjson.dumps([prev_hash, at, actor, action, target_type, target_ref, subject_ref, details],
                               option=orjson.OPT_SORT_KEYS)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError, TypeError):
        return None
    return chain.hmac_sha256(key, message)


def verify(session: Session, batch: int = 50_000, *, against: Checkpoint | None = None,
           key: bytes | None = None) -> Verification:
    """Walk the log in order and name the first entry altered, removed, reordered or unreadable; with a checkpoint,
    also what was cut from the end or rewritten up to it."""
    key = audit_key() if key is None else key
    if against is not None and against.public_key != chain.public_key(key):
        return Verification(0, None, "foreign_checkpoint", against=against.count)
    with closing(_rows(session, batch)) as rows:
        return _walk(session, key, rows, against)


def _walk(session: Session, key: bytes, rows: Iterator[_Row], against: Checkpoint | None) -> Verification:
    expected_prev = GENESIS
    checked = legacy = 0
    head_id: int | None = None
    keyed_seen = False
    for row in rows:
        entry_id, stored_hash, prev_hash, scheme = row[0], row[9], row[8], row[10]
        expected = _fast(key, row) or _expected(key, row)
        if expected is None:
            return Verification(checked, entry_id, "damaged", head_id, expected_prev, legacy, _count(against))
        # an unkeyed entry after a keyed one is a forgery by someone without the key; so is one past a checkpoint
        late_legacy = scheme == LEGACY and (keyed_seen or (against is not None and checked >= against.count))
        if expected != stored_hash or late_legacy:
            return Verification(checked, entry_id, "altered", head_id, expected_prev, legacy, _count(against))
        if prev_hash != expected_prev:
            # The entry this one follows: found later in the log, the order was changed; gone, removed.
            before = session.scalar(select(AuditEntry.id).where(AuditEntry.hash == prev_hash))
            problem: Problem = "reordered" if before is not None and before > entry_id else "removed"
            return Verification(checked, entry_id, problem, head_id, expected_prev, legacy, _count(against))
        # Ids may skip a number (PostgreSQL keeps a rolled-back entry's id): the chain of hashes alone tells.
        expected_prev, head_id = stored_hash, entry_id
        keyed_seen = keyed_seen or scheme == KEYED
        legacy += scheme == LEGACY
        checked += 1
        if against is not None and checked == against.count and stored_hash != against.head_hash:
            return Verification(checked, entry_id, "rewritten", head_id, expected_prev, legacy, against.count)
    if against is not None and checked < against.count:
        return Verification(checked, None, "truncated", head_id, expected_prev, legacy, against.count)
    return Verification(checked, None, None, head_id, expected_prev, legacy, _count(against))


def _count(against: Checkpoint | None) -> int | None:
    return None if against is None else against.count


def checkpoint(session: Session, *, actor: str, key: bytes | None = None) -> tuple[Verification, Checkpoint | None]:
    """Verify the chain and, if it holds, sign its head; the checkpoint's own audit entry is that head, so that
    deleting the newest entry is seen too."""
    key = audit_key() if key is None else key
    result = verify(session, key=key)
    if not result.ok:
        return result, None
    entry = record(session, actor=actor, action="audit.checkpoint", target_type="audit_log",
                   details={"count": result.checked + 1, "after": result.head_hash})
    point = chain.sign(key, count=result.checked + 1, head_id=entry.id, head_hash=entry.hash, at=entry.at)
    return result, point


def count(session: Session) -> int:
    """How many entries the log holds."""
    return session.scalar(select(func.count()).select_from(AuditEntry)) or 0


PROBLEMS: dict[str, Msg] = {
    "altered": Msg(en="entry {entry} was altered, forged or re-hashed without the audit key",
                   fr="l'entrée {entry} a été modifiée, forgée ou recalculée sans la clé d'audit"),
    "removed": Msg(en="an entry before entry {entry} was removed",
                   fr="une entrée avant l'entrée {entry} a été supprimée"),
    "reordered": Msg(en="entry {entry} was moved", fr="l'entrée {entry} a été déplacée"),
    "damaged": Msg(en="entry {entry} cannot be read (a value is missing or malformed)",
                   fr="l'entrée {entry} est illisible (une valeur manque ou est malformée)"),
    "truncated": Msg(en="the log holds {checked} entries where the checkpoint saw {against}: entries were deleted "
                        "from its end",
                     fr="le journal compte {checked} entrées là où le point de contrôle en a vu {against} : des "
                        "entrées ont été supprimées à la fin"),
    "rewritten": Msg(en="entry {entry}, the checkpoint's last, is not the one it signed: the chain was rewritten",
                     fr="l'entrée {entry}, la dernière du point de contrôle, n'est pas celle qu'il a signée : la "
                        "chaîne a été réécrite"),
    "foreign_checkpoint": Msg(en="the checkpoint was not signed with this installation's audit key",
                              fr="le point de contrôle n'a pas été signé avec la clé d'audit de cette installation"),
}


def describe(result: Verification, lang: Lang) -> str:
    """What a failed verification found, in plain words."""
    if result.problem is None:
        return ""
    return PROBLEMS[result.problem](lang, entry=result.first_bad, checked=result.checked, against=result.against)
