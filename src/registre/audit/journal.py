"""The journal of connector batches: no change in an organisation's database goes unrecorded, whatever stops a run.

A batch commits in the organisation's database (the dataset), its audit entry in the store: two databases, two
commits, and a crash between them used to leave a change with no entry, for good. So each batch is written in
three steps:

1. `intend`, once the statements have run in the dataset but before it commits: the intent (dataset, operation,
   tables, statements and the rows they touched, the request or run) is committed in the store;
2. the dataset commits;
3. `settle`: the audit entries are written and the batch marked settled, in one store transaction.

A batch found unsettled (`reconcile`, called before a run or a request's completion starts) is one whose process
stopped between 1 and 3: its audit entry is written then, marked `interrupted_run`, with what the batch was doing.
Whether the dataset committed it cannot be known from the store; the entry says so, and the resumed run redoes
(and audits) whatever is still due.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from registre.audit.service import NewEntry, record, record_all
from registre.db.base import utcnow
from registre.db.session import unit_of_work
from registre.models.journal import DatasetBatch

INTERRUPTED = "interrupted_run"


@dataclass(frozen=True, slots=True)
class Entry:
    """An audit entry to write when a batch settles."""

    action: str
    details: dict[str, Any] = field(default_factory=dict)


def between_commits() -> None:
    """Called between a dataset's commit and the store's: a no-op, which tests replace to crash a run exactly
    there (fault injection)."""


def intend(engine: Engine, *, dataset: str, operation: str, intent: dict[str, Any], actor: str,
           subject_ref: str | None = None, request_ref: str | None = None, run_ref: str | None = None) -> int:
    """Commit a batch's intent in the store, before its dataset commits; returns the batch's id."""
    with unit_of_work(engine) as session:
        batch = DatasetBatch(dataset=dataset, operation=operation, intent=intent, actor=actor, subject_ref=subject_ref,
                             request_ref=request_ref, run_ref=run_ref)
        session.add(batch)
        session.flush()
        return batch.id


def settle(engine: Engine, batch_id: int, entries: Sequence[Entry], *, counts: dict[str, Any] | None = None) -> bool:
    """Write a batch's audit entries and mark it settled, once its dataset has committed; False when a reconciling
    run already did (nothing is written twice)."""
    between_commits()
    with unit_of_work(engine) as session:
        batch = _claim(session, batch_id, "done", counts)
        if batch is None:
            return False
        record_all(session, [NewEntry(batch.actor, entry.action, "dataset", batch.dataset, batch.subject_ref,
                                      {**entry.details, "batch": batch.id}) for entry in entries])
    return True


def reconcile(engine: Engine, *, actor: str, request_ref: str | None = None,
              operation: str | None = None) -> list[dict[str, Any]]:
    """Audit the batches left unsettled by a run that stopped (those of one request, or of one operation), as
    `interrupted_run`; returns what each was doing."""
    with unit_of_work(engine) as session:
        return reconcile_in(session, actor=actor, request_ref=request_ref, operation=operation)


def reconcile_in(session: Session, *, actor: str, request_ref: str | None = None,
                 operation: str | None = None) -> list[dict[str, Any]]:
    """`reconcile` in the caller's transaction (a completion does it in the one that claims its request)."""
    query = select(DatasetBatch.id).where(DatasetBatch.settled_at.is_(None)).order_by(DatasetBatch.id)
    if request_ref is not None:
        query = query.where(DatasetBatch.request_ref == request_ref)
    if operation is not None:
        query = query.where(DatasetBatch.operation == operation)
    found = []
    for batch_id in session.scalars(query).all():
        batch = _claim(session, batch_id, INTERRUPTED, None)
        if batch is None:
            continue
        details = {"batch": batch.id, "operation": batch.operation, "request": batch.request_ref,
                   "run": batch.run_ref, "started_at": batch.started_at.isoformat(), "outcome": INTERRUPTED,
                   "dataset_committed": "unknown", "resumed_by": actor, **batch.intent}
        record(session, actor=batch.actor, action="dataset.batch_interrupted", target_type="dataset",
               target_ref=batch.dataset, subject_ref=batch.subject_ref, details=details)
        found.append({"dataset": batch.dataset, **details})
    return found


def unsettled(engine: Engine) -> int:
    """How many batches wait to be reconciled."""
    with unit_of_work(engine) as session:
        return len(session.scalars(select(DatasetBatch.id).where(DatasetBatch.settled_at.is_(None))).all())


def _claim(session: Session, batch_id: int, outcome: str, counts: dict[str, Any] | None) -> DatasetBatch | None:
    """Mark a batch settled if nobody has: a conditional update, so that a settling run and a reconciling one
    never both audit it."""
    claimed = session.execute(update(DatasetBatch).where(DatasetBatch.id == batch_id,
                                                         DatasetBatch.settled_at.is_(None))
                              .values(settled_at=utcnow(), outcome=outcome, counts=counts)
                              .execution_options(synchronize_session=False))
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return session.get(DatasetBatch, batch_id)
