"""The request flows that only read, apart from those that act (`flows`), so that a door reading a request
(`registre requests show`) imports neither the connectors nor the letters."""

from __future__ import annotations

from collections.abc import Sequence

from registre.audit.append import NewEntry, append
from registre.context import Context
from registre.db.refs import row_by_ref
from registre.db.session import transaction, unit_of_work
from registre.db.tables import rights_request
from registre.errors import NotFound
from registre.kit.paging import Page, bounded
from registre.rights.reading import NOT_FOUND, read
from registre.rights.schemas import RequestRead, Status

__all__ = ["answered", "list_requests", "show"]


def show(ctx: Context, ref: str) -> RequestRead:
    """One request with its deadlines; reading the requester's details is audited. In Core: a command that reads
    one request starts without importing the ORM."""
    with transaction(ctx.engine) as connection:
        request = row_by_ref(connection, rights_request.c.ref, ref)
        if request is None:
            raise NotFound(NOT_FOUND, ref=ref)
        append(connection, [NewEntry(ctx.actor.name, "request.read", "rights_request", ref)])
        return read(connection, request, ctx.settings.region)


def answered(ctx: Context, ref: str) -> bool:
    """Whether a request has left the pending states (completed or refused). Not audited: it shows no one's data,
    and a door that waits on it shows the request by `show` when it is."""
    with transaction(ctx.engine) as connection:
        request = row_by_ref(connection, rights_request.c.ref, ref)
    return request is not None and request.status not in (Status.open, Status.awaiting_identity)


def list_requests(ctx: Context, status: Status | Sequence[Status] | None, *, limit: int | None = None,
                  offset: int | None = None) -> Page[RequestRead]:
    """A page of requests (in this state or these states) with the total, the late and nearest first; audited."""
    statuses = () if status is None else (status,) if isinstance(status, Status) else tuple(status)
    from registre.audit.service import record as audit
    from registre.rights import service

    limit, offset = bounded(limit, offset)
    with unit_of_work(ctx.engine) as session:
        shown = [service.read(session, r, ctx.settings.region)
                 for r in service.list_requests(session, statuses=statuses, limit=limit, offset=offset)]
        total = service.count_requests(session, statuses=statuses)
        audit(session, actor=ctx.actor.name, action="requests.listed", target_type="rights_request",
              details={"status": [s.value for s in statuses] or None, "count": len(shown), "offset": offset})
    shown.sort(key=lambda r: (r.status in (Status.completed, Status.refused), r.strict_deadline))
    return Page[RequestRead](items=shown, total=total, limit=limit, offset=offset)
