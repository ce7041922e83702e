"""Breach flows for the doors: one unit of work per step; letters to people and the alert to the DPO are queued in
the outbox in that unit of work and sent after commit (retried until the mail server takes them, once per person)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from registre.breaches import affected, clock, notifications, register, service
from registre.breaches.affected import STORE_ONLY, Person, Source
from registre.breaches.schemas import (
    Answers,
    Assessment,
    BreachCreate,
    BreachRead,
    BreachUpdate,
    NotificationCreate,
    NotificationKind,
    ProcessorReport,
)
from registre.context import Context
from registre.db.base import utcnow
from registre.db.session import unit_of_work
from registre.documents import spreadsheets
from registre.errors import InvalidInput
from registre.i18n import Lang, Msg
from registre.kit.paging import Page, bounded
from registre.mail import outbox
from registre.mail.sender import Letter

NO_DPO_ADDRESS = Msg(en="The declaration gives no email for the DPO (dpo.email) nor a contact: nobody to alert.",
                     fr="La déclaration ne donne aucun courriel pour le DPO (dpo.email) ni de contact : personne à "
                        "alerter.")


@dataclass
class Notice:
    """What a notification step produced: the breach as it now stands, the text, files, and where letters went."""

    breach: BreachRead
    kind: NotificationKind
    text: str
    recorded: bool
    files: dict[str, bytes] = field(default_factory=dict)
    sent: list[str] = field(default_factory=list)
    unsent: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data (files by name only)."""
        return {"breach": self.breach.model_dump(mode="json"), "kind": self.kind.value, "text": self.text,
                "recorded": self.recorded, "files": sorted(self.files), "sent": self.sent, "unsent": self.unsent}


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert to the DPO: sent, or why not."""

    ref: str
    title: str
    hours_left: float
    to: str
    sent: str | None
    error: str | None = None


def record(ctx: Context, breach_in: BreachCreate, *, lang: Lang, processor: str | None = None,
           sources: Sequence[Source] = STORE_ONLY) -> BreachRead:
    """Record a new breach and start its clock; `processor` names the declared processor that reported it, and
    the people are counted in `sources` (`affected.sources(settings)`: the store and the connected databases)."""
    with unit_of_work(ctx.engine) as session:
        breach = service.create(session, breach_in=breach_in, declared=ctx.declaration(), actor=ctx.actor.name,
                                processor=processor, sources=sources)
        return service.read(session, breach, lang=lang)


def receive_report(ctx: Context, report: ProcessorReport, *, lang: Lang,
                   sources: Sequence[Source] = STORE_ONLY) -> BreachRead:
    """Record a processor's report as a breach of which the controller is now aware; audited as the member who
    entered it and the processor (`member:processor`)."""
    with unit_of_work(ctx.engine) as session:
        breach = service.receive_report(session, report=report, declared=ctx.declaration(),
                                        actor=f"{ctx.actor.name}:{report.processor}", sources=sources)
        return service.read(session, breach, lang=lang)


def show(ctx: Context, ref: str, *, lang: Lang) -> BreachRead:
    """One breach with its clock, triage and notifications."""
    with unit_of_work(ctx.engine) as session:
        return service.read(session, service.get_or_raise(session, ref), lang=lang)


def list_breaches(ctx: Context, *, lang: Lang) -> list[BreachRead]:
    """Every breach, however many, those whose clock runs first, the nearest deadline first (the register)."""
    with unit_of_work(ctx.engine) as session:
        return [service.read(session, b, lang=lang) for b in service.each_breach(session)]


def page_breaches(ctx: Context, *, lang: Lang, limit: int | None = None, offset: int | None = None,
                  current: bool = False) -> Page[BreachRead]:
    """A page of breaches (`current`: only those ongoing or whose clock runs), those whose clock runs first, the
    nearest deadline first, with the total."""
    limit, offset = bounded(limit, offset)
    with unit_of_work(ctx.engine) as session:
        listed = service.list_breaches(session, limit=limit, offset=offset, current=current)
        shown = [service.read(session, b, lang=lang) for b in listed]
        total = service.count_breaches(session, current=current)
    return Page[BreachRead](items=shown, total=total, limit=limit, offset=offset)


def update(ctx: Context, ref: str, changes: BreachUpdate, *, lang: Lang,
           sources: Sequence[Source] = STORE_ONLY) -> BreachRead:
    """Change a breach's facts (the counts not entered are made again)."""
    with unit_of_work(ctx.engine) as session:
        breach = service.get_or_raise(session, ref)
        service.update(session, breach, changes=changes, declared=ctx.declaration(), actor=ctx.actor.name,
                       sources=sources)
        return service.read(session, breach, lang=lang)


def guessed_answers(ctx: Context, ref: str) -> Answers:
    """The triage answers the breach's facts suggest, to propose when asking the questions."""
    with unit_of_work(ctx.engine) as session:
        return service.answers_for(service.get_or_raise(session, ref), ctx.declaration(), Answers())


def assess(ctx: Context, ref: str, assessment: Assessment, *, lang: Lang) -> BreachRead:
    """Triage a breach and record the decision and its reasons."""
    with unit_of_work(ctx.engine) as session:
        breach = service.get_or_raise(session, ref)
        service.assess(session, breach, assessment=assessment, declared=ctx.declaration(), actor=ctx.actor.name)
        return service.read(session, breach, lang=lang)


def notify(ctx: Context, ref: str, notification_in: NotificationCreate, *, lang: Lang) -> Notice:
    """Produce a notification and record it; to the people, send each a letter by email after commit, and list
    those to write to by post."""
    pending: list[int] = []
    declared = ctx.declaration()
    with unit_of_work(ctx.engine) as session:
        breach = service.get_or_raise(session, ref)
        done = service.notify(session, breach, notification_in=notification_in, declared=declared,
                              actor=ctx.actor.name, sources=affected.sources(ctx.settings))
        shown = service.read(session, breach, lang=lang)
        kind = notification_in.kind
        if kind is NotificationKind.subjects and not notification_in.draft:
            # One letter per person, ever: a re-run writes only to those not yet written to.
            for person in done.people:
                if person.email:
                    row = outbox.queue(session, Letter(person.email, done.subject_line or "", done.text,
                                                        declared.declaration.controller.name),
                                       key=f"breach:{ref}:subjects:{person.ref}", kind="breach.subjects",
                                       person_ref=person.ref, target_ref=ref)
                    pending += [row.id] if row is not None else []
    name = f"{kind.value}-{notification_in.lang}"
    notice = Notice(shown, kind, done.text, recorded=done.notification is not None,
                    files={f"{name}.txt": done.text.encode()})
    if kind is NotificationKind.subjects:
        notice.files["affected.csv"] = _affected_csv(done.people)
    for start in range(0, len(pending), 500):
        outbox.report(outbox.deliver(ctx.engine, ctx.settings, pending[start:start + 500], limit=500), notice.sent,
                      notice.unsent, with_address=True)
    return notice


def _affected_csv(people: list[Person]) -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=";")  # as the registers: French spreadsheets split on ";"
    writer.writerow(["ref", "category", "email", "channel", "source"])
    for person in people:
        writer.writerow([person.ref, person.category or "", person.email or "", "email" if person.email else "post",
                         person.source])
    return stream.getvalue().encode("utf-8-sig")


def alert(ctx: Context, *, lang: Lang, now: dt.datetime | None = None) -> list[Alert]:
    """Alert the DPO of each breach with 24 hours or less left and no notification; each alert is sent once."""
    engine, settings = ctx.engine, ctx.settings
    contact = notifications.contact_of(ctx.declaration())
    to = contact.get("email") if contact.get("email") else None
    if to is None:
        raise InvalidInput(NO_DPO_ADDRESS)
    now = now or utcnow()
    with unit_of_work(engine) as session:
        due = [b.ref for b in service.due_alerts(session, now)]
    results = []
    for ref in due:
        with unit_of_work(engine) as session:
            breach = service.get_or_raise(session, ref)
            if breach.alert_sent_at is not None:  # another run got there first
                continue
            subject, body = notifications.alert(breach, lang, now)
            hours = clock.hours_left(breach.deadline, now)
            title = breach.title
            key = f"breach:{ref}:alert"
            row = outbox.find(session, key) or outbox.queue(session, Letter(str(to), subject, body), key=key,
                                                            kind="breach.alert", target_ref=ref)
            assert row is not None
            row_id, where = row.id, row.sent_via if row.sent_at else None
        # Sent now, even if the outbox would wait before trying again: an alert is recorded only once it went.
        done = [] if where else outbox.deliver(engine, settings, [row_id], force=True)
        where = where or next((d.where for d in done if d.where), None)
        if where is None:
            results.append(Alert(ref, title, hours, str(to), None, next((d.error for d in done if d.error), None)))
            continue
        with unit_of_work(engine) as session:
            breach = service.get_or_raise(session, ref)
            if breach.alert_sent_at is None:
                service.mark_alerted(session, breach, to=str(to), actor=ctx.actor.name, now=now)
        results.append(Alert(ref, title, hours, str(to), where))
    return results


def export(ctx: Context, fmt: str, path: Path, *, lang: Lang) -> int:
    """Write the breach register to `path` as ods, xlsx or csv; returns the number of breaches."""
    shown = list_breaches(ctx, lang=lang)
    spreadsheets.write(register.workbook(shown, ctx.declared, lang), fmt, path)
    return len(shown)


def export_bytes(ctx: Context, fmt: str, folder: Path, *, lang: Lang) -> bytes:
    """The breach register as the bytes of an ods, xlsx or csv file (written in `folder`, then read back)."""
    path = folder / f"breaches.{fmt}"
    export(ctx, fmt, path, lang=lang)
    return path.read_bytes()
