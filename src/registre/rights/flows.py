"""Request flows for the doors: one unit of work per step, then the letters, sent only after commit. The flows that
only read (`show`, `list_requests`) live in `queries` and are named here too."""

from __future__ import annotations

import dataclasses
import datetime as dt
import smtplib
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from registre.audit import journal
from registre.audit.service import record as audit
from registre.config import Settings
from registre.connectors import service as connectors
from registre.connectors.acting import DatasetResult, Policy
from registre.connectors.finding import Identity
from registre.connectors.mapping import Annotation
from registre.context import Context
from registre.db.base import utcnow
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.errors import Conflict, Forbidden
from registre.i18n import Lang, Msg
from registre.mail import outbox
from registre.mail.sender import Letter
from registre.models.outbox import OutboxLetter
from registre.models.requests import RightsRequest
from registre.models.subjects import DataSubject, Identifier
from registre.retention.obligations import holding
from registre.rights import actions, letters, service, vault
from registre.rights.deadlines import local_date
from registre.rights.queries import answered as answered  # re-exported: the doors call flows
from registre.rights.queries import list_requests as list_requests
from registre.rights.queries import show as show
from registre.rights.schemas import RequestCreate, RequestKind, RequestRead
from registre.subjects.schemas import normalise_identifier
from registre.subjects.service import enrol, find, identifiers, identity_of, locate

NO_ADDRESS = Msg(en="No email is known for this person: tell them by post first, as Art. 18(3) requires.",
                 fr="Aucun courriel n'est connu pour cette personne : informez-la d'abord par courrier, comme "
                    "l'exige l'art. 18.3.")


NOT_ALL_DATA = Msg(en="The answer's files hold data of every activity: only a role that sees all of them may read "
                      "them.",
                   fr="Les fichiers de la réponse contiennent des données de toutes les activités : seul un rôle qui "
                      "les voit toutes peut les lire.")
NOT_TOLD = Msg(en="The person could not be told ({why}): the restriction stays in force.",
               fr="La personne n'a pas pu être informée ({why}) : la limitation reste en vigueur.")


# Woken when a completion of this process starts or ends: a door waiting for one (`Prefer: wait`) looks at once
# instead of at its next turn, and while this process completes the request it waits for the end without reading
# the store again; a completion in another process is only seen by reading it.
_answered = threading.Condition()
_completing: Counter[str] = Counter()  # the references this process is completing, and how many times at once


def wait_for_an_answer(ref: str, pause: float, limit: float) -> None:
    """Sleep until a completion in this process starts or ends, or `pause` seconds pass; while this process is
    completing `ref`, until that completion ends, or `limit` seconds pass. Either side may name the request by a
    prefix of its reference, as people type it."""
    given = ref.strip().lower()

    def here() -> bool:
        return any(r.startswith(given) or given.startswith(r) for r in _completing)

    with _answered:
        if not here():
            _answered.wait(pause)
        if here():  # from the start of that completion, or woken by it
            _answered.wait_for(lambda: not here(), limit)


@contextmanager
def _completed_here(ref: str) -> Iterator[None]:
    """Mark `ref` as being completed by this process while the block runs, and wake whoever waits for it."""
    ref = ref.strip().lower()
    with _answered:
        _completing[ref] += 1
        _answered.notify_all()
    try:
        yield
    finally:
        with _answered:
            _completing[ref] -= 1
            if not _completing[ref]:
                del _completing[ref]
            _answered.notify_all()


@dataclass
class Result:
    """What a step did: the request as it now stands, files for the person, and where each letter went."""

    request: RequestRead
    files: dict[str, bytes] = field(default_factory=dict)
    sent: list[str] = field(default_factory=list)
    unsent: list[str] = field(default_factory=list)
    new: bool = True  # False: an idempotent filing found the request already filed
    kept_until: dt.datetime | None = None  # the answer's files are kept in the vault until then

    def as_dict(self) -> dict[str, Any]:
        """The result as JSON-ready data (files by name only)."""
        return {"request": self.request.model_dump(mode="json"), "files": sorted(self.files), "sent": self.sent,
                "unsent": self.unsent}


def _queue(session: Session, item: Letter | None, request: RightsRequest, kind: str, settings: Settings, *,
           once: bool = True) -> list[OutboxLetter]:
    """Queue a request's letter in the outbox, in the transaction that decides it, claimed for `_deliver` to send
    after the commit; `once`: one per request."""
    key = f"request:{request.ref}:{kind}" + ("" if once else f":{uuid.uuid4().hex}")
    row = outbox.queue(session, item, key=key, kind=f"request.{kind}", target_ref=request.ref,
                       claimed_for=dt.timedelta(seconds=settings.outbox_lease_seconds))
    return [] if row is None else [row]


def _deliver(engine: Engine, result: Result, pending: list[OutboxLetter], settings: Settings) -> Result:
    """Send the queued letters once the change is committed; a failure is reported (the outbox tries again
    later), the change stands."""
    if pending:
        outbox.report(outbox.deliver_queued(engine, settings, pending), result.sent, result.unsent)
    return result


def file_request(ctx: Context, request_in: RequestCreate, *, idempotency_key: str | None = None,
                 also: Sequence[tuple[str, Callable[[str], Letter | None]]] = ()) -> Result:
    """Record a new request and acknowledge it; a person the store does not know but a connected database does
    is added to the store first. Filed again under the same `idempotency_key` (even at the same moment), it
    returns the request already filed, with `new` False and no second letter. `also`: further letters (by kind,
    made from the new reference) queued in the same transaction."""
    engine, settings, declared, actor = ctx.engine, ctx.settings, ctx.declared, ctx.actor.name
    if idempotency_key is not None:
        existing = _filed_under(engine, settings, idempotency_key)
        if existing is not None:
            return existing
    found = _search_connected(settings, request_in.subject) if request_in.subject else None
    try:
        with unit_of_work(engine) as session:
            # a person only a connected database knows joins the store; the rows found are those its completion
            # acts on (one search per request)
            subject = found.enrol(session, actor) if found is not None and found.searched else None
            request = service.create(session, request_in=request_in, region=settings.region, actor=actor,
                                     idempotency_key=idempotency_key, subject=subject,
                                     searched=found.searched if found is not None else None)
            shown = service.read(session, request, settings.region)
            pending = _queue(session, letters.letter("received", request, declared,
                                                     received=request.received_at.date(),
                                                     deadline=shown.strict_deadline), request, "received", settings)
            for kind, make in also:
                pending += _queue(session, make(request.ref), request, kind, settings)
    except IntegrityError:
        existing = _filed_under(engine, settings, idempotency_key) if idempotency_key is not None else None
        if existing is None:
            raise
        return existing  # filed by a concurrent call between our look-up and our insert
    return _deliver(engine, Result(shown), pending, settings)


def _filed_under(engine: Engine, settings: Settings, key: str) -> Result | None:
    with unit_of_work(engine) as session:
        request = service.by_idempotency_key(session, key)
        return None if request is None else Result(service.read(session, request, settings.region), new=False)


def verify_identity(ctx: Context, ref: str, *, ask: bool = False, code: str | None = None,
                    id_checked: bool = False) -> Result:
    """Ask for identity with a code sent to a known address, or record it confirmed (code or ID checked)."""
    engine, settings, actor = ctx.engine, ctx.settings, ctx.actor.name
    secret = settings.secret_key.get_secret_value()
    pending: list[OutboxLetter] = []
    with unit_of_work(engine) as session:
        request = service.get_or_raise(session, ref, for_update=True)
        if ask:
            sent_code, contact = service.ask_identity(session, request, actor=actor, secret=secret)
            item = letters.letter("identity", request, None, code=sent_code, days=service.CODE_LIFETIME.days)
            pending = _queue(session, dataclasses.replace(item, to=contact) if item else None, request, "identity",
                             settings, once=False)
        else:
            service.confirm_identity(session, request, actor=actor, code=code, id_checked=id_checked, secret=secret)
        shown = service.read(session, request, settings.region)
    return _deliver(engine, Result(shown), pending, settings)


def extend(ctx: Context, ref: str, *, reasons: str) -> Result:
    """Extend a request by two months and tell the person why."""
    engine, settings, declared, actor = ctx.engine, ctx.settings, ctx.declared, ctx.actor.name
    with unit_of_work(engine) as session:
        request = service.get_or_raise(session, ref, for_update=True)
        computed = service.extend(session, request, reasons=reasons, region=settings.region, actor=actor)
        shown = service.read(session, request, settings.region)
        pending = _queue(session, letters.letter("extended", request, declared, deadline=computed.strict,
                                                 reasons=reasons), request, "extended", settings)
    return _deliver(engine, Result(shown), pending, settings)


def complete(ctx: Context, ref: str) -> Result:
    """Do what the request asks, in each connected database (each in its own transaction, every statement
    audited) and then in the store, and send the answer. The request is claimed first, so that of several
    completions at once only one acts on the connected databases; the others are refused before touching them."""
    with _completed_here(ref):  # ends as the store commits: a waiter need not wait for the letter
        result, pending = _complete(ctx, ref)
    return _deliver(ctx.engine, result, pending, ctx.settings)


def _complete(ctx: Context, ref: str) -> tuple[Result, list[OutboxLetter]]:
    """`complete` up to the store's commit; the letter to send."""
    engine, settings, declared, actor = ctx.engine, ctx.settings, ctx.declaration(), ctx.actor.name
    datasets = connectors.datasets(settings)
    with unit_of_work(engine) as session:  # one transaction: the claim, what a stopped run did, whom to act on
        request = service.get_or_raise(session, ref, for_update=True)
        claim = [service.claim(session, request)]
        work = _prepare(session, request, settings, declared, actor) if datasets else None
    ref = request.ref

    def renew() -> None:
        if claim[0] - utcnow() > service.CLAIM_FOR / 2:  # still held for long: nobody can have taken it over
            return
        with unit_of_work(engine) as session:
            claim[0] = service.renew(session, service.get_or_raise(session, ref, for_update=True), claim[0])

    try:
        connected = _act_on_datasets(engine, datasets, work, actor, renew) if work else []
        with unit_of_work(engine) as session:
            request = service.get_or_raise(session, ref, for_update=True)
            done = service.complete(session, request, declared=declared, actor=actor, connected=connected,
                                    claim=claim[0])
            shown = service.read(session, request, settings.region)
            pending = _queue(session, letters.letter("completed", request, declared, files=sorted(done.files)),
                             request, "completed", settings)
            kept_until = None
            if done.files:
                # Kept, encrypted, whatever door completed it, before the completion commits: if they cannot be
                # written, the request stays open. The privacy center hands them over after verification; staff
                # with the requests duty get them with `registre requests package`.
                kept_until = vault.keep(settings, ref, done.files)
    except BaseException:
        with unit_of_work(engine) as session:  # the request stays open: it can be completed again at once
            service.release(service.get_or_raise(session, ref, for_update=True), claim[0])
        raise
    return Result(shown, done.files, kept_until=kept_until), pending


def package(ctx: Context, ref: str) -> dict[str, bytes]:
    """The files of a request's answer still kept in the vault, for staff; the read is audited."""
    with unit_of_work(ctx.engine) as session:
        ref = service.get_or_raise(session, ref).ref  # kept under the whole reference, typed maybe in part
        names = vault.waiting(ctx.settings, ref)
        files = {name: vault.read(ctx.settings, ref, name) for name in names}
        audit(session, actor=ctx.actor.name, action="request.package_read", target_type="rights_request",
              target_ref=ref, details={"files": names})
    return files


def package_for(ctx: Context, ref: str) -> dict[str, bytes]:
    """The files of a request's answer still kept, to a role that sees every activity's data (they hold every
    activity's); the read is audited."""
    if not ctx.sees_everything():
        raise Forbidden(NOT_ALL_DATA)
    return package(ctx, ref)


def refuse(ctx: Context, ref: str, *, reasons: str, partial: bool, fee_cents: int | None = None,
           excessive: bool = False) -> Result:
    """Refuse with reasons and tell the person of their remedies."""
    engine, settings, declared, actor = ctx.engine, ctx.settings, ctx.declared, ctx.actor.name
    with unit_of_work(engine) as session:
        request = service.get_or_raise(session, ref, for_update=True)
        service.refuse(session, request, reasons=reasons, partial=partial, actor=actor, fee_cents=fee_cents,
                       excessive=excessive)
        shown = service.read(session, request, settings.region)
        pending = _queue(session, letters.letter("refused", request, declared, reasons=reasons, partial=partial),
                         request, "refused", settings)
    return _deliver(engine, Result(shown), pending, settings)


@dataclass(frozen=True)
class _Found:
    """A person named by an identifier, and where the connected databases hold them."""

    kind: str
    value: str
    searched: connectors.Searched

    def enrol(self, session: Session, actor: str) -> DataSubject:
        """The person in the store, added first if only a connected database knows them."""
        return find(session, kind=self.kind, value=self.value) or enrol(
            session, kind=self.kind, value=self.value, actor=actor,
            found_in={name: sum(len(keys) for keys in tables.values()) for name, tables in self.searched.items()})


def _search_connected(settings: Settings, who: str) -> _Found | None:
    """Search the connected databases for the person named by an identifier, once, when their request is filed;
    None when there is nothing to search."""
    named = identity_of(who)
    datasets = connectors.datasets(settings)
    if named is None or not datasets:
        return None
    kind, value = named
    return _Found(kind, value, connectors.search(datasets, [Identity(kind, normalise_identifier(kind, value))]))


def _enrol_if_connected(engine: Engine, settings: Settings, who: str, actor: str) -> None:
    """Add the person to the store when only a connected database knows them."""
    named = identity_of(who)
    datasets = connectors.datasets(settings)
    if named is None or not datasets:
        return
    kind, value = named
    with unit_of_work(engine) as session:
        if find(session, kind=kind, value=value) is not None:
            return
    found_in = connectors.locate(datasets, [Identity(kind, normalise_identifier(kind, value))])
    if found_in:
        with unit_of_work(engine) as session:
            enrol(session, kind=kind, value=value, actor=actor, found_in=found_in)


@dataclass(frozen=True)
class _Work:
    """What a completion does in the connected databases, read in the transaction that claims the request."""

    ref: str
    kind: RequestKind
    subject_ref: str
    identities: list[Identity]
    details: dict[str, Any]
    policy: Policy
    searched: Any
    interrupted: list[DatasetResult]


def _prepare(session: Session, request: RightsRequest, settings: Settings, declared: Declared,
             actor: str) -> _Work:
    """Whom the request acts on in the connected databases and under which rules; what a stopped completion of the
    same request did is audited first (`interrupted`), and counted in the answer."""
    interrupted = [DatasetResult(batch["dataset"], dict(batch.get("tables", {})))
                   for batch in journal.reconcile_in(session, actor=actor, request_ref=request.ref)]
    subject = service.ready(session, request)
    now = utcnow()
    policy = Policy(actions.kept_activities(session, subject, declared, now), connectors.pseudonym_key(settings),
                    obligation=holding(declared, local_date(now)))
    details = dict(request.details)
    searched = details.pop(service.SEARCHED, None)
    return _Work(request.ref, RequestKind(request.kind), subject.ref,
                 [Identity(i.kind, i.value) for i in identifiers(session, subject)], details, policy, searched,
                 interrupted)


def _act_on_datasets(engine: Engine, datasets: Sequence[Annotation], work: _Work, actor: str,
                     renew: Callable[[], None]) -> list[DatasetResult]:
    """Do the request's right in the connected databases; the statements run in each are journalled before that
    database commits and audited as soon as it has (audit/journal.py), and the completion's claim renewed."""
    pending: dict[str, int] = {}

    def intended(result: DatasetResult) -> None:
        if result.statements:  # a read changes nothing: nothing to journal
            pending[result.dataset] = journal.intend(
                engine, dataset=result.dataset, operation=work.kind.value, actor=actor, subject_ref=work.subject_ref,
                request_ref=work.ref, intent={"tables": result.tables,
                                              "statements": [s.as_dict() for s in result.statements]})

    def committed(result: DatasetResult) -> None:
        if result.dataset in pending:
            journal.settle(engine, pending.pop(result.dataset),
                           [journal.Entry("dataset.statement", {"request": work.ref, **s.as_dict()})
                            for s in result.statements], counts={"statements": len(result.statements)})
        renew()

    return [*work.interrupted, *connectors.act(datasets, work.kind, work.identities, work.details, work.policy,
                                               committed, intended, searched=work.searched)]


def lift_restriction(ctx: Context, who: str, *, activity: str | None, lang: Lang = "fr") -> list[str]:
    """Tell the person, then lift their restriction (Art. 18(3)): if the letter cannot go, nothing is lifted."""
    with unit_of_work(ctx.engine) as session:
        subject = locate(session, who)
        restrictions = service.restrictions_to_lift(session, subject, activity)
        to = session.scalar(select(Identifier.value).where(Identifier.subject_id == subject.id,
                                                           Identifier.kind == "email"))
        if to is None:
            raise Conflict(NO_ADDRESS)
        scope = ", ".join(r.activity or "*" for r in restrictions)
        item = letters.letter("lifting", None, ctx.declared, to=to, lang=lang, scope=scope)
        assert item is not None
        try:
            sent = outbox.send_now(session, item, ctx.settings, key=f"subject:{subject.ref}:lifting:{uuid.uuid4().hex}",
                                   kind="restriction.lifting", person_ref=subject.ref)  # before anything is lifted
        except (OSError, smtplib.SMTPException) as error:
            raise Conflict(NOT_TOLD, why=str(error)) from None
        service.lift(session, subject, restrictions, actor=ctx.actor.name)
    return [sent]


def notify_death(ctx: Context, who: str, *, at: dt.datetime) -> actions.Completion:
    """Record a person's death and apply their post-mortem directives."""
    with unit_of_work(ctx.engine) as session:
        return service.notify_death(session, locate(session, who), declared=ctx.declaration(), at=at,
                                    actor=ctx.actor.name)


def hold(ctx: Context, who: str, *, activity: str | None, reason: str) -> str:
    """Put a person's data under a legal hold for a claim, in the store and the connected databases (retention
    leaves their rows); returns their reference."""
    _enrol_if_connected(ctx.engine, ctx.settings, who, ctx.actor.name)
    with unit_of_work(ctx.engine) as session:
        subject = locate(session, who)
        service.hold(session, subject, activity=activity, reason=reason, actor=ctx.actor.name)
        return subject.ref
