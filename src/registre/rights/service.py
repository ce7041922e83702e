"""Rights requests from receipt to answer: record, check identity, extend, refuse, complete.

Services flush and never commit: the door (CLI command, API request) owns the transaction, and every
state change is audited in it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from registre.audit.service import record as audit
from registre.db.base import utcnow
from registre.db.refs import by_ref
from registre.errors import Conflict, InvalidInput, NotFound
from registre.i18n import Msg
from registre.law.calendar import Region
from registre.models.requests import RightsRequest
from registre.models.subjects import DataSubject, Identifier, LifecycleEvent, Restriction
from registre.rights.deadlines import Deadlines, can_extend, deadlines
from registre.rights.reading import NOT_FOUND, deadlines_of
from registre.rights.reading import SEARCHED as SEARCHED  # the flows and doors take them from the service
from registre.rights.reading import read as read
from registre.rights.schemas import OBJECTION_GROUND, Outcome, RequestCreate, RequestKind, Status

if TYPE_CHECKING:  # completing a request imports what it does; reading one (`registre requests show`) does not
    from registre.connectors.acting import DatasetResult
    from registre.declarations.declared import Declared
    from registre.rights import actions

FUTURE = Msg(en="A request cannot be received in the future ({at}).",
             fr="Une demande ne peut pas être reçue dans le futur ({at}).")
CLOSED = {Status.completed.value: Msg(en="Request {ref} is already closed: it was answered.",
                                      fr="La demande {ref} est déjà close : elle a été traitée."),
          Status.refused.value: Msg(en="Request {ref} is already closed: it was refused.",
                                    fr="La demande {ref} est déjà close : elle a été refusée.")}
BEING_COMPLETED = Msg(en="Request {ref} is being completed just now, by another member of staff or process: nothing "
                         "was done. If that completion was stopped, the request can be completed again in {minutes} "
                         "minutes at most.",
                      fr="La demande {ref} est en cours d'exécution par un autre membre du personnel ou processus : "
                         "rien n'a été fait. Si cette exécution a été interrompue, la demande pourra être exécutée "
                         "de nouveau dans {minutes} minutes au plus.")
TOO_LATE = Msg(en="Request {ref} can no longer be extended: an extension is notified once, by {by}.",
               fr="La demande {ref} ne peut plus être prolongée : la prolongation se notifie une fois, au plus "
                  "tard le {by}.")
NO_REASONS = Msg(en="Give the reasons: the person must be told why.", fr="Indiquez les motifs : la personne doit "
                 "savoir pourquoi.")
NO_KNOWN_CONTACT = Msg(en="No contact already known for this person: check an ID in person instead (id_checked).",
                       fr="Aucun contact déjà connu pour cette personne : vérifiez plutôt une pièce d'identité "
                          "(id_checked).")
WRONG_CODE = Msg(en="The code is wrong or has expired.", fr="Le code est erroné ou a expiré.")
IDENTITY_PENDING = Msg(en="Request {ref} awaits the person's identity: confirm it first.",
                       fr="La demande {ref} attend la confirmation d'identité de la personne : confirmez-la d'abord.")
NO_SUBJECT_YET = Msg(en="Request {ref} is tied to no data subject: nothing can be done on the store.",
                     fr="La demande {ref} n'est rattachée à aucune personne : rien ne peut être fait.")

NOT_EXCESSIVE = Msg(
    en="Request {ref} cannot be refused as excessive: the person's previous request of this kind is a year old or "
       "more, or there is none (EDPB 01/2022 §185).",
    fr="La demande {ref} ne peut être refusée comme excessive : la précédente demande de même nature de la personne "
       "date d'un an ou plus, ou n'existe pas (CEPD, lignes directrices 01/2022, § 185).")

NO_RESTRICTION = Msg(en="No restriction in force for {who}.", fr="Aucune limitation en vigueur pour {who}.")

CODE_LIFETIME = dt.timedelta(days=7)
# How long a completion's claim lasts unless renewed (after each connected database it has acted on): a claim left
# by a process that died frees the request after this.
CLAIM_FOR = dt.timedelta(minutes=10)
# EDPB 01/2022 §185: "a one-year interval can never be excessive" (regulation.md §1.3).
REASONABLE_INTERVAL = dt.timedelta(days=365)


def create(session: Session, *, request_in: RequestCreate, region: Region, actor: str,
           now: dt.datetime | None = None, idempotency_key: str | None = None, subject: DataSubject | None = None,
           searched: Any = None) -> RightsRequest:
    """Record a request as received on its channel; its deadline runs from receipt, not from this moment.
    `subject`: the person it names, when the caller has them already; `searched`: the rows the connected databases
    hold for them, kept for the completion.

    With an `idempotency_key`, a second filing of the same thing fails on the key's unique constraint (an
    `IntegrityError` at flush): the caller then reads the request already filed (`by_idempotency_key`)."""
    now = now or utcnow()
    received_at = request_in.received_at or now
    if received_at > now + dt.timedelta(minutes=5):
        raise InvalidInput(FUTURE, at=received_at.isoformat())
    if subject is None and request_in.subject:
        from registre.subjects.service import locate

        subject = locate(session, request_in.subject)
    computed = deadlines(received_at, region=region, extended=False)
    details = request_in.details.model_dump(mode="json", exclude_defaults=True)
    request = RightsRequest(
        kind=request_in.kind.value, channel=request_in.channel.value, received_at=received_at, recorded_at=now,
        subject_id=subject.id if subject else None,
        requester=request_in.requester.model_dump(mode="json", exclude_none=True),
        details=details if searched is None else {**details, SEARCHED: searched},
        lang=request_in.lang, status=Status.open.value, deadline=computed.initial, idempotency_key=idempotency_key,
    )
    session.add(request)
    session.flush()
    if subject is not None and request.kind == RequestKind.objection.value and \
            request.details.get("objection", "direct_marketing") == "direct_marketing":
        # Art. 21(3): direct marketing stops once the objection is received, not when the request is closed.
        session.add(Restriction(subject_id=subject.id, kind="objection_marketing", ground=OBJECTION_GROUND,
                                since=received_at, request_id=request.id))
    _audit(session, request, actor, "request.received", subject,
           {"kind": request.kind, "channel": request.channel, "deadline": computed.initial.isoformat()})
    return request


def get_or_raise(session: Session, ref: str, *, for_update: bool = False) -> RightsRequest:
    """The request whose reference is `ref`, or starts with it; `for_update` locks its row until the transaction
    ends (SELECT ... FOR UPDATE on PostgreSQL and MariaDB; SQLite's BEGIN IMMEDIATE already lets one writer in at a
    time) and reads it afresh, so that a state change checks the status another transaction may just have
    committed."""
    request = by_ref(session, RightsRequest, RightsRequest.ref, ref, for_update=for_update)
    if request is None:
        raise NotFound(NOT_FOUND, ref=ref)
    return request


def by_idempotency_key(session: Session, key: str) -> RightsRequest | None:
    """The request filed under an idempotency key, if any."""
    return session.scalar(select(RightsRequest).where(RightsRequest.idempotency_key == key))


def _listed(statuses: Sequence[Status]) -> Select[tuple[RightsRequest]]:
    query = select(RightsRequest)
    if statuses:
        query = query.where(RightsRequest.status.in_([s.value for s in statuses]))
    return query


def list_requests(session: Session, *, statuses: Sequence[Status] = (), limit: int = 500,
                  offset: int = 0) -> list[RightsRequest]:
    """Requests, those still running first, then the nearest deadline."""
    closed = case((RightsRequest.status.in_([Status.completed.value, Status.refused.value]), 1), else_=0)
    query = _listed(statuses).order_by(closed, RightsRequest.deadline, RightsRequest.id)
    return list(session.scalars(query.limit(limit).offset(offset)))


def count_requests(session: Session, *, statuses: Sequence[Status] = ()) -> int:
    """How many requests there are (in these states)."""
    return session.scalar(select(func.count()).select_from(_listed(statuses).subquery())) or 0


def ask_identity(session: Session, request: RightsRequest, *, actor: str, now: dt.datetime | None = None,
                 secret: str) -> tuple[str, str]:
    """Ask the person to confirm their identity with a code sent to a contact already known (EDPB 01/2022 §§65-79).

    Only where there is reasonable doubt (Art. 12(6)); returns the code and the address to send it to,
    after commit. The clock may pause from now (EDPB §159), if asked without undue delay.
    """
    _open_or_raise(request)
    _unclaimed_or_raise(request)
    subject = _subject_or_raise(session, request)
    contact = session.scalar(select(Identifier.value).where(Identifier.subject_id == subject.id,
                                                             Identifier.kind == "email"))
    if contact is None:
        raise Conflict(NO_KNOWN_CONTACT)
    now = now or utcnow()
    code = f"{secrets.randbelow(10**6):06d}"
    request.details = {**request.details, "identity_code": _code_hash(code, request.ref, secret),
                       "identity_code_expires": (now + CODE_LIFETIME).isoformat()}
    request.identity_requested_at = now
    request.status = Status.awaiting_identity.value
    _audit(session, request, actor, "request.identity_asked", subject, {"method": "code", "sent_to": "known email"})
    return code, contact


def confirm_identity(session: Session, request: RightsRequest, *, actor: str, code: str | None = None,
                     id_checked: bool = False, secret: str, now: dt.datetime | None = None) -> None:
    """Record that identity is confirmed: by the code sent, or by staff who checked an ID (no copy kept, §79)."""
    _open_or_raise(request)
    now = now or utcnow()
    if code is not None:
        expected = request.details.get("identity_code")
        expires = request.details.get("identity_code_expires")
        valid = expected and expires and now <= dt.datetime.fromisoformat(expires)
        if not valid or not hmac.compare_digest(str(expected), _code_hash(code, request.ref, secret)):
            raise InvalidInput(WRONG_CODE)
        method = "code"
    elif id_checked:
        method = "id_checked"
    else:
        raise InvalidInput(WRONG_CODE)
    request.details = {k: v for k, v in request.details.items() if not k.startswith("identity_code")}
    request.identity_method = method
    if request.identity_requested_at is None:  # checked without being asked first: no pause of the deadline
        request.identity_requested_at = now
    request.identity_confirmed_at = now
    request.status = Status.open.value
    _audit(session, request, actor, "request.identity_confirmed", None, {"method": method})


def extend(session: Session, request: RightsRequest, *, reasons: str, region: Region, actor: str,
           now: dt.datetime | None = None) -> Deadlines:
    """Extend by two further months, once, with reasons notified before the first deadline (Art. 12(3))."""
    _open_or_raise(request)
    if not reasons.strip():
        raise InvalidInput(NO_REASONS)
    now = now or utcnow()
    current = deadlines_of(request, region)
    if not can_extend(now, current):
        raise Conflict(TOO_LATE, ref=request.ref, by=current.extension_notice_by.isoformat())
    extended = deadlines(request.received_at, region=region, extended=True)
    request.extended_deadline = extended.extended
    request.extension_reasons = reasons.strip()
    request.extended_at = now
    _audit(session, request, actor, "request.extended", None,
           {"extended_deadline": str(extended.extended), "reasons": request.extension_reasons})
    return deadlines_of(request, region)


def refuse(session: Session, request: RightsRequest, *, reasons: str, partial: bool, actor: str,
           fee_cents: int | None = None, excessive: bool = False, now: dt.datetime | None = None) -> None:
    """Refuse, wholly or in part, with reasons, the right to complain to the CNIL and to go to court (Art. 12(4)).

    A refusal as excessive (Art. 12(5)) is refused itself when the person's previous request of the same kind
    is a year old or more: a one-year interval is never excessive (EDPB 01/2022 §185).
    """
    _open_or_raise(request)
    _unclaimed_or_raise(request)
    if not reasons.strip():
        raise InvalidInput(NO_REASONS)
    if excessive:
        _excessive_or_raise(session, request)
    request.outcome = (Outcome.partially_refused if partial else Outcome.refused).value
    request.refusal_reasons = reasons.strip()
    request.fee_cents = fee_cents
    request.status = Status.refused.value
    request.closed_at = now or utcnow()
    request.answer = {**(request.answer or {}), "remedies": ["complaint_cnil", "judicial_remedy"]}
    _audit(session, request, actor, "request.refused", None, {"partial": partial, "reasons": request.refusal_reasons})


def claim(session: Session, request: RightsRequest, *, now: dt.datetime | None = None) -> dt.datetime:
    """Claim a request for its completion before the connected databases are touched: it must be ready to be
    answered and claimed by no other completion, so that of several at once only one acts. The row must be locked
    (`get_or_raise(..., for_update=True)`). Returns the claim, which `complete` checks and clears; a claim left by
    a process that died expires after CLAIM_FOR."""
    ready(session, request)
    now = now or utcnow()
    _unclaimed_or_raise(request, now)
    request.claimed_until = now + CLAIM_FOR
    session.flush()
    return request.claimed_until


def renew(session: Session, request: RightsRequest, claim: dt.datetime) -> dt.datetime:
    """Extend a completion's claim while it works (refused if another completion took the request over)."""
    now = utcnow()
    _unclaimed_or_raise(request, now, claim)
    request.claimed_until = now + CLAIM_FOR
    session.flush()
    return request.claimed_until


def release(request: RightsRequest, claim: dt.datetime) -> None:
    """Give up a claim that failed before the request was completed (if it is still this one)."""
    if request.claimed_until == claim:
        request.claimed_until = None


def _unclaimed_or_raise(request: RightsRequest, now: dt.datetime | None = None,
                        claim: dt.datetime | None = None) -> None:
    """Refuse a change to a request another completion has claimed (and holds still)."""
    held = request.claimed_until
    now = now or utcnow()
    if held is not None and held != claim and held > now:
        raise Conflict(BEING_COMPLETED, ref=request.ref, minutes=math.ceil((held - now).total_seconds() / 60))


def complete(session: Session, request: RightsRequest, *, declared: Declared, actor: str,
             now: dt.datetime | None = None, connected: Sequence[DatasetResult] = (),
             claim: dt.datetime | None = None) -> actions.Completion:
    """Do what the right asks on the built-in store and close the request, with what was done in the connected
    databases beside it (by the completion that holds `claim`); returns the answer and its files."""
    from registre.rights import actions

    subject = ready(session, request)
    now = now or utcnow()
    _unclaimed_or_raise(request, now, claim)
    request.claimed_until = None
    completion = actions.perform(session, request=request, subject=subject, declared=declared, now=now,
                                 connected=connected)
    request.answer = completion.answer
    request.outcome = Outcome.completed.value
    request.status = Status.completed.value
    request.closed_at = now
    done = {"summary": completion.answer.get("summary")}
    if "datasets" in completion.answer:  # what the connected databases did, table by table, beside the store's
        done["datasets"] = completion.answer["datasets"]
    _audit(session, request, actor, f"request.completed.{request.kind}", subject, done)
    return completion


def ready(session: Session, request: RightsRequest) -> DataSubject:
    """The subject of a request that can be answered now: open, identity not pending, subject known."""
    if request.status == Status.awaiting_identity.value:
        raise Conflict(IDENTITY_PENDING, ref=request.ref)
    _open_or_raise(request)
    return _subject_or_raise(session, request)


def hold(session: Session, subject: DataSubject, *, activity: str | None, reason: str, actor: str) -> Restriction:
    """Put a subject's data (of one activity, or all) under a legal hold for a claim: erasure keeps them
    (Art. 17(3)(e)); audited."""
    if not reason.strip():
        raise InvalidInput(NO_REASONS)
    held = Restriction(subject_id=subject.id, kind="legal_hold", activity=activity, ground=reason.strip())
    session.add(held)
    session.flush()
    audit(session, actor=actor, action="subject.legal_hold", target_type="subject", target_ref=subject.ref,
          subject_ref=subject.ref, details={"activity": activity, "reason": reason.strip()})
    return held


def restrictions_to_lift(session: Session, subject: DataSubject, activity: str | None) -> list[Restriction]:
    """The subject's restrictions in force (Art. 18), all of them or those of one activity."""
    query = select(Restriction).where(Restriction.subject_id == subject.id, Restriction.kind == "restriction",
                                      Restriction.lifted_at.is_(None))
    if activity is not None:
        query = query.where(Restriction.activity == activity)
    found = list(session.scalars(query))
    if not found:
        raise NotFound(NO_RESTRICTION, who=subject.ref)
    return found


def lift(session: Session, subject: DataSubject, restrictions: list[Restriction], *, actor: str,
         now: dt.datetime | None = None) -> None:
    """Lift restrictions, once the person has been told (Art. 18(3)); audited."""
    now = now or utcnow()
    for restriction in restrictions:
        restriction.lifted_at = now
    audit(session, actor=actor, action="restriction.lifted", target_type="subject", target_ref=subject.ref,
          subject_ref=subject.ref, details={"activities": [r.activity for r in restrictions]})


def notify_death(session: Session, subject: DataSubject, *, declared: Declared, at: dt.datetime, actor: str,
                 now: dt.datetime | None = None) -> actions.Completion:
    """Record a death and apply the person's directives (LIL art. 85); audited."""
    from registre.rights import actions

    now = now or utcnow()
    session.add(LifecycleEvent(subject_id=subject.id, event="death_notified", occurred_at=at))
    session.flush()
    done = actions.apply_directives(session, subject=subject, declared=declared, now=now)
    audit(session, actor=actor, action="subject.death_notified", target_type="subject", target_ref=subject.ref,
          subject_ref=subject.ref, details={"summary": done.answer["summary"]})
    return done


def _excessive_or_raise(session: Session, request: RightsRequest) -> None:
    previous = session.scalar(select(RightsRequest.received_at).where(
        RightsRequest.subject_id == request.subject_id, RightsRequest.kind == request.kind,
        RightsRequest.id != request.id, RightsRequest.received_at <= request.received_at,
    ).order_by(RightsRequest.received_at.desc()).limit(1)) if request.subject_id else None
    if previous is None or request.received_at - previous >= REASONABLE_INTERVAL:
        raise Conflict(NOT_EXCESSIVE, ref=request.ref)


def _code_hash(code: str, ref: str, secret: str) -> str:
    return hmac.new(secret.encode(), f"{ref}:{code}".encode(), hashlib.sha256).hexdigest()


def _open_or_raise(request: RightsRequest) -> None:
    if request.status in (Status.completed.value, Status.refused.value):
        raise Conflict(CLOSED[request.status], ref=request.ref)


def _subject_or_raise(session: Session, request: RightsRequest) -> DataSubject:
    subject = session.get(DataSubject, request.subject_id) if request.subject_id else None
    if subject is None:
        raise Conflict(NO_SUBJECT_YET, ref=request.ref)
    return subject


def _audit(session: Session, request: RightsRequest, actor: str, action: str, subject: DataSubject | None,
           details: dict[str, Any]) -> None:
    subject_ref = subject.ref if subject else session.scalar(
        select(DataSubject.ref).where(DataSubject.id == request.subject_id)) if request.subject_id else None
    audit(session, actor=actor, action=action, target_type="rights_request", target_ref=request.ref,
          subject_ref=subject_ref, details=details)
