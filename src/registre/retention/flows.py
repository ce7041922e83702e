"""Retention over the connected databases, for the doors: the plan (counts, nothing changed) and the run (batches,
each audited in the store once its database has committed)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import DBAPIError

from registre.audit import journal
from registre.config import Settings
from registre.connectors import flows as datasets
from registre.connectors import service as connectors
from registre.connectors.checking import Finding
from registre.connectors.finding import Identity, Key, find
from registre.connectors.mapping import Annotation, Connected, attach
from registre.context import Context
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.errors import Conflict
from registre.i18n import Msg
from registre.models.subjects import Identifier, Restriction
from registre.retention import store, sweep
from registre.retention.archive import Archive
from registre.retention.checks import skipped_rules
from registre.retention.store import StoreTask
from registre.retention.sweep import Sweep, Task

REFUSED = Msg(en="The database of dataset '{dataset}' refused a statement: {reason}. The batches before it are done "
                 "and the one it was in changed nothing; run again to finish once it is fixed.",
              fr="La base du jeu de données « {dataset} » a refusé une instruction : {reason}. Les lots précédents "
                 "sont faits et celui en cours n'a rien modifié ; relancez pour terminer une fois corrigé.")

Started = Callable[[Task | StoreTask, int], None]
Advanced = Callable[[Task | StoreTask, int], None]


def plan(ctx: Context, today: dt.date) -> list[dict[str, Any]]:
    """What a run would do on `today`, in the built-in store and per dataset, rule and table, without changing
    anything: the rows due, those held back and why, and per table the rows kept with no determinable end."""
    engine, settings, declared = ctx.engine, ctx.settings, ctx.declaration()
    kept, skipped = store.tasks(declared, today)
    with unit_of_work(engine) as session:
        counted = [{**_in_store(task), **store.count(session, task)} for task in kept]
    endless: dict[str, int] = {}
    for task in counted:
        if n := task.pop("endless", 0):
            endless[task["activity"]] = endless.get(task["activity"], 0) + n
    report = [{"dataset": "store", "tasks": counted, "skipped": skipped, "endless": endless}]
    for annotation in connectors.datasets(settings):
        with _swept(engine, settings, declared, annotation, today) as prepared:
            with prepared.connected.engine.connect() as connection:
                tasks = [{**_describe(task), **sweep.count(prepared, connection, task)} for task in prepared.tasks]
                without_end = sweep.endless(prepared, connection)
            report.append({"dataset": prepared.connected.name, "tasks": tasks,
                           "skipped": [vars(s) for s in prepared.skipped], "endless": without_end})
    return report


def run(ctx: Context, today: dt.date, *, started: Started | None = None,
        advanced: Advanced | None = None) -> list[dict[str, Any]]:
    """Do what the plan says, task after task, in batches; every batch is audited. A run stopped at any point and
    started again finishes the work, and first audits the batches the stopped run left unsettled (`journal`)."""
    engine, settings, declared, actor = ctx.engine, ctx.settings, ctx.declaration(), ctx.actor.name
    interrupted = journal.reconcile(engine, actor=actor, operation="retention")
    run_ref = uuid.uuid4().hex
    kept, skipped = store.tasks(declared, today)
    swept = []
    for kept_task in kept:
        if started is not None:
            with unit_of_work(engine) as session:
                started(kept_task, store.count(session, kept_task)["due"])

        def step(rows: int, task: StoreTask = kept_task) -> None:
            if advanced is not None:
                advanced(task, rows)

        rows = store.run(engine, kept_task, batch=settings.retention_batch, actor=actor, progress=step)
        swept.append({**_in_store(kept_task), "rows": rows})
    report = [{"dataset": "store", "tasks": swept, "skipped": skipped,
               **({"interrupted": interrupted} if interrupted else {})}]
    for annotation in connectors.datasets(settings):
        with _swept(engine, settings, declared, annotation, today) as prepared:
            done = []
            for task in prepared.tasks:
                if started is not None:
                    with prepared.connected.engine.connect() as connection:
                        started(task, sweep.count(prepared, connection, task)["due"])

                pending: list[int] = []

                def intended(task: Task, rows: int, statement: str, dataset: str = prepared.connected.name,
                             pending: list[int] = pending) -> None:
                    details = {"table": task.table.name, "rule": task.rule, "action": task.action.value,
                               "rows": rows, "sql": statement}
                    pending.append(journal.intend(engine, dataset=dataset, operation="retention", intent=details,
                                                  actor=actor, run_ref=run_ref))

                def batch(task: Task, rows: int, statement: str, pending: list[int] = pending) -> None:
                    journal.settle(engine, pending.pop(), [journal.Entry("retention.batch", {
                        "table": task.table.name, "rule": task.rule, "action": task.action.value, "rows": rows,
                        "sql": statement})], counts={"rows": rows})
                    if advanced is not None:
                        advanced(task, rows)

                def checked(task: Task, check: dict[str, Any],
                            dataset: str = prepared.connected.name) -> Callable[[], object]:
                    details = {"table": task.table.name, "rule": task.rule, "action": "k_anonymity", **check}
                    batch_id = journal.intend(engine, dataset=dataset, operation="retention", intent=details,
                                              actor=actor, run_ref=run_ref)
                    return partial(journal.settle, engine, batch_id, [journal.Entry("retention.k_anonymity", details)],
                                   counts={"rows": check["rows_deleted"], "values": check["values_suppressed"]})

                done.append({**_describe(task), **sweep.run(prepared, task, batch=settings.retention_batch,
                                                            progress=batch, intended=intended, checked=checked)})
            report.append({"dataset": prepared.connected.name, "tasks": done,
                           "skipped": [vars(s) for s in prepared.skipped]})
    return report


@contextmanager
def _swept(engine: Engine, settings: Settings, declared: Declared, annotation: Annotation,
           today: dt.date) -> Iterator[Sweep]:
    connected = attach(annotation)
    archive: Archive | None = None
    try:
        if annotation.dataset.archive is not None:
            archive = Archive(connected, annotation.dataset.archive)
        held = _held(engine, connected)
        yield sweep.prepare(connected, declared, today, held=held, pseudonym_key=connectors.pseudonym_key(settings),
                            archive=archive, k=settings.k_anonymity)
    except DBAPIError as error:
        raise Conflict(REFUSED, dataset=connected.name, reason=str(error.orig).strip()) from None
    finally:
        if archive is not None:
            archive.dispose()
        connected.dispose()


def _held(engine: Engine, connected: Connected) -> dict[str, list[Key]]:
    """The rows of people under a legal hold, by table: a hold on one activity keeps that activity's tables."""
    with unit_of_work(engine) as session:
        holds = session.execute(select(Restriction.subject_id, Restriction.activity).where(
            Restriction.kind == "legal_hold", Restriction.lifted_at.is_(None))).all()
        people: dict[int, set[str | None]] = {}
        for subject_id, activity in holds:
            people.setdefault(subject_id, set()).add(activity)
        identities = {subject_id: [Identity(i.kind, i.value) for i in session.scalars(
            select(Identifier).where(Identifier.subject_id == subject_id))] for subject_id in people}
    held: dict[str, list[Key]] = {}
    if not people:
        return held
    with connected.engine.connect() as connection:
        for subject_id, activities in people.items():
            found = find(connected, identities[subject_id], connection)
            for table, rows in found.rows.items():
                if None in activities or connected.tables[table].spec.activity in activities:
                    held.setdefault(table, []).extend(rows)
    return held


def _in_store(task: StoreTask) -> dict[str, Any]:
    return {"table": "personal_record", "activity": task.activity, "rule": task.rule, "action": "delete"}


def _describe(task: Task) -> dict[str, Any]:
    return {"table": task.table.name, "rule": task.rule, "action": task.action.value}


def check_datasets(where: Path, declared: Declared, day: dt.date) -> dict[str, list[Finding]]:
    """`registre datasets check`: each annotation at `where` against its database's live schema and the
    declaration, with the retention rules a run on `day` would skip there, by dataset."""
    return datasets.check(where, declared, day, more=skipped_rules)
