"""History flows for the doors: one unit of work each, so that a refused file leaves the store as it was."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.history import service
from registre.history.service import ImportReport, Progress


def import_file(engine: Engine, declared: Declared, path: Path, *, actor: str,
                progress: Progress | None = None) -> ImportReport:
    """Import a CSV or JSON file of dated events in one transaction; raises `ImportInvalid` if refused."""
    with unit_of_work(engine) as session:
        return service.import_file(session, declared=declared, path=path, actor=actor, progress=progress)


def import_body(engine: Engine, declared: Declared, data: bytes, *, actor: str) -> ImportReport:
    """Import a JSON list of dated events (an API request's body) in one transaction."""
    with unit_of_work(engine) as session:
        return service.import_body(session, declared=declared, data=data, actor=actor)
