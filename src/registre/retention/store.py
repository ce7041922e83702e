"""Retention in the built-in store: the personal records whose period is over under their activity's rules, as
they combine (`registre.retention.combine`), deleted in batches.

The store keeps no attributes, so a rule's condition (`when`) cannot be told for a record: it may hold, so an
exception must be over too and an obligation holds (reported). The store has no archive of its own either, so a rule
with intermediate archiving keeps the records until the archive period ends. A record's `collected` event is its own
collection time; every other event is the person's latest lifecycle event of that name. Days are Paris days: an
event counts on the day it happened in France.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, case, delete, false, func, not_, or_, select
from sqlalchemy.orm import Session

from registre.audit.service import record as audit
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.declarations.schemas import Activity, Clause, RetentionRule
from registre.law.calendar import first_moment_after
from registre.models.subjects import DataSubject, LifecycleEvent, PersonalRecord, Restriction
from registre.retention import combine
from registre.retention.combine import SQL, Maybe, always, unknown
from registre.retention.expiry import end_from, kept_until, latest_start

Predicate = ColumnElement[bool]


@dataclass(frozen=True)
class StoreTask:
    """The rules of one activity on some of its data categories: the store's records they make due, and those held
    back whose period is over."""

    activity: str
    rule: str
    where: Predicate
    held: dict[str, Predicate] = field(default_factory=dict)
    endless: Predicate | None = None

    @property
    def name(self) -> str:
        """`store: rule (delete)`."""
        return f"store: {self.rule} (delete)"


def tasks(declared: Declared, today: dt.date) -> tuple[list[StoreTask], list[dict[str, str]]]:
    """The tasks of every activity on `today`, one per set of data categories its rules cover alike, and what the
    store cannot tell."""
    found: list[StoreTask] = []
    notes: list[dict[str, str]] = []
    year_end = declared.declaration.controller.financial_year_end
    for activity in declared.declaration.activities:
        rules = [(combine.label(p.rule, i, activity.id), p.rule) for i, p in enumerate(declared.rules(activity))]
        groups: dict[tuple[str, ...], list[str]] = {}
        for category in activity.data:
            covering = tuple(label for label, rule in rules if combine.covers(rule, data=category))
            groups.setdefault(covering, []).append(category)
        for covering, categories in groups.items():
            chosen = [rule for label, rule in rules if label in covering]
            verdict = person_verdict(chosen, today, year_end, RECORDS)
            scope = and_(PersonalRecord.activity == activity.id, PersonalRecord.data_category.in_(categories))
            free = _not_held(activity.id)
            found.append(StoreTask(
                activity.id, ", ".join(covering) or "—", and_(scope, verdict.due, free),
                held={"minimum": and_(scope, verdict.limits_over, verdict.minimum_holds),
                      "legal_hold": and_(scope, verdict.due, not_(free))},
                endless=and_(scope, verdict.endless)))
        notes.extend(_notes(activity, rules))
    return found, notes


def count(session: Session, task: StoreTask) -> dict[str, int]:
    """How many records the task would delete now, how many whose period is over are held back (by an obligation
    to keep, a legal hold), and how many have no determinable end."""
    tests = {"due": task.where, **task.held, **({"endless": task.endless} if task.endless is not None else {})}
    return combine.tally(session.connection(), PersonalRecord.__table__, tests)


def run(engine: Engine, task: StoreTask, *, batch: int, actor: str,
        progress: Callable[[int], None] | None = None) -> int:
    """Delete the task's records in batches, each in its own transaction and audited; returns how many."""
    done = 0
    while True:
        with unit_of_work(engine) as session:
            ids = list(session.scalars(select(PersonalRecord.id).where(task.where).order_by(PersonalRecord.id)
                                       .limit(batch)))
            if not ids:
                return done
            session.execute(delete(PersonalRecord).where(PersonalRecord.id.in_(ids)))
            audit(session, actor=actor, action="retention.batch", target_type="store", target_ref="personal_record",
                  details={"activity": task.activity, "rule": task.rule, "action": "delete", "rows": len(ids)})
        done += len(ids)
        if progress is not None:
            progress(len(ids))


@dataclass(frozen=True)
class Owner:
    """Whose events a decision reads: the column of the person, the record's own collection time (None: the person's
    `collected` event), and the moment from which events do not count yet (a decision for a past day)."""

    subject: Any
    collected: Any = None
    before: dt.datetime | None = None
    archived: bool = True  # the archive period counts (a sweep); without, the active period alone (a purpose)
    category: Any = None  # the person's category, when the query already holds it
    events: Any = None  # a table of each person's latest events (`latest_events`), when the query joins it


RECORDS = Owner(PersonalRecord.subject_id, PersonalRecord.collected_at)


def person_verdict(rules: list[RetentionRule], today: dt.date, year_end: str,
                   owner: Owner) -> combine.Verdict[Predicate]:
    """The rules' combined decision on `today` for the rows of `owner`, from the person's category and events."""
    return combine.decide(rules, SQL, applies=lambda rule: _applies(rule, owner),
                          over=lambda rule: _over(rule, today, year_end, owner))


def latest_events(rules: list[RetentionRule], before: dt.datetime) -> Any:
    """Each person's latest event of every name the rules count from, before `before`: one grouped scan, to join."""
    names = sorted({event for rule in rules for event in [*rule.events, *(
        [rule.archive.start] if rule.archive is not None and rule.archive.start else [])]})
    columns = [func.max(case((LifecycleEvent.event == name, LifecycleEvent.occurred_at))).label(name)
               for name in names]
    return select(LifecycleEvent.subject_id, *columns).where(
        LifecycleEvent.occurred_at < before, LifecycleEvent.event.in_(names)).group_by(
        LifecycleEvent.subject_id).subquery("latest")


def _applies(rule: RetentionRule, owner: Owner) -> Maybe[Predicate]:
    """Whether a rule concerns a record: the person's category (when the rule names some), and a condition the
    store cannot tell."""
    parts = [always(SQL) if rule.when is None else unknown(SQL)]
    if rule.subjects is not None:
        category = owner.category if owner.category is not None else select(DataSubject.category).where(
            DataSubject.id == owner.subject).scalar_subquery()
        parts.append(combine.comparison(category, Clause(attribute="category", op="in", value=list(rule.subjects))))
    return Maybe(SQL.all([p.sure for p in parts]), SQL.all([p.maybe for p in parts]))


def _over(rule: RetentionRule, today: dt.date, year_end: str, owner: Owner) -> Predicate:
    """The records whose period under `rule` (archive included, for a sweep) is over on `today`."""
    events, end = kept_until(rule, year_end) if owner.archived else (rule.events, end_from(rule, year_end))
    if not events:
        return false()
    bound = first_moment_after(latest_start(end, today))
    terms = [_term(event, owner) for event in events]
    if rule.whichever == "first":
        return or_(*[t < bound for t in terms])
    return and_(*[or_(t.is_(None), t < bound) for t in terms], or_(*[t.is_not(None) for t in terms]))


def _notes(activity: Activity, rules: list[tuple[str, RetentionRule]]) -> list[dict[str, str]]:
    """What the store cannot tell: conditions (the records are kept as if they held), rules with no event."""
    notes = []
    for label, rule in rules:
        if rule.when is not None:
            notes.append({"table": "personal_record", "rule": label,
                          "reason": "the store keeps no attribute for its condition: the records are kept as if it "
                                    "held"})
        if not rule.events:
            notes.append({"table": "personal_record", "rule": label,
                          "reason": "the rule names no event to count from: its records have no determinable end"})
    return notes


def _term(event: str, owner: Owner) -> Any:
    """The day an event counts from: the record's own collection, else the person's latest such event (before
    `owner.before`, for a past day)."""
    if event == "collected" and owner.collected is not None:
        return owner.collected
    if owner.events is not None:
        return owner.events.c[event]
    latest = select(func.max(LifecycleEvent.occurred_at)).where(
        LifecycleEvent.subject_id == owner.subject, LifecycleEvent.event == event)
    if owner.before is not None:
        latest = latest.where(LifecycleEvent.occurred_at < owner.before)
    return latest.scalar_subquery()


def _not_held(activity: str) -> ColumnElement[bool]:
    """Records no legal hold keeps (a hold on the activity, or on all the person's data)."""
    return ~select(Restriction.id).where(
        Restriction.subject_id == PersonalRecord.subject_id, Restriction.kind == "legal_hold",
        Restriction.lifted_at.is_(None), or_(Restriction.activity.is_(None), Restriction.activity == activity)).exists()
