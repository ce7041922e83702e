"""Which rows of a connected table are due under a retention rule, as one SQL predicate per table and rule.

A rule's period runs from the latest of its events (or the first, with `whichever: first`). A table's own column
records the event of its row; a column of an ancestor row (an order's customer) is read through the links; an event
recorded elsewhere, or marked `of: person`, is the person's latest: the greatest value over the rows of the same
person (same root row). A row is due when every event that has happened is on or before the latest start day whose
expiry has passed (`expiry.latest_start`), which needs no function of the database and uses the indexes on the event
columns. How the rules on the same data combine is `combine.decide`'s; here are its SQL inputs for one table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Date, DateTime, and_, false, func, not_, or_, select, true
from sqlalchemy.sql import ColumnElement

from registre.connectors.finding import Key, key_clause
from registre.connectors.mapping import Connected, MappedTable
from registre.declarations.schemas import Clause, RetentionRule
from registre.retention import combine
from registre.retention.combine import SQL, Maybe, always, comparison, condition, known, unknown
from registre.retention.expiry import end_from, kept_until, latest_start


@dataclass(frozen=True)
class Term:
    """One event's value for a row, and whether it is a time (compared by day) or a date."""

    expression: ColumnElement[Any]
    timed: bool


@dataclass
class Unmapped:
    """Why a rule cannot be applied to a table: the events or attributes the annotation does not map."""

    events: list[str] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)


def terms(connected: Connected, mapped: MappedTable, event: str) -> list[Term]:
    """The values of `event` for a row of `mapped`: its own column, an ancestor's, or the person's latest."""
    own = mapped.spec.columns
    for name, spec in own.items():
        if spec.event == event and spec.of == "row":
            return [Term(mapped.column(name), _timed(mapped, name))]
    steps = connected.chain(mapped)
    below: ColumnElement[Any] = mapped.table.c[steps[0].child_columns[0]] if steps else mapped.column(mapped.key[0])
    for index, step in enumerate(steps):
        parent = connected.tables[step.parent]
        if index:
            above = connected.tables[steps[index - 1].parent].table
            below = select(above.c[step.child_columns[0]]).where(
                above.c[steps[index - 1].parent_columns[0]] == below).scalar_subquery()
        for name, spec in parent.spec.columns.items():
            if spec.event == event and spec.of == "row":
                value = select(parent.table.c[name]).where(parent.table.c[step.parent_columns[0]] == below)
                return [Term(value.scalar_subquery(), _timed(parent, name))]
    root, key = connected.root_key(mapped, mapped.table)
    found = []
    for other in connected.tables.values():
        for name, spec in other.spec.columns.items():
            if spec.event != event:
                continue
            alias = other.table.alias()
            other_root, other_key = connected.root_key(other, alias)
            if other_root != root:
                continue
            latest: ColumnElement[Any] = select(func.max(alias.c[name])).where(other_key == key).scalar_subquery()
            if other is mapped:  # a row whose person is unknown (a guest's order) counts from itself
                latest = func.coalesce(latest, mapped.column(name))
            found.append(Term(latest, _timed(other, name)))
    return found


def over(connected: Connected, mapped: MappedTable, rule: RetentionRule, today: dt.date, missing: Unmapped, *,
         financial_year_end: str = "12-31", archived: bool = False) -> ColumnElement[bool] | None:
    """The rows of `mapped` whose period under `rule` is over on `today` (with `archived`, the archive's period too);
    None when it can never be told: the rule names no event, or the annotation records none of them, or not one that
    may be the latest (noted in `missing`)."""
    names, end = kept_until(rule, financial_year_end) if archived else (rule.events, end_from(rule, financial_year_end))
    values: list[Term] = []
    unrecorded: list[str] = []
    for event in names:
        found = terms(connected, mapped, event)
        values.extend(found)
        if not found:
            unrecorded.append(event)
    missing.events.extend(unrecorded)
    if not values or (rule.whichever == "latest" and unrecorded):
        return None
    last = latest_start(end, today)
    tests = [t.expression < _next_midnight(last) if t.timed else t.expression <= last for t in values]
    if rule.whichever == "first":
        return or_(*tests)
    return and_(*[or_(t.expression.is_(None), test) for t, test in zip(values, tests, strict=True)],
                or_(*[t.expression.is_not(None) for t in values]))


def applies(mapped: MappedTable, rule: RetentionRule, missing: Unmapped) -> Maybe[ColumnElement[bool]]:
    """Whether `rule` concerns a row of `mapped`: its subject category and its condition, in three-valued logic (an
    attribute no column holds is unknown for every row, noted in `missing`)."""
    if mapped.spec.subjects and not combine.covers(rule, subject=mapped.spec.subjects):
        return known(SQL, false())
    if rule.when is None:
        return always(SQL)
    attributes = mapped.attributes

    def clause(test: Clause) -> Maybe[ColumnElement[bool]]:
        name = attributes.get(test.attribute)
        if name is None:
            missing.attributes.append(test.attribute)
            return unknown(SQL)
        return comparison(mapped.column(name), test)

    return condition(rule.when, SQL, clause)


def verdict(connected: Connected, mapped: MappedTable, rules: Sequence[RetentionRule], today: dt.date,
            missing: Unmapped, *, financial_year_end: str = "12-31",
            archived: bool = False) -> combine.Verdict[ColumnElement[bool]]:
    """The combined decision of `rules` (those on one data category of the table) for its rows."""
    periods = {id(rule): over(connected, mapped, rule, today, missing, financial_year_end=financial_year_end,
                              archived=archived) for rule in rules}

    def period_over(rule: RetentionRule) -> ColumnElement[bool]:
        found = periods[id(rule)]
        return false() if found is None else found

    return combine.decide(rules, SQL, applies=lambda rule: applies(mapped, rule, missing), over=period_over,
                          never=lambda rule: periods[id(rule)] is None)


def excluding(mapped: MappedTable, held: Sequence[Key]) -> ColumnElement[bool]:
    """Rows other than those a legal hold keeps."""
    return not_(key_clause(mapped, held)) if held else true()


def unreferenced(connected: Connected, mapped: MappedTable) -> ColumnElement[bool]:
    """Rows no other row points to (deleting them breaks no foreign key)."""
    tests = []
    for link in connected.links:
        if link.parent != mapped.name or len(link.child_columns) != 1:
            continue
        child = connected.live_table(link.child)
        alias = child.alias() if link.child == mapped.name else child
        tests.append(~select(1).where(alias.c[link.child_columns[0]] == mapped.column(link.parent_columns[0]))
                     .exists())
    return and_(true(), *tests)


def _timed(mapped: MappedTable, name: str) -> bool:
    kind = mapped.column(name).type
    return isinstance(kind, DateTime) or not isinstance(kind, Date)


def _next_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
