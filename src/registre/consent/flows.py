"""Consent flows for the doors: one unit of work each; reads of a person's consents are audited."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sqlalchemy import Engine, select

from registre.audit.service import record as audit
from registre.consent import receipts, service
from registre.consent.schemas import ConsentCreate, ConsentRead, CookieChoice
from registre.consent.writer import writer
from registre.context import Context
from registre.db.session import unit_of_work
from registre.errors import Conflict, InvalidInput
from registre.i18n import Msg
from registre.models.consent import ConsentWording
from registre.models.subjects import DataSubject
from registre.subjects.service import locate

STALE = Msg(en="The banner showed an older version of the notice or of the trackers: reload the page and choose "
               "again.",
            fr="Le bandeau affichait une ancienne version de la politique ou des traceurs : rechargez la page et "
               "choisissez à nouveau.")
UNKNOWN_CATEGORY = Msg(en="'{category}' is not a category of trackers that asks for consent here; categories: "
                          "{known}.",
                       fr="« {category} » n'est pas une catégorie de traceurs soumise au consentement ici ; "
                          "catégories : {known}.")

Format = Literal["iso", "kantara"]


def record(ctx: Context, consent_in: ConsentCreate) -> list[ConsentRead]:
    """Record a consent given, refused or withdrawn; returns its events (same receipt)."""
    with unit_of_work(ctx.engine) as session:
        events = service.record(session, declared=ctx.declaration(), consent_in=consent_in, actor=ctx.actor.name)
        ref = session.scalar(select(DataSubject.ref).where(DataSubject.id == events[0].subject_id))
        return [service.read(e, ref) for e in events]


def show(ctx: Context, who: str) -> dict[str, Any]:
    """A person's consents: where each purpose and channel stands, and every event; the read is audited."""
    with unit_of_work(ctx.engine) as session:
        subject = locate(session, who)
        events = service.history(session, subject)
        audit(session, actor=ctx.actor.name, action="consent.read", target_type="subject", target_ref=subject.ref,
              subject_ref=subject.ref)
        current = service.current(events)
        return {
            "subject": subject.ref,
            "current": [service.read(e, subject.ref).model_dump(mode="json") for e in current.values()],
            "events": [service.read(e, subject.ref).model_dump(mode="json") for e in events],
            "intact": all(service.intact(e) for e in events),
        }


def receipt(ctx: Context, ref: str, *, fmt: Format = "iso", proof_months: int | None = None) -> dict[str, Any]:
    """The receipt of one consent act, as an ISO/IEC TS 27560 record or a Kantara CR v1.1; the read is audited."""
    declared = ctx.declaration()
    with unit_of_work(ctx.engine) as session:
        events = service.by_receipt(session, ref)
        first = events[0]
        subject_ref = session.scalar(select(DataSubject.ref).where(DataSubject.id == first.subject_id)) \
            if first.subject_id else None
        principal = subject_ref or first.consent_id or ""
        audit(session, actor=ctx.actor.name, action="consent.receipt_read", target_type="consent",
              target_ref=first.receipt_ref, subject_ref=subject_ref)
        months = proof_months if first.keep_until else None
        if fmt == "kantara":
            return receipts.kantara(declared, events, principal=principal, proof_months=months)
        text = session.scalar(select(ConsentWording.text).where(ConsentWording.hash == first.wording_hash)) \
            if first.wording_hash else None
        out = receipts.record(declared, events, principal=principal, wording=text, proof_months=months)
        out["intact"] = all(service.intact(e) for e in events)
        return out


def record_choice(engine: Engine, config: dict[str, Any], choice: CookieChoice, *, keep_months: int,
                  wording: str) -> dict[str, Any]:
    """Keep a cookie-banner choice as anonymous proof; refused if the banner showed a stale version."""
    if choice.notice_version != config["version"]:
        raise Conflict(STALE)
    allowed = [c["id"] for c in config["categories"] if not c["required"]]
    for category in choice.choices:
        if category not in allowed:
            raise InvalidInput(UNKNOWN_CATEGORY, category=category, known=", ".join(allowed) or "—")
    group = writer(engine)
    ref, at, rows = service.choice_rows(choice=choice, notice_hash=config["notice_hash"] or "",
                                        wording_hash=group.wording(wording), keep_months=keep_months)
    group.write(rows)  # committed with the proofs of concurrent requests, in one transaction
    return {"receipt": ref, "at": at.isoformat()}


def choices_of(engine: Engine, consent_id: str) -> list[ConsentRead]:
    """The proofs kept for one anonymous consent id, oldest first."""
    with unit_of_work(engine) as session:
        return [service.read(e, None) for e in service.of_consent_id(session, consent_id)]


def purge(ctx: Context, *, dry_run: bool = False, now: dt.datetime | None = None) -> dict[str, int]:
    """Record lapsed consents as expired and delete cookie proofs past their period (or only count them)."""
    with unit_of_work(ctx.engine) as session:
        return service.purge(session, actor=ctx.actor.name, dry_run=dry_run, now=now)

