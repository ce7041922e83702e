"""Retention sweeps on a connected database: the tasks the declaration's rules give for each annotated table, the
plan (rows due, counted, nothing changed) and the run, in short batches that a killed run resumes.

A batch reads the keys of the next rows due and acts on them in one transaction, so a row is either untouched or
fully processed; what is done leaves the rows no longer due (deleted, archived, or anonymised, which clears the
columns that the due predicate requires), and running again finishes the work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from typing import Any

from sqlalchemy import Column as SqlColumn
from sqlalchemy import Connection, and_, delete, false, func, literal, not_, or_, select, text, true, update
from sqlalchemy.sql import ColumnElement

from registre.connectors.finding import Key, key_clause
from registre.connectors.mapping import Connected, MappedTable
from registre.connectors.schemas import Erase
from registre.connectors.sql import erased_value
from registre.declarations.declared import Declared
from registre.declarations.schemas import EndAction, RetentionRule
from registre.retention import combine, due
from registre.retention.archive import Archive
from registre.retention.combine import SQL

NO_ARCHIVE = "the rule archives, and the dataset names no archive"


class Action(StrEnum):
    """What a task does to the rows due."""

    delete = "delete"
    anonymise = "anonymise"
    archive = "archive"
    erase_columns = "erase_columns"
    purge_archive = "purge_archive"


@dataclass
class Task:
    """One rule on one table: the rows due, what to do with them, and the rows its period has left but that are held
    back (by an obligation, a longer rule, a legal hold: counted by the plan)."""

    table: MappedTable
    rule: str
    action: Action
    where: ColumnElement[bool]
    changes: dict[str, ColumnElement[Any]] = field(default_factory=dict)
    blocked: ColumnElement[bool] | None = None  # due, but other rows still point to them
    quasi_identifiers: list[str] = field(default_factory=list)
    anonymised: ColumnElement[bool] | None = None  # rows already anonymised, for the k-anonymity check
    held: dict[str, ColumnElement[bool]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """`table: rule (action)`."""
        return f"{self.table.name}: {self.rule} ({self.action.value})"


@dataclass
class Skipped:
    """A rule that cannot be applied to a table as written, and why (the rows it concerns are kept)."""

    table: str
    rule: str
    reason: str


@dataclass
class Sweep:
    """Everything a sweep of one dataset does, in order (the tables other rows point to last), and the rows of each
    table that no rule gives an end to."""

    connected: Connected
    tasks: list[Task]
    skipped: list[Skipped]
    archive: Archive | None = None
    k: int = 5
    endless: dict[str, ColumnElement[bool]] = field(default_factory=dict)


Progress = Callable[[Task, int, str], None]
# Told of what the k-anonymity step changed before its transaction commits (to journal it); returns what to call
# once it has committed.
Checked = Callable[[Task, dict[str, Any]], Callable[[], object]]
Placed = tuple[str, RetentionRule]  # a rule and its label
PREFERENCE = {Action.archive: 0, Action.anonymise: 1, Action.delete: 2}  # when rules disagree, the one that keeps


@dataclass
class _Table:
    """What a table's rules decide, per data category and for the whole row."""

    mapped: MappedTable
    rules: list[Placed]
    categories: dict[str, list[str]]  # data category -> its columns
    verdicts: dict[str, combine.Verdict[ColumnElement[bool]]]
    missing: due.Unmapped

    @property
    def row_due(self) -> ColumnElement[bool]:
        """Every category of the row is due."""
        return SQL.all([v.due for v in self.verdicts.values()])

    def governs(self, label: str) -> ColumnElement[bool]:
        """The rows where the rule of that label is one of those that apply, to any category."""
        found = []
        for category, verdict in self.verdicts.items():
            covering = [name for name, rule in self.rules if combine.covers(rule, data=category)]
            if label in covering:
                found.append(verdict.governs[covering.index(label)])
        return SQL.any(found)


def judge(connected: Connected, mapped: MappedTable, rules: Sequence[Placed], today: dt.date, *,
          financial_year_end: str, archived: bool = False) -> _Table | None:
    """The combined decision of an activity's rules on a table's rows (None: it holds no categorised data)."""
    categories: dict[str, list[str]] = {}
    for name, spec in mapped.personal:
        if spec.data is not None:
            categories.setdefault(spec.data, []).append(name)
    relevant = [(label, rule) for label, rule in rules if any(combine.covers(rule, data=d) for d in categories)]
    if not categories:
        return None
    missing = due.Unmapped()
    verdicts = {d: due.verdict(connected, mapped, [r for _, r in relevant if combine.covers(r, data=d)], today,
                               missing, financial_year_end=financial_year_end, archived=archived)
                for d in categories}
    return _Table(mapped, relevant, categories, verdicts, missing)


def prepare(connected: Connected, declared: Declared, today: dt.date, *, held: dict[str, list[Key]],
            pseudonym_key: str, archive: Archive | None = None, k: int = 5) -> Sweep:
    """The tasks of every annotated table on `today`, from how its activity's rules combine
    (`registre.retention.combine`); rows under a legal hold (`held`, keys by table) are left, and reference tables
    (reached through the person's rows, never theirs by a rule) have none."""
    tasks: list[Task] = []
    skipped: list[Skipped] = []
    endless: dict[str, ColumnElement[bool]] = {}
    year_end = declared.declaration.controller.financial_year_end
    defaults = declared.declaration.retention_defaults.then
    for mapped in connected.children_first(connected.tables):
        activity = declared.activity(mapped.spec.activity)
        if activity is None or mapped.reference:  # a city, a country, an address: not the person's data
            continue
        rules = [(combine.label(p.rule, i, activity.id), p.rule) for i, p in enumerate(declared.rules(activity))]
        table = judge(connected, mapped, rules, today, financial_year_end=year_end)
        if table is None:
            continue
        endless[mapped.name] = SQL.any([v.endless for v in table.verdicts.values()])
        kept = due.excluding(mapped, held.get(mapped.name, []))
        found = _row_tasks(connected, table, kept, today, year_end, defaults, pseudonym_key, archive, skipped)
        found += _column_tasks(connected, table, kept, today, year_end, pseudonym_key)
        if archive is not None and any(task.action is Action.archive for task in found):
            purge = archive.purge_task(mapped, ", ".join(label for label, _ in table.rules),
                                       partial(_archive_due, rules=rules, today=today, year_end=year_end))
            if purge is not None:
                found.append(purge)
        tasks.extend(found)
        skipped.extend(_notes(mapped.name, table))
    return Sweep(connected, tasks, skipped, archive, k, endless)


def count(sweep: Sweep, connection: Connection, task: Task) -> dict[str, int]:
    """How many rows the task would act on now, and how many whose period is over are held back: by other rows that
    point to them (`blocked`), an obligation to keep (`minimum`), a longer rule (`longer_rule`), a legal hold."""
    if task.action is Action.purge_archive:
        assert sweep.archive is not None
        return {"due": sweep.archive.count(task)}
    tests = {"due": task.where, **({"blocked": task.blocked} if task.blocked is not None else {}), **task.held}
    return combine.tally(connection, task.table.table, tests)


def endless(sweep: Sweep, connection: Connection) -> dict[str, int]:
    """Per table, the rows kept with no determinable end: no rule applies to one of their data, or one that applies
    names no event to count from, or none the annotation records."""
    counted = {name: combine.tally(connection, sweep.connected.tables[name].table, {"rows": test})["rows"]
               for name, test in sweep.endless.items()}
    return {name: n for name, n in counted.items() if n}


def run(sweep: Sweep, task: Task, *, batch: int, progress: Progress | None = None,
        intended: Progress | None = None, checked: Checked | None = None) -> dict[str, Any]:
    """Do one task in batches of `batch` rows, each its own transaction; returns what was done. `intended` is told
    of each batch before its transaction commits (to journal it), `progress` after; `checked`, of the values the
    k-anonymity step of an anonymisation suppressed and the rows it deleted, if any."""
    if task.action is Action.purge_archive:
        assert sweep.archive is not None
        return {"purged": sweep.archive.purge(task, batch=batch, progress=progress, intended=intended)}
    engine = sweep.connected.engine
    done = 0
    cursor = _Cursor(task, batch)
    while True:
        with engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # A batch lost in a server crash is redone by the next run: no need to wait for the disk at
                # each of hundreds of commits (the single DELETE a DBA would write waits once).
                connection.execute(text("SET LOCAL synchronous_commit TO OFF"))
            scope = cursor.next(connection)
            if scope is None:
                break
            rows, statement = _apply(sweep, connection, task, scope)
            if intended is not None and rows:
                intended(task, rows, statement)
        done += rows
        if progress is not None and rows:
            progress(task, rows, statement)
    result: dict[str, Any] = {"rows": done}
    if task.action is Action.anonymise and task.quasi_identifiers and task.anonymised is not None:
        settle: Callable[[], object] | None = None
        with engine.begin() as connection:
            check = suppress_small_groups(connection, sweep, task)
            if checked is not None and (check["values_suppressed"] or check["rows_deleted"]):
                settle = checked(task, check)
        if settle is not None:
            settle()
        result["k_anonymity"] = check
    return result


def suppress_small_groups(connection: Connection, sweep: Sweep, task: Task) -> dict[str, Any]:
    """k-anonymity over the quasi-identifiers of the anonymised rows: values that fewer than k rows share are
    suppressed (set to NULL); if the rows left with every value suppressed are themselves fewer than k, those rows
    are deleted where nothing points to them. Passed when every combination left is shared by k rows or more."""
    assert task.anonymised is not None
    k = sweep.k
    table = task.table.table
    columns = [table.c[name] for name in task.quasi_identifiers]
    small = connection.execute(select(*columns).where(task.anonymised).group_by(*columns)
                               .having(func.count() < k)).all()
    suppressed = 0
    for values in small:
        same = and_(*[c.is_not_distinct_from(v) for c, v in zip(columns, values, strict=True)])
        suppressed += connection.execute(update(table).where(task.anonymised, same)
                                         .values({c.name: None for c in columns})).rowcount
    blank = and_(task.anonymised, *[c.is_(None) for c in columns])
    deleted = 0
    if 0 < (connection.scalar(select(func.count()).select_from(table).where(blank)) or 0) < k:
        free = due.unreferenced(sweep.connected, task.table)
        deleted = connection.execute(delete(table).where(blank, free)).rowcount
    sizes = select(func.count().label("n")).select_from(table).where(task.anonymised).group_by(*columns).subquery()
    smallest = connection.scalar(select(func.min(sizes.c.n)))
    return {"k": k, "groups_suppressed": len(small), "values_suppressed": suppressed, "rows_deleted": deleted,
            "passed": smallest is None or smallest >= k}


class _Cursor:
    """Where a run is in a table: the next batch of rows due, each batch continuing after the last key seen.

    On PostgreSQL and SQLite with a one-column key a batch is a key range, sent as two bounds rather than a list of
    keys. It is cut from the rows due; once these prove dense (most keys of a range are due) and the key is an
    integer, the key space up to its greatest value is cut in slices of `batch` keys, which reads each row once, as
    a single DELETE does, and the rows due after it are then cut as before. MariaDB, which cannot update a table that
    its own subquery reads, gets the list of keys.
    """

    def __init__(self, task: Task, batch: int) -> None:
        self.task = task
        self.batch = batch
        self.last: Any = None
        self.top: Any = None  # the greatest key when the rows due proved dense: the key space is then sliced
        self.column = task.table.column(task.table.key[0])

    def next(self, connection: Connection) -> ColumnElement[bool] | None:
        """The rows of the next batch, or None when the work is done."""
        mapped = self.task.table
        if len(mapped.key) > 1 or connection.dialect.name not in ("postgresql", "sqlite"):
            return self._listed(connection)
        after = self.column > self.last if self.last is not None else true()
        if self.top is not None and self.last < self.top:
            upper: Any = self.last + self.batch  # dense: a slice of the key space, no query to cut it
        else:
            upper = self._upper(connection, select(self.column).where(after, self.task.where))
            if upper is None:
                return None
            if self.top is None and isinstance(upper, int) and isinstance(self.last, int) and \
                    upper - self.last <= 2 * self.batch:
                self.top = connection.scalar(select(func.max(self.column)))
        scope = and_(self.task.where, after, self.column <= upper)
        self.last = upper
        return scope

    def _upper(self, connection: Connection, query: Any) -> Any:
        upper = connection.scalar(query.order_by(self.column).offset(self.batch - 1).limit(1))
        if upper is None:
            rest = query.subquery()
            upper = connection.scalar(select(func.max(rest.c[self.column.name])))
        return upper

    def _listed(self, connection: Connection) -> ColumnElement[bool] | None:
        mapped = self.task.table
        columns = [mapped.column(name) for name in mapped.key]
        query = select(*columns).where(self.task.where)
        if self.last is not None:
            query = query.where(columns[0] > self.last)
        keys = [tuple(row) for row in connection.execute(query.order_by(*columns).limit(self.batch))]
        if not keys:
            return None
        self.last = keys[-1][0] if len(columns) == 1 else None
        return key_clause(mapped, keys)


def _apply(sweep: Sweep, connection: Connection, task: Task, scope: ColumnElement[bool]) -> tuple[int, str]:
    """Act on the rows in `scope`, in the caller's transaction; returns how many and the statement run."""
    mapped = task.table
    if task.action is Action.archive:
        assert sweep.archive is not None
        rows = [dict(row) for row in connection.execute(select(mapped.table).where(scope)).mappings()]
        sweep.archive.store(connection, mapped, rows)
        if not rows:
            return 0, ""
        # Deleted by the keys copied, not the scope again: a row that became due meanwhile waits for its copy.
        scope = key_clause(mapped, [tuple(row[name] for name in mapped.key) for row in rows])
    statement: Any = (update(mapped.table).where(scope).values(task.changes)
                      if task.action in (Action.anonymise, Action.erase_columns)
                      else delete(mapped.table).where(scope))
    done = connection.execute(statement).rowcount
    return done, str(statement.compile(connection))


def _row_tasks(connected: Connected, table: _Table, kept: ColumnElement[bool], today: dt.date, year_end: str,
               defaults: Sequence[EndAction], key: str, archive: Archive | None, skipped: list[Skipped]) -> list[Task]:
    """Whole rows whose every category is due: acted on by the end action of the rule that governs them, the rules
    that keep most first (archive, anonymise, delete), each row by one task only."""
    mapped = table.mapped
    ordered = sorted(table.rules, key=lambda placed: PREFERENCE[_action(placed[1], defaults)])
    row_due = table.row_due
    minimum = SQL.any([v.minimum_holds for v in table.verdicts.values()])
    earlier: list[ColumnElement[bool]] = []
    tasks = []
    for label, rule in ordered:
        governs = and_(table.governs(label), not_(or_(false(), *earlier)))
        earlier.append(table.governs(label))
        period = due.over(connected, mapped, rule, today, due.Unmapped(), financial_year_end=year_end)
        ended = and_(governs, false() if period is None else period)
        task = _task(connected, mapped, rule, label, and_(governs, row_due, kept), defaults, key, archive, skipped)
        if task is None:
            continue
        task.held = {"minimum": and_(ended, not_(row_due), minimum),
                     "longer_rule": and_(ended, not_(row_due), not_(minimum)),
                     "legal_hold": and_(governs, row_due, not_(kept))}
        tasks.append(task)
    return tasks


def _column_tasks(connected: Connected, table: _Table, kept: ColumnElement[bool], today: dt.date, year_end: str,
                  key: str) -> list[Task]:
    """The columns of a category whose rules are over while the rest of the row is kept: cleared. A category whose
    rule archives is kept in place until the archive period ends (whole rows only are archived)."""
    rules = table.rules
    covering = {d: tuple(label for label, rule in rules if combine.covers(rule, data=d)) for d in table.categories}
    if len(set(covering.values())) < 2:
        return []  # the same rules on every category: the row goes whole
    mapped = table.mapped
    kept_until = judge(connected, mapped, rules, today, financial_year_end=year_end, archived=True)
    assert kept_until is not None
    tasks = []
    for category, columns in table.categories.items():
        nullable = [mapped.column(n).is_not(None) for n in columns if mapped.column(n).nullable]
        if not nullable:
            continue
        labels = ", ".join(covering[category])
        where = and_(kept_until.verdicts[category].due, not_(table.row_due), or_(*nullable), kept)
        tasks.append(Task(mapped, labels, Action.erase_columns, where,
                          {name: _anonymous_value(mapped, name, key) for name in columns}))
    return tasks


def _archive_due(alone: Connected, copy: MappedTable, *, rules: Sequence[Placed], today: dt.date,
                 year_end: str) -> ColumnElement[bool] | None:
    """The archived rows whose every period, the archive's included, is over."""
    judged = judge(alone, copy, rules, today, financial_year_end=year_end, archived=True)
    return None if judged is None else judged.row_due


def _action(rule: RetentionRule, defaults: Sequence[EndAction]) -> Action:
    """What a rule does to whole rows at its end."""
    then = rule.then or defaults
    if rule.archive is not None or (EndAction.archive in then and EndAction.delete not in then):
        return Action.archive
    return Action.anonymise if EndAction.anonymise in then else Action.delete


def _task(connected: Connected, mapped: MappedTable, rule: RetentionRule, label: str, where: ColumnElement[bool],
          defaults: Sequence[EndAction], key: str, archive: Archive | None, skipped: list[Skipped]) -> Task | None:
    free = due.unreferenced(connected, mapped)
    then = rule.then or defaults
    action = _action(rule, defaults)
    if action is Action.archive:
        if archive is None:
            skipped.append(Skipped(mapped.name, label, NO_ARCHIVE))
            return None
        return Task(mapped, label, Action.archive, and_(where, free), blocked=and_(where, ~free))
    if action is Action.anonymise:
        anonymising = _anonymisation(connected, mapped, key)
        if anonymising is not None:
            changes, pending, quasi = anonymising
            return Task(mapped, label, Action.anonymise, and_(where, pending), changes, quasi_identifiers=quasi,
                        anonymised=~pending)
        if EndAction.delete not in then:
            skipped.append(Skipped(mapped.name, label, "anonymising needs a nullable column to clear (the link to "
                                                       "the person, an identifier)"))
            return None
    return Task(mapped, label, Action.delete, and_(where, free), blocked=and_(where, ~free))


def _anonymisation(connected: Connected, mapped: MappedTable,
                   key: str) -> tuple[dict[str, ColumnElement[Any]], ColumnElement[bool], list[str]] | None:
    """The values that anonymise a row (generalised quasi-identifiers, everything else that identifies cleared,
    the link to the person cut), the test of a row not yet anonymised, and the quasi-identifiers."""
    steps = connected.chain(mapped)
    links = [steps[0].child_columns[0]] if steps else []
    changes: dict[str, ColumnElement[Any]] = {}
    cleared = []
    for name, spec in mapped.personal:
        if name in mapped.key:
            continue
        changes[name] = _anonymous_value(mapped, name, key)
        if spec.erase is None or not spec.erase.generalises:
            cleared.append(name)
    for name in links:
        if mapped.column(name).nullable:
            changes[name] = literal(None)
            cleared.append(name)
    pending = [mapped.column(n).is_not(None) for n in cleared if mapped.column(n).nullable]
    if not pending:
        return None
    quasi = [name for name, spec in mapped.spec.columns.items() if spec.quasi_identifier]
    return changes, or_(*pending), quasi


def _anonymous_value(mapped: MappedTable, name: str, key: str) -> ColumnElement[Any]:
    """A column's value once anonymised: its generalisation, else cleared (a pseudonym is not anonymous)."""
    spec = mapped.spec.columns[name]
    column: SqlColumn[Any] = mapped.column(name)
    if spec.erase is not None and spec.erase.generalises:
        return erased_value(spec.erase, column, spec, key)
    if spec.erase is Erase.overwrite:
        return erased_value(spec.erase, column, spec, key)
    return literal(None) if column.nullable else literal("")


def _notes(table: str, judged: _Table) -> list[Skipped]:
    """What the annotation lacks to apply the rules as written: the rows they concern are kept."""
    missing = judged.missing
    notes = []
    if missing.events:
        notes.append(Skipped(table, ", ".join(label for label, _ in judged.rules),
                             "no column records " + ", ".join(sorted(set(missing.events))) +
                             ": the rows it would end are kept"))
    if missing.attributes:
        notes.append(Skipped(table, ", ".join(label for label, _ in judged.rules),
                             "no column holds " + ", ".join(sorted(set(missing.attributes))) +
                             ": the condition may hold, so the rows are kept as if it did"))
    return notes
