"""Audit-log flows for the doors (`registre audit`, the API's verification, the back office's log page): one unit
of work each, the reading of the log itself audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from registre.audit import chain, service
from registre.audit.service import Verification
from registre.context import Context
from registre.db.session import unit_of_work


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the log as the back office lists it."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    target: str | None
    subject: str | None


@dataclass(frozen=True, slots=True)
class LogPage:
    """The newest entries (a page) and the chain's state (`service.verify_for_page`)."""

    entries: list[Entry]
    verification: Verification


def verify(ctx: Context, against: chain.Checkpoint | None = None) -> Verification:
    """Verify the chain (against a signed checkpoint, if given)."""
    with unit_of_work(ctx.engine) as session:
        return service.verify(session, against=against)


def state_for_page(ctx: Context) -> Verification:
    """The chain's state for a page: the entries written since the last view, and the whole chain in its time
    (`service.verify_for_page`)."""
    with unit_of_work(ctx.engine) as session:
        return service.verify_for_page(session)


def checkpoint(ctx: Context) -> tuple[Verification, chain.Checkpoint | None]:
    """Verify the chain and sign a checkpoint of its head; no checkpoint when the chain is broken."""
    with unit_of_work(ctx.engine) as session:
        return service.checkpoint(session, actor=ctx.actor.name)


def newest(ctx: Context, *, before: int | None, limit: int) -> LogPage:
    """The newest entries (older than the entry `before`) with the verification of the chain; the read audited."""
    with unit_of_work(ctx.engine) as session:
        entries = [Entry(e.id, e.at, e.actor, e.action, e.target_ref, e.subject_ref)
                   for e in service.newest(session, before=before, limit=limit, actor=ctx.actor.name)]
        return LogPage(entries, service.verify_for_page(session))
