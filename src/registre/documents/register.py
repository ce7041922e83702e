"""The record of processing activities (GDPR Art. 30) as a neutral workbook, laid out like the CNIL template.

`build` turns a declaration into a `Workbook`: an identification sheet (the controller, its representative,
joint controllers and DPO, with their contact details: Art. 30(1)(a)), a list sheet (the CNIL's « Liste des
traitements », one row per activity), then one fiche per activity in the order of the CNIL's « Modèle de fiche
de registre » (header, actors, purposes, legal basis, security measures, data categories with their retention,
sensitive data, data subjects, recipients, transfers outside the EU), and a flat table with one row per
activity and one column per Art. 30 field, for CSV, each row carrying the controller and the DPO. A cell
never stands empty for a fact the policy does not state: it says « Non précisé(e) ». `spreadsheets.py` writes
it as ODS, XLSX or CSV.
See `shared/reference/regulation.md` §3.3 and §3.4.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from babel import Locale

from registre.declarations import catalog
from registre.declarations.catalog import CNIL_REGISTER_KINDS, DATA_KIND_LABELS, Special
from registre.declarations.declared import DataInfo, Declared
from registre.declarations.describe import period
from registre.declarations.labels import (
    ART9_CONDITIONS,
    DEROGATIONS,
    LEGAL_BASES,
    RECIPIENT_KINDS,
    SAFEGUARDS,
    measure,
)
from registre.declarations.schemas import (
    NONE,
    Activity,
    Contact,
    LegalBasisEntry,
    Party,
    Recipient,
    RecipientKind,
    RetentionRule,
    Safeguard,
    Text,
    Transfer,
)
from registre.i18n import Lang, Msg
from registre.law.adequacy import in_eea

Cell = str | None


class RowKind(StrEnum):
    """What a row is, for styling: a fiche's heading, a section heading, column headers, or content."""

    heading = "heading"
    section = "section"
    header = "header"
    body = "body"


@dataclass(frozen=True, slots=True)
class Row:
    """One row of cells; `None` is an empty cell."""

    cells: tuple[Cell, ...]
    kind: RowKind = RowKind.body


@dataclass(frozen=True, slots=True)
class Sheet:
    """A named sheet; `frozen_rows` rows stay on screen when scrolling."""

    name: str
    rows: tuple[Row, ...]
    frozen_rows: int = 0


@dataclass(frozen=True, slots=True)
class Workbook:
    """The register: its sheets, and `flat`, one row per activity with one column per Art. 30 field."""

    sheets: tuple[Sheet, ...]
    flat: Sheet


# The identification sheet (the controller and its DPO, Art. 30(1)(a)).
IDENTIFICATION_SHEET = Msg(en="Identification", fr="Identification")
IDENTIFICATION = Msg(en="Identification of the controller", fr="Identification du responsable du traitement")
LEGAL_FORM = Msg(en="Legal form", fr="Forme juridique")
REGISTRATION = Msg(en="Registration", fr="Immatriculation")
WEBSITE = Msg(en="Website", fr="Site web")
FORM = Msg(en="Online form", fr="Formulaire en ligne")
ORGANISATION = Msg(en="Organisation", fr="Organisme")
APPOINTED = Msg(en="Appointed", fr="Désigné")
POLICY = Msg(en="Privacy policy", fr="Politique de confidentialité")
VERSION = Msg(en="Version", fr="Version")
DATE = Msg(en="Date", fr="Date")
CONTROLLER_ADDRESS = Msg(en="Controller's address", fr="Adresse du responsable du traitement")
CONTROLLER_CONTACT = Msg(en="Controller's contact details", fr="Coordonnées du responsable du traitement")
DPO_CONTACT = Msg(en="DPO's contact details", fr="Coordonnées du DPO")
NOT_STATED = Msg(en="Not stated", fr="Non précisé")
NOT_STATED_F = Msg(en="Not stated", fr="Non précisée")
NOT_STATED_FP = Msg(en="Not stated", fr="Non précisées")
NOT_STATED_MP = Msg(en="Not stated", fr="Non précisés")
COUNTRY_NOT_STATED = Msg(en="Country not stated", fr="Pays non précisé")
NOT_APPLICABLE = Msg(en="Not applicable (controller established in the EU)",
                     fr="Sans objet (responsable établi dans l'UE)")
NONE_M = Msg(en="None", fr="Aucun")
DPO_APPOINTED = {True: Msg(en="Yes", fr="Oui"), False: Msg(en="No", fr="Non"), None: NOT_STATED}

# Sheets and the list of activities (CNIL sheet « 2 - Liste des traitements »).
LIST_SHEET = Msg(en="Processing activities", fr="Liste des traitements")
FLAT_SHEET = Msg(en="Record of processing activities", fr="Registre des activités de traitement")
REF = Msg(en="No. / Ref.", fr="N° / REF")
NAME = Msg(en="Processing activity", fr="Nom du traitement")
CREATED = Msg(en="Created on", fr="Date de création")
UPDATED = Msg(en="Updated on", fr="Mise à jour")
SENSITIVE_QUESTION = Msg(en="Sensitive data?", fr="Données sensibles ?")
LEGAL_BASES_COLUMN = Msg(en="Legal basis(es)", fr="Base(s) légale(s)")

# The fiche (CNIL sheet « 3 - Modèle de fiche de registre »).
NAME_ACRONYM = Msg(en="Name / acronym", fr="Nom / sigle")
SYSTEM = Msg(en="Software / application", fr="Logiciel / application")
ACTORS = Msg(en="Actors", fr="Acteurs")
ROLE = Msg(en="Role", fr="Qualité")
ACTOR_NAME = Msg(en="Name", fr="Nom")
ADDRESS = Msg(en="Address", fr="Adresse")
COUNTRY = Msg(en="Country", fr="Pays")
PHONE = Msg(en="Telephone", fr="Téléphone")
EMAIL = Msg(en="Email address", fr="Adresse de messagerie")
DETAILS = Msg(en="Details", fr="Précisions")
CONTROLLER = Msg(en="Controller", fr="Responsable du traitement")
DPO = Msg(en="Data protection officer", fr="Délégué à la protection des données")
DPO_NOT_APPOINTED = Msg(en="Data protection contact (no DPO appointed)",
                        fr="Contact pour la protection des données (pas de DPO désigné)")
REPRESENTATIVE = Msg(en="Representative", fr="Représentant")
JOINT_CONTROLLERS = Msg(en="Joint controller(s)", fr="Responsable(s) conjoint(s)")
PURPOSES = Msg(en="Purpose(s) of the processing", fr="Finalité(s) du traitement effectué")
MAIN_PURPOSE = Msg(en="Main purpose", fr="Finalité principale")
SUB_PURPOSE = Msg(en="Sub-purpose {n}", fr="Sous-finalité {n}")
LEGAL_BASIS = Msg(en="Legal basis (Art. 6)", fr="Base légale (art. 6)")
SUBJECT_CATEGORY = Msg(en="Category of data subjects", fr="Catégorie de personnes concernées")
BASIS = Msg(en="Legal basis", fr="Base légale")
INTEREST_OR_LAW = Msg(en="Legitimate interest pursued or legal text",
                      fr="Intérêt légitime poursuivi ou texte légal")
SECURITY = Msg(en="Security measures", fr="Mesures de sécurité")
NO_MEASURE = Msg(en="None stated", fr="Aucune mesure indiquée")
DATA = Msg(en="Categories of personal data concerned", fr="Catégories de données personnelles concernées")
CATEGORY = Msg(en="Category", fr="Catégorie")
DESCRIPTION = Msg(en="Description", fr="Description")
RETENTION = Msg(en="Retention period", fr="Durée de conservation")
RETENTION_NOT_STATED = Msg(en="Not stated", fr="Non précisée")
SENSITIVE = Msg(en="Sensitive data", fr="Données sensibles")
YES_NO = Msg(en="Yes / No", fr="Oui / Non")
CONDITION = Msg(en="Condition (Art. 9(2)) or authority (Art. 10)",
                fr="Condition (art. 9.2) ou autorité (art. 10)")
SUBJECTS = Msg(en="Categories of data subjects", fr="Catégories de personnes concernées")
RECIPIENTS = Msg(en="Recipients", fr="Destinataires")
NO_RECIPIENT = Msg(en="None", fr="Aucun destinataire")
RECIPIENTS_NOT_STATED = Msg(en="Not stated", fr="Destinataires non précisés")
ALL_ACTIVITIES = Msg(en="Listed for all processing activities; which data it receives is not stated",
                     fr="Cité pour tous les traitements ; données reçues non précisées")
RECEIVED = Msg(en="Data received", fr="Données reçues")
PROCESSOR_CONTRACT = Msg(en="Contract (Art. 28)", fr="Contrat (art. 28)")
TRANSFERS = Msg(en="Transfers outside the EU", fr="Transferts hors UE")
NO_TRANSFER = Msg(en="No transfer outside the EU", fr="Aucun transfert hors UE")
TRANSFERS_NOT_STATED = Msg(en="Transfers outside the EU not stated", fr="Transferts hors UE non précisés")
DPF_NOT_STATED = Msg(en="certification under the EU-US Data Privacy Framework not stated",
                     fr="certification au Data Privacy Framework UE-États-Unis non précisée")
RECIPIENT = Msg(en="Recipient", fr="Destinataire")
SAFEGUARDS_COLUMN = Msg(en="Type of safeguards", fr="Type de garanties")
DEROGATION = Msg(en="Derogation (Art. 49)", fr="Dérogation (art. 49)")
DOCUMENTATION = Msg(en="Link to the documentation", fr="Lien vers la documentation")
DPF = Msg(en="importer certified under the EU-US Data Privacy Framework",
          fr="importateur certifié au titre du Data Privacy Framework UE-États-Unis")

# The flat table (CSV) adds these column names.
PURPOSES_COLUMN = Msg(en="Purposes", fr="Finalités")
DATA_COLUMN = Msg(en="Categories of personal data", fr="Catégories de données personnelles")
RETENTION_COLUMN = Msg(en="Retention periods", fr="Durées de conservation")

YES = Msg(en="Yes", fr="Oui")
NO = Msg(en="No", fr="Non")
EEA = Msg(en="European Economic Area", fr="Espace économique européen")
YES_WITH = Msg(en="Yes: {items}", fr="Oui : {items}")
QUALIFIED = Msg(en="{what}: {text}", fr="{what} : {text}")
SCOPED = Msg(en="{what} — {text}", fr="{what} — {text}")

JOIN = "; "
SHEET_NAME_MAX = 31
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_TRAILING_BRACKETS = re.compile(r"\s*\([^()]*\)$")


def build(declared: Declared, lang: Lang = "fr") -> Workbook:
    """The register of `declared` in `lang`: the identification sheet, the list sheet, one fiche per activity, and
    the flat table."""
    activities = declared.declaration.activities
    fiches = tuple(
        Sheet(sheet_name(n, activity.name(lang)), _fiche(activity, declared, lang))
        for n, activity in enumerate(activities, start=1)
    )
    return Workbook((_identification(declared, lang), _list_sheet(declared, lang), *fiches),
                    _flat_sheet(declared, lang))


def sheet_name(number: int, name: str) -> str:
    """A sheet name spreadsheet programs accept: numbered (so unique), at most 31 characters, no []:*?/\\."""
    text = f"{number} - {' '.join(_SHEET_FORBIDDEN.sub(' ', name).split())}"
    if len(text) > SHEET_NAME_MAX:
        cut = text[:SHEET_NAME_MAX - 1]
        words = cut.rsplit(" ", 1)[0]
        text = (words if len(words) > len(str(number)) + 3 else cut).rstrip(" ',-") + "…"
    return text.rstrip(" '")


def _identification(declared: Declared, lang: Lang) -> Sheet:
    """The controller, representative, joint controllers and DPO, each line with its value or « Non précisé »."""
    declaration = declared.declaration
    controller, dpo, policy = declaration.controller, declaration.dpo, declaration.policy
    rows: list[Row] = [Row((IDENTIFICATION(lang),), RowKind.heading)]
    rows += _party_rows(CONTROLLER, controller, lang)
    if declaration.representative is not None:
        rows += _party_rows(REPRESENTATIVE, declaration.representative, lang)
    else:
        abroad = not in_eea(controller.country)
        rows += _section(REPRESENTATIVE, lang, [Row(((NOT_STATED if abroad else NOT_APPLICABLE)(lang),))])
    for party in declaration.joint_controllers:
        rows += _party_rows(JOINT_CONTROLLERS, party, lang)
    if not declaration.joint_controllers:
        rows += _section(JOINT_CONTROLLERS, lang, [Row((NONE_M(lang),))])
    dpo_rows = [Row((APPOINTED(lang), DPO_APPOINTED[dpo.appointed if dpo is not None else None](lang)))]
    if dpo is not None:
        dpo_rows += [Row((label(lang), value or missing(lang))) for label, value, missing in (
            (ACTOR_NAME, dpo.name, NOT_STATED), (ORGANISATION, dpo.organisation, NOT_STATED),
            (ADDRESS, dpo.address, NOT_STATED_F), (PHONE, dpo.phone, NOT_STATED), (EMAIL, dpo.email, NOT_STATED_F),
            (FORM, dpo.form_url, NOT_STATED))]
    rows += _section(DPO, lang, dpo_rows)
    rows += _section(POLICY, lang, [Row((VERSION(lang), policy.version or NOT_STATED_F(lang))),
                                    Row((DATE(lang), _date(policy.date) or NOT_STATED_F(lang)))])
    return Sheet(IDENTIFICATION_SHEET(lang), tuple(rows))


def _party_rows(title: Msg, party: Party, lang: Lang) -> list[Row]:
    """A party's lines: name, identity and contact, « Non précisé(e) » for what the policy does not give."""
    lines = ((ACTOR_NAME, party.name, NOT_STATED), (LEGAL_FORM, party.legal_form, NOT_STATED_F),
             (REGISTRATION, party.registration, NOT_STATED_F), (ADDRESS, party.address, NOT_STATED_F),
             (COUNTRY, _country(party.country, lang), NOT_STATED), (PHONE, party.phone, NOT_STATED),
             (EMAIL, party.email, NOT_STATED_F), (FORM, party.form_url, NOT_STATED),
             (WEBSITE, party.website, NOT_STATED))
    return _section(title, lang, [Row((label(lang), value or missing(lang))) for label, value, missing in lines])


def _list_sheet(declared: Declared, lang: Lang) -> Sheet:
    columns = (REF, NAME, MAIN_PURPOSE, LEGAL_BASES_COLUMN, CREATED, UPDATED, SENSITIVE_QUESTION)
    rows = [
        Row((a.id, a.name(lang), a.purpose(lang), _join(_bases_summary(a, declared, lang)) or NOT_STATED_F(lang),
             _date(a.created) or NOT_STATED_F(lang), _date(a.updated) or NOT_STATED_F(lang),
             (YES if _special_ids(a, declared) else NO)(lang)))
        for a in declared.declaration.activities
    ]
    return Sheet(LIST_SHEET(lang), (_header(columns, lang), *rows), frozen_rows=1)


def _flat_sheet(declared: Declared, lang: Lang) -> Sheet:
    columns = (REF, NAME, CREATED, UPDATED, CONTROLLER, CONTROLLER_ADDRESS, CONTROLLER_CONTACT, REPRESENTATIVE,
               JOINT_CONTROLLERS, DPO, DPO_CONTACT, PURPOSES_COLUMN, LEGAL_BASES_COLUMN, SUBJECTS, DATA_COLUMN,
               RETENTION_COLUMN, SENSITIVE, RECIPIENTS, TRANSFERS, SECURITY)
    rows = [Row(_flat_cells(a, declared, lang)) for a in declared.declaration.activities]
    return Sheet(FLAT_SHEET(lang), (_header(columns, lang), *rows), frozen_rows=1)


def _flat_cells(activity: Activity, declared: Declared, lang: Lang) -> tuple[Cell, ...]:
    declaration = declared.declaration
    controller, dpo, representative = declaration.controller, declaration.dpo, declaration.representative
    special = _special_ids(activity, declared)
    conditions = _conditions(activity, special, declared, lang)
    sensitive = YES_WITH(lang, items=_join([*_labels(special, declared, lang), *conditions]))
    recipients = [QUALIFIED(lang, what=RECIPIENT_KINDS[r.kind](lang), text=r.name(lang))
                  for r, _ in _recipients(activity, declared)]
    abroad = not in_eea(controller.country)
    dpo_name = (dpo.name or dpo.organisation) if dpo is not None else None
    dpo_role = (DPO if dpo is not None and dpo.appointed else DPO_NOT_APPOINTED)(lang) if dpo is not None else None
    return (
        activity.id,
        activity.name(lang),
        _date(activity.created) or NOT_STATED_F(lang),
        _date(activity.updated) or NOT_STATED_F(lang),
        controller.name,
        controller.address or NOT_STATED_F(lang),
        _join([controller.email, controller.phone, controller.form_url]) or NOT_STATED_FP(lang),
        (representative.name if representative is not None
         else (NOT_STATED if abroad else NOT_APPLICABLE)(lang)),
        _join(p.name for p in declaration.joint_controllers) or NONE_M(lang),
        (QUALIFIED(lang, what=dpo_role, text=dpo_name) if dpo_name and dpo_role else dpo_role) or NOT_STATED(lang),
        (_join([dpo.email, dpo.phone, dpo.address, dpo.form_url]) if dpo is not None else None) or NOT_STATED_FP(lang),
        _join([activity.purpose(lang), *(p(lang) for p in activity.sub_purposes)]),
        _join(_bases_summary(activity, declared, lang)) or NOT_STATED_F(lang),
        _join(declared.subjects[s].label(lang) for s in activity.subjects),
        _join(_labels(activity.data, declared, lang)),
        _join(_retention(activity, activity.data, declared, lang)) or RETENTION_NOT_STATED(lang),
        sensitive if special else NO(lang),
        _join(recipients) or _no_recipients(activity, lang),
        _join(" — ".join(c for c in _transfer_cells(t, declared, lang)[:4] if c) for t in activity.transfer_list)
        or _no_transfers(activity, declared, lang),
        _join(measure(m, lang) for m in declared.measures(activity)) or NO_MEASURE(lang),
    )


def _no_recipients(activity: Activity, lang: Lang) -> str:
    """An activity without recipients: stated as none, or not stated."""
    return (NO_RECIPIENT if activity.recipients == NONE else RECIPIENTS_NOT_STATED)(lang)


def _no_transfers(activity: Activity, declared: Declared, lang: Lang) -> str:
    """An activity without transfers: stated as none (by it or the policy), or not stated."""
    return (TRANSFERS_NOT_STATED if declared.transfers(activity) is None else NO_TRANSFER)(lang)


def _fiche(activity: Activity, declared: Declared, lang: Lang) -> tuple[Row, ...]:
    """The rows of one activity's fiche, section by section in the CNIL's order."""
    return (
        Row((activity.name(lang),), RowKind.heading),
        Row((NAME_ACRONYM(lang), activity.name(lang))),
        Row((REF(lang), activity.id)),
        Row((CREATED(lang), _date(activity.created))),
        Row((UPDATED(lang), _date(activity.updated))),
        Row((SYSTEM(lang), activity.system)),
        *_actors(declared, lang),
        *_purposes(activity, lang),
        *_legal_bases(activity, declared, lang),
        *_security(activity, declared, lang),
        *_data(activity, declared, lang),
        *_special(activity, declared, lang),
        *_section(SUBJECTS, lang, [Row((declared.subjects[s].label(lang),)) for s in activity.subjects]),
        *_recipient_rows(activity, declared, lang),
        *_transfers(activity, declared, lang),
    )


def _actors(declared: Declared, lang: Lang) -> list[Row]:
    declaration = declared.declaration
    controller, dpo, representative = declaration.controller, declaration.dpo, declaration.representative
    rows = [_actor(CONTROLLER(lang), controller.name, controller, controller.country, lang,
                   controller.legal_form, controller.registration, controller.website, controller.form_url)]
    if dpo is None:
        rows.append(Row((DPO(lang),)))
    else:
        role = DPO if dpo.appointed else DPO_NOT_APPOINTED
        name = dpo.name or dpo.organisation
        rows.append(_actor(role(lang), name, dpo, None, lang, dpo.organisation if dpo.name else None,
                           dpo.form_url, dpo.website))
    if representative is None:
        rows.append(Row((REPRESENTATIVE(lang),)))
    else:
        rows.append(_actor(REPRESENTATIVE(lang), representative.name, representative, representative.country,
                           lang, representative.website))
    joint = JOINT_CONTROLLERS(lang)
    rows += [_actor(joint, p.name, p, p.country, lang, _text(p.responsibilities, lang), p.website)
             for p in declaration.joint_controllers] or [Row((joint,))]
    return _section(ACTORS, lang, rows, (ROLE, ACTOR_NAME, ADDRESS, COUNTRY, PHONE, EMAIL, DETAILS))


def _actor(role: str, name: str | None, contact: Contact, country: str | None, lang: Lang,
           *details: str | None) -> Row:
    country_name = _country(country, lang)
    return Row((role, name, contact.address, country_name, contact.phone, contact.email, _join(details)))


def _purposes(activity: Activity, lang: Lang) -> list[Row]:
    subs = [Row((SUB_PURPOSE(lang, n=n), p(lang))) for n, p in enumerate(activity.sub_purposes, start=1)]
    return _section(PURPOSES, lang, [Row((MAIN_PURPOSE(lang), activity.purpose(lang))), *subs])


def _legal_bases(activity: Activity, declared: Declared, lang: Lang) -> list[Row]:
    rows = []
    for subject in activity.subjects:
        label = declared.subjects[subject].label(lang)
        entries = declared.bases_for(activity, subject)
        rows += [Row((label, LEGAL_BASES[e.basis](lang), _join([_text(e.interest, lang), _text(e.law, lang)]),
                      _join([_text(e.condition, lang), _text(e.withdrawal, lang)]))) for e in entries]
        if not entries:
            rows.append(Row((label,)))
    return _section(LEGAL_BASIS, lang, rows, (SUBJECT_CATEGORY, BASIS, INTEREST_OR_LAW, DETAILS))


def _security(activity: Activity, declared: Declared, lang: Lang) -> list[Row]:
    rows = [Row((measure(m, lang),)) for m in declared.measures(activity)]
    return _section(SECURITY, lang, rows or [Row((NO_MEASURE(lang),))])


def _data(activity: Activity, declared: Declared, lang: Lang) -> list[Row]:
    rows = []
    for kind in CNIL_REGISTER_KINDS:
        ids = [i for i in activity.data if declared.data[i].kind is kind]
        rows.append(Row((DATA_KIND_LABELS[kind](lang), _join(_labels(ids, declared, lang)),
                         _retention_cell(activity, ids, declared, lang))))
    return _section(DATA, lang, rows, (CATEGORY, DESCRIPTION, RETENTION))


def _special(activity: Activity, declared: Declared, lang: Lang) -> list[Row]:
    """The nine CNIL rows of sensitive data, then any other special category the activity declares."""
    builtin = {i: c for i, c in catalog.DATA_CATEGORIES.items() if c.special is not None}
    present = _special_ids(activity, declared)
    rows = [_special_row(c.label(lang), [i] if i in present else [], activity, declared, lang)
            for i, c in builtin.items()]
    rows += [_special_row(_label(declared.data[i], lang), [i], activity, declared, lang)
             for i in present if i not in builtin]
    return _section(SENSITIVE, lang, rows, (CATEGORY, YES_NO, CONDITION, RETENTION))


def _special_row(label: str, found: list[str], activity: Activity, declared: Declared, lang: Lang) -> Row:
    return Row((label, (YES if found else NO)(lang), _join(_conditions(activity, found, declared, lang)),
                _retention_cell(activity, found, declared, lang)))


def _recipient_rows(activity: Activity, declared: Declared, lang: Lang) -> list[Row]:
    rows = [
        Row((RECIPIENT_KINDS[r.kind](lang), r.name(lang), _text(r.description, lang),
             _countries(r.country, lang) or (None if r.kind is RecipientKind.internal else NOT_STATED(lang)),
             _contract(r, lang), _received(r, data, declared, lang)))
        for r, data in _recipients(activity, declared)
    ]
    return _section(RECIPIENTS, lang, rows or [Row((_no_recipients(activity, lang),))],
                    (CATEGORY, ACTOR_NAME, DESCRIPTION, COUNTRY, PROCESSOR_CONTRACT, RECEIVED))


def _received(recipient: Recipient, data: list[str] | None, declared: Declared, lang: Lang) -> Cell:
    """The data a recipient receives: those named, or « non précisées »."""
    if recipient.all_activities:
        return ALL_ACTIVITIES(lang)
    return _join(_labels(data, declared, lang)) if data else NOT_STATED_FP(lang)


def _contract(recipient: Recipient, lang: Lang) -> Cell:
    """Whether a processor works under a written contract (Art. 28(3)), or « Non précisé »; empty for other
    recipients."""
    if recipient.kind is not RecipientKind.processor:
        return None
    if recipient.contract is None:
        return NOT_STATED(lang)
    return (YES if recipient.contract else NO)(lang)


def _transfers(activity: Activity, declared: Declared, lang: Lang) -> list[Row]:
    rows = [Row(_transfer_cells(t, declared, lang)) for t in activity.transfer_list]
    return _section(TRANSFERS, lang, rows or [Row((_no_transfers(activity, declared, lang),))],
                    (RECIPIENT, COUNTRY, SAFEGUARDS_COLUMN, DEROGATION, DOCUMENTATION, DETAILS))


def _transfer_cells(transfer: Transfer, declared: Declared, lang: Lang) -> tuple[Cell, ...]:
    """Recipient, country, safeguards, derogation, documentation, context: the CNIL's transfer columns."""
    recipient = declared.recipients.get(transfer.recipient) if transfer.recipient is not None else None
    safeguards = [SAFEGUARDS[s](lang) for s in transfer.safeguards]
    if transfer.dpf_certified:
        safeguards.append(DPF(lang))
    elif transfer.dpf_certified is None and "US" in (transfer.country or []) and set(transfer.safeguards) <= {
            Safeguard.adequacy}:  # the transfer may rest on the DPF, and the policy does not say
        safeguards.append(DPF_NOT_STATED(lang))
    return (
        recipient.name(lang) if recipient is not None else None,
        _countries(transfer.country, lang) or COUNTRY_NOT_STATED(lang),
        _join(safeguards),
        DEROGATIONS[transfer.derogation](lang) if transfer.derogation is not None else None,
        _text(transfer.documentation, lang),
        _text(transfer.context, lang),
    )


def _section(title: Msg, lang: Lang, rows: list[Row], columns: tuple[Msg, ...] = ()) -> list[Row]:
    """A section: its heading, its column headers when it has columns, then its rows."""
    head = [Row((title(lang),), RowKind.section)]
    if columns:
        head.append(_header(columns, lang))
    return head + rows


def _header(columns: tuple[Msg, ...], lang: Lang) -> Row:
    return Row(tuple(c(lang) for c in columns), RowKind.header)


def _bases_summary(activity: Activity, declared: Declared, lang: Lang) -> list[str]:
    """Each legal basis of the activity, with the subject categories it is limited to."""
    return [_basis_summary(e, declared, lang) for e in activity.legal_bases]


def _basis_summary(entry: LegalBasisEntry, declared: Declared, lang: Lang) -> str:
    label = LEGAL_BASES[entry.basis](lang)
    if entry.subjects is None:
        return label
    return f"{label} ({', '.join(declared.subjects[s].label(lang) for s in entry.subjects)})"


def _retention_cell(activity: Activity, ids: list[str], declared: Declared, lang: Lang) -> Cell:
    """The retention of data `ids`; « Non précisée » when no rule covers them, empty when there are none."""
    if not ids:
        return None
    return _join(_retention(activity, ids, declared, lang)) or RETENTION_NOT_STATED(lang)


def _retention(activity: Activity, ids: list[str], declared: Declared, lang: Lang) -> list[str]:
    """The `period` texts of the activity's rules covering any of `ids`, qualified when covering only some."""
    texts = []
    for placed in declared.rules(activity):
        rule = placed.rule
        scope = activity.data if rule.data is None else rule.data
        covered = [i for i in ids if i in scope]
        if not covered:
            continue
        text = period(rule, declared, lang)
        what = _scope(rule, covered if len(covered) < len(ids) else [], activity, declared, lang)
        texts.append(SCOPED(lang, what=what, text=text) if what else text)
    return texts


def _scope(rule: RetentionRule, partial: list[str], activity: Activity, declared: Declared,
           lang: Lang) -> str:
    """What part of the data a rule is limited to: its label or its data, and its subject categories."""
    what = (_text(rule.label, lang) or ", ".join(_labels(partial, declared, lang))) if partial else ""
    if rule.subjects is not None and set(rule.subjects) != set(activity.subjects):
        subjects = ", ".join(declared.subjects[s].label(lang) for s in rule.subjects)
        what = f"{what} ({subjects})" if what else subjects
    return what


def _conditions(activity: Activity, ids: list[str], declared: Declared, lang: Lang) -> list[str | None]:
    """The Art. 9(2) condition and the Art. 10 authority that cover the special data `ids`."""
    kinds = {declared.data[i].special for i in ids}
    art9 = [ART9_CONDITIONS[activity.art9_condition](lang) if activity.art9_condition is not None else None,
            _text(activity.art9_detail, lang)] if Special.art9 in kinds else []
    art10 = [_text(activity.art10_authority, lang)] if Special.art10 in kinds else []
    return art9 + art10


def _recipients(activity: Activity, declared: Declared) -> list[tuple[Recipient, list[str] | None]]:
    """The activity's recipients with the data they receive, internal first, then processors, third parties and
    authorities; those the policy lists for all activities come after."""
    order = list(RecipientKind)
    attached = sorted(declared.pairs(activity), key=lambda pair: order.index(pair[0].kind))
    shared = sorted(declared.for_all_activities(), key=lambda r: order.index(r.kind))
    return attached + [(r, None) for r in shared]


def _special_ids(activity: Activity, declared: Declared) -> list[str]:
    """The activity's data categories that are special (Art. 9) or about criminal matters (Art. 10)."""
    return [i for i in activity.data if declared.data[i].special is not None]


def _labels(ids: Iterable[str], declared: Declared, lang: Lang) -> list[str]:
    return [_label(declared.data[i], lang) for i in ids]


def _label(info: DataInfo, lang: Lang) -> str:
    """A data category's label; its examples, when given, replace those the label gives in brackets."""
    label = info.label(lang)
    if info.examples is None:
        return label
    return f"{_TRAILING_BRACKETS.sub('', label)} ({info.examples(lang)})"


def _text(text: Text | None, lang: Lang) -> str | None:
    return text(lang) if text is not None else None


def _date(value: dt.date | None) -> Cell:
    return value.isoformat() if value is not None else None


@cache
def _territories(lang: Lang) -> dict[str, str]:
    return dict(Locale.parse(lang).territories)


def _country(code: str | None, lang: Lang) -> Cell:
    """A country's or region's name in `lang` from its ISO code."""
    if code is None:
        return None
    if code == "EEA":
        return EEA(lang)
    return _territories(lang).get(code, code)


def _countries(codes: list[str] | None, lang: Lang) -> Cell:
    """Countries or regions by name."""
    return _join(_country(c, lang) for c in codes or [])


def _join(items: Iterable[str | None]) -> Cell:
    """The distinct non-empty items, in order, joined by "; "; `None` when there are none."""
    kept = list(dict.fromkeys(i for i in items if i))
    return JOIN.join(kept) if kept else None
