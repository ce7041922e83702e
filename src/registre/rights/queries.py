"""The request flows that only read, apart from those that act (`flows`), so that a door reading a request
(`registre requests show`) imports neither the connectors nor the letters."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine

from registre.audit.service import record as audit
from registre.config import Settings
from registre.db.session import unit_of_work
from registre.kit.paging import Page, bounded
from registre.rights import service
from registre.rights.schemas import RequestRead, Status

__all__ = ["list_requests", "show"]


def show(engine: Engine, settings: Settings, ref: str, *, actor: str) -> RequestRead:
    """One request with its deadlines; reading the requester's details is audited."""
    with unit_of_work(engine) as session:
        request = service.get_or_raise(session, ref)
        audit(session, actor=actor, action="request.read", target_type="rights_request", target_ref=ref)
        return service.read(session, request, settings.region)


def list_requests(engine: Engine, settings: Settings, status: Status | Sequence[Status] | None, *, actor: str,
                  limit: int | None = None, offset: int | None = None) -> Page[RequestRead]:
    """A page of requests (in this state or these states) with the total, the late and nearest first; audited."""
    statuses = () if status is None else (status,) if isinstance(status, Status) else tuple(status)
    limit, offset = bounded(limit, offset)
    with unit_of_work(engine) as session:
        shown = [service.read(session, r, settings.region)
                 for r in service.list_requests(session, statuses=statuses, limit=limit, offset=offset)]
        total = service.count_requests(session, statuses=statuses)
        audit(session, actor=actor, action="requests.listed", target_type="rights_request",
              details={"status": [s.value for s in statuses] or None, "count": len(shown), "offset": offset})
    shown.sort(key=lambda r: (r.status in (Status.completed, Status.refused), r.strict_deadline))
    return Page[RequestRead](items=shown, total=total, limit=limit, offset=offset)
