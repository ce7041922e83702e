"""The breach register (GDPR Art. 33(5)): every breach, notified or not, with its facts, effects, remedial action,
triage and notifications, as one table written by `documents/spreadsheets.py` (ODS, XLSX or CSV)."""

from __future__ import annotations

import datetime as dt

from registre.breaches import clock, notifications
from registre.breaches.schemas import BreachRead, Cause, Exemption, Nature, NotificationKind, Origin
from registre.declarations.declared import Declared
from registre.documents.register import Row, RowKind, Sheet, Workbook
from registre.i18n import Lang, Msg

SHEET = Msg(en="Breach register", fr="Registre des violations")
COLUMNS = (
    Msg(en="Reference", fr="Référence"), Msg(en="Title", fr="Intitulé"),
    Msg(en="Start", fr="Début"), Msg(en="Discovery", fr="Découverte"),
    Msg(en="Awareness", fr="Prise de connaissance"), Msg(en="Notification deadline (72 h)", fr="Échéance (72 h)"),
    Msg(en="Hours left", fr="Heures restantes"), Msg(en="Clock", fr="Délai"),
    Msg(en="Ongoing", fr="En cours"), Msg(en="End", fr="Fin"),
    Msg(en="Nature", fr="Nature"), Msg(en="Origin", fr="Origine"), Msg(en="Cause", fr="Cause"),
    Msg(en="Description", fr="Description"), Msg(en="Systems", fr="Supports et systèmes"),
    Msg(en="Processing activities", fr="Traitements"), Msg(en="Data categories", fr="Catégories de données"),
    Msg(en="Subject categories", fr="Catégories de personnes"),
    Msg(en="People (approx.)", fr="Personnes (nombre approximatif)"),
    Msg(en="Records (approx.)", fr="Enregistrements (nombre approximatif)"),
    Msg(en="Encrypted, key safe", fr="Chiffrées, clé non compromise"),
    Msg(en="Likely consequences", fr="Conséquences probables"),
    Msg(en="Measures taken", fr="Mesures prises"), Msg(en="Measures planned", fr="Mesures envisagées"),
    Msg(en="Reported by processor", fr="Signalée par le sous-traitant"),
    Msg(en="Risk", fr="Risque"), Msg(en="Reasons of the decision", fr="Motifs de la décision"),
    Msg(en="Art. 34(3) exemptions", fr="Exceptions de l'art. 34.3"),
    Msg(en="CNIL notified", fr="Notification CNIL"), Msg(en="Reasons for the delay", fr="Motifs du retard"),
    Msg(en="CNIL number", fr="Numéro CNIL"), Msg(en="Complementary notifications", fr="Notifications complémentaires"),
    Msg(en="People informed", fr="Personnes informées"), Msg(en="Public communication", fr="Communication publique"),
)
RISK_WORDS = {"none": Msg(en="none", fr="aucun"), "risk": Msg(en="risk", fr="risque"),
              "high": Msg(en="high risk", fr="risque élevé")}
NOT_REQUIRED = Msg(en="not required (unlikely to result in a risk)", fr="non requise (pas de risque probable)")


def _when(moment: dt.datetime | None) -> str | None:
    return clock.local(moment).strftime("%Y-%m-%d %H:%M") if moment is not None else None


def _yes(value: bool, lang: Lang) -> str:
    return (notifications.YES if value else notifications.NO)(lang)


def row(breach: BreachRead, declared: Declared | None, lang: Lang) -> Row:
    """One breach as one row of the register, times in Paris time."""
    made = {kind: [n for n in breach.notifications if n.kind is kind] for kind in NotificationKind}
    initial = made[NotificationKind.initial][0] if made[NotificationKind.initial] else None
    data = declared.data if declared else {}
    subjects = declared.subjects if declared else {}
    count_note = {"store": notifications.FROM_STORE(lang), "entered": notifications.ENTERED(lang)}
    people = None if breach.subjects_count is None else \
        f"{breach.subjects_count} ({count_note.get(breach.subjects_count_source or '', '')})"
    records = None if breach.records_count is None else \
        f"{breach.records_count} ({count_note.get(breach.records_count_source or '', '')})"
    cnil = _when(initial.made_at) if initial else (NOT_REQUIRED(lang) if breach.risk and breach.risk.value == "none"
                                                   else None)
    informed = "; ".join(f"{_when(n.made_at)} ({n.recipients})" for n in made[NotificationKind.subjects])
    return Row((
        breach.ref, breach.title, _when(breach.started_at), _when(breach.discovered_at), _when(breach.aware_at),
        _when(breach.deadline), f"{breach.hours_left:.1f}", breach.clock.value, _yes(breach.ongoing, lang),
        _when(breach.ended_at), "; ".join(notifications.NATURES[Nature(n)](lang) for n in breach.nature),
        notifications.ORIGINS[Origin(breach.origin)](lang) if breach.origin else None,
        notifications.CAUSES[Cause(breach.cause)](lang), breach.description, ", ".join(breach.systems) or None,
        ", ".join(breach.activities) or None,
        ", ".join(data[c].label(lang) if c in data else c for c in breach.data_categories) or None,
        ", ".join(subjects[c].label(lang) if c in subjects else c for c in breach.subject_categories) or None,
        people, records, _yes(breach.encrypted, lang), breach.consequences, breach.measures_taken,
        breach.measures_planned, breach.processor, RISK_WORDS[breach.risk.value](lang) if breach.risk else None,
        breach.risk_reasons,
        "; ".join(notifications.EXEMPTIONS[Exemption(e)](lang) for e in (breach.triage or {}).get("exemptions", []))
        or None,
        cnil, initial.delay_reasons if initial else None, initial.authority_ref if initial else None,
        "; ".join(_when(n.made_at) or "" for n in made[NotificationKind.complementary]) or None, informed or None,
        "; ".join(_when(n.made_at) or "" for n in made[NotificationKind.public]) or None,
    ))


def workbook(breaches: list[BreachRead], declared: Declared | None, lang: Lang) -> Workbook:
    """The register as a one-sheet workbook: a header row, then one row per breach, oldest awareness first."""
    header = Row(tuple(c(lang) for c in COLUMNS), RowKind.header)
    ordered = sorted(breaches, key=lambda b: (b.aware_at, b.ref))
    sheet = Sheet(name=SHEET(lang), rows=(header, *(row(b, declared, lang) for b in ordered)), frozen_rows=1)
    return Workbook(sheets=(sheet,), flat=sheet)
