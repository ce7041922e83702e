"""Who a breach affects: the people and records it reaches, counted and listed from where the data live.

A breach's scope is the activities, data categories and subject categories it touched, and the window in which
the affected data were collected. The built-in subject store answers first, then each connected database
(`sources(settings)`), and the counts and lists add up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import ColumnElement, Date, Select, and_, func, null, select, true, union
from sqlalchemy.orm import Session

from registre.config import Settings
from registre.connectors.mapping import Annotation, Connected, MappedTable
from registre.connectors.service import datasets, opened
from registre.models.subjects import DataSubject, Identifier, PersonalRecord
from registre.subjects.schemas import EMAIL


@dataclass(frozen=True, slots=True)
class Scope:
    """What a breach touched; an empty list means no restriction on that part, an all-empty scope is unknown."""

    activities: tuple[str, ...] = ()
    data_categories: tuple[str, ...] = ()
    subject_categories: tuple[str, ...] = ()
    collected_from: dt.datetime | None = None
    collected_to: dt.datetime | None = None

    @property
    def known(self) -> bool:
        """Whether the scope says anything: an unknown scope is never counted as 'everyone'."""
        return bool(self.activities or self.data_categories or self.subject_categories or self.collected_from
                    or self.collected_to)


@dataclass(frozen=True, slots=True)
class Counts:
    """How many people and personal-data records a breach reaches."""

    subjects: int
    records: int


@dataclass(frozen=True, slots=True)
class Person:
    """One affected person, as the letters need them."""

    ref: str
    category: str | None
    email: str | None
    source: str


class Source(Protocol):
    """A place where personal data live and that can say who a breach reaches."""

    name: str

    def count(self, session: Session, scope: Scope) -> Counts:
        """The people and records of the scope in this source."""
        ...

    def people(self, session: Session, scope: Scope) -> Iterator[Person]:
        """The people of the scope in this source."""
        ...


class BuiltinStore:
    """The built-in subject store: the records that match, counted by the database, never row by row."""

    name = "store"

    def _where(self, scope: Scope) -> ColumnElement[bool]:
        conditions: list[ColumnElement[bool]] = []
        if scope.activities:
            conditions.append(PersonalRecord.activity.in_(scope.activities))
        if scope.data_categories:
            conditions.append(PersonalRecord.data_category.in_(scope.data_categories))
        if scope.subject_categories:
            conditions.append(DataSubject.category.in_(scope.subject_categories))
        if scope.collected_from is not None:
            conditions.append(PersonalRecord.collected_at >= scope.collected_from)
        if scope.collected_to is not None:
            conditions.append(PersonalRecord.collected_at <= scope.collected_to)
        return and_(*conditions)

    def _records(self, scope: Scope) -> Select[tuple[int]]:
        return select(PersonalRecord.subject_id).join(DataSubject, DataSubject.id == PersonalRecord.subject_id) \
            .where(self._where(scope))

    def count(self, session: Session, scope: Scope) -> Counts:
        """The distinct people and the records of the scope."""
        matched = self._records(scope).subquery()
        row = session.execute(select(func.count(func.distinct(matched.c.subject_id)), func.count())
                              .select_from(matched)).one()
        return Counts(subjects=int(row[0]), records=int(row[1]))

    def people(self, session: Session, scope: Scope) -> Iterator[Person]:
        """The people of the scope with their email when known, in a stable order."""
        ids = self._records(scope).distinct().subquery()
        email = select(func.min(Identifier.value)).where(Identifier.subject_id == DataSubject.id,
                                                         Identifier.kind == EMAIL).scalar_subquery()
        query = select(DataSubject.ref, DataSubject.category, email).where(DataSubject.id.in_(select(ids))) \
            .order_by(DataSubject.id)
        for ref, category, address in session.execute(query).yield_per(1000):
            yield Person(ref=ref, category=category, email=address, source=self.name)


class ConnectedDatabase:
    """One of the organisation's own databases: the rows of the annotated tables in the scope, counted there.

    A table is in the scope when its activity, one of its data categories and its subject category are; the
    collection window applies to the column that records the `collected` event, where there is one. People are the
    distinct rows the table's rows belong to (a customer), plus, for rows that belong to nobody known (a prospect's
    subscription), the distinct values of their identity column.
    """

    def __init__(self, annotation: Annotation) -> None:
        self.annotation = annotation
        self.name = f"dataset:{annotation.dataset.dataset}"

    def count(self, session: Session, scope: Scope) -> Counts:
        """The people and rows of the scope in this database."""
        records = subjects = 0
        with opened(self.annotation) as (connected, connection):
            rooted: dict[str, list[Select[Any]]] = {}
            for mapped, where in self._tables(connected, scope):
                records += connection.scalar(select(func.count()).select_from(mapped.table).where(where)) or 0
                root, key = connected.root_key(mapped, mapped.table)
                rooted.setdefault(root, []).append(select(key.label("person")).where(where, key.is_not(None)))
                identity = self._identity(mapped)
                if root != mapped.name and identity is not None:
                    subjects += connection.scalar(select(func.count(func.distinct(identity)))
                                                  .where(where, key.is_(None))) or 0
            for selects in rooted.values():
                people = union(*selects).subquery()
                subjects += connection.scalar(select(func.count()).select_from(people)) or 0
        return Counts(subjects=subjects, records=records)

    def people(self, session: Session, scope: Scope) -> Iterator[Person]:
        """The people of the scope, with the email of their root row (or of their own row) when there is one."""
        dataset = self.annotation.dataset.dataset
        with opened(self.annotation) as (connected, connection):
            rooted: dict[str, list[Select[Any]]] = {}
            loose: list[tuple[MappedTable, ColumnElement[Any], ColumnElement[bool]]] = []
            for mapped, where in self._tables(connected, scope):
                root, key = connected.root_key(mapped, mapped.table)
                rooted.setdefault(root, []).append(select(key).where(where, key.is_not(None)))
                identity = self._identity(mapped)
                if root != mapped.name and identity is not None:
                    loose.append((mapped, identity, and_(where, key.is_(None))))
            for root, selects in rooted.items():
                table = connected.tables[root]
                column = table.column(table.key[0])
                email = self._identity(table)
                query = select(column, email if email is not None else null()).where(column.in_(union(*selects)))
                for key, address in connection.execute(query.order_by(column)).all():
                    yield Person(ref=f"{dataset}:{root}:{key}", category=table.spec.subjects, email=address,
                                 source=self.name)
            for mapped, identity, where in loose:
                for (address,) in connection.execute(select(identity).where(where).distinct()).all():
                    yield Person(ref=f"{dataset}:{mapped.name}:{address}", category=mapped.spec.subjects,
                                 email=address, source=self.name)

    def _tables(self, connected: Connected,
                scope: Scope) -> Iterator[tuple[MappedTable, ColumnElement[bool]]]:
        for mapped in connected.tables.values():
            categories = {c.data for _, c in mapped.personal if c.data is not None}
            if not mapped.personal or (scope.activities and mapped.spec.activity not in scope.activities):
                continue
            if scope.data_categories and not categories & set(scope.data_categories):
                continue
            if scope.subject_categories and mapped.spec.subjects not in (None, *scope.subject_categories):
                continue
            yield mapped, and_(true(), *self._window(mapped, scope))

    @staticmethod
    def _window(mapped: MappedTable, scope: Scope) -> list[ColumnElement[bool]]:
        name = next((n for n, c in mapped.spec.columns.items() if c.event == "collected" and c.of == "row"), None)
        if name is None:
            return []
        column = mapped.column(name)
        tests = []
        for bound, later in ((scope.collected_from, True), (scope.collected_to, False)):
            if bound is None:
                continue
            moment = bound.astimezone(dt.UTC).replace(tzinfo=None)  # stored as naive UTC
            value: dt.date | dt.datetime = moment.date() if isinstance(column.type, Date) else moment
            tests.append(column >= value if later else column <= value)
        return tests

    @staticmethod
    def _identity(mapped: MappedTable) -> ColumnElement[Any] | None:
        names = [n for n, c in mapped.identities if c.identity == "email"] or [n for n, _ in mapped.identities]
        return mapped.column(names[0]) if names else None


STORE_ONLY: tuple[Source, ...] = (BuiltinStore(),)


def sources(settings: Settings) -> tuple[Source, ...]:
    """Where a breach's people are counted: the store, and each database the settings connect."""
    return (*STORE_ONLY, *(ConnectedDatabase(a) for a in datasets(settings)))


def count(session: Session, scope: Scope, sources: Sequence[Source] = STORE_ONLY) -> Counts | None:
    """The people and records a scope reaches across every source, or None when the scope is unknown.

    A person held in two sources is counted in each: the figure is the approximate number Art. 33(3)(a) asks for.
    """
    if not scope.known:
        return None
    parts = [source.count(session, scope) for source in sources]
    return Counts(subjects=sum(p.subjects for p in parts), records=sum(p.records for p in parts))


def people(session: Session, scope: Scope, sources: Sequence[Source] = STORE_ONLY) -> Iterator[Person]:
    """The people a scope reaches across every source (none when the scope is unknown)."""
    if not scope.known:
        return
    for source in sources:
        yield from source.people(session, scope)
