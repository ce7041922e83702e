"""Match checked rows with the subjects already in the store, and write them set-based.

Each batch is matched by its identifiers (one query per kind), then written in one statement per table through the
driver: `executemany` on SQLite, `COPY` on PostgreSQL, with the values already as the columns store them (times
through the column type's own conversion, so that the ORM reads back what it would have written). New subjects take
their ids from the store in one round trip: the sequence on PostgreSQL, the highest id on SQLite, whose write lock
the import's transaction holds. Another database goes through SQLAlchemy Core. Nothing here commits: the load runs
in the caller's transaction.

On PostgreSQL, half the server's work on a COPY is the foreign key check of each row (a query per row, to find and
lock its subject). When the role may, and no trigger or rule of the import's tables would be skipped with them, the
load replaces those checks by one that holds the same: see `Store.by_batch`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as all_done
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from types import TracebackType
from typing import Any, TypeVar

import psycopg
from sqlalchemy import Column, Table, insert, select, text, update
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import Session

from registre.db.base import Base, utcnow
from registre.errors import Conflict
from registre.i18n import Msg
from registre.models.subjects import DataSubject, Identifier, LifecycleEvent, PersonalRecord, new_ref
from registre.subjects.checking import Candidate
from registre.subjects.reading import RowProblem

T = TypeVar("T")
Row = tuple[Any, ...]

LOOKUP = 500  # identifier values per lookup query on SQLite (at most 999 parameters in older versions)
SUBJECTS_PER_READ = 1000  # subjects of the store per read of their records or events
KEPT_MOMENTS = 1 << 16

SUBJECT_GONE = Msg(
    en="A data subject of the store was deleted while the file was being imported; import it again.",
    fr="Une personne du registre a été supprimée pendant l'import du fichier ; importez-le de nouveau.")
SPLIT_SUBJECT = Msg(
    en="{kind} '{value}' belongs to another data subject in the store than {other_kind} '{other}'.",
    fr="{kind} « {value} » appartient, dans le registre, à une autre personne que {other_kind} « {other} ».")

SUBJECT_COLUMNS = ("id", "ref", "category", "created_at")
IDENTIFIER_COLUMNS = ("subject_id", "kind", "value")
RECORD_COLUMNS = ("subject_id", "activity", "data_category", "field", "value", "source", "source_name",
                  "collected_at")  # subject_id, then a PlainItem, then collected_at
EVENT_COLUMNS = ("subject_id", "event", "occurred_at", "details")
SUBJECT_TABLES: tuple[type[Base], ...] = (DataSubject, Identifier, PersonalRecord, LifecycleEvent)


def table(model: type[Base]) -> Table:
    """The table of a model."""
    found = model.__table__
    assert isinstance(found, Table)
    return found


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """The items in lists of `size` (the last one shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@contextmanager
def unprepared(session: Session) -> Iterator[None]:
    """No server-side prepared statements on the session's PostgreSQL connection while the block runs.

    psycopg prepares a statement run five times, and the generic plan PostgreSQL then keeps for a load's statements
    (on the identifiers or subjects of a batch) may read a whole table where a plan for the values probes an index.
    Unprepared, each is planned for its values. (`SET plan_cache_mode = force_custom_plan` would do it too, but it
    also makes the foreign key check of each row a COPY writes plan its query anew, which doubles the COPY's cost.)
    """
    driver = session.connection().connection.driver_connection
    if not isinstance(driver, psycopg.Connection):
        yield
        return
    threshold, driver.prepare_threshold = driver.prepare_threshold, None
    try:
        yield
    finally:
        driver.prepare_threshold = threshold


# The store -------------------------------------------------------------------------------------------------------


class Store:
    """Reads and writes the store for the loader, through the driver where it can.

    Inserts are queued, then run by `flush`, one statement per table, in order. On PostgreSQL they run on a thread of
    their own (`deferred`), so that the server works through a batch's COPY while the next batches are built and
    checked; `wait`, which every read calls first, lets them end before the connection is used again. Only the
    driver connection is used on that thread, and never by two threads at once; the session stays on the caller's.

    `by_batch`: on PostgreSQL, when the role may set `session_replication_role` and no user trigger or rule is
    defined on the tables it `writes`, the load sets it to `replica` (`SET LOCAL`, restored by `close`, undone with the
    savepoint if the load fails), which skips the foreign key triggers of its rows, and nothing else. What those
    checks hold still holds: a new subject is inserted by the same transaction before the rows that refer to it, and
    the subjects already in the store that a batch matched are locked as the checks lock them (`FOR KEY SHARE`, until
    the transaction ends), once per batch instead of once per row; one deleted in between refuses the import.
    """

    def __init__(self, session: Session, writes: Sequence[type[Base]] = SUBJECT_TABLES) -> None:
        self.session = session
        self.writes = [table(model).name for model in writes]  # the tables inserted into: their triggers count
        connection = session.connection()
        self.dialect = connection.dialect
        driver = self.driver(session)
        self.sqlite = driver if isinstance(driver, sqlite3.Connection) else None
        self.postgres = driver if isinstance(driver, psycopg.Connection) else None
        self._moment = self._moment_processor(table(PersonalRecord).c.collected_at)
        self._json = self._processor(table(LifecycleEvent).c.details)
        self._null = self._json(None)
        self._moments: dict[dt.datetime, Any] = {}
        self._queue: list[tuple[Table, Sequence[str], list[Row]]] = []
        self._pending: list[Future[None]] = []
        self._thread = ThreadPoolExecutor(1, "registre-import") if self.postgres is not None else None
        self.deferred = self._thread is not None
        self._role: str | None = None  # session_replication_role before the load, when `by_batch`
        if self.postgres is not None and self._may_check_by_batch(self.postgres):
            [(self._role,)] = self._postgres_rows("SELECT current_setting('session_replication_role')")
            self._postgres_rows("SELECT set_config('session_replication_role', 'replica', true)")
        self.by_batch = self._role is not None

    @staticmethod
    def driver(session: Session) -> Any:
        """The driver's connection under the session's, for the databases it drives directly."""
        return session.connection().connection.driver_connection

    def _postgres_rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        assert self.postgres is not None
        try:
            with self.postgres.cursor() as cursor:
                return cursor.execute(sql, parameters).fetchall()
        except psycopg.Error as error:
            raise self._fail(sql, error) from error

    def _sqlite_rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        assert self.sqlite is not None
        try:
            return self.sqlite.execute(sql, parameters).fetchall()
        except sqlite3.Error as error:
            raise self._fail(sql, error) from error

    def _may_check_by_batch(self, driver: psycopg.Connection[Any]) -> bool:
        """Whether the role may set session_replication_role, and no user trigger or rule would be skipped with it."""
        may = "current_setting('is_superuser') = 'on'"
        if driver.info.server_version >= 150000:
            may += " OR has_parameter_privilege('session_replication_role', 'SET')"
        tables = self.writes
        [(allowed, others)] = self._postgres_rows(f"""
            SELECT ({may}),
                   (SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = ANY(
                        SELECT to_regclass(name) FROM unnest(%s::text[]) AS name))
                 + (SELECT count(*) FROM pg_rewrite WHERE ev_class = ANY(
                        SELECT to_regclass(name) FROM unnest(%s::text[]) AS name))""", (tables, tables))
        return bool(allowed) and others == 0

    def lock_subjects(self, ids: Iterable[int]) -> None:
        """Lock subjects of the store as a foreign key check would (`by_batch`); raise `Conflict` if one is gone."""
        if self.postgres is None or not self.by_batch:
            return
        wanted = sorted(set(ids))
        name, _ = self._names(table(DataSubject))
        self.wait()
        found = self._postgres_rows(f"SELECT s.id FROM unnest(%s::integer[]) AS v(id) CROSS JOIN LATERAL "
                                    f"(SELECT id FROM {name} WHERE id = v.id FOR KEY SHARE) AS s", (wanted,))
        if len(found) != len(wanted):
            raise Conflict(SUBJECT_GONE)

    def _processor(self, column: Column[Any]) -> Callable[[Any], Any]:
        """How the column's type turns a value into what the driver is given; as is when Core does it."""
        process = None
        if self.sqlite is not None or self.postgres is not None:
            process = column.type.dialect_impl(self.dialect).bind_processor(self.dialect)
        return process if process is not None else (lambda value: value)

    def _moment_processor(self, column: Column[Any]) -> Callable[[Any], Any]:
        """How a time column's type turns an aware time into what the driver is given. On SQLite, the text of the UTC
        time as `isoformat` writes it, when that is the column's own text for times of every kind (the type writes
        the same fields with a format of its own; three times of the probe): a fifth of the cost."""
        process = self._processor(column)
        if self.sqlite is None:
            return process

        def utc_text(value: dt.datetime) -> str:
            return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ", "microseconds")

        probes = [dt.datetime(2024, 3, 31, 2, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=2))),
                  dt.datetime(999, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC), dt.datetime(9999, 12, 31, 23, 59, 59, 999_999,
                                                                              tzinfo=dt.UTC)]
        return utc_text if all(utc_text(probe) == process(probe) for probe in probes) else process

    def moment(self, value: dt.datetime) -> Any:
        """A time as a time column stores it."""
        stored = self._moments.get(value)
        if stored is None:
            if len(self._moments) >= KEPT_MOMENTS:
                self._moments.clear()
            stored = self._moments[value] = self._moment(value)
        return stored

    def json(self, value: Any) -> Any:
        """A value as a JSON column stores it (None as JSON null, as Core does)."""
        return self._null if value is None else self._json(value)

    def _names(self, target: Table, columns: Sequence[str] = ()) -> tuple[str, str]:
        quote = self.dialect.identifier_preparer.quote
        return quote(target.name), ", ".join(quote(name) for name in columns)

    def _fail(self, statement: str, error: Exception) -> StatementError:
        """A driver's error as SQLAlchemy raises it."""
        return DBAPIError.instance(statement, None, error, type(error), dialect=self.dialect)

    # Reading

    def lookup(self, kind: str, values: list[str]) -> list[tuple[str, int]]:
        """The (value, subject id) of the stored identifiers of a kind among `values`."""
        self.wait()
        name, _ = self._names(table(Identifier))
        found: list[tuple[str, int]] = []
        if self.postgres is not None:
            # One probe of the unique index per value, whatever the statistics: with none yet (rows written by this
            # transaction) or some, `value = ANY(%s)` reads every identifier of the kind, or the whole table.
            sql = (f"SELECT v.value, i.subject_id FROM unnest(%s::text[]) AS v(value) CROSS JOIN LATERAL "
                   f"(SELECT subject_id FROM {name} WHERE kind = %s AND value = v.value LIMIT 1) AS i")
            found.extend(self._postgres_rows(sql, (values, kind)))
            return found
        for chunk in batches(values, LOOKUP):
            if self.sqlite is not None:
                marks = ", ".join("?" * len(chunk))
                sql = f"SELECT value, subject_id FROM {name} WHERE kind = ? AND value IN ({marks})"
                found.extend(self._sqlite_rows(sql, (kind, *chunk)))
            else:
                query = select(Identifier.value, Identifier.subject_id).where(Identifier.kind == kind,
                                                                             Identifier.value.in_(chunk))
                found.extend(self.session.execute(query).tuples())
        return found

    def by_subject(self, columns: Sequence[Column[Any]], key: Column[Any], ids: Iterable[int]) -> list[Row]:
        """The `columns` of a table's rows whose `key` is one of these subject ids, read as SQLAlchemy reads them."""
        self.wait()
        found: list[Row] = []
        for chunk in batches(sorted(ids), SUBJECTS_PER_READ):
            if self.postgres is not None:
                # By the index, one subject after the other, whatever the statistics (see `lookup`).
                name, names = self._names(key.table, [column.name for column in columns])
                outer = ", ".join(f"t.{column}" for column in names.split(", "))
                statement: Any = text(
                    f"SELECT {outer} FROM unnest(CAST(:ids AS INTEGER[])) AS v(wanted) CROSS JOIN LATERAL "
                    f"(SELECT {names} FROM {name} WHERE {key.name} = v.wanted OFFSET 0) AS t").columns(*columns)
                found.extend(self.session.execute(statement, {"ids": chunk}).tuples())
            else:
                found.extend(self.session.execute(select(*columns).where(key.in_(chunk))).tuples())
        return found

    def execute(self, statement: Any, parameters: Any = None) -> Any:
        """Run a statement through the session, once the inserts under way are done."""
        self.wait()
        return self.session.execute(statement, parameters)

    # Writing

    def new_ids(self, count: int) -> list[int] | None:
        """Ids for new subjects, in one round trip: from the sequence, or after the highest on SQLite; else None."""
        target = table(DataSubject)
        self.wait()
        if self.postgres is not None:
            sql = "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)"
            return sorted(value for (value,) in self._postgres_rows(sql, (target.name, count)))
        if self.sqlite is not None:
            [(highest,)] = self._sqlite_rows(f"SELECT COALESCE(MAX(id), 0) FROM {self._names(target)[0]}")
            return list(range(highest + 1, highest + 1 + count))
        return None

    def new_subjects(self, ids: list[int] | None, rows: list[Row]) -> list[int]:
        """Queue subjects (ref, category, created_at) to insert with these ids; without, insert them for theirs."""
        target = table(DataSubject)
        if ids is None:
            self.flush()
            statement = insert(target).returning(target.c.id, sort_by_parameter_order=True)
            return list(self.session.execute(statement, [dict(zip(SUBJECT_COLUMNS[1:], row, strict=True))
                                                         for row in rows]).scalars())
        self.insert(target, SUBJECT_COLUMNS, [(id_, *row) for id_, row in zip(ids, rows, strict=True)])
        return ids

    def insert(self, target: Table, columns: Sequence[str], rows: list[Row]) -> None:
        """Queue rows to insert, their values in the order of `columns` as `moment` and `json` made them."""
        if rows:
            self._queue.append((target, columns, rows))

    def flush(self) -> None:
        """Run the queued inserts, in order; on PostgreSQL, start them on the store's thread."""
        queue, self._queue = self._queue, []
        if not queue:
            return
        if self._thread is not None:
            self.wait()
            self._pending.append(self._thread.submit(self._insert_all, queue))
        else:
            self._insert_all(queue)

    def _insert_all(self, queue: list[tuple[Table, Sequence[str], list[Row]]]) -> None:
        for target, columns, rows in queue:
            name, names = self._names(target, columns)
            if self.postgres is not None:
                sql = f"COPY {name} ({names}) FROM STDIN"
                try:
                    with self.postgres.cursor() as cursor, cursor.copy(sql) as copy:
                        for row in rows:
                            copy.write_row(row)
                except psycopg.Error as error:
                    raise self._fail(sql, error) from error
            elif self.sqlite is not None:
                sql = f"INSERT INTO {name} ({names}) VALUES ({', '.join('?' * len(columns))})"
                try:
                    self.sqlite.executemany(sql, rows)
                except sqlite3.Error as error:
                    raise self._fail(sql, error) from error
            else:
                self.session.execute(insert(target), [dict(zip(columns, row, strict=True)) for row in rows])

    def wait(self) -> None:
        """Let the inserts under way end; raise the first error among them."""
        pending, self._pending = self._pending, []
        all_done(pending)
        for future in pending:
            future.result()

    def close(self, failing: bool) -> None:
        """Flush and wait for the inserts (only wait when the load is failing), then stop the store's thread."""
        try:
            if failing:
                self._queue.clear()
                all_done(self._pending)
                self._pending.clear()
            else:
                self.flush()
                self.wait()
                if self._role is not None:
                    self._postgres_rows("SELECT set_config('session_replication_role', %s, true)", (self._role,))
        finally:
            if self._thread is not None:
                self._thread.shutdown()


# Loading ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Counts:
    """What a load did so far."""

    created: int = 0
    updated: dict[int, None] = field(default_factory=dict)  # a set, as a dict of ints the collector never walks
    records: int = 0
    records_updated: int = 0
    events: int = 0
    loaded_rows: int = 0


class Loader:
    """Matches checked rows with the subjects already in the store, and writes them set-based.

    Use it as a context manager: on leaving, the last writes are done (or, when the load fails, waited for), so
    that the connection is free for the savepoint to be released or rolled back.
    """

    def __init__(self, session: Session) -> None:
        self.now = utcnow()
        self.counts = Counts()
        self.store = Store(session)

    def __enter__(self) -> Loader:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.store.close(failing=error is not None)

    def match(self, candidates: list[Candidate]) -> tuple[list[Candidate], list[RowProblem]]:
        """Find each row's subject by its identifiers; a row whose identifiers name two subjects is a problem."""
        values: dict[str, set[str]] = defaultdict(set)
        for candidate in candidates:
            for kind, value in candidate.identifiers:
                values[kind].add(value)
        owner: dict[tuple[str, str], int] = {}
        for kind, kind_values in values.items():
            stored = self.store.lookup(kind, sorted(kind_values))
            owner.update(((kind, value), subject_id) for value, subject_id in stored)
        if not owner:
            return candidates, []
        self.store.lock_subjects(owner.values())
        good: list[Candidate] = []
        problems: list[RowProblem] = []
        for candidate in candidates:
            found = [key for key in candidate.identifiers if key in owner]
            other = next((key for key in found if owner[key] != owner[found[0]]), None)
            if other is not None:
                problems.append(candidate.raw.problem(("identifiers", other[0]), SPLIT_SUBJECT, kind=other[0],
                                                      value=other[1], other_kind=found[0][0], other=found[0][1]))
                continue
            if found:
                candidate.subject_id, candidate.known = owner[found[0]], set(found)
            good.append(candidate)
        return good, problems

    def load(self, candidates: list[Candidate]) -> None:
        """Write a batch of matched rows: new subjects, new identifiers, records (added or updated), new events.

        On PostgreSQL the batch's inserts start with the next batch's `load`, after that batch was matched and given
        its ids, so that the connection goes from one batch's COPY to the next with only those two queries between.
        A batch never needs the inserts of the one before to be matched: a row that shares an identifier with an
        earlier row is a duplicate, refused by the checker. What does need them (the records and events of subjects
        in the store) waits for them.
        """
        store = self.store
        new = [c for c in candidates if c.subject_id is None]
        existing = {c.subject_id for c in candidates if c.subject_id is not None}
        ids = store.new_ids(len(new)) if new else []
        store.flush()
        if new:
            created = store.moment(self.now)
            ids = store.new_subjects(ids, [(new_ref(), c.category, created) for c in new])
            for candidate, subject_id in zip(new, ids, strict=True):
                candidate.subject_id = subject_id
        placed = [(c, c.subject_id) for c in candidates if c.subject_id is not None]
        store.insert(table(Identifier), IDENTIFIER_COLUMNS,
                     [(subject_id, kind, value) for c, subject_id in placed for kind, value in c.identifiers
                      if (kind, value) not in c.known])
        if existing:
            self._categories(placed, existing)
        self._records(placed, existing)
        self._events(placed, existing)
        if not store.deferred:
            store.flush()
        self.counts.created += len(new)
        self.counts.updated.update(dict.fromkeys(existing))
        self.counts.loaded_rows += len(placed)

    def _categories(self, placed: list[tuple[Candidate, int]], existing: set[int]) -> None:
        """A subject stored without a category takes the row's."""
        subjects = table(DataSubject)
        unset = {sid for sid, category in self.store.by_subject((subjects.c.id, subjects.c.category), subjects.c.id,
                                                                existing) if category is None}
        by_category: dict[str, list[int]] = defaultdict(list)
        for candidate, subject_id in placed:
            if subject_id in unset:
                by_category[candidate.category].append(subject_id)
        for category, ids in by_category.items():
            for chunk in batches(ids, SUBJECTS_PER_READ):
                self.store.execute(update(DataSubject).where(DataSubject.id.in_(chunk), DataSubject.category.is_(None))
                                   .values(category=category))

    def _records(self, placed: list[tuple[Candidate, int]], existing: set[int]) -> None:
        """Add the records of new subjects; add or change those of subjects already in the store."""
        current = self._current(existing) if existing else {}
        rows: list[Row] = []
        added: dict[tuple[int, str, str, str], int] = {}  # a record of a subject in the store: its place in rows
        changed: dict[int, dict[str, Any]] = {}
        for candidate, subject_id in placed:
            collected = self.store.moment(candidate.collected(self.now))
            if subject_id not in existing:
                rows.extend((subject_id, *item, collected) for item in candidate.row.data if item[3])
                continue
            for item in candidate.row.data:
                activity, data_category, name, value, source, source_name = item
                if not value:
                    continue
                key = (subject_id, activity, data_category, name)
                state = (value, source, source_name)
                if key not in current:
                    if key in added:
                        rows[added[key]] = (subject_id, *item, collected)
                    else:
                        added[key] = len(rows)
                        rows.append((subject_id, *item, collected))
                elif current[key][1] != state:
                    changed[current[key][0]] = {"id": current[key][0], "updated_at": self.now, "value": value,
                                                "source": source, "source_name": source_name}
        if changed:
            self.store.execute(update(PersonalRecord), list(changed.values()))
        self.store.insert(table(PersonalRecord), RECORD_COLUMNS, rows)
        self.counts.records += len(rows)
        self.counts.records_updated += len(changed)

    def _current(self, existing: set[int]) -> dict[tuple[int, str, str, str], tuple[int, Row]]:
        """The records of subjects in the store: (id, (value, source, source name)) by subject and field."""
        c = table(PersonalRecord).c
        rows = self.store.by_subject((c.id, c.subject_id, c.activity, c.data_category, c.field, c.value, c.source,
                                      c.source_name), c.subject_id, existing)
        return {(sid, activity, category, name): (rid, (value, source, source_name))
                for rid, sid, activity, category, name, value, source, source_name in rows}

    def _events(self, placed: list[tuple[Candidate, int]], existing: set[int]) -> None:
        seen: set[tuple[int, str, Any]] = set()
        if existing:
            c = table(LifecycleEvent).c
            seen.update(self.store.by_subject((c.subject_id, c.event, c.occurred_at), c.subject_id, existing))
        moment, json = self.store.moment, self.store.json
        rows: list[Row] = []
        for candidate, subject_id in placed:
            if subject_id not in existing and len(candidate.moments) == 1:
                [(event, at)] = candidate.events()
                rows.append((subject_id, event.event, moment(at), json(event.details)))
                continue
            for event, at in candidate.events():
                if (subject_id, event.event, at) not in seen:
                    seen.add((subject_id, event.event, at))
                    rows.append((subject_id, event.event, moment(at), json(event.details)))
        self.store.insert(table(LifecycleEvent), EVENT_COLUMNS, rows)
        self.counts.events += len(rows)
