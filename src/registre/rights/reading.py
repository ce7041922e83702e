"""How a request reads: its deadlines and the view the doors show, from its row, an ORM object (`service`) or a
Core row (`queries.show`, which reads a request without importing the ORM)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from registre.db.tables import data_subject, utcnow
from registre.i18n import Msg
from registre.law.calendar import Region
from registre.rights.deadlines import Deadlines, deadlines, local_date
from registre.rights.schemas import Outcome, RequestKind, RequestRead, Status

if TYPE_CHECKING:
    from sqlalchemy import Connection, Row
    from sqlalchemy.orm import Session

    from registre.models.requests import RightsRequest

NOT_FOUND = Msg(en="No request with reference '{ref}'.", fr="Aucune demande de référence « {ref} ».")
# The details' key of the rows found in the connected databases when the request was filed, acted on at completion
SEARCHED = "searched"


def deadlines_of(request: RightsRequest | Row[Any], region: Region) -> Deadlines:
    """The request's deadlines: initial, extended, strict (no pause) and paused for identity."""
    return deadlines(request.received_at, region=region, extended=request.extended_deadline is not None,
                     identity_requested_at=request.identity_requested_at,
                     identity_received_at=request.identity_confirmed_at)


def read(executor: Session | Connection, request: RightsRequest | Row[Any], region: Region,
         today: dt.date | None = None) -> RequestRead:
    """The request as the doors show it, with its strict and paused deadlines and the days left."""
    computed = deadlines_of(request, region)
    subject_ref = executor.scalar(select(data_subject.c.ref).where(data_subject.c.id == request.subject_id)) \
        if request.subject_id else None
    today = today or local_date(utcnow())
    details = {k: v for k, v in request.details.items() if not k.startswith("identity_code") and k != SEARCHED}
    return RequestRead(
        ref=request.ref, kind=RequestKind(request.kind), channel=request.channel, status=Status(request.status),
        received_at=request.received_at, subject=subject_ref, requester=request.requester, details=details,
        deadline=request.deadline, extended_deadline=request.extended_deadline, strict_deadline=computed.strict,
        paused_deadline=computed.paused, days_left=(computed.strict - today).days,
        identity_method=request.identity_method, outcome=Outcome(request.outcome) if request.outcome else None,
        refusal_reasons=request.refusal_reasons, answer=request.answer,
    )
