"""Long work handed to the job queue by the doors: the flow checks what it can at once, a worker does the rest."""

from __future__ import annotations

import time
from contextlib import suppress

from procrastinate import App
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.jobs import Status
from sqlalchemy import Engine

from registre.connectors import service as connectors
from registre.context import Context
from registre.db.session import unit_of_work
from registre.errors import Conflict
from registre.i18n import Msg
from registre.jobs.queue import DRAIN, defer_in
from registre.rights import flows as rights
from registre.rights import service as rights_service
from registre.rights.schemas import RequestRead

ALREADY_QUEUED = Msg(en="The completion of request {ref} is already queued: a worker will do it once.",
                     fr="L'exécution de la demande {ref} est déjà en file d'attente : un processus la fera une fois.")


def complete_request(jobs: App, engine: Engine, ref: str, actor: str) -> int:
    """Queue the completion of a request across the connected databases; returns the job's id. An unknown
    reference is refused now, not in the worker; on PostgreSQL the job is queued in the transaction that finds the
    request. Queued again while it waits, it is refused (a queueing lock): the request is completed once."""
    task = jobs.tasks["registre.requests.complete"]
    try:
        with unit_of_work(engine) as session:
            ref = rights_service.get_or_raise(session, ref).ref
            deferrer = task.configure(queueing_lock=f"complete:{ref}")
            job_id = defer_in(jobs, session, deferrer, ref=ref, actor=actor)
        return deferrer.defer(ref=ref, actor=actor) if job_id is None else job_id
    except AlreadyEnqueued:
        raise Conflict(ALREADY_QUEUED, ref=ref) from None


def answer_within(ctx: Context, jobs: App, job_id: int, ref: str, seconds: float) -> RequestRead | None:
    """The request the job completes, as shown to `ctx` (an audited read), once it is answered within `seconds`;
    None if the worker has not done it by then."""
    return rights.show(ctx, ref) if _answered_within(ctx, jobs, job_id, ref, seconds) else None


def _answered_within(ctx: Context, jobs: App, job_id: int, ref: str, seconds: float) -> bool:
    """Whether the request the job completes is answered within `seconds`. Its state in the store is read when a
    completion of this process starts or ends (while this process completes it, otherwise only every quarter of a
    second), and else every 5 ms at first (a small request is done in tens of them), then less and less often (a
    large erasure takes minutes); the job's, every quarter of a second, so that a failed job ends the wait."""
    began = time.monotonic()
    pause, job_checked = 0.005, began
    while True:  # the job has just been queued: first wait, then look
        left = seconds - (time.monotonic() - began)
        if left > 0:
            rights.wait_for_an_answer(ref, min(pause, left), min(0.25, left))
        if rights.answered(ctx, ref):
            return True
        now = time.monotonic()
        if now - began >= seconds:
            return False
        if now - job_checked >= 0.25:
            job_checked = now
            if jobs.job_manager.get_job_status(job_id) in (Status.FAILED, Status.CANCELLED, Status.ABORTED):
                return False
        pause = min(pause * 1.2, 0.1)


def drain_outbox(jobs: App) -> None:
    """Have a worker send the letters that are due, after letters were queued (their transaction committed).

    At most one drain waits in the queue: one already waiting will find these letters too, since it claims
    whatever is due when it starts. Those running meanwhile claim disjoint batches (`SKIP LOCKED`), so a burst
    of letters spreads over every free worker, one Procrastinate job per drain rather than per letter."""
    with suppress(AlreadyEnqueued):
        jobs.tasks[DRAIN].configure(queueing_lock=DRAIN).defer()


def complete_or_queue(ctx: Context, jobs: App, ref: str) -> rights.Result | int:
    """Complete a request at once, or with connected databases hand it to a worker (audited the same way) and
    return the job's id. The answer's files come back only to a role that sees every activity's data (they went
    to the person)."""
    if connectors.datasets(ctx.settings):
        return complete_request(jobs, ctx.engine, ref, ctx.actor.name)
    result = rights.complete(ctx, ref)
    if not ctx.sees_everything():
        result.files = {}
    return result
