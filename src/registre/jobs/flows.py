"""Long work handed to the job queue by the doors: the flow checks what it can at once, a worker does the rest."""

from __future__ import annotations

from contextlib import suppress

from procrastinate import App
from procrastinate.exceptions import AlreadyEnqueued
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
