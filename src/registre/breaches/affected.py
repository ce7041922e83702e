"""Who a breach affects: the people and records it reaches, counted and listed from where the data live.

A breach's scope is the activities, data categories and subject categories it touched, and the window in which
the affected data were collected. The built-in subject store answers first; another module (the connectors to
the organisation's databases) adds a source with `register(source)`, and the counts and lists add up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session

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


_SOURCES: list[Source] = [BuiltinStore()]


def register(source: Source) -> None:
    """Add a source (a connector to one of the organisation's databases) to those a breach is counted in."""
    if all(existing.name != source.name for existing in _SOURCES):
        _SOURCES.append(source)


def count(session: Session, scope: Scope) -> Counts | None:
    """The people and records a scope reaches across every source, or None when the scope is unknown.

    A person held in two sources is counted in each: the figure is the approximate number Art. 33(3)(a) asks for.
    """
    if not scope.known:
        return None
    parts = [source.count(session, scope) for source in _SOURCES]
    return Counts(subjects=sum(p.subjects for p in parts), records=sum(p.records for p in parts))


def people(session: Session, scope: Scope) -> Iterator[Person]:
    """The people a scope reaches across every source (none when the scope is unknown)."""
    if not scope.known:
        return
    for source in _SOURCES:
        yield from source.people(session, scope)
