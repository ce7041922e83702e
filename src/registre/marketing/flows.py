"""Marketing flows for the doors: eligibility, the Bloctel list, unsubscribe links and SMS STOP; one unit of work
each, audited."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from registre.audit.service import record as audit
from registre.consent import service as consent
from registre.consent.schemas import ConsentCreate, Method
from registre.context import Context
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.declarations.schemas import Channel
from registre.errors import NotFound
from registre.i18n import Msg
from registre.marketing import bloctel, eligibility, unsubscribe
from registre.marketing.eligibility import Answer
from registre.marketing.unsubscribe import Target
from registre.subjects.schemas import PHONE
from registre.subjects.service import find, locate

# The words an SMS may carry to stop messages: STOP is the custom in France (and "STOP SMS"), ARRET its French twin.
STOP_WORDS = re.compile(r"^\s*(stop|arr[eê]t|unsubscribe|d[ée]sabonner)\b", re.IGNORECASE)
DEFAULT_URL = "http://127.0.0.1:8000"
NO_SENDER = Msg(en="No data subject has the phone number {number}.",
                fr="Aucune personne concernée n'a le numéro de téléphone {number}.")


def eligible(ctx: Context, *, channel: Channel, purpose: str, at: dt.date,
             audience: Sequence[str] | None) -> Answer:
    """Who may be contacted, and why not the others; the decision is audited with its counts."""
    with unit_of_work(ctx.engine) as session:
        answer = eligibility.decide(session, declared=ctx.declaration(), channel=channel, purpose=purpose, at=at,
                                    audience=audience)
        audit(session, actor=ctx.actor.name, action="marketing.eligibility", target_type="audience",
              details={"channel": channel.value, "purpose": purpose, "at": at.isoformat(),
                       "total": len(answer.decisions), "counts": answer.counts()})
        return answer


def import_bloctel(ctx: Context, path: Path, *, at: str | None = None) -> dict[str, Any]:
    """Make a new file the Bloctel list in force, from now or from when Bloctel returned it (`at`, ISO 8601)."""
    with unit_of_work(ctx.engine) as session:
        return bloctel.import_list(session, path=path, actor=ctx.actor.name, now=bloctel.moment_of(at))


def unsubscribe_link(ctx: Context, base_url: str | None, *, who: str, purpose: str,
                     channel: Channel) -> dict[str, Any]:
    """The signed one-click link and mail headers for a person, a purpose and a channel."""
    consent.activity_or_raise(ctx.declaration(), purpose, channel.value)
    with unit_of_work(ctx.engine) as session:
        subject = locate(session, who)
    token = unsubscribe.sign(ctx.settings.secret_key.get_secret_value(), Target(subject.ref, purpose, channel.value))
    base = base_url or DEFAULT_URL
    return {"url": unsubscribe.link(base, token), "headers": unsubscribe.headers(base, token)}


def check_link(secret: str, token: str) -> Target:
    """What a link would stop; raises if it was forged or altered."""
    return unsubscribe.verify(secret, token)


def unsubscribe_by_link(engine: Engine, declared: Declared, secret: str, token: str) -> Target:
    """Record the withdrawal a one-click link asks for, at once; a forged or altered link changes nothing."""
    target = unsubscribe.verify(secret, token)
    with unit_of_work(engine) as session:
        consent.record(session, declared=declared, actor="unsubscribe_link", consent_in=ConsentCreate(
            subject=target.subject, purpose=target.purpose, channel=Channel(target.channel), state="withdrawn",
            method=Method.one_click_link))
    return target


def sms_stop(ctx: Context, *, number: str, text: str, lang: str = "fr") -> dict[str, Any]:
    """An SMS received: STOP withdraws every SMS marketing purpose of the sender at once (audited as `sms_stop`,
    the person's own act, whoever relayed it)."""
    if not STOP_WORDS.match(text):
        return {"stopped": False, "purposes": []}
    declared = ctx.declaration()
    purposes = sorted({c.activity for c in declared.declaration.marketing if c.channel is Channel.sms and c.activity})
    with unit_of_work(ctx.engine) as session:
        subject = find(session, kind=PHONE, value=number)
        if subject is None:
            raise NotFound(NO_SENDER, number=number)
        for purpose in purposes:
            consent.record(session, declared=declared, actor="sms_stop", consent_in=ConsentCreate(
                subject=subject.ref, purpose=purpose, channel=Channel.sms, state="withdrawn",
                method=Method.sms_stop, lang="en" if lang == "en" else "fr"))
    return {"stopped": True, "purposes": purposes}
