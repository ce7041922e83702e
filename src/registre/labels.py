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
from typing import Any, TypeVar

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from registre.breaches.schemas import Cause, Clock, Exemption, Nature, NotificationKind, Origin, Risk
from registre.consent.schemas import Method, State
from registre.declarations import labels as declared_labels
from registre.declarations import schemas
from registre.declarations.declared import Declared
from registre.i18n import Lang, Msg
from registre.law.calendar import PARIS
from registre.rights.schemas import Channel, Outcome, RequestKind, Status

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
NATURES: dict[Nature, Msg] = {
    Nature.confidentiality: Msg(en="Confidentiality (disclosure or access)",
                                fr="Confidentialité (divulgation ou accès)"),
    Nature.integrity: Msg(en="Integrity (alteration)", fr="Intégrité (altération)"),
    Nature.availability: Msg(en="Availability (loss or destruction)", fr="Disponibilité (perte ou destruction)"),
}
ORIGINS: dict[Origin, Msg] = {
    Origin.lost_equipment: Msg(en="Equipment lost or stolen", fr="Équipement perdu ou volé"),
    Origin.lost_paper: Msg(en="Paper lost or stolen", fr="Papier perdu ou volé"),
    Origin.lost_mail: Msg(en="Mail lost or opened", fr="Courrier perdu ou ouvert"),
    Origin.hacking: Msg(en="Hacking, malware, phishing", fr="Piratage, logiciel malveillant, hameçonnage"),
    Origin.paper_disposal: Msg(en="Paper not securely disposed of", fr="Mise au rebut de papier non sécurisée"),
    Origin.device_disposal: Msg(en="Device not securely disposed of", fr="Mise au rebut d'appareil non sécurisée"),
    Origin.unintended_publication: Msg(en="Unintended publication", fr="Publication non volontaire"),
    Origin.wrong_person_shown: Msg(en="Data shown to the wrong person", fr="Données montrées à la mauvaise personne"),
    Origin.wrong_recipient: Msg(en="Sent to the wrong recipient", fr="Envoi au mauvais destinataire"),
    Origin.verbal_disclosure: Msg(en="Verbal disclosure", fr="Divulgation verbale"),
    Origin.other: Msg(en="Other", fr="Autre"),
}
CAUSES: dict[Cause, Msg] = {
    Cause.internal_malicious: Msg(en="Internal, malicious", fr="Interne, malveillante"),
    Cause.internal_accidental: Msg(en="Internal, accidental", fr="Interne, accidentelle"),
    Cause.external_malicious: Msg(en="External, malicious", fr="Externe, malveillante"),
    Cause.external_accidental: Msg(en="External, accidental", fr="Externe, accidentelle"),
    Cause.unknown: Msg(en="Unknown", fr="Inconnue"),
}
RISKS: dict[Risk, Msg] = {
    Risk.none: Msg(en="Unlikely to result in a risk (recorded, not notified)",
                   fr="Risque improbable (consignée, non notifiée)"),
    Risk.risk: Msg(en="Risk (the CNIL is notified)", fr="Risque (notification à la CNIL)"),
    Risk.high: Msg(en="High risk (the CNIL and the people are told)",
                   fr="Risque élevé (notification à la CNIL et aux personnes)"),
}
EXEMPTIONS: dict[Exemption, Msg] = {
    Exemption.encryption: Msg(en="Data unintelligible, such as encrypted (Art. 34(3)(a))",
                              fr="Données incompréhensibles, par exemple chiffrées (art. 34.3.a)"),
    Exemption.later_measures: Msg(en="Later measures remove the high risk (Art. 34(3)(b))",
                                  fr="Mesures ultérieures écartant le risque élevé (art. 34.3.b)"),
    Exemption.disproportionate_effort: Msg(en="Disproportionate effort: a public communication (Art. 34(3)(c))",
                                           fr="Efforts disproportionnés : communication publique (art. 34.3.c)"),
}
NOTIFICATION_KINDS: dict[NotificationKind, Msg] = {
    NotificationKind.initial: Msg(en="CNIL, initial notification", fr="CNIL, notification initiale"),
    NotificationKind.complementary: Msg(en="CNIL, complementary notification", fr="CNIL, notification complémentaire"),
    NotificationKind.subjects: Msg(en="The people affected", fr="Les personnes concernées"),
    NotificationKind.public: Msg(en="Public communication", fr="Communication publique"),
}
CLOCKS: dict[Clock, Msg] = {
    Clock.running: Msg(en="Running", fr="En cours"),
    Clock.overdue: Msg(en="Overdue: the CNIL was not notified in time", fr="Dépassée : CNIL non notifiée à temps"),
    Clock.notified: Msg(en="CNIL notified in time", fr="CNIL notifiée dans le délai"),
    Clock.notified_late: Msg(en="CNIL notified late, with reasons", fr="CNIL notifiée en retard, avec les motifs"),
    Clock.not_required: Msg(en="No notification required (Art. 33(5))", fr="Notification non requise (art. 33.5)"),
}
CONSENT_STATES: dict[State, Msg] = {
    State.given: Msg(en="Given", fr="Donné"),
    State.refused: Msg(en="Refused", fr="Refusé"),
    State.withdrawn: Msg(en="Withdrawn", fr="Retiré"),
    State.expired: Msg(en="Expired", fr="Expiré"),
}
METHODS: dict[Method, Msg] = {
    Method.web_form: Msg(en="Web form", fr="Formulaire en ligne"),
    Method.banner: Msg(en="Cookie banner", fr="Bandeau cookies"),
    Method.email: Msg(en="Email", fr="Courriel"),
    Method.one_click_link: Msg(en="Unsubscribe link", fr="Lien de désinscription"),
    Method.sms_stop: Msg(en="SMS STOP", fr="SMS STOP"),
    Method.paper: Msg(en="Paper form", fr="Formulaire papier"),
    Method.phone: Msg(en="Telephone", fr="Téléphone"),
    Method.in_person: Msg(en="In person", fr="En personne"),
    Method.app: Msg(en="Mobile app", fr="Application mobile"),
    Method.api: Msg(en="Through the API", fr="Par l'API"),
    Method.not_recorded: Msg(en="Not recorded in the imported ledger", fr="Non précisée dans le registre importé"),
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

TABLES: dict[type[StrEnum], dict[Any, Msg]] = {
    RequestKind: KINDS, Channel: CHANNELS, Status: STATUSES, Outcome: OUTCOMES, Nature: NATURES, Origin: ORIGINS,
    Cause: CAUSES, Risk: RISKS, Exemption: EXEMPTIONS, NotificationKind: NOTIFICATION_KINDS, Clock: CLOCKS,
    State: CONSENT_STATES, Method: METHODS,
    schemas.Channel: declared_labels.CHANNELS, schemas.LegalBasis: declared_labels.LEGAL_BASES,
    schemas.RightName: declared_labels.RIGHTS, schemas.EndAction: declared_labels.END_ACTIONS,
    schemas.RecipientKind: declared_labels.RECIPIENT_KINDS, schemas.SourceKind: declared_labels.SOURCES,
    schemas.TrackerPurpose: declared_labels.TRACKER_PURPOSES, schemas.Safeguard: declared_labels.SAFEGUARDS,
}


def label(value: StrEnum, lang: Lang) -> str:
    """The words for an enum member in `lang`."""
    return TABLES[type(value)][value](lang)


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
    trackers = _member(schemas.TrackerPurpose, name)
    if trackers is not None and (declared is None or declared.activity(name) is None):
        return declared_labels.TRACKER_PURPOSES[trackers](lang)
    return activity(declared, name, lang)


def channel(value: str | None, lang: Lang) -> str:
    """A marketing channel (`email`, `sms`…) in words; none: `—`."""
    if not value:
        return "—"
    known = _member(schemas.Channel, value)
    return declared_labels.CHANNELS[known](lang) if known is not None else value


def method(value: str, lang: Lang) -> str:
    """How a consent was collected (`web_form`, `banner`…) in words."""
    known = _member(Method, value)
    return METHODS[known](lang) if known is not None else value


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
