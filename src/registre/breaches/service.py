"""Breaches from awareness to notification: record, update, triage, notify, alert (GDPR Arts 33 and 34).

Every breach is recorded, notified or not (Art. 33(5)). Services flush and never commit: the door (CLI command,
API request) owns the transaction, and every change is audited in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, case, exists, func, or_, select
from sqlalchemy.orm import Session

from registre.audit.service import record as audit
from registre.breaches import affected, clock, notifications, triage
from registre.breaches.affected import Person, Scope
from registre.breaches.schemas import (
    Answers,
    Assessment,
    BreachCreate,
    BreachFacts,
    BreachRead,
    Cause,
    Clock,
    Nature,
    NotificationCreate,
    NotificationKind,
    NotificationRead,
    ProcessorReport,
    Risk,
)
from registre.db.base import utcnow
from registre.db.refs import by_ref
from registre.declarations.catalog import DataKind
from registre.declarations.declared import Declared
from registre.errors import Conflict, InvalidInput, NotFound
from registre.i18n import Lang, Msg
from registre.models.breaches import Breach, BreachNotification

NOT_FOUND = Msg(en="No breach with reference '{ref}'.", fr="Aucune violation de référence « {ref} ».")
FUTURE = Msg(en="{what_en} cannot be in the future ({at}).", fr="{what_fr} ne peut pas être dans le futur ({at}).")
ORDER = Msg(en="{later_en} ({later_at}) cannot come before {earlier_en} ({earlier_at}).",
            fr="{later_fr} ({later_at}) ne peut pas précéder {earlier_fr} ({earlier_at}).")
UNKNOWN = Msg(en="'{name}' is not a declared {kind}; declared: {known}.",
              fr="« {name} » n'est pas un(e) {kind_fr} déclaré(e) ; déclaré(e)s : {known}.")
NOT_A_PROCESSOR = Msg(en="'{name}' is not a declared processor; declared: {known}.",
                      fr="« {name} » n'est pas un sous-traitant déclaré ; déclarés : {known}.")
LATE_NEEDS_REASONS = Msg(
    en="The deadline to notify the CNIL passed on {deadline}: a late notification must give the reasons for the "
       "delay (Art. 33(1)). Give them with --delay-reasons.",
    fr="L'échéance de notification à la CNIL est passée le {deadline} : une notification tardive doit être "
       "accompagnée des motifs du retard (art. 33.1). Indiquez-les avec --delay-reasons.")
ALREADY_NOTIFIED = Msg(en="The CNIL was already notified of breach {ref} on {made}: send a complementary "
                          "notification (--to complementary).",
                       fr="La CNIL a déjà été notifiée de la violation {ref} le {made} : faites une notification "
                          "complémentaire (--to complementary).")
NO_INITIAL = Msg(en="Breach {ref} has no initial notification to complete: notify it first (--to initial).",
                 fr="La violation {ref} n'a pas de notification initiale à compléter : notifiez-la d'abord "
                    "(--to initial).")
NOBODY = Msg(en="Breach {ref} says nothing of whom it touched: give its activities, data or subject categories "
                "first, so that the people can be found.",
             fr="La violation {ref} ne dit pas qui elle touche : indiquez d'abord ses traitements, catégories de "
                "données ou de personnes, pour que les personnes puissent être retrouvées.")
BEFORE_AWARENESS = Msg(en="A notification cannot be made before the awareness of the breach ({aware}).",
                       fr="Une notification ne peut précéder la prise de connaissance de la violation ({aware}).")

WHAT = {
    "aware_at": Msg(en="The awareness", fr="La prise de connaissance"),
    "discovered_at": Msg(en="The discovery", fr="La découverte"),
    "started_at": Msg(en="The start", fr="Le début"),
    "ended_at": Msg(en="The end", fr="La fin"),
    "window_from": Msg(en="The start of the window", fr="Le début de la période"),
    "window_to": Msg(en="The end of the window", fr="La fin de la période"),
    "made_at": Msg(en="The notification", fr="La notification"),
    "received_at": Msg(en="The receipt of the report", fr="La réception du signalement"),
}
KINDS = {"activity": ("processing activity", "traitement"), "data": ("data category", "catégorie de données"),
         "subject": ("subject category", "catégorie de personnes")}
SLACK = dt.timedelta(minutes=5)  # clocks of different machines disagree a little
SENSITIVE_KINDS = {DataKind.special, DataKind.criminal, DataKind.nir, DataKind.economic_financial, DataKind.location}


@dataclass
class Notified:
    """What a notification step produced: the text, the people to write to, and the record if one was made."""

    kind: NotificationKind
    text: str
    subject_line: str | None = None
    people: list[Person] = field(default_factory=list)
    notification: BreachNotification | None = None


def create(session: Session, *, breach_in: BreachCreate, declared: Declared, actor: str,
           now: dt.datetime | None = None, processor: str | None = None,
           processor_aware_at: dt.datetime | None = None,
           sources: Sequence[affected.Source] = affected.STORE_ONLY) -> Breach:
    """Record a breach; its deadline is awareness + 72 hours, and its counts come from the store unless entered."""
    now = now or utcnow()
    processor = _processor(declared, processor) if processor is not None else None
    discovered_at = breach_in.discovered_at or breach_in.aware_at
    breach = Breach(title=breach_in.title.strip(), aware_at=breach_in.aware_at, discovered_at=discovered_at,
                    deadline=clock.deadline(breach_in.aware_at), recorded_at=now, cause=breach_in.cause.value,
                    nature=[], systems=[], activities=[], data_categories=[], subject_categories=[],
                    contact=notifications.contact_of(declared), processor=processor,
                    processor_aware_at=processor_aware_at, ongoing=False, encrypted=False)
    _apply(breach, breach_in, exclude={"title", "aware_at", "discovered_at", "cause"})
    _check(session, breach, declared, now, sources)
    session.add(breach)
    session.flush()
    audit(session, actor=actor, action="breach.recorded", target_type="breach", target_ref=breach.ref,
          details={"aware_at": breach.aware_at.isoformat(), "deadline": breach.deadline.isoformat(),
                   "processor": processor, "subjects_count": breach.subjects_count})
    return breach


def receive_report(session: Session, *, report: ProcessorReport, declared: Declared, actor: str,
                   now: dt.datetime | None = None,
                   sources: Sequence[affected.Source] = affected.STORE_ONLY) -> Breach:
    """Record a processor's report (Art. 33(2)): the controller is aware when the report reaches it."""
    now = now or utcnow()
    received_at = report.received_at or now
    data = report.model_dump(exclude={"processor", "processor_aware_at", "received_at"}, exclude_unset=True)
    breach_in = BreachCreate.model_validate({**data, "aware_at": received_at, "discovered_at": received_at})
    return create(session, breach_in=breach_in, declared=declared, actor=actor, now=now, processor=report.processor,
                  processor_aware_at=report.processor_aware_at, sources=sources)


def _processor(declared: Declared, given: str) -> str:
    """The id of the declared processor named by its id or its name."""
    processors = {rid: r for rid, r in declared.recipients.items() if r.kind == "processor"}
    if given in processors:
        return given
    for rid, recipient in processors.items():
        if given.strip().casefold() in (recipient.name("fr").casefold(), recipient.name("en").casefold()):
            return rid
    raise InvalidInput(NOT_A_PROCESSOR, name=given, known=", ".join(processors) or "—")


def get_or_raise(session: Session, ref: str) -> Breach:
    """The breach with reference `ref`."""
    breach = by_ref(session, Breach, Breach.ref, ref)
    if breach is None:
        raise NotFound(NOT_FOUND, ref=ref)
    return breach


def _clock_runs() -> ColumnElement[bool]:
    """The 72-hour clock runs (or is overdue): the CNIL not notified, and the breach not judged riskless."""
    notified = exists().where(BreachNotification.breach_id == Breach.id,
                              BreachNotification.kind == NotificationKind.initial.value)
    return or_(Breach.risk.is_(None), Breach.risk != Risk.none.value) & ~notified


def _listed(current: bool) -> Select[tuple[Breach]]:
    """Breaches (`current`: those still ongoing or whose clock runs), those whose clock runs first, then the
    nearest deadline first."""
    runs = _clock_runs()
    query = select(Breach).order_by(case((runs, 0), else_=1), Breach.deadline, Breach.id)
    return query.where(or_(Breach.ended_at.is_(None), runs)) if current else query


def list_breaches(session: Session, *, limit: int, offset: int = 0, current: bool = False) -> list[Breach]:
    """A page of breaches (`current`: only those ongoing or whose clock runs), those whose clock runs first."""
    return list(session.scalars(_listed(current).limit(limit).offset(offset)))


def each_breach(session: Session, *, batch: int = 500) -> Iterator[Breach]:
    """Every breach, in the order of `list_breaches`, read `batch` rows at a time."""
    yield from session.scalars(_listed(False).execution_options(yield_per=batch))


def count_breaches(session: Session, *, current: bool = False) -> int:
    """How many breaches are recorded (`current`: ongoing or whose clock runs)."""
    query = select(func.count()).select_from(Breach)
    return session.scalar(query.where(or_(Breach.ended_at.is_(None), _clock_runs())) if current else query) or 0


def update(session: Session, breach: Breach, *, changes: BreachFacts, declared: Declared, actor: str,
           now: dt.datetime | None = None, sources: Sequence[affected.Source] = affected.STORE_ONLY) -> list[str]:
    """Change a breach's facts as the investigation goes on; returns the fields changed (audited)."""
    now = now or utcnow()
    before = {name: getattr(breach, name) for name in changes.model_fields_set}
    _apply(breach, changes, exclude=set())
    _check(session, breach, declared, now, sources)
    changed = sorted(name for name in before if getattr(breach, name) != before[name])
    session.flush()
    audit(session, actor=actor, action="breach.updated", target_type="breach", target_ref=breach.ref,
          details={"fields": changed})
    return changed


def answers_for(breach: Breach, declared: Declared, given: Answers) -> Answers:
    """The answers of a triage: those given, the others guessed from the breach and the declaration."""
    guessed: dict[str, Any] = {
        "unintelligible": breach.encrypted,
        "sensitive": any(declared.data[c].kind in SENSITIVE_KINDS or declared.data[c].special
                         for c in breach.data_categories if c in declared.data),
        "vulnerable": any(declared.subjects[c].minors is not None for c in breach.subject_categories
                          if c in declared.subjects),
        "malicious": breach.cause in (Cause.internal_malicious, Cause.external_malicious),
    }
    return Answers.model_validate({**guessed, **given.model_dump(include=given.model_fields_set)})


def assess(session: Session, breach: Breach, *, assessment: Assessment, declared: Declared, actor: str,
           now: dt.datetime | None = None) -> triage.Decision:
    """Triage the breach: the level, the Art. 34(3) exemptions and the reasons, recorded and audited."""
    answers = answers_for(breach, declared, assessment.answers)
    decision = triage.decide(answers, [Nature(n) for n in breach.nature], risk=assessment.risk,
                             exemptions=assessment.exemptions, reasons=assessment.reasons, encrypted=breach.encrypted)
    breach.risk = decision.risk.value
    breach.risk_reasons = decision.reasons
    breach.assessed_at = now or utcnow()
    breach.triage = {"answers": answers.model_dump(), "suggested": decision.suggested.value,
                     "exemptions": [e.value for e in decision.exemptions],
                     "grounds": triage.grounds_text(decision.grounds), "given": (assessment.reasons or "").strip()
                     or None}
    session.flush()
    audit(session, actor=actor, action="breach.assessed", target_type="breach", target_ref=breach.ref,
          details={"risk": decision.risk.value, "suggested": decision.suggested.value,
                   "exemptions": breach.triage["exemptions"], "reasons": decision.reasons})
    return decision


def notify(session: Session, breach: Breach, *, notification_in: NotificationCreate, declared: Declared, actor: str,
           now: dt.datetime | None = None, sources: Sequence[affected.Source] = affected.STORE_ONLY) -> Notified:
    """Produce a notification's text and, unless a draft, record it as made (audited).

    To the CNIL: the initial notification, late only with the reasons for the delay (Art. 33(1)), then
    complementary ones (Art. 33(4)). To the people: the letter and the list of those the breach reaches (Art. 34).
    """
    now = now or utcnow()
    kind, lang = notification_in.kind, notification_in.lang
    made_at = notification_in.made_at or now
    _not_future(made_at, "made_at", now)
    if made_at < breach.aware_at:
        raise InvalidInput(BEFORE_AWARENESS, aware=clock.shown(breach.aware_at, lang))
    initial = _initial(session, breach)
    late = clock.is_late(breach.deadline, made_at)
    reasons = (notification_in.delay_reasons or "").strip() or None
    people: list[Person] = []
    subject_line: str | None = None
    if kind is NotificationKind.initial:
        if initial is not None:
            raise Conflict(ALREADY_NOTIFIED, ref=breach.ref, made=clock.shown(initial.made_at, lang))
        if late and reasons is None:
            raise InvalidInput(LATE_NEEDS_REASONS, deadline=clock.shown(breach.deadline, lang))
        text = notifications.cnil(breach, declared, kind=kind, lang=lang, made_at=made_at, delay_reasons=reasons)
    elif kind is NotificationKind.complementary:
        if initial is None:
            raise Conflict(NO_INITIAL, ref=breach.ref)
        text = notifications.cnil(breach, declared, kind=kind, lang=lang, made_at=made_at, delay_reasons=reasons,
                                  initial=(initial.made_at, initial.authority_ref))
    elif kind is NotificationKind.subjects:
        scope = scope_of(breach)
        if not scope.known:
            raise Conflict(NOBODY, ref=breach.ref)
        subject_line, text = notifications.letter(breach, declared, lang)
        people = list(affected.people(session, scope, sources))
        audit(session, actor=actor, action="breach.people_listed", target_type="breach", target_ref=breach.ref,
              details={"count": len(people)})
    else:
        text = notifications.public(breach, declared, lang)
    result = Notified(kind=kind, text=text, subject_line=subject_line, people=people)
    if notification_in.draft:
        return result
    result.notification = BreachNotification(
        breach_id=breach.id, kind=kind.value, made_at=made_at, recorded_at=now, actor=actor, lang=lang,
        late=late and kind is NotificationKind.initial, delay_reasons=reasons,
        authority_ref=notification_in.authority_ref, recipients=len(people) if kind is NotificationKind.subjects
        else None, text=text)
    session.add(result.notification)
    session.flush()
    audit(session, actor=actor, action=f"breach.notified.{kind.value}", target_type="breach", target_ref=breach.ref,
          details={"made_at": made_at.isoformat(), "late": result.notification.late, "delay_reasons": reasons,
                   "authority_ref": notification_in.authority_ref, "recipients": result.notification.recipients})
    return result


def due_alerts(session: Session, now: dt.datetime | None = None) -> list[Breach]:
    """Breaches whose deadline is `ALERT_BEFORE` away or past, not notified, not judged riskless, not yet alerted."""
    now = now or utcnow()
    query = select(Breach).where(Breach.deadline <= clock.alert_from(now), Breach.alert_sent_at.is_(None),
                                 _clock_runs()).order_by(Breach.deadline, Breach.id)
    return list(session.scalars(query))


def mark_alerted(session: Session, breach: Breach, *, to: str, actor: str, now: dt.datetime | None = None) -> None:
    """Record that the DPO was alerted, so that the alert is never sent twice (audited)."""
    breach.alert_sent_at = now or utcnow()
    session.flush()
    audit(session, actor=actor, action="breach.alert_sent", target_type="breach", target_ref=breach.ref,
          details={"to": to, "deadline": breach.deadline.isoformat()})


def scope_of(breach: Breach) -> Scope:
    """What the breach touched, for counting and finding the people."""
    return Scope(activities=tuple(breach.activities), data_categories=tuple(breach.data_categories),
                 subject_categories=tuple(breach.subject_categories), collected_from=breach.window_from,
                 collected_to=breach.window_to)


def notifications_of(session: Session, breach: Breach) -> list[BreachNotification]:
    """The notifications made of a breach, oldest first."""
    return list(session.scalars(select(BreachNotification).where(BreachNotification.breach_id == breach.id)
                                .order_by(BreachNotification.made_at, BreachNotification.id)))


def read(session: Session, breach: Breach, *, now: dt.datetime | None = None, lang: Lang = "en") -> BreachRead:
    """The breach as the doors show it: deadline in UTC and Paris time, hours left, where the clock stands.

    Hours left run until the CNIL is notified; after that they are frozen at the moment of the initial notification
    (negative when it was late).
    """
    now = now or utcnow()
    made = notifications_of(session, breach)
    initial = next((n for n in made if n.kind == NotificationKind.initial.value), None)
    at = initial.made_at if initial is not None else now
    if initial is not None:
        state = Clock.notified_late if initial.late else Clock.notified
    elif breach.risk == Risk.none.value:
        state = Clock.not_required
    else:
        state = Clock.overdue if now > breach.deadline else Clock.running
    exemptions = (breach.triage or {}).get("exemptions", [])
    assessed = breach.risk is not None
    return BreachRead(
        ref=breach.ref, title=breach.title, description=breach.description, circumstances=breach.circumstances,
        started_at=breach.started_at, discovered_at=breach.discovered_at, aware_at=breach.aware_at,
        recorded_at=breach.recorded_at, deadline=breach.deadline, deadline_local=clock.shown(breach.deadline, lang),
        hours_left=clock.hours_left(breach.deadline, at), time_left=clock.remaining(breach.deadline, at), clock=state,
        ongoing=breach.ongoing, ended_at=breach.ended_at, nature=breach.nature, origin=breach.origin,
        cause=Cause(breach.cause), systems=breach.systems, activities=breach.activities,
        data_categories=breach.data_categories, subject_categories=breach.subject_categories,
        window_from=breach.window_from, window_to=breach.window_to, subjects_count=breach.subjects_count,
        subjects_count_source=breach.subjects_count_source, records_count=breach.records_count,
        records_count_source=breach.records_count_source, encrypted=breach.encrypted,
        consequences=breach.consequences, measures_taken=breach.measures_taken,
        measures_planned=breach.measures_planned, advice=breach.advice, contact=breach.contact,
        processor=breach.processor, processor_aware_at=breach.processor_aware_at,
        risk=Risk(breach.risk) if breach.risk else None, risk_reasons=breach.risk_reasons, triage=breach.triage,
        assessed_at=breach.assessed_at, notify_authority=breach.risk != Risk.none.value if assessed else None,
        inform_subjects=(breach.risk == Risk.high.value and not exemptions) if assessed else None,
        public_communication=("disproportionate_effort" in exemptions) if assessed else None,
        alert_sent_at=breach.alert_sent_at,
        notifications=[NotificationRead(kind=NotificationKind(n.kind), made_at=n.made_at, late=n.late,
                                        delay_reasons=n.delay_reasons, authority_ref=n.authority_ref,
                                        recipients=n.recipients, lang=n.lang, actor=n.actor) for n in made],
    )


def _initial(session: Session, breach: Breach) -> BreachNotification | None:
    return session.scalar(select(BreachNotification).where(BreachNotification.breach_id == breach.id,
                                                           BreachNotification.kind == NotificationKind.initial.value))


def _apply(breach: Breach, facts: BreachFacts, exclude: set[str]) -> None:
    """Copy the facts given onto the breach; entered counts are marked so, and a cleared one is counted again."""
    for name in facts.model_fields_set - exclude:
        value = getattr(facts, name)
        if isinstance(value, str):
            value = value.strip() or None
        if name in ("nature", "systems", "activities", "data_categories", "subject_categories"):
            value = list(dict.fromkeys(str(v) for v in value or []))
        if name in ("subjects_count", "records_count"):
            setattr(breach, f"{name}_source", "entered" if value is not None else None)
        if name in ("ongoing", "encrypted"):
            value = bool(value)
        if name == "title" and value is None:
            continue
        setattr(breach, name, value)


def _check(session: Session, breach: Breach, declared: Declared, now: dt.datetime,
           sources: Sequence[affected.Source]) -> None:
    """Refuse impossible times and undeclared names, then count what the store can count."""
    for name in ("aware_at", "discovered_at", "started_at", "ended_at", "window_from", "window_to"):
        value = getattr(breach, name)
        if value is not None:
            _not_future(value, name, now)
    _in_order(breach, "started_at", "discovered_at")
    _in_order(breach, "discovered_at", "aware_at")
    _in_order(breach, "started_at", "ended_at")
    _in_order(breach, "window_from", "window_to")
    activities = [a.id for a in declared.declaration.activities]
    _declared(breach.activities, activities, "activity")
    _declared(breach.data_categories, declared.data, "data")
    _declared(breach.subject_categories, declared.subjects, "subject")
    if breach.subjects_count_source != "entered" or breach.records_count_source != "entered":
        counted = affected.count(session, scope_of(breach), sources)
        for name in ("subjects", "records"):
            if getattr(breach, f"{name}_count_source") != "entered":
                setattr(breach, f"{name}_count", getattr(counted, name) if counted else None)
                setattr(breach, f"{name}_count_source", "store" if counted else None)


def _not_future(value: dt.datetime, name: str, now: dt.datetime) -> None:
    if value > now + SLACK:
        raise InvalidInput(FUTURE, what_en=WHAT[name].en, what_fr=WHAT[name].fr, at=value.isoformat())


def _in_order(breach: Breach, earlier: str, later: str) -> None:
    first, second = getattr(breach, earlier), getattr(breach, later)
    if first is not None and second is not None and second < first:
        raise InvalidInput(ORDER, later_en=WHAT[later].en, later_fr=WHAT[later].fr, later_at=second.isoformat(),
                           earlier_en=_lower(WHAT[earlier].en), earlier_fr=_lower(WHAT[earlier].fr),
                           earlier_at=first.isoformat())


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _declared(names: Iterable[str], known: Iterable[str], kind: str) -> None:
    known = list(known)
    for name in names:
        if name not in known:
            raise InvalidInput(UNKNOWN, name=name, kind=KINDS[kind][0], kind_fr=KINDS[kind][1],
                               known=", ".join(known))
