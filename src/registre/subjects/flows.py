"""Subject-store flows for the doors (`registre subjects`, the subject API, the back office's pages): one unit of
work each, every read audited, and only what the acting role sees (`staff.policy.visible`)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from registre.context import Context
from registre.db.session import unit_of_work
from registre.errors import NotFound
from registre.staff.policy import visible, visible_restrictions
from registre.subjects import service
from registre.subjects.importing import Progress
from registre.subjects.service import PARTS, ImportReport, Part, SubjectFile

ONLY_EVENTS: tuple[Part] = ("events",)


def import_file(ctx: Context, path: Path, *, skip_errors: bool = False,
                progress: Progress | None = None) -> ImportReport:
    """Import a CSV or JSON file of subjects into the store, in one transaction (refused whole, `ImportInvalid`,
    unless `skip_errors`), audited."""
    with unit_of_work(ctx.engine) as session:
        return service.import_file(session, declared=ctx.declaration(), path=path, skip_errors=skip_errors,
                                   actor=ctx.actor.name, progress=progress)


def show(ctx: Context, who: str, parts: Collection[Part] = PARTS) -> SubjectFile:
    """A subject's file by reference or `kind:value` (the parts asked for), as the acting role may see it; the read
    is audited."""
    with unit_of_work(ctx.engine) as session:
        file = service.read(session, service.locate(session, who), actor=ctx.actor.name, parts=parts)
    return visible(ctx.policy, ctx.actor.role, file)


def shown_if_kept(ctx: Context, who: str) -> SubjectFile | None:
    """A subject's whole file as the role may see it, or None when the store no longer holds them (erased)."""
    try:
        return show(ctx, who)
    except NotFound:
        return None


def restrictions(ctx: Context, who: str) -> dict[str, Any]:
    """What the organisation's systems must respect for a person (restrictions, objections, withdrawn consents,
    legal holds): those on every activity and on the role's own; the query is audited."""
    with unit_of_work(ctx.engine) as session:
        found = service.restrictions(session, service.locate(session, who), actor=ctx.actor.name)
    return visible_restrictions(ctx.policy, ctx.actor.role, found)
