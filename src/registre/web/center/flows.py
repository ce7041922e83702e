"""The privacy center's flows: a request sent from a form, confirmed by its address, followed by a signed link,
answered with files handed over by a second, short-lived link; communication preferences by a mailed link.

Who is who rests on one thing only: control of the mailbox the letters go to. Every link is signed for one
purpose (kit.signing) or sealed (kit.sealing), and expires; nothing here answers a reference alone.

- A form is not filed at once: its content is sealed into the confirmation link mailed to the address given
  (the letter waits in the outbox until the mail server takes it).
  Once confirmed, the request is filed through rights.flows.file_request as received when the form was sent
  (the earlier moment: the clock is never shortened), and confirming twice files it once.
- The status link carries the request's reference, signed; reading it is audited like any read of a request.
- Files of an access or portability answer wait, encrypted, in rights.vault; the status page offers to mail a
  download link (valid for an hour) to the requester's address: that mail is the verification.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import smtplib
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from registre.audit.service import record as audit
from registre.config import Settings
from registre.consent import flows as consent
from registre.consent.schemas import ConsentCreate, Method
from registre.context import DPO, Actor, Context
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.declarations.schemas import Channel as MarketingChannel
from registre.errors import Conflict, InvalidInput, NotFound
from registre.i18n import Lang, Msg
from registre.kit.sealing import Unsealable, seal_token, unseal_token
from registre.kit.signing import BAD_TOKEN, InvalidToken, signed, unsigned
from registre.mail import outbox
from registre.mail.sender import Letter, send
from registre.models.requests import RightsRequest
from registre.models.subjects import new_ref
from registre.rights import flows as rights
from registre.rights import vault
from registre.rights.schemas import Channel, RequestCreate, Requester, RequestRead, Status
from registre.subjects.schemas import EMAIL
from registre.subjects.service import find
from registre.web.center import letters
from registre.web.center.schemas import RIGHTS, RequestForm

log = logging.getLogger("registre.web")

ACTOR = "privacy_center"
CONFIRM_FOR = dt.timedelta(hours=48)
STATUS_FOR = dt.timedelta(days=400)  # the longest deadline (3 months) and the files' wait, with room to spare
DOWNLOAD_FOR = dt.timedelta(hours=1)
PREFERENCES_FOR = dt.timedelta(hours=24)

NOT_SENT = Msg(en="We could not send the message to your address just now; nothing was recorded. Please try again "
                  "later.",
               fr="Nous n'avons pas pu envoyer le message à votre adresse pour le moment ; rien n'a été enregistré. "
                  "Veuillez réessayer plus tard.")
NOTHING_TO_DOWNLOAD = Msg(en="There are no files waiting for this request.",
                          fr="Aucun fichier n'attend d'être téléchargé pour cette demande.")


@dataclass(frozen=True)
class Filed:
    """A confirmed request: its reference, and whether this confirmation filed it (False: it was already)."""

    ref: str
    new: bool


@dataclass(frozen=True)
class RequestStatus:
    """What the status page shows: the request, the files still waiting, and until when."""

    request: RequestRead
    files: list[str]
    expires: dt.datetime | None


@dataclass(frozen=True)
class Preference:
    """Where one marketing purpose and channel stands for a person."""

    purpose: str
    channel: str
    state: str | None  # given, refused, withdrawn, expired, or None: never asked


def _as_center(engine: Engine, settings: Settings, declared: Declared | None, lang: Lang) -> Context:
    """The context of a domain flow the privacy center calls for the person its link names: audited as the
    center; the DPO's role, since what is shown is already that one person's own (the flows it calls apply none)."""
    return Context(engine, settings, declared, Actor(ACTOR, DPO), lang)


def _secret(settings: Settings) -> str:
    return settings.secret_key.get_secret_value()


def _send(item: Letter, settings: Settings) -> str:
    try:
        return send(item, settings)
    except (OSError, smtplib.SMTPException):
        raise Conflict(NOT_SENT) from None


def _controller(declared: Declared) -> str:
    return declared.declaration.controller.name


# --- requests -------------------------------------------------------------------------------------------------

def submit(settings: Settings, declared: Declared, form: RequestForm, base_url: str,
           engine: Engine | None = None) -> str:
    """Mail the person a link that confirms their address and files the request; nothing is stored before but
    the letter, in the store's outbox (sent again until the mail server takes it). Without a store, the letter
    is sent at once or the person is asked to try again."""
    token = seal_token(_secret(settings), "center-request", form.model_dump(mode="json", exclude_defaults=True))
    lang: Lang = form.lang
    item = letters.letter("confirm", str(form.email), lang, declared, controller=_controller(declared),
                          right=RIGHTS[form.kind](lang), hours=int(CONFIRM_FOR.total_seconds() // 3600),
                          link=f"{base_url}/confirm/{token}")
    if engine is None:
        return _send(item, settings)
    return _outbox(engine, settings, item, key=f"center-confirm:{_digest(token)}", kind="center.confirm")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _outbox(engine: Engine, settings: Settings, item: Letter, *, key: str, kind: str,
            target_ref: str | None = None) -> str:
    """Queue a letter in the outbox and try it at once; where it went, or that it waits to be sent again."""
    with unit_of_work(engine) as session:
        row = outbox.queue(session, item, key=key, kind=kind, target_ref=target_ref)
    done = outbox.deliver(engine, settings, [row.id]) if row is not None else []
    return next((d.where for d in done if d.where), "outbox")


def pending(settings: Settings, token: str) -> tuple[RequestForm, dt.datetime]:
    """The form a confirmation link carries, and when it was sent; raises `InvalidToken` if altered or expired."""
    try:
        value, sent_at = unseal_token(_secret(settings), "center-request", token, CONFIRM_FOR)
        return RequestForm.model_validate(value), sent_at
    except (Unsealable, ValidationError, ValueError):
        raise InvalidToken(BAD_TOKEN) from None


def confirm(engine: Engine, settings: Settings, declared: Declared, token: str, base_url: str) -> Filed:
    """File the request a confirmation link carries (once, however often it is confirmed) and mail the status
    link; the person is tied to the request when the store or a connected database knows their address."""
    form, sent_at = pending(settings, token)
    email = str(form.email)
    key = hashlib.sha256(f"center-request:{token}".encode()).hexdigest()  # one link, one request
    request_in = RequestCreate(kind=form.kind, channel=Channel.web_form, received_at=sent_at,
                               requester=Requester(name=form.name, email=email), subject=f"{EMAIL}:{email}",
                               details=form.details, lang=form.lang)

    def follow(ref: str) -> Letter:  # queued with the filing, in its transaction
        token = signed(ref, "center-status", int(STATUS_FOR.total_seconds()), secret=_secret(settings))
        return letters.letter("follow", email, form.lang, declared, ref=ref, link=f"{base_url}/status/{token}")

    center = _as_center(engine, settings, declared, form.lang)
    try:
        result = rights.file_request(center, request_in, idempotency_key=key, also=[("follow", follow)])
    except NotFound:  # nobody has this address: the request stands, and will be answered as such
        result = rights.file_request(center, request_in.model_copy(update={"subject": None}), idempotency_key=key,
                                     also=[("follow", follow)])
    return Filed(result.request.ref, new=result.new)


def _ref(settings: Settings, token: str, purpose: str) -> str:
    return unsigned(token, purpose, secret=_secret(settings))


def status(engine: Engine, settings: Settings, token: str) -> RequestStatus:
    """The request a status link names, and its files still waiting; the read is audited."""
    ref = _ref(settings, token, "center-status")
    shown = rights.show(_as_center(engine, settings, None, settings.lang), ref)
    return RequestStatus(shown, vault.waiting(settings, ref), vault.expires(settings, ref))


def send_download_link(engine: Engine, settings: Settings, token: str, base_url: str) -> str:
    """Mail a download link, valid for an hour, to the address the request came from."""
    ref = _ref(settings, token, "center-status")
    shown = rights.show(_as_center(engine, settings, None, settings.lang), ref)
    to = shown.requester.get("email")
    if shown.status is not Status.completed or not to or not vault.waiting(settings, ref):
        raise Conflict(NOTHING_TO_DOWNLOAD)
    link = signed(ref, "center-download", int(DOWNLOAD_FOR.total_seconds()), secret=_secret(settings))
    item = letters.letter("download", str(to), _lang_of(engine, ref), ref=ref, link=f"{base_url}/download/{link}",
                          minutes=int(DOWNLOAD_FOR.total_seconds() // 60))
    return _outbox(engine, settings, item, key=f"center-download:{_digest(link)}", kind="center.download",
                   target_ref=ref)


def _lang_of(engine: Engine, ref: str) -> Lang:
    with unit_of_work(engine) as session:
        lang = session.scalar(select(RightsRequest.lang).where(RightsRequest.ref == ref))
    return "en" if lang == "en" else "fr"


def downloads(settings: Settings, token: str) -> tuple[str, list[str], dt.datetime | None]:
    """The request a download link names, the files still waiting for it, and until when."""
    ref = _ref(settings, token, "center-download")
    return ref, vault.waiting(settings, ref), vault.expires(settings, ref)


def download(engine: Engine, settings: Settings, token: str, name: str) -> bytes:
    """One file of the answer, handed over once and then deleted; audited (deleted only once the audit entry is
    committed, so that a failure loses nothing)."""
    ref = _ref(settings, token, "center-download")
    content = vault.read(settings, ref, name)
    with unit_of_work(engine) as session:
        audit(session, actor=ACTOR, action="request.package_downloaded", target_type="rights_request",
              target_ref=ref, details={"file": name, "bytes": len(content)})
    vault.discard(settings, ref, name)
    return content


# --- communication preferences ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PreferencesLetter:
    """The letter a preferences form wrote, with the person it is for (None: nobody has the address)."""

    letter: Letter
    ref: str | None
    key: str


def preferences_letter(engine: Engine, settings: Settings, declared: Declared, email: str, lang: Lang,
                       base_url: str) -> PreferencesLetter:
    """Write the letter carrying a link to the preferences of the person with this address, known or not.

    The same work is done either way (the lookup, a signed link, the letter rendered), so that the time the
    answer takes tells nobody who is a customer; `queue_preferences_letter` then queues it, for a person only,
    once the answer has gone."""
    with unit_of_work(engine) as session:
        subject = find(session, kind=EMAIL, value=email)
        ref = subject.ref if subject else None
    token = signed(ref or new_ref(), "center-preferences", int(PREFERENCES_FOR.total_seconds()),
                   secret=_secret(settings))
    item = letters.letter("preferences", email, lang, declared, controller=_controller(declared),
                          link=f"{base_url}/preferences/{token}", hours=int(PREFERENCES_FOR.total_seconds() // 3600))
    return PreferencesLetter(item, ref, key=f"center-preferences:{_digest(token)}")


def queue_preferences_letter(engine: Engine, settings: Settings, written: PreferencesLetter) -> str | None:
    """Queue the letter in the outbox and try it at once if it is for a person (None otherwise); a store that
    cannot take it is logged, never shown: the visitor's page must not tell whether a letter was due."""
    if written.ref is None:
        return None
    try:
        return _outbox(engine, settings, written.letter, key=written.key, kind="center.preferences",
                       target_ref=written.ref)
    except SQLAlchemyError as error:
        log.warning("a preferences letter could not be queued: %s", type(error).__name__)
        return None


def send_preferences_link(engine: Engine, settings: Settings, declared: Declared, email: str, lang: Lang,
                          base_url: str) -> str | None:
    """Mail a link to the preferences of the person with this address, if there is one, now."""
    written = preferences_letter(engine, settings, declared, email, lang, base_url)
    return queue_preferences_letter(engine, settings, written)


def preferences(engine: Engine, settings: Settings, declared: Declared, token: str) -> list[Preference]:
    """Where each declared marketing purpose and channel stands for the person a preferences link names."""
    ref = _ref(settings, token, "center-preferences")
    shown: dict[str, Any] = consent.show(_as_center(engine, settings, declared, settings.lang), ref)
    states = {(c["purpose"], c["channel"]): c["state"] for c in shown["current"]}
    return [Preference(m.activity, m.channel.value, states.get((m.activity, m.channel.value)))
            for m in declared.declaration.marketing if m.activity]


def set_preference(engine: Engine, settings: Settings, declared: Declared, token: str, *, purpose: str,
                   channel: str, give: bool, wording: str, lang: Lang) -> None:
    """Give or withdraw consent to one marketing purpose on one channel, with the words the page showed."""
    ref = _ref(settings, token, "center-preferences")
    if (purpose, channel) not in {(m.activity, m.channel.value) for m in declared.declaration.marketing}:
        raise InvalidInput(BAD_TOKEN)
    consent.record(_as_center(engine, settings, declared, lang), ConsentCreate(
        subject=ref, purpose=purpose, channel=MarketingChannel(channel), state="given" if give else "withdrawn",
        method=Method.web_form, location="privacy center", wording=wording if give else None, lang=lang))
