"""The access package (GDPR Art. 15): a copy of the data in JSON and a readable page, with every item of
Art. 15(1)(a)-(h) and 15(2) drawn from the declaration, recipients named (CJEU C-154/21)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol

from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from registre.declarations.declared import Declared
from registre.declarations.describe import period
from registre.declarations.labels import DEROGATIONS, LEGAL_BASES, SAFEGUARDS
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
NONE = Msg(en="None.", fr="Aucun.")
FROM_YOU = Msg(en="From you", fr="Auprès de vous")


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
        "sources": sorted({r.source_name or (FROM_YOU(lang) if r.source == "direct" else r.source)
                           for r in records}),
        "automated": [{"activity": a.name(lang), "profiling": a.automated.profiling,
                       "solely_automated": a.automated.solely_automated,
                       "logic": a.automated.logic(lang) if a.automated.logic else None,
                       "consequences": a.automated.consequences(lang) if a.automated.consequences else None}
                      for a in activities if a.automated and (a.automated.profiling or a.automated.solely_automated)],
        "transfers": [{"activity": a.name(lang), "countries": t.country,
                       "safeguards": [SAFEGUARDS[s](lang) for s in t.safeguards],
                       "derogation": DEROGATIONS[t.derogation](lang) if t.derogation else None,
                       "documentation": t.documentation(lang) if t.documentation else None}
                      for a in activities for t in a.transfer_list],
        "data": [{"activity": r.activity, "data_category": r.data_category, "field": r.field, "value": r.value,
                  "source": r.source, "collected_at": r.collected_at.isoformat() if r.collected_at else None,
                  "restricted": r.activity in restricted or None in restricted} for r in records],
        "events": [{"event": e.event, "at": e.occurred_at.isoformat()}
                   for e in session.scalars(select(LifecycleEvent).where(LifecycleEvent.subject_id == subject.id)
                                            .order_by(LifecycleEvent.occurred_at))],
    }


_templates = Environment(loader=PackageLoader("registre.rights", "templates"),
                         autoescape=select_autoescape(["html", "j2"]), trim_blocks=True, lstrip_blocks=True)


def render_html(package: dict[str, Any], lang: Lang) -> str:
    """The access package as a standalone, readable page."""
    headings = {key: msg(lang) for key, msg in HEADINGS.items()}
    return _templates.get_template("access.html.j2").render(p=package, h=headings, lang=lang, title=TITLE(lang),
                                                            none=NONE(lang))
