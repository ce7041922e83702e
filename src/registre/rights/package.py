"""The access package (GDPR Art. 15): a copy of the data in JSON and a readable page, with every item of
Art. 15(1)(a)-(h) and 15(2) drawn from the declaration, recipients named (CJEU C-154/21)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from registre import labels
from registre.db.base import utcnow
from registre.declarations.declared import Declared
from registre.declarations.describe import period
from registre.declarations.labels import DEROGATIONS, LEGAL_BASES, SAFEGUARDS
from registre.declarations.schemas import listed
from registre.i18n import Lang, Msg
from registre.models.subjects import DataSubject, Identifier, LifecycleEvent, PersonalRecord, Restriction

TITLE = Msg(en="Your personal data", fr="Vos données à caractère personnel")
HEADINGS = {
    "purposes": Msg(en="Purposes and legal bases (Art. 15(1)(a))", fr="Finalités et bases légales (art. 15.1.a)"),
    "categories": Msg(en="Categories of data (Art. 15(1)(b))", fr="Catégories de données (art. 15.1.b)"),
    "recipients": Msg(en="Recipients (Art. 15(1)(c))", fr="Destinataires (art. 15.1.c)"),
    "retention": Msg(en="How long the data are kept (Art. 15(1)(d))", fr="Durées de conservation (art. 15.1.d)"),
    "rights": Msg(en="Your rights (Art. 15(1)(e) and (f))", fr="Vos droits (art. 15.1.e et f)"),
    "sources": Msg(en="Where the data come from (Art. 15(1)(g))", fr="Origine des données (art. 15.1.g)"),
    "automated": Msg(en="Automated decisions and profiling (Art. 15(1)(h))",
                     fr="Décisions automatisées et profilage (art. 15.1.h)"),
    "transfers": Msg(en="Transfers and their safeguards (Art. 15(2))", fr="Transferts et leurs garanties (art. 15.2)"),
    "data": Msg(en="The data", fr="Les données"),
    "events": Msg(en="Events of your relationship with us", fr="Événements de votre relation avec nous"),
}
RIGHTS = Msg(en="You may ask for your data to be rectified or erased, for their processing to be restricted, and "
                "object to it. You may lodge a complaint with {authorities}.",
             fr="Vous pouvez demander la rectification ou l'effacement de vos données, la limitation de leur "
                "traitement, et vous y opposer. Vous pouvez introduire une réclamation auprès de {authorities}.")
NONE = Msg(en="Nothing of this kind.", fr="Rien de tel.")
NO_AUTOMATED = Msg(en="No processing of your data is declared to involve decisions based solely on automated "
                      "processing, nor profiling.",
                   fr="Aucun des traitements de vos données n'est déclaré comme comportant une décision fondée "
                      "exclusivement sur un traitement automatisé, ni un profilage.")
NO_TRANSFERS = Msg(en="No transfer of your data outside the European Economic Area is declared.",
                   fr="Aucun transfert de vos données hors de l'Espace économique européen n'est déclaré.")
# What the policy leaves unsaid is shown as such, never as "none" (Art. 15(1)(h) and 15(2)).
AUTOMATED_NOT_STATED = Msg(en="Our policy does not say whether these processings involve profiling or decisions "
                              "based solely on automated processing: {activities}.",
                           fr="Notre politique ne précise pas si ces traitements comportent un profilage ou des "
                              "décisions fondées exclusivement sur un traitement automatisé : {activities}.")
TRANSFERS_NOT_STATED = Msg(en="Our policy does not say whether data of these processings are transferred outside the "
                              "European Economic Area: {activities}.",
                           fr="Notre politique ne précise pas si les données de ces traitements sont transférées hors "
                              "de l'Espace économique européen : {activities}.")
PROFILING = Msg(en="Profiling", fr="Profilage")
SOLELY = Msg(en="Decisions based solely on automated processing", fr="Décisions fondées exclusivement sur un "
                                                                       "traitement automatisé")
LOGIC = Msg(en="The logic involved: {text}", fr="La logique sous-jacente : {text}")
CONSEQUENCES = Msg(en="Its significance and envisaged consequences: {text}",
                   fr="Son importance et ses conséquences envisagées : {text}")
NOT_STATED = Msg(en="not stated", fr="non précisé")
NOT_RECORDED = Msg(en="date not recorded", fr="date non enregistrée")
COLUMNS = (Msg(en="Category", fr="Catégorie"), Msg(en="Field", fr="Champ"), Msg(en="Value", fr="Valeur"),
           Msg(en="Collected", fr="Collectée le"))
RESTRICTED = Msg(en="Their processing is restricted: they are only stored.",
                 fr="Leur traitement est limité : elles sont seulement conservées.")
INTRO = Msg(en="This document answers your request for access (GDPR Art. 15). It lists the personal data {controller} "
               "holds about you, grouped by processing activity, then what the law entitles you to know about them.",
            fr="Ce document répond à votre demande d'accès (RGPD, art. 15). Il présente les données à caractère "
               "personnel que {controller} détient sur vous, regroupées par traitement, puis ce que la loi vous "
               "permet de savoir à leur sujet.")
MADE = Msg(en="Made on {day}.", fr="Établi le {day}.")


class Item(Protocol):
    """One value of a person's data: a record of the built-in store, or a value found in a connected database."""

    @property
    def activity(self) -> str: ...
    @property
    def data_category(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def value(self) -> str | None: ...
    @property
    def source(self) -> str: ...
    @property
    def source_name(self) -> str | None: ...
    @property
    def collected_at(self) -> dt.datetime | None: ...


def access(session: Session, subject: DataSubject, declared: Declared, lang: Lang,
           found: Sequence[Item] = ()) -> dict[str, Any]:
    """The whole access package of one subject, as JSON-ready data: the store's records and the values `found`
    in connected databases."""
    records: list[Item] = [*session.scalars(select(PersonalRecord).where(PersonalRecord.subject_id == subject.id)
                                            .order_by(PersonalRecord.activity, PersonalRecord.id)), *found]
    restricted = {r.activity for r in session.scalars(select(Restriction).where(
        Restriction.subject_id == subject.id, Restriction.lifted_at.is_(None)))}
    used = {r.activity for r in records}
    activities = [a for a in declared.declaration.activities if a.id in used]
    category = subject.category
    decl = declared.declaration
    automated = [(a, declared.automated(a)) for a in activities]
    return {
        "controller": {"name": decl.controller.name, "address": decl.controller.address,
                       "email": decl.controller.email},
        "subject": {"ref": subject.ref, "category": category, "identifiers": [
            {"kind": i.kind, "value": i.value}
            for i in session.scalars(select(Identifier).where(Identifier.subject_id == subject.id))]},
        "confirmation": bool(records),
        "purposes": [{"activity": a.name(lang), "purpose": a.purpose(lang), "legal_bases": [
            LEGAL_BASES[b.basis](lang) for b in declared.bases_for(a, category)]}
            for a in activities],
        "categories": sorted({declared.data[r.data_category].label(lang) for r in records
                              if r.data_category in declared.data}),
        "recipients": sorted({r.name(lang) for a in activities for r in declared.recipients.values()
                             if declared.receives(r.id, a)}),
        "retention": [{"activity": a.name(lang), "periods": [period(p.rule, declared, lang)
                                                            for p in declared.rules(a)]} for a in activities],
        "rights": RIGHTS(lang, authorities=", ".join(x.name(lang) for x in declared.authorities)),
        "sources": sorted({_source(r, lang) for r in records}),
        "automated": [{"activity": a.name(lang), "profiling": s.profiling, "solely_automated": s.solely_automated,
                       "logic": a.automated.logic(lang) if a.automated and a.automated.logic else None,
                       "consequences": a.automated.consequences(lang)
                       if a.automated and a.automated.consequences else None}
                      for a, s in automated if s.profiling or s.solely_automated],
        "automated_not_stated": [a.name(lang) for a, s in automated
                                 if s.profiling is None or s.solely_automated is None],
        "transfers": [{"activity": a.name(lang), "countries": t.country,
                       "country": labels.countries(t.country, lang),
                       "safeguards": [SAFEGUARDS[s](lang) for s in t.safeguards],
                       "derogation": DEROGATIONS[t.derogation](lang) if t.derogation else None,
                       "documentation": t.documentation(lang) if t.documentation else None}
                      for a in activities for t in listed(declared.transfers(a))],
        "transfers_not_stated": [a.name(lang) for a in activities if declared.transfers(a) is None],
        "data": [{"activity": r.activity, "data_category": r.data_category, "field": r.field, "value": r.value,
                  "source": r.source, "collected_at": r.collected_at.isoformat() if r.collected_at else None,
                  "restricted": r.activity in restricted or None in restricted,
                  "activity_name": labels.activity(declared, r.activity, lang),
                  "data_category_label": labels.data_category(declared, r.data_category, lang),
                  "field_label": labels.field(r.field),
                  "collected": labels.day(r.collected_at, lang) if r.collected_at else NOT_RECORDED(lang)}
                 for r in records],
        "made": labels.day(utcnow(), lang),
        "events": [{"event": e.event, "at": e.occurred_at.isoformat(),
                    "label": labels.event(declared, e.event, lang), "when": labels.moment(e.occurred_at, lang)}
                   for e in session.scalars(select(LifecycleEvent).where(LifecycleEvent.subject_id == subject.id)
                                            .order_by(LifecycleEvent.occurred_at))],
    }


_templates = Environment(loader=PackageLoader("registre.rights", "templates"),
                         autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def _source(record: Item, lang: Lang) -> str:
    return labels.record_source(record.source, record.source_name, lang)


def render_html(package: dict[str, Any], lang: Lang) -> str:
    """The access package as a standalone document a person reads on a phone as on paper: the data grouped by
    activity with their labels, then the Art. 15(1)(a)-(h) and 15(2) information in words."""
    headings = {key: msg(lang) for key, msg in HEADINGS.items()}
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in package["data"]:
        groups.setdefault(row.get("activity_name") or row["activity"], []).append(row)
    words = {"none": NONE(lang), "no_automated": NO_AUTOMATED(lang), "no_transfers": NO_TRANSFERS(lang),
             "profiling": PROFILING(lang), "solely": SOLELY(lang), "restricted": RESTRICTED(lang),
             "not_stated": NOT_STATED(lang), "columns": [c(lang) for c in COLUMNS],
             "intro": INTRO(lang, controller=package["controller"]["name"]),
             "made": MADE(lang, day=package.get("made", "")), "colon": "\u00a0:" if lang == "fr" else ":"}
    automated = [{**item, "logic_text": LOGIC(lang, text=item["logic"]) if item.get("logic") else None,
                  "consequences_text": CONSEQUENCES(lang, text=item["consequences"])
                  if item.get("consequences") else None} for item in package["automated"]]
    quoted = {key: ", ".join(package.get(key, [])) for key in ("automated_not_stated", "transfers_not_stated")}
    words["automated_not_stated"] = AUTOMATED_NOT_STATED(lang, activities=quoted["automated_not_stated"])
    words["transfers_not_stated"] = TRANSFERS_NOT_STATED(lang, activities=quoted["transfers_not_stated"])
    return _templates.get_template("access.html.j2").render(p=package, h=headings, lang=lang, title=TITLE(lang),
                                                            w=words, groups=groups, automated=automated)
