"""Append audit entries in the caller's transaction, verify the chain, and anchor it with signed checkpoints.

Each entry's hash covers its content and the hash of the entry before it, keyed with the audit key (see
audit/chain.py), so that altering, removing, reordering or forging entries breaks the chain at the first entry
touched; a checkpoint kept outside the database shows what was cut from the end. Appends are serialised:
SQLite's BEGIN IMMEDIATE does it there, a transaction-scoped advisory lock on PostgreSQL.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import subprocess
import sys
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Text, cast, func, select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from registre.audit import chain, walk
from registre.audit.append import NewEntry, audit_key, chained
from registre.audit.chain import GENESIS, KEYED, Checkpoint
from registre.audit.walk import Problem, Verification
from registre.i18n import Lang, Msg
from registre.models.audit import AuditEntry

__all__ = ["GENESIS", "PROBLEMS", "Checkpoint", "NewEntry", "Problem", "Verification", "checkpoint", "count",
           "describe", "newest", "record", "record_all", "verify", "verify_for_page"]

_log = logging.getLogger(__name__)


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


def record_all(session: Session, entries: Sequence[NewEntry]) -> list[AuditEntry]:
    """Append entries to the log in this order, in the caller's transaction: the log is locked and its head read
    once, the entries written in one statement."""
    written = [AuditEntry(**row) for row in chained(session, session.get_bind().dialect.name, entries)]
    session.add_all(written)
    session.flush()
    return written


def newest(session: Session, *, before: int | None, limit: int, actor: str) -> list[AuditEntry]:
    """The newest entries (older than the entry `before`, to page back), the reading itself audited."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if before is not None:
        query = query.where(AuditEntry.id < before)
    entries = list(session.scalars(query))
    record(session, actor=actor, action="audit.read", target_type="audit_log",
           details={"before": before, "count": len(entries)})
    return entries


SPLIT_FROM = 200_000  # from this many entries, a second process checks the second half of the log
_PATIENCE = 10.0  # seconds the worker may take beyond three times what this process took for its half
_FIRST_SHARE = 0.52  # of the log, checked here: the worker starts a little later (a new interpreter, a connection)


def verify(session: Session, batch: int = 2_000, *, against: Checkpoint | None = None, key: bytes | None = None,
           split_from: int = SPLIT_FROM) -> Verification:
    """Walk the log in order and name the first entry altered, removed, reordered or unreadable; with a checkpoint,
    also what was cut from the end or rewritten up to it. From `split_from` entries, a worker process checks the
    second half while this one checks the first."""
    key = audit_key() if key is None else key
    if against is not None and against.public_key != chain.public_key(key):
        return Verification(0, None, "foreign_checkpoint", against=against.count)
    connection = session.connection()
    dialect = connection.dialect
    raw = connection.connection.driver_connection

    def rows(first: int | None = None, last: int | None = None) -> Generator[list[walk.Row], None, None]:
        # The driver's own cursor, in the session's transaction: a million rows as tuples, not SQLAlchemy rows.
        return walk.batches(raw, dialect.name, _rows_sql(dialect, first, last), batch)

    seam = _seam(session, split_from, against)
    if seam is None:
        return _named(session, walk.walk(rows(), key, walk.Start(), against, final=True))
    task = walk.task(dialect=dialect.name, connect=seam.connect, sql=_rows_sql(dialect, seam.id, seam.last_id),
                     key=key, start=seam.start, against=against, batch=batch)
    with _Worker(task) as worker:
        began = time.perf_counter()
        first = walk.walk(rows(None, seam.id - 1), key, walk.Start(), against, final=False)
        if not first.verification.ok:
            return _named(session, first)
        ahead = _after(first)
        # The worker's answer holds if the first half ended where the seam was read (the log did not change in
        # between); otherwise, or if the worker failed, this process walks the second half too. The worker does
        # as much as this process: three times as long, it is stuck (a lost connection, a swapping machine).
        told = seam.start if against is not None else dataclasses.replace(seam.start, checked=ahead.checked)
        second = worker.result(_PATIENCE + 3 * (time.perf_counter() - began)) if ahead == told else None
        if second is None:
            second = walk.walk(rows(seam.id, seam.last_id), key, ahead, against, final=False)
        elif against is None:  # the worker counted from naught: its entries come after the first half's
            second = dataclasses.replace(second, verification=dataclasses.replace(
                second.verification, checked=ahead.checked + second.verification.checked))
    legacy = first.verification.legacy + second.verification.legacy
    if second.verification.ok:  # what no other connection sees: the entries this session wrote and has not committed
        end = _after(second)
        second = walk.walk(rows(seam.id if end.head_id is None else end.head_id + 1), key, end, against, final=True)
        legacy += second.verification.legacy
    return _named(session, dataclasses.replace(second, verification=dataclasses.replace(second.verification,
                                                                                        legacy=legacy)))


# How often a page's view of the chain walks it whole (per process); in between, only the entries written since the
# last walk are checked, so that a dashboard stays quick on a log of millions. `registre audit verify` (and the
# scheduled job) always walks it whole.
WHOLE_EVERY = 600.0  # seconds
_walked: dict[str, tuple[float, Verification]] = {}  # store URL -> (when it was walked whole, what was found)


def verify_for_page(session: Session, *, whole_every: float = WHOLE_EVERY) -> Verification:
    """The chain's state for a page: walked whole at most every `whole_every` seconds in this process, and from
    the head reached last time in between (the entries written since); a broken chain is walked whole each time."""
    store = session.connection().engine.url.render_as_string(hide_password=True)
    now = time.monotonic()
    known = _walked.get(store)
    if known is None or now - known[0] > whole_every or not known[1].ok or known[1].head_id is None \
            or session.scalar(select(AuditEntry.hash).where(AuditEntry.id == known[1].head_id)) != known[1].head_hash:
        result = verify(session)  # first, in its time, or the head walked last is gone or changed
        _walked[store] = (now, result)
        return result
    done = known[1]
    assert done.head_id is not None  # walked whole above otherwise
    start = walk.Start(done.head_hash, done.checked, done.checked > done.legacy, done.head_id)
    connection = session.connection()
    rows = walk.batches(connection.connection.driver_connection, connection.dialect.name,
                        _rows_sql(connection.dialect, done.head_id + 1), 2_000)
    since = _named(session, walk.walk(rows, audit_key(), start, None, final=True))
    result = dataclasses.replace(since, legacy=done.legacy + since.legacy)
    if result.ok:
        _walked[store] = (known[0], result)
    return result


def _after(walked: walk.Walked) -> walk.Start:
    """Where a walk goes on from the end of another."""
    done = walked.verification
    return walk.Start(done.head_hash, done.checked, walked.keyed_seen, done.head_id)


@dataclass(frozen=True, slots=True)
class _Seam:
    """Where the log is cut in two: the first entry of the second half, how it starts, the last entry, and how
    the worker opens the database."""

    id: int
    start: walk.Start
    last_id: int
    connect: tuple[list[Any], dict[str, Any]]


def _seam(session: Session, split_from: int, against: Checkpoint | None) -> _Seam | None:
    """Where to cut the log in two, or None when it is walked in one piece (small, or a database no other process
    can open). Ids are nearly dense: their span stands for the number of entries, which only a read of a whole
    index would give."""
    connect = _connect_args(session)
    lowest = session.scalar(select(func.min(AuditEntry.id)))
    highest = session.scalar(select(func.max(AuditEntry.id)))
    if connect is None or lowest is None or highest is None or highest - lowest + 1 < max(split_from, 2):
        return None
    middle = lowest + round((highest - lowest + 1) * _FIRST_SHARE)
    before = session.execute(select(AuditEntry.id, AuditEntry.hash).where(AuditEntry.id < middle)
                             .order_by(AuditEntry.id.desc()).limit(1)).one_or_none()
    seam_id = session.scalar(select(AuditEntry.id).where(AuditEntry.id >= middle).order_by(AuditEntry.id).limit(1))
    if before is None or seam_id is None:
        return None
    keyed_before = session.scalar(
        select(AuditEntry.id).where(AuditEntry.id < seam_id, AuditEntry.scheme == KEYED).limit(1)) is not None
    # Only a checkpoint's checks need the worker to know how many entries come before its half.
    offset = 0 if against is None else session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.id < seam_id)) or 0
    return _Seam(seam_id, walk.Start(before.hash, offset, keyed_before, before.id), highest, connect)


def _rows_sql(dialect: Dialect, first: int | None = None, last: int | None = None) -> str:
    """The query of the entries from id `first` to `last`, every value as text (a damaged value is reported, never
    a traceback)."""
    at: ColumnElement[str] = cast(AuditEntry.at, Text)  # SQLite keeps '2026-01-01 10:00:00.000120' as it is
    if dialect.name == "postgresql":  # whose text would trim the fraction's zeros
        at = func.to_char(AuditEntry.at, "YYYY-MM-DD HH24:MI:SS.US")
    query = select(AuditEntry.id, at, AuditEntry.actor, AuditEntry.action, AuditEntry.target_type,
                   AuditEntry.target_ref, AuditEntry.subject_ref, cast(AuditEntry.details, Text),
                   AuditEntry.prev_hash, AuditEntry.hash, AuditEntry.scheme).order_by(AuditEntry.id)
    if first is not None:
        query = query.where(AuditEntry.id >= first)
    if last is not None:
        query = query.where(AuditEntry.id <= last)
    return str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def _connect_args(session: Session) -> tuple[list[Any], dict[str, Any]] | None:
    """How another process opens the session's database with the same driver, or None if it cannot (a database in
    memory, another kind of database)."""
    engine = session.connection().engine
    if engine.dialect.name not in ("sqlite", "postgresql"):
        return None
    args, kwargs = engine.dialect.create_connect_args(engine.url)
    if engine.dialect.name == "sqlite":
        if not args or args[0] in ("", ":memory:") or "mode=memory" in str(args[0]):
            return None
        kwargs = {**kwargs, "timeout": 30}
    return list(args), {name: value for name, value in kwargs.items() if isinstance(value, str | int | float | bool)}


class _Worker:
    """The process checking the second half of the log (`python -m registre.audit.walk`); ended on leaving, and
    never an error of its own: `result` is None if it failed, and the caller walks the half itself."""

    def __init__(self, task: bytes) -> None:
        source = str(Path(walk.__file__).parents[2])  # the same registre as this process's
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")]))}
        self.process: subprocess.Popen[bytes] | None = None
        try:
            self.process = subprocess.Popen([sys.executable, "-m", "registre.audit.walk"], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
            assert self.process.stdin is not None
            self.process.stdin.write(task)
            self.process.stdin.close()
        except (OSError, ValueError) as error:
            _log.warning("the audit log's second half is checked in this process: %s", error)

    def result(self, patience: float) -> walk.Walked | None:
        """What the worker found, or None if it failed or is still at work after `patience` seconds (its answer is
        a few hundred bytes: the pipe holds it while it waits to be read)."""
        if self.process is None:
            return None
        assert self.process.stdout is not None
        try:
            self.process.wait(timeout=patience)
            if self.process.returncode != 0:
                raise ValueError(f"exit status {self.process.returncode}")
            return walk.result(self.process.stdout.read())
        except (subprocess.TimeoutExpired, ValueError, TypeError, KeyError) as error:
            _log.warning("the audit log's second half is checked in this process: the worker failed (%s)", error)
            return None

    def __enter__(self) -> _Worker:
        return self

    def __exit__(self, *_: object) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:  # the first half was broken: its answer is not needed
            self.process.kill()
        self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def _named(session: Session, walked: walk.Walked) -> Verification:
    """The walk's verification, a broken link named: the entry it follows found later in the log, the order was
    changed; gone, it was removed."""
    result = walked.verification
    if result.problem == "removed" and walked.follows is not None and result.first_bad is not None:
        before = session.scalar(select(AuditEntry.id).where(AuditEntry.hash == walked.follows))
        if before is not None and before > result.first_bad:
            return dataclasses.replace(result, problem="reordered")
    return result


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
