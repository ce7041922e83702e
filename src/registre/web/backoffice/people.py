"""The back office's page of one person: their identifiers, the records the role may see grouped by activity,
their consents (for the roles whose duty is consent), the restrictions and objections in force, and their
events; each read is audited as the API's are."""

from __future__ import annotations

import datetime as dt
from itertools import groupby
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from registre import labels
from registre.consent import flows as consent
from registre.consent.schemas import State
from registre.db.session import unit_of_work
from registre.declarations.schemas import Channel
from registre.i18n import Lang
from registre.staff.policy import Duty, visible
from registre.subjects import service as subjects
from registre.web.backoffice.router import _actor, _page
from registre.web.deps import EngineDep, policy_of
from registre.web.templating import page_lang

router = APIRouter(prefix="/staff/people", include_in_schema=False)


@router.get("/{who}")
def person(request: Request, who: str, engine: EngineDep) -> HTMLResponse:
    """One person, by reference or `kind:value`: what the role may see of them, each read audited."""
    actor = _actor(request, Duty.subjects)
    policy = policy_of(request)
    lang = page_lang(request)
    with unit_of_work(engine) as session:
        subject = subjects.locate(session, who)
        file = visible(policy, actor.role, subjects.read(session, subject, actor=actor.name))
        held = subjects.restrictions(session, subject, actor=actor.name)["restrictions"]
        ref, category, since = subject.ref, subject.category, subject.created_at
        identifiers = [(labels.word(i.kind, lang), i.value) for i in file.identifiers or []]
        records = [(name, [(r.data_category, r.field, r.value, r.collected_at) for r in rows])
                   for name, rows in groupby(file.records or [], key=lambda r: r.activity)]
        events = [(e.event, e.occurred_at) for e in file.events or []]
    restrictions = [{"kind": labels.restriction(r["kind"], lang), "activity": r["activity"], "ground": r["ground"],
                     "since": dt.datetime.fromisoformat(r["since"]) if r["since"] else None} for r in held]
    consents: list[dict[str, Any]] | None = None
    if policy.may(actor.role, Duty.consent):
        shown = consent.show(engine, ref, actor=actor.name)
        consents = [{"purpose": c["purpose"], "channel": _channel(c["channel"], lang), "state": State(c["state"]),
                     "at": dt.datetime.fromisoformat(c["at"]), "expires_at": dt.datetime.fromisoformat(
                         c["expires_at"]) if c["expires_at"] else None} for c in shown["current"]]
    return _page(request, "person.html.j2", actor, ref=ref, subject_kind=category, since=since,
                 identifiers=identifiers, records=records, events=events, restrictions=restrictions,
                 consents=consents)


def _channel(value: str | None, lang: Lang) -> str:
    known = {c.value: c for c in Channel}
    return labels.label(known[value], lang) if value in known else (value or "")
