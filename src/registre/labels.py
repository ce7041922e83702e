"""What a person reads instead of a code: one source of labels, in French and English, for every enum the doors show
(rights requests, breaches, consent, retention), the names the declaration gives its activities, data categories
and events, and moments in Paris time in the reader's language.

API:

    label(value, lang) -> str            the words for an enum member (KeyError for an enum with no labels:
                                         tests/test_labels.py checks that every enum shown has them)
    activity(declared, id, lang)         a declared activity's name; likewise data_category, subject_category,
                                         event (the id itself when the declaration does not know it)
    consent_purpose(declared, id, lang)  an activity's name or a kind of trackers; channel, method: in words
    moment(when, lang) -> str            `16 novembre 2026 à 17:30` / `16 November 2026, 17:30`, Paris time
    day(when, lang) -> str               `16 novembre 2026` / `16 November 2026`
    duration(hours, lang) -> str         `41 h 49 min` (a negative figure: `-2 h 05 min`)
    countries(codes, lang) -> str        `Maroc, États-Unis`; none given: `Pays non précisé`
"""

from __future__ import annotations

import datetime as dt
import math
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from registre.i18n import Lang, Msg
from registre.law.calendar import PARIS
from registre.rights.schemas import Channel, Outcome, RequestKind, Status

if TYPE_CHECKING:
    from registre.declarations.declared import Declared

KINDS: dict[RequestKind, Msg] = {
    RequestKind.access: Msg(en="Access", fr="Accès"),
    RequestKind.confirmation: Msg(en="Confirmation of processing", fr="Confirmation du traitement"),
    RequestKind.portability: Msg(en="Portability", fr="Portabilité"),
    RequestKind.rectification: Msg(en="Rectification", fr="Rectification"),
    RequestKind.erasure: Msg(en="Erasure", fr="Effacement"),
    RequestKind.restriction: Msg(en="Restriction", fr="Limitation"),
    RequestKind.objection: Msg(en="Objection", fr="Opposition"),
    RequestKind.consent_withdrawal: Msg(en="Consent withdrawal", fr="Retrait du consentement"),
    RequestKind.post_mortem: Msg(en="Directives after death", fr="Directives post mortem"),
}
CHANNELS: dict[Channel, Msg] = {
    Channel.web_form: Msg(en="Web form", fr="Formulaire en ligne"),
    Channel.email: Msg(en="Email", fr="Courriel"),
    Channel.post: Msg(en="Post", fr="Courrier postal"),
    Channel.phone: Msg(en="Telephone", fr="Téléphone"),
    Channel.in_person: Msg(en="In person", fr="En personne"),
}
STATUSES: dict[Status, Msg] = {
    Status.open: Msg(en="Open", fr="Ouverte"),
    Status.awaiting_identity: Msg(en="Awaiting proof of identity", fr="En attente d'identité"),
    Status.completed: Msg(en="Answered", fr="Traitée"),
    Status.refused: Msg(en="Refused", fr="Refusée"),
}
OUTCOMES: dict[Outcome, Msg] = {
    Outcome.completed: Msg(en="answered", fr="traitée"),
    Outcome.refused: Msg(en="refused", fr="refusée"),
    Outcome.partially_refused: Msg(en="partly refused", fr="refusée en partie"),
}
# What a retention task does (registre.retention.sweep.Action, by value: the sweep is not imported here).
RETENTION_ACTIONS: dict[str, Msg] = {
    "delete": Msg(en="Delete", fr="Supprimer"),
    "anonymise": Msg(en="Anonymise", fr="Anonymiser"),
    "archive": Msg(en="Archive", fr="Archiver"),
    "erase_columns": Msg(en="Erase columns", fr="Effacer des colonnes"),
    "purge_archive": Msg(en="Purge the archive", fr="Purger l'archive"),
}
ACTORS: dict[str, Msg] = {
    "api": Msg(en="The DPO's API token", fr="Le jeton d'API du DPO"),
    "demo": Msg(en="The demo", fr="La démonstration"),
    "center": Msg(en="The privacy center", fr="L'espace confidentialité"),
}

# The names of a request's fields (requester, details, identity) that the back office shows.
FIELDS: dict[str, Msg] = {
    "name": Msg(en="Name", fr="Nom"), "email": Msg(en="Email", fr="Courriel"),
    "phone": Msg(en="Telephone", fr="Téléphone"), "address": Msg(en="Postal address", fr="Adresse postale"),
    "objection": Msg(en="Objection to", fr="Opposition à"), "activities": Msg(en="Activities", fr="Traitements"),
    "changes": Msg(en="Changes", fr="Modifications"), "ground": Msg(en="Ground", fr="Motif"),
    "directives": Msg(en="Directives", fr="Directives"), "directive_action": Msg(en="On death", fr="Au décès"),
    "executor": Msg(en="Person designated", fr="Personne désignée"), "note": Msg(en="Note", fr="Note"),
    "code": Msg(en="Code sent to the address already known", fr="Code envoyé à l'adresse déjà connue"),
    "id_checked": Msg(en="Identity document checked by staff (no copy kept)",
                      fr="Pièce d'identité vérifiée par le personnel (sans copie conservée)"),
    "customer_id": Msg(en="Customer number", fr="Numéro de client"), "account": Msg(en="Account", fr="Compte"),
    "ip": Msg(en="IP address", fr="Adresse IP"),
    "direct_marketing": Msg(en="direct marketing", fr="la prospection"),
    "profiling": Msg(en="profiling", fr="le profilage"), "processing": Msg(en="the processing", fr="le traitement"),
}

# Where a record of the store came from (subjects' `source`; "dataset:<name>" for a connected database's).
RECORD_SOURCES: dict[str, Msg] = {
    "direct": Msg(en="From you", fr="Auprès de vous"),
    "indirect": Msg(en="From another source", fr="D'une autre source"),
    "public": Msg(en="From publicly accessible sources", fr="De sources accessibles au public"),
    "not_recorded": Msg(en="Source not recorded", fr="Source non enregistrée"),
}
FROM_SYSTEM = Msg(en="From our systems ({name})", fr="De nos systèmes ({name})")

RESTRICTIONS: dict[str, Msg] = {
    "restriction": Msg(en="Restriction of processing (Art. 18)", fr="Limitation du traitement (art. 18)"),
    "objection_marketing": Msg(en="Objection to direct marketing (Art. 21(2))",
                               fr="Opposition à la prospection (art. 21, paragraphe 2)"),
    "objection_profiling": Msg(en="Objection to profiling (Art. 21)", fr="Opposition au profilage (art. 21)"),
    "objection": Msg(en="Objection to the processing (Art. 21(1))", fr="Opposition au traitement (art. 21, "
                                                                        "paragraphe 1)"),
    "legal_hold": Msg(en="Legal hold: kept for a claim or an inquiry", fr="Conservation pour un litige ou une "
                                                                           "enquête"),
}

REQUESTS: dict[type[StrEnum], dict[Any, Msg]] = {
    RequestKind: KINDS, Channel: CHANNELS, Status: STATUSES, Outcome: OUTCOMES,
}


@cache
def tables() -> dict[type[StrEnum], dict[Any, Msg]]:
    """Every enum the doors show, with its labels. Those of breaches, consent and the declaration's vocabulary are
    imported here on first need, so that a command reading a request (`registre requests show`) imports none of them."""
    from registre.breaches import labels as breaches
    from registre.breaches.schemas import Cause, Clock, Exemption, Nature, NotificationKind, Origin, Risk
    from registre.consent import labels as consent
    from registre.consent.schemas import Method, State
    from registre.declarations import labels as declared
    from registre.declarations import schemas

    return {
        **REQUESTS, Nature: breaches.NATURES, Origin: breaches.ORIGINS, Cause: breaches.CAUSES, Risk: breaches.RISKS,
        Exemption: breaches.EXEMPTIONS, NotificationKind: breaches.NOTIFICATION_KINDS, Clock: breaches.CLOCKS,
        State: consent.CONSENT_STATES, Method: consent.METHODS,
        schemas.Channel: declared.CHANNELS, schemas.LegalBasis: declared.LEGAL_BASES,
        schemas.RightName: declared.RIGHTS, schemas.EndAction: declared.END_ACTIONS,
        schemas.RecipientKind: declared.RECIPIENT_KINDS, schemas.SourceKind: declared.SOURCES,
        schemas.TrackerPurpose: declared.TRACKER_PURPOSES, schemas.Safeguard: declared.SAFEGUARDS,
    }


def label(value: StrEnum, lang: Lang) -> str:
    """The words for an enum member in `lang`."""
    table = REQUESTS.get(type(value))
    return (table if table is not None else tables()[type(value)])[value](lang)


def retention_action(value: str, lang: Lang) -> str:
    """What a retention task does, in words."""
    found = RETENTION_ACTIONS.get(value)
    return found(lang) if found is not None else value


def actor(value: str | None, lang: Lang) -> str:
    """Who acted, as the audit log names them: a staff member's address, or the door's name in words."""
    if not value:
        return "—"
    found = ACTORS.get(value)
    return found(lang) if found is not None else value.removeprefix("staff:")


def word(value: str, lang: Lang) -> str:
    """A request's field name or value in words (FIELDS), else the value as it is."""
    found = FIELDS.get(value)
    return found(lang) if found is not None else value


def record_source(source: str, name: str | None, lang: Lang) -> str:
    """Where a record came from, in words: its source's name when recorded, else its kind."""
    if name:
        return name
    found = RECORD_SOURCES.get(source)
    return found(lang) if found is not None else FROM_SYSTEM(lang, name=source.removeprefix("dataset:"))


def restriction(value: str, lang: Lang) -> str:
    """A restriction's kind (a restriction, an objection, a legal hold) in words."""
    found = RESTRICTIONS.get(value)
    return found(lang) if found is not None else value


def field(value: str | None) -> str:
    """A field's technical name made readable: `customers.last_name` → `Customers › last name`."""
    if not value:
        return "—"
    parts = [p.replace("_", " ") for p in value.split(".")]
    return " › ".join([parts[0][:1].upper() + parts[0][1:], *parts[1:]])


def activity(declared: Declared | None, name: str | None, lang: Lang) -> str:
    """A declared activity's name in `lang` (its id when the declaration does not know it)."""
    found = declared.activity(name) if declared is not None and name else None
    return found.name(lang) if found is not None else (name or "—")


def data_category(declared: Declared | None, name: str | None, lang: Lang) -> str:
    """A data category's label in `lang`."""
    found = declared.data.get(name) if declared is not None and name else None
    if found is not None:
        return found.label(lang)
    return word(name, lang) if name else "—"


_E = TypeVar("_E", bound=StrEnum)


def _member(kind: type[_E], value: str | None) -> _E | None:
    """The member of `kind` whose value is `value`, or None."""
    return next((member for member in kind if member.value == value), None)


def consent_purpose(declared: Declared | None, name: str | None, lang: Lang) -> str:
    """What a consent is for: a declared activity's name, or a kind of trackers (the cookie banner's purposes)."""
    from registre.declarations.schemas import TrackerPurpose

    trackers = _member(TrackerPurpose, name)
    if trackers is not None and (declared is None or declared.activity(name) is None):
        return label(trackers, lang)
    return activity(declared, name, lang)


def channel(value: str | None, lang: Lang) -> str:
    """A marketing channel (`email`, `sms`…) in words; none: `—`."""
    from registre.declarations.schemas import Channel as MarketingChannel

    if not value:
        return "—"
    known = _member(MarketingChannel, value)
    return label(known, lang) if known is not None else value


def method(value: str, lang: Lang) -> str:
    """How a consent was collected (`web_form`, `banner`…) in words."""
    from registre.consent.schemas import Method

    known = _member(Method, value)
    return label(known, lang) if known is not None else value


def subject_category(declared: Declared | None, name: str | None, lang: Lang) -> str:
    """A subject category's label in `lang`."""
    found = declared.subjects.get(name) if declared is not None and name else None
    return found.label(lang) if found is not None else (name or "—")


def event(declared: Declared | None, name: str | None, lang: Lang) -> str:
    """A lifecycle event's name in `lang`."""
    found = declared.events.get(name) if declared is not None and name else None
    return found.name(lang) if found is not None else (name or "—")


_REGIONS: dict[str, Msg] = {"EEA": Msg(en="European Economic Area", fr="Espace économique européen")}
COUNTRY_NOT_STATED = Msg(en="Country not stated", fr="Pays non précisé")


def countries(codes: list[str] | None, lang: Lang) -> str:
    """Countries or regions by their names in `lang` (Babel's CLDR territories); none given: "country not stated"."""
    if not codes:
        return COUNTRY_NOT_STATED(lang)
    names = Locale.parse(lang).territories
    return ", ".join(_REGIONS[c](lang) if c in _REGIONS else str(names.get(c, c)) for c in codes)


def _paris(when: dt.datetime) -> dt.datetime:
    return (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).astimezone(PARIS)


def moment(when: dt.datetime | None, lang: Lang) -> str:
    """A moment in Paris time as the reader writes it (a naive time is taken as UTC, as the store keeps it)."""
    if when is None:
        return "—"
    pattern = "d MMMM y 'à' HH:mm" if lang == "fr" else "d MMMM y, HH:mm"
    return format_datetime(_paris(when), pattern, locale=lang)


def number(value: int, lang: Lang) -> str:
    """A count as the reader writes it: 1,000,000 in English, 1 000 000 in French."""
    return format_decimal(value, locale=lang)


def day(when: dt.date | dt.datetime | None, lang: Lang) -> str:
    """A calendar day as the reader writes it (a moment: its day in Paris)."""
    if when is None:
        return "—"
    if isinstance(when, dt.datetime):
        when = _paris(when).date()
    return format_date(when, "d MMMM y", locale=lang)


def duration(hours: float, lang: Lang) -> str:
    """Hours as `41 h 49 min` (both languages write it so), `-2 h 05 min` once past."""
    minutes = math.floor(abs(hours) * 60 + 1e-6)
    return f"{'-' if hours < 0 else ''}{minutes // 60} h {minutes % 60:02d} min"
