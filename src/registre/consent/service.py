"""The consent ledger: record consent events with their proof, read a person's consents, purge old cookie proofs.

The ledger is append-only: a withdrawal is a new event, never a change to the consent it ends. Services flush
and never commit; the door owns the transaction, and each event about a data subject is audited in it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from sqlalchemy import Connection, and_, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from registre.audit.service import record as audit
from registre.consent.schemas import ConsentCreate, ConsentRead, CookieChoice, State
from registre.db.base import utcnow
from registre.declarations.declared import Declared
from registre.declarations.schemas import Activity
from registre.documents import notice
from registre.errors import Conflict, InvalidInput, NotFound
from registre.i18n import Msg
from registre.law.calendar import add_months
from registre.law.facts import DIGITAL_CONSENT_AGE
from registre.models.consent import ConsentEvent, ConsentWording
from registre.models.subjects import DataSubject, new_ref
from registre.subjects.service import locate

UNKNOWN_PURPOSE = Msg(en="'{purpose}' is not a declared processing activity; declared: {known}.",
                      fr="« {purpose} » n'est pas un traitement déclaré ; traitements déclarés : {known}.")
UNKNOWN_CHANNEL = Msg(en="The declaration has no {channel} marketing channel for '{purpose}'.",
                      fr="La déclaration ne prévoit pas de canal de prospection {channel} pour « {purpose} ».")
NO_WORDING = Msg(en="Give the exact wording of the request the person answered: the proof of consent needs it "
                    "(GDPR Art. 7(1)).",
                 fr="Indiquez le texte exact de la demande à laquelle la personne a répondu : la preuve du "
                    "consentement l'exige (RGPD art. 7.1).")
NEEDS_PARENT = Msg(en="The person is {age}: under {threshold}, a holder of parental authority consents too "
                      "(LIL art. 45). Give the parent's name and contact.",
                   fr="La personne a {age} ans : avant {threshold} ans, un titulaire de l'autorité parentale "
                      "consent aussi (loi Informatique et Libertés, art. 45). Indiquez le nom et le contact du "
                      "parent.")
MINORS_REFUSED = Msg(en="The declaration does not admit the consent of people under {threshold} for '{category}'.",
                     fr="La déclaration n'admet pas le consentement des moins de {threshold} ans pour "
                        "« {category} ».")
NO_RECEIPT = Msg(en="No consent receipt with reference '{ref}'.", fr="Aucun reçu de consentement de référence "
                 "« {ref} ».")

# The fields a consent event's digest covers, in this order: everything that proves what happened.
DIGESTED = ("ref", "receipt_ref", "subject_id", "consent_id", "purpose", "channel", "state", "at", "method",
            "location", "notice_version", "notice_hash", "lang", "wording_hash", "given_by", "age", "joint_id",
            "expires_at", "keep_until", "evidence")


def months_after(moment: dt.datetime, months: int) -> dt.datetime:
    """The same time of day `months` calendar months later (clamped to the month's last day)."""
    return dt.datetime.combine(add_months(moment.date(), months), moment.timetz())


def digest(values: Mapping[str, Any]) -> str:
    """The SHA-256 of an event's content as canonical JSON (times in UTC)."""
    content = {}
    for key in DIGESTED:
        value = values.get(key)
        if isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC).isoformat()
        content[key] = value
    return plain_digest(content) if _orjson_writes_alike(content) else _json_digest(content)


def plain_digest(content: dict[str, Any]) -> str:
    """The digest of an event's content as `digest` prepares it (every key of DIGESTED, times as UTC ISO texts) when
    it holds only texts, integers, booleans, None, and dicts with text keys and lists of them (as an import's do)."""
    try:
        return hashlib.sha256(orjson.dumps(content, option=orjson.OPT_SORT_KEYS)).hexdigest()
    except TypeError:  # an integer beyond 64 bits, a string with a lone surrogate: as json.dumps treats them
        return _json_digest(content)


def _json_digest(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_ALIKE = frozenset({str, int, bool, type(None)})  # what orjson writes as json.dumps above does (ints within 64 bits)


def _orjson_writes_alike(value: Any) -> bool:
    """Whether orjson's bytes of `value` are the digest's canonical JSON (tests/consent/test_digest.py proves it):
    strings, integers, booleans, None, and dicts with string keys and lists of them. Not floats (written otherwise),
    nor what json.dumps writes with `str` (times, dates, anything else), which orjson would write its own way."""
    kind = type(value)
    if kind in _ALIKE:
        return True
    try:
        if kind is dict:
            return all(type(key) is str and _orjson_writes_alike(item) for key, item in value.items())
        if kind is list:
            return all(_orjson_writes_alike(item) for item in value)
    except RecursionError:  # deeper than orjson nests, anyway
        return False
    return False


def intact(event: ConsentEvent) -> bool:
    """Whether the event still matches the digest it was written with."""
    return digest({key: getattr(event, key) for key in DIGESTED}) == event.digest


def wording_key(text: str) -> str:
    """The SHA-256 that names a wording."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def wording(session: Session | Connection, text: str) -> str:
    """Keep the exact wording of a request once; returns its SHA-256, which events refer to."""
    key = wording_key(text)
    dialect = (session.dialect if isinstance(session, Connection) else session.get_bind().dialect).name
    statement: Any
    if dialect == "postgresql":
        statement = postgresql.insert(ConsentWording).on_conflict_do_nothing()
    elif dialect == "sqlite":
        statement = sqlite.insert(ConsentWording).on_conflict_do_nothing()
    else:
        if session.execute(select(ConsentWording.hash).where(ConsentWording.hash == key)).first() is not None:
            return key
        statement = insert(ConsentWording)
    session.execute(statement, [{"hash": key, "text": text}])
    return key


def activity_or_raise(declared: Declared, purpose: str, channel: str | None) -> Activity:
    """The declared activity a consent is for, and, for a channel, the declared marketing channel of it."""
    activities = {a.id: a for a in declared.declaration.activities}
    activity = activities.get(purpose)
    if activity is None:
        raise InvalidInput(UNKNOWN_PURPOSE, purpose=purpose, known=", ".join(activities))
    if channel is not None and not any(
        c.channel.value == channel and c.activity in (None, purpose) for c in declared.declaration.marketing
    ):
        raise InvalidInput(UNKNOWN_CHANNEL, channel=channel, purpose=purpose)
    return activity


def minor_threshold(declared: Declared, category: str | None) -> tuple[int, str]:
    """The age below which a parent takes part for a subject category, and how (joint, parent_only, refused)."""
    info = declared.subjects.get(category or "")
    minors = info.minors if info else None
    if minors is None:
        return DIGITAL_CONSENT_AGE, "joint"
    return minors.age_alone, minors.consent_below if minors.admitted else "refused"


def record(session: Session, *, declared: Declared, consent_in: ConsentCreate, actor: str,
           now: dt.datetime | None = None) -> list[ConsentEvent]:
    """Record a consent given, refused or withdrawn, with its proof; returns the events (the person's first).

    Under the age the declaration sets (15 by default, LIL art. 45), a consent given needs the parent beside
    the minor: two events, the parent's joined to the minor's.
    """
    now = now or utcnow()
    subject = locate(session, consent_in.subject)
    channel = consent_in.channel.value if consent_in.channel else None
    activity_or_raise(declared, consent_in.purpose, channel)
    if consent_in.state != State.withdrawn and not (consent_in.wording or "").strip():
        raise InvalidInput(NO_WORDING)
    shown = notice.build(declared, consent_in.lang)
    threshold, regime = minor_threshold(declared, subject.category)
    minor = consent_in.age is not None and consent_in.age < threshold
    given_by = "subject"
    if minor and consent_in.state == State.given:
        if regime == "refused":
            raise Conflict(MINORS_REFUSED, threshold=threshold, category=subject.category or "—")
        if consent_in.parent is None:
            raise InvalidInput(NEEDS_PARENT, age=consent_in.age, threshold=threshold)
        given_by = "parent" if regime == "parent_only" else "subject"
    base: dict[str, Any] = {
        "receipt_ref": new_ref(), "subject_id": subject.id, "consent_id": None, "purpose": consent_in.purpose,
        "channel": channel, "at": now, "method": consent_in.method.value, "location": consent_in.location,
        "notice_version": declared.declaration.policy.version, "notice_hash": shown.hash, "lang": consent_in.lang,
        "wording_hash": wording(session, consent_in.wording) if consent_in.wording else None, "age": consent_in.age,
        "keep_until": None,
    }
    expires = None
    if consent_in.state == State.given and consent_in.valid_months:
        expires = months_after(now, consent_in.valid_months)
    parent = consent_in.parent.model_dump() if consent_in.parent else None
    main = _event(session, {**base, "state": consent_in.state, "given_by": given_by, "joint_id": None,
                            "expires_at": expires, "evidence": {"parent": parent} if given_by == "parent" else None})
    events = [main]
    if minor and consent_in.state == State.given and given_by == "subject":
        events.append(_event(session, {**base, "state": consent_in.state, "given_by": "parent", "joint_id": main.id,
                                       "expires_at": expires, "evidence": {"parent": parent}}))
    audit(session, actor=actor, action=f"consent.{consent_in.state}", target_type="consent",
          target_ref=main.receipt_ref, subject_ref=subject.ref,
          details={"purpose": consent_in.purpose, "channel": channel, "method": consent_in.method.value,
                   "events": [e.ref for e in events]})
    return events


def _event(session: Session, values: dict[str, Any]) -> ConsentEvent:
    values = {**values, "ref": new_ref()}
    event = ConsentEvent(**values, digest=digest(values))
    session.add(event)
    session.flush()
    return event


def choice_rows(*, choice: CookieChoice, notice_hash: str, wording_hash: str, keep_months: int,
                now: dt.datetime | None = None) -> tuple[str, dt.datetime, list[dict[str, Any]]]:
    """The events of a cookie-banner choice, one per category, kept `keep_months`, ready to insert: the receipt
    reference, the server's time and the rows. Not audited: it is the proof itself, and names nobody."""
    now = now or utcnow()
    keep_until = months_after(now, keep_months)
    receipt_ref = new_ref()
    rows = []
    for category, granted in sorted(choice.choices.items()):
        values: dict[str, Any] = {
            "ref": new_ref(), "receipt_ref": receipt_ref, "subject_id": None, "consent_id": choice.consent_id,
            "purpose": category, "channel": None, "state": State.given.value if granted else State.refused.value,
            "at": now, "method": "banner", "location": choice.location, "notice_version": choice.notice_version,
            "notice_hash": notice_hash, "lang": choice.lang, "wording_hash": wording_hash, "given_by": "subject",
            "age": None, "joint_id": None, "expires_at": None, "keep_until": keep_until,
            "evidence": {"action": choice.action},
        }
        values["digest"] = digest(values)
        rows.append(values)
    return receipt_ref, now, rows


def insert_events(connection: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert prepared events through Core (the banner may post a thousand proofs a second)."""
    if rows:
        connection.execute(insert(ConsentEvent), rows)


def record_choices(connection: Connection, *, choice: CookieChoice, notice_hash: str, wording_text: str,
                   keep_months: int, now: dt.datetime | None = None) -> tuple[str, dt.datetime]:
    """Record a cookie-banner choice as anonymous proof in the caller's transaction; returns the receipt reference
    and the server's time."""
    receipt_ref, at, rows = choice_rows(choice=choice, notice_hash=notice_hash, keep_months=keep_months, now=now,
                                        wording_hash=wording(connection, wording_text))
    insert_events(connection, rows)
    return receipt_ref, at


def history(session: Session, subject: DataSubject) -> list[ConsentEvent]:
    """A subject's consent events, oldest first."""
    return list(session.scalars(select(ConsentEvent).where(ConsentEvent.subject_id == subject.id)
                                .order_by(ConsentEvent.at, ConsentEvent.id)))


def of_consent_id(session: Session, consent_id: str) -> list[ConsentEvent]:
    """The events of one anonymous consent id (a browser's cookie choices), oldest first."""
    return list(session.scalars(select(ConsentEvent).where(ConsentEvent.consent_id == consent_id)
                                .order_by(ConsentEvent.at, ConsentEvent.id)))


def by_receipt(session: Session, receipt_ref: str) -> list[ConsentEvent]:
    """The events of one receipt; raises `NotFound`."""
    events = list(session.scalars(select(ConsentEvent).where(ConsentEvent.receipt_ref == receipt_ref.strip())
                                  .order_by(ConsentEvent.id)))
    if not events:
        raise NotFound(NO_RECEIPT, ref=receipt_ref)
    return events


def current(events: Sequence[ConsentEvent]) -> dict[tuple[str, str | None], ConsentEvent]:
    """The latest event per purpose and channel, among events of one person (a parent's joined events aside)."""
    latest: dict[tuple[str, str | None], ConsentEvent] = {}
    for event in sorted(events, key=lambda e: (e.at, e.id)):
        if event.joint_id is None:
            latest[(event.purpose, event.channel)] = event
    return latest


def read(event: ConsentEvent, subject_ref: str | None) -> ConsentRead:
    """An event as the doors show it."""
    return ConsentRead(
        ref=event.ref, receipt_ref=event.receipt_ref, subject=subject_ref, consent_id=event.consent_id,
        purpose=event.purpose, channel=event.channel, state=State(event.state), at=event.at, method=event.method,
        location=event.location, notice_version=event.notice_version, notice_hash=event.notice_hash,
        lang=event.lang, given_by=event.given_by, age=event.age, expires_at=event.expires_at,
        evidence=event.evidence, digest=event.digest)


def purge(session: Session, *, actor: str, now: dt.datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Record the consents that lapsed as expired, and delete the cookie proofs kept past their period; audited."""
    now = now or utcnow()
    ranked = select(ConsentEvent.id, func.row_number().over(
        partition_by=(ConsentEvent.subject_id, ConsentEvent.purpose, ConsentEvent.channel),
        order_by=(ConsentEvent.at.desc(), ConsentEvent.id.desc())).label("rank")).where(
        ConsentEvent.subject_id.is_not(None), ConsentEvent.joint_id.is_(None)).subquery()
    lapsed = list(session.scalars(select(ConsentEvent).join(ranked, and_(ranked.c.id == ConsentEvent.id,
                                                                          ranked.c.rank == 1)).where(
        ConsentEvent.state == State.given.value, ConsentEvent.expires_at <= now)))
    due = session.scalar(select(func.count()).select_from(ConsentEvent).where(ConsentEvent.keep_until <= now)) or 0
    if dry_run:
        return {"expired": len(lapsed), "deleted": due}
    for event in lapsed:
        _event(session, {key: getattr(event, key) for key in DIGESTED if key != "ref"} | {
            "receipt_ref": new_ref(), "state": State.expired.value, "at": now, "method": "expiry",
            "expires_at": None, "evidence": {"lapsed": event.ref}})
    session.execute(delete(ConsentEvent).where(ConsentEvent.keep_until <= now))
    audit(session, actor=actor, action="consent.purged", target_type="consent",
          details={"expired": len(lapsed), "deleted": due})
    return {"expired": len(lapsed), "deleted": due}
