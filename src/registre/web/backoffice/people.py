"""The back office's page of one person: their identifiers, the records the role may see grouped by activity,
their consents (for the roles whose duty is consent), the restrictions and objections in force, and their
events; each read is audited as the API's are."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from registre import labels
from registre.consent.schemas import State
from registre.declarations.schemas import Channel
from registre.i18n import Lang
from registre.staff.policy import Duty
from registre.web.backoffice import flows
from registre.web.backoffice.router import _actor, _page
from registre.web.deps import page_context

router = APIRouter(prefix="/staff/people", include_in_schema=False)


@router.get("/{who}")
def person(request: Request, who: str) -> HTMLResponse:
    """One person, by reference or `kind:value`: what the role may see of them, each read audited."""
    ctx = page_context(request, _actor(request, Duty.subjects))
    lang = ctx.lang
    found = flows.person(ctx, who)
    file = found.file
    ref, category, since = file.subject.ref, file.subject.category, file.subject.created_at
    identifiers = [(labels.word(i.kind, lang), i.value) for i in file.identifiers or []]
    records = [(name, [(r.data_category, r.field, r.value, r.collected_at) for r in rows])
               for name, rows in groupby(file.records or [], key=lambda r: r.activity)]
    events = [(e.event, e.occurred_at) for e in file.events or []]
    restrictions = [{"kind": labels.restriction(r["kind"], lang), "activity": r["activity"], "ground": r["ground"],
                     "since": dt.datetime.fromisoformat(r["since"]) if r["since"] else None}
                    for r in found.restrictions]
    consents = None if found.consents is None else [
        {"purpose": c["purpose"], "channel": _channel(c["channel"], lang), "state": State(c["state"]),
         "at": dt.datetime.fromisoformat(c["at"]),
         "expires_at": dt.datetime.fromisoformat(c["expires_at"]) if c["expires_at"] else None}
        for c in found.consents]
    return _page(request, "person.html.j2", actor=ctx.actor, ref=ref, subject_kind=category, since=since,
                 identifiers=identifiers, records=records, events=events, restrictions=restrictions,
                 consents=consents)


def _channel(value: str | None, lang: Lang) -> str:
    known = {c.value: c for c in Channel}
    return labels.label(known[value], lang) if value in known else (value or "")
