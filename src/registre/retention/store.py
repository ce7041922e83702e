"""Retention in the built-in store: the personal records whose period is over under their activity's rules,
deleted in batches.

The store keeps no attributes, so a rule with a condition (`when`) is not applied here (it is reported); it has no
archive of its own either, so a rule with intermediate archiving keeps the records until the archive period ends.
A record's `collected` event is its own collection time; every other event is the person's latest lifecycle event
of that name. Days are Paris days: an event counts on the day it happened in France.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Engine, and_, delete, func, or_, select
from sqlalchemy.orm import Session

from registre.audit.service import record as audit
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.law.calendar import first_moment_after
from registre.models.subjects import DataSubject, LifecycleEvent, PersonalRecord, Restriction
from registre.retention.expiry import kept_until, latest_start


@dataclass(frozen=True)
class StoreTask:
    """One rule of one activity: the store's records it makes due."""

    activity: str
    rule: str
    where: ColumnElement[bool]

    @property
    def name(self) -> str:
        """`store: rule (delete)`."""
        return f"store: {self.rule} (delete)"


def tasks(declared: Declared, today: dt.date) -> tuple[list[StoreTask], list[dict[str, str]]]:
    """The tasks of every rule of every activity on `today`, and the rules the store cannot apply, with why."""
    found: list[StoreTask] = []
    skipped: list[dict[str, str]] = []
    year_end = declared.declaration.controller.financial_year_end
    for activity in declared.declaration.activities:
        for index, placed in enumerate(declared.rules(activity)):
            rule = placed.rule
            label = rule.id or f"{activity.id}.retention[{index}]"
            events, end = kept_until(rule, year_end)
            if rule.when is not None or not events:
                reason = "the store keeps no attribute for its condition" if rule.when else \
                    "the rule names no event to count from"
                skipped.append({"table": "personal_record", "rule": label, "reason": reason})
                continue
            bound = first_moment_after(latest_start(end, today))
            terms = [_term(event) for event in events]
            scope = [PersonalRecord.activity == activity.id, _not_held(activity.id),
                     and_(*[or_(t.is_(None), t < bound) for t in terms]), or_(*[t.is_not(None) for t in terms])]
            if rule.data is not None:
                scope.append(PersonalRecord.data_category.in_(rule.data))
            if rule.subjects is not None:
                scope.append(select(DataSubject.id).where(DataSubject.id == PersonalRecord.subject_id,
                                                          DataSubject.category.in_(rule.subjects)).exists())
            found.append(StoreTask(activity.id, label, and_(*scope)))
    return found, skipped


def count(session: Session, task: StoreTask) -> int:
    """How many records the task would delete now."""
    return session.scalar(select(func.count()).select_from(PersonalRecord).where(task.where)) or 0


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


def _term(event: str) -> Any:
    if event == "collected":
        return PersonalRecord.collected_at
    return select(func.max(LifecycleEvent.occurred_at)).where(
        LifecycleEvent.subject_id == PersonalRecord.subject_id, LifecycleEvent.event == event).scalar_subquery()


def _not_held(activity: str) -> ColumnElement[bool]:
    """Records no legal hold keeps (a hold on the activity, or on all the person's data)."""
    return ~select(Restriction.id).where(
        Restriction.subject_id == PersonalRecord.subject_id, Restriction.kind == "legal_hold",
        Restriction.lifted_at.is_(None), or_(Restriction.activity.is_(None), Restriction.activity == activity)).exists()
