"""Walking the audit log in order, checking each entry's hash and each link of the chain: in this process, or, for
the second half of a large log, in a worker process (`python -m registre.audit.walk`: its task on stdin, its result
on stdout), so that both cores work.

Each entry's hash covers only its own content and the previous entry's hash, which the entry stores: a walk can
start anywhere, given the hash of the entry before its first. Only the database's DB-API driver, orjson and the
chain's arithmetic are used here (no SQLAlchemy, no settings), so that a worker starts in a fraction of a second.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import sys
from collections.abc import Generator, Iterable, Sequence
from contextlib import closing
from dataclasses import asdict, dataclass
from typing import Any, Literal

import orjson

from registre.audit import chain
from registre.audit.chain import GENESIS, KEYED, LEGACY, Checkpoint

Problem = Literal["altered", "removed", "reordered", "damaged", "truncated", "rewritten", "foreign_checkpoint"]

# id, at (as text), actor, action, target_type, target_ref, subject_ref, details (as text), prev_hash, hash, scheme
Row = tuple[Any, ...]


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


@dataclass(frozen=True, slots=True)
class Start:
    """Where a walk begins: the entry before its first (id and hash), how many entries come before it, and
    whether one of them is keyed (an unkeyed entry after a keyed one is a forgery)."""

    prev_hash: str = GENESIS
    checked: int = 0
    keyed_seen: bool = False
    head_id: int | None = None


@dataclass(frozen=True, slots=True)
class Walked:
    """What a walk found; `follows` is, when an entry does not follow the one before it, the hash it claims to
    follow (the caller looks it up to tell a removal from a reordering)."""

    verification: Verification
    keyed_seen: bool
    follows: str | None = None


def _expected(digest: chain.Keyer, row: Row) -> str | None:
    """The hash an entry should carry, or None when a value cannot be read."""
    _, at_text, actor, action, target_type, target_ref, subject_ref, details_text, prev_hash, _, scheme = row
    if not isinstance(at_text, str) or actor is None or action is None or target_type is None \
            or prev_hash is None or details_text is None:
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
            return digest(prev_hash, at, actor, action, target_type, target_ref, subject_ref, details)
        if scheme == LEGACY:
            return chain.legacy(prev_hash, at, actor, action, target_type, target_ref, subject_ref, details)
    except (ValueError, TypeError, RecursionError):
        return None
    return None


def _judge(digest: chain.Keyer, row: Row, expected_prev: str, no_legacy: bool) -> Problem | None:
    """What is wrong with an entry the fast path did not pass, if anything (the reference rules, for any row)."""
    expected = _expected(digest, row)
    if expected is None:
        return "damaged"
    # an unkeyed entry after a keyed one is a forgery by someone without the key; so is one past a checkpoint
    if expected != row[9] or (row[10] == LEGACY and no_legacy):
        return "altered"
    if row[8] != expected_prev:
        return "removed"  # or reordered: the caller looks up the entry it follows
    return None


def walk(batches: Generator[Sequence[Row], None, None], key: bytes, start: Start, against: Checkpoint | None, *,
         final: bool) -> Walked:
    """Check entries in order from `start`: name the first altered, removed or unreadable one, and, with a
    checkpoint, the entry it signed that is no longer the same; `final` when the walk reaches the end of the log,
    which then must hold every entry the checkpoint counted."""
    with closing(batches):  # a walk that stops at a broken entry closes its cursor at once
        return _walk(batches, key, start, against, final)


def _walk(batches: Iterable[Sequence[Row]], key: bytes, start: Start, against: Checkpoint | None,
          final: bool) -> Walked:
    digest = chain.keyer(key)
    loads = orjson.loads
    count = against.count if against is not None else None
    expected_prev, checked, keyed_seen = start.prev_hash, start.checked, start.keyed_seen
    legacy, head_id = 0, start.head_id
    for batch in batches:
        for row in batch:
            entry_id, at, actor, action, target_type, target_ref, subject_ref, details, prev_hash, stored, scheme = row
            # The common entry, inlined: keyed, following the one before, `at` as '2026-01-01 10:00:00.000120'
            # (one text for one moment: any other form takes `_judge`, which reads every form or names it).
            try:
                fast = scheme == KEYED and prev_hash == expected_prev and len(at) == 26 and at[10] == " " \
                    and at[19] == "." and digest(
                        prev_hash, f"{at[:10]}T{at[11:19]}{'' if at[20:] == '000000' else '.' + at[20:]}+00:00",
                        actor, action, target_type, target_ref, subject_ref, loads(details)) == stored
            except (TypeError, ValueError):
                fast = False
            if fast:
                keyed_seen = True
            else:
                problem = _judge(digest, row, expected_prev, keyed_seen or (count is not None and checked >= count))
                if problem is not None:
                    return Walked(Verification(checked, entry_id, problem, head_id, expected_prev, legacy, count),
                                  keyed_seen, prev_hash if problem == "removed" else None)
                keyed_seen = keyed_seen or scheme == KEYED
                legacy += scheme == LEGACY
            # Ids may skip a number (PostgreSQL keeps a rolled-back entry's id): the chain of hashes alone tells.
            expected_prev, head_id = stored, entry_id
            checked += 1
            if checked == count and against is not None and stored != against.head_hash:
                return Walked(Verification(checked, entry_id, "rewritten", head_id, expected_prev, legacy, count),
                              keyed_seen)
    if final and count is not None and checked < count:
        return Walked(Verification(checked, None, "truncated", head_id, expected_prev, legacy, count), keyed_seen)
    return Walked(Verification(checked, None, None, head_id, expected_prev, legacy, count), keyed_seen)


def batches(connection: Any, dialect: str, sql: str, size: int) -> Generator[list[Row], None, None]:
    """The rows of `sql` a batch at a time, as plain tuples straight from the driver (a server-side cursor on
    PostgreSQL), so that memory stays flat and the time is the database's and the hashing's."""
    cursor = connection.cursor(name="registre_audit_walk") if dialect == "postgresql" else connection.cursor()
    with closing(cursor):
        cursor.execute(sql)
        while rows := cursor.fetchmany(size):
            yield rows


# --- the worker process ----------------------------------------------------------------------------------------------

def task(*, dialect: str, connect: tuple[list[Any], dict[str, Any]], sql: str, key: bytes, start: Start,
         against: Checkpoint | None, batch: int) -> bytes:
    """A worker's task, as its stdin carries it (the key too: never on the command line, which others can read)."""
    return orjson.dumps({"dialect": dialect, "connect": connect, "sql": sql,
                         "key": base64.b64encode(key).decode(), "start": asdict(start),
                         "against": None if against is None else against.as_dict(), "batch": batch})


def _connect(dialect: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    if dialect == "postgresql":
        import psycopg  # only PostgreSQL's workers load it

        return psycopg.connect(*args, **kwargs)
    return sqlite3.connect(*args, **kwargs)


def run(data: bytes) -> bytes:
    """Do a worker's task: connect, walk its rows, and give back what it found."""
    spec = orjson.loads(data)
    point = spec["against"]
    against = None if point is None else Checkpoint(point["count"], point["head_id"], point["head_hash"],
                                                    point["at"], point["public_key"], point["signature"])
    connection = _connect(spec["dialect"], *spec["connect"])
    with closing(connection):
        walked = walk(batches(connection, spec["dialect"], spec["sql"], spec["batch"]),
                      base64.b64decode(spec["key"]), Start(**spec["start"]), against, final=True)
    return orjson.dumps({"verification": asdict(walked.verification), "keyed_seen": walked.keyed_seen,
                         "follows": walked.follows})


def result(data: bytes) -> Walked:
    """A worker's result, read back."""
    value = orjson.loads(data)
    return Walked(Verification(**value["verification"]), value["keyed_seen"], value["follows"])


if __name__ == "__main__":
    sys.stdout.buffer.write(run(sys.stdin.buffer.read()))
