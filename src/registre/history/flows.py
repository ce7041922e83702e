"""History flows for the doors: one unit of work each, so that a refused file leaves the store as it was."""

from __future__ import annotations

from pathlib import Path

from registre.context import Context
from registre.db.session import unit_of_work
from registre.history import service
from registre.history.service import ImportReport, Progress


def import_file(ctx: Context, path: Path, *, progress: Progress | None = None) -> ImportReport:
    """Import a CSV or JSON file of dated events in one transaction; raises `ImportInvalid` if refused."""
    with unit_of_work(ctx.engine) as session:
        return service.import_file(session, declared=ctx.declaration(), path=path, actor=ctx.actor.name,
                                   progress=progress)


def import_body(ctx: Context, data: bytes) -> ImportReport:
    """Import a JSON list of dated events (an API request's body) in one transaction."""
    with unit_of_work(ctx.engine) as session:
        return service.import_body(session, declared=ctx.declaration(), data=data, actor=ctx.actor.name)
