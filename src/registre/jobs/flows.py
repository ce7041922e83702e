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
from registre.jobs.queue import DRAIN
from registre.rights import flows as rights
from registre.rights import service as rights_service


def complete_request(jobs: App, engine: Engine, ref: str, actor: str) -> int:
    """Queue the completion of a request across the connected databases; returns the job's id. An unknown
    reference is refused now, not in the worker. Queued twice, the request is completed once (a queueing lock)."""
    with unit_of_work(engine) as session:
        ref = rights_service.get_or_raise(session, ref).ref
    task = jobs.tasks["registre.requests.complete"]
    job_id: int = task.configure(queueing_lock=f"complete:{ref}").defer(ref=ref, actor=actor)
    return job_id


def answered_within(ctx: Context, jobs: App, job_id: int, ref: str, seconds: float) -> bool:
    """Whether the request the job completes is answered within `seconds`. Its state in the store is read when a
    completion of this process commits, and otherwise every 5 ms at first (a small request is done in tens of
    them), then less and less often (a large erasure takes minutes); the job's, every quarter of a second, so that
    a failed job ends the wait."""
    began = time.monotonic()
    pause, job_checked = 0.005, began
    while not rights.answered(ctx, ref):
        now = time.monotonic()
        if now - began >= seconds:
            return False
        if now - job_checked >= 0.25:
            job_checked = now
            if jobs.job_manager.get_job_status(job_id) in (Status.FAILED, Status.CANCELLED, Status.ABORTED):
                return False
        rights.wait_for_an_answer(min(pause, seconds - (now - began)))
        pause = min(pause * 1.2, 0.1)
    return True


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
