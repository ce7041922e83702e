"""What each right does on the built-in subject store, and the answer it gives.

Each action returns a summary (kept with the request) and, for access and portability, the files the
person receives; the files are not stored with the request, so that an answer never becomes a second copy
of the person's data.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from registre.connectors.acting import DatasetResult
from registre.consent import service as consent
from registre.consent.schemas import ConsentCreate, Method
from registre.declarations.catalog import Origin
from registre.declarations.declared import Declared
from registre.declarations.describe import period
from registre.declarations.schemas import Activity, LegalBasis
from registre.errors import Conflict
from registre.i18n import Lang, Msg
from registre.models.requests import RightsRequest
from registre.models.subjects import DataSubject, Directive, Identifier, LifecycleEvent, PersonalRecord, Restriction
from registre.retention.obligations import holds as obligations_hold
from registre.retention.obligations import obligations
from registre.rights import package
from registre.rights.deadlines import local_date
from registre.rights.schemas import OBJECTION_GROUND, RequestKind

RESTRICTED = Msg(en="The data of '{activity}' are restricted (Art. 18): they cannot be changed until the "
                    "restriction is lifted, after telling the person.",
                 fr="Les données de « {activity} » font l'objet d'une limitation (art. 18) : elles ne peuvent être "
                    "modifiées avant la levée de la limitation, la personne en étant informée au préalable.")


# The way a withdrawal came, in the consent ledger's words, from the channel of the request that carried it.
CHANNEL_METHODS = {"web_form": Method.web_form, "email": Method.email, "post": Method.paper, "phone": Method.phone,
                   "in_person": Method.in_person}

HELD = Msg(en="until the legal claim is settled", fr="jusqu'au règlement du litige")


@dataclass
class Completion:
    """The answer to a request: a summary kept with it, and the files sent to the person."""

    answer: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """What every action works on."""

    session: Session
    request: RightsRequest | None
    subject: DataSubject
    declared: Declared
    now: dt.datetime
    connected: Sequence[DatasetResult] = ()

    @property
    def lang(self) -> Lang:
        """The language of the answer."""
        return "en" if self.request is not None and self.request.lang == "en" else "fr"

    @property
    def details(self) -> dict[str, Any]:
        """What the request asks."""
        return self.request.details if self.request is not None else {}

    def activity(self, name: str) -> Activity | None:
        """The declared activity of that name."""
        return self.declared.activity(name)

    def records(self) -> list[PersonalRecord]:
        """The subject's personal data."""
        return list(self.session.scalars(select(PersonalRecord).where(PersonalRecord.subject_id == self.subject.id)
                                         .order_by(PersonalRecord.activity, PersonalRecord.id)))

    def restrict(self, kind: str, activity: str | None, ground: str | None, *,
                 since: dt.datetime | None = None) -> None:
        """Mark some or all of the subject's data as restricted or objected to (from now, or from `since`)."""
        self.session.add(Restriction(subject_id=self.subject.id, kind=kind, activity=activity, ground=ground,
                                     since=since or self.now, request_id=self.request.id if self.request else None))

    def recipients(self, activities: set[str]) -> list[str]:
        """The named recipients of those activities, to inform of a change (Art. 19)."""
        names: dict[str, str] = {}
        for name in sorted(activities):
            activity = self.activity(name)
            for recipient in self.declared.recipients.values():
                if activity is not None and self.declared.receives(recipient.id, activity):
                    names[recipient.id] = recipient.name(self.lang)
        return sorted(names.values())


def perform(session: Session, *, request: RightsRequest, subject: DataSubject, declared: Declared,
            now: dt.datetime, connected: Sequence[DatasetResult] = ()) -> Completion:
    """Do what the request's right asks on the store and return the answer, with what was done in the
    connected databases (`connected`, done before) beside it."""
    context = Context(session, request, subject, declared, now, connected)
    completion = ACTIONS[RequestKind(request.kind)](context)
    if connected:
        completion.answer["datasets"] = [outcome.as_dict() for outcome in connected]
    return completion


def _access(context: Context) -> Completion:
    found = [value for outcome in context.connected for value in outcome.values]
    built = package.access(context.session, context.subject, context.declared, context.lang, found)
    body = json.dumps(built, ensure_ascii=False, indent=2, default=str).encode()
    summary = {"records": len(built["data"]), "activities": sorted({r["activity"] for r in built["data"]})}
    return Completion({"summary": summary, "files": ["access.json", "access.html"]},
                      {"access.json": body, "access.html": package.render_html(built, context.lang).encode()})


def _confirmation(context: Context) -> Completion:
    processed = bool(context.records()) or any(outcome.tables for outcome in context.connected)
    return Completion({"summary": {"processed": processed}})


def _portability(context: Context) -> Completion:
    """Only the data the person provided (or that were observed of them), only where consent or a contract is the
    basis (Art. 20(1); WP242: inferred data are out), as JSON and CSV in a zip."""
    category = context.subject.category
    rows = []
    items: list[package.Item] = [*context.records(), *(v for outcome in context.connected for v in outcome.values)]
    for record in items:
        activity = context.activity(record.activity)
        info = context.declared.data.get(record.data_category)
        if activity is None or (info is not None and info.origin is Origin.inferred):
            continue
        bases = context.declared.bases_for(activity, category)
        if not any(b.basis in (LegalBasis.consent, LegalBasis.contract) for b in bases):
            continue
        rows.append({"activity": record.activity, "data_category": record.data_category, "field": record.field,
                     "value": record.value,
                     "collected_at": record.collected_at.isoformat() if record.collected_at else None})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(rows, ensure_ascii=False, indent=2))
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=["activity", "data_category", "field", "value", "collected_at"])
        writer.writeheader()
        writer.writerows(rows)
        archive.writestr("data.csv", text.getvalue())
    return Completion({"summary": {"records": len(rows)}, "files": ["portability.zip"]},
                      {"portability.zip": buffer.getvalue()})


def _rectification(context: Context) -> Completion:
    restricted = _restricted_activities(context, "restriction")
    touched: set[str] = set()
    changed = 0
    for change in context.details.get("changes", []):
        query = select(PersonalRecord).where(PersonalRecord.subject_id == context.subject.id,
                                             PersonalRecord.field == change["field"])
        if change.get("activity"):
            query = query.where(PersonalRecord.activity == change["activity"])
        for record in context.session.scalars(query):
            if None in restricted or record.activity in restricted:
                raise Conflict(RESTRICTED, activity=record.activity)
            record.value = change["value"]
            record.updated_at = context.now
            touched.add(record.activity)
            changed += 1
    return Completion({"summary": {"changed": changed}, "inform_recipients": context.recipients(touched)})


def _erasure(context: Context) -> Completion:
    """Erase what can be erased; what a legal obligation (Art. 17(3)(b)) or a legal hold for a claim
    (Art. 17(3)(e)) keeps is restricted instead, and the answer says which exception and until when."""
    lang = context.lang
    erased: dict[str, int] = {}
    kept: dict[str, dict[str, Any]] = {}
    holds = _restricted_activities(context, "legal_hold")
    events = _latest_events(context)
    gone: list[int] = []
    today = local_date(context.now)
    year_end = context.declared.declaration.controller.financial_year_end
    for record in context.records():
        activity = context.activity(record.activity)
        exception = _exception(context, activity, holds)
        if exception is None and obligations_hold(
                obligations(context.declared, activity, {record.data_category}),
                events={**events, "collected": local_date(record.collected_at)}, today=today,
                financial_year_end=year_end):
            exception = "Art. 17(3)(b)"
        if exception is not None and activity is not None:
            until = ([HELD(lang)] if exception == "Art. 17(3)(e)" else
                     [period(p.rule, context.declared, lang) for p in context.declared.rules(activity)])
            entry = kept.setdefault(record.activity, {"records": 0, "exception": exception, "until": until})
            entry["records"] += 1
        else:
            erased[record.activity] = erased.get(record.activity, 0) + 1
            gone.append(record.id)
    for chunk in range(0, len(gone), 1000):
        context.session.execute(delete(PersonalRecord).where(PersonalRecord.id.in_(gone[chunk:chunk + 1000])))
    for activity_name, entry in kept.items():
        context.restrict("restriction", activity_name, f"{entry['exception']}: kept, erasure refused in part")
    kept_elsewhere = {(entry["activity"], table, entry["exception"]) for outcome in context.connected
                      for table, entry in outcome.tables.items() if entry.get("kept")}
    for activity_name, table, exception in sorted(kept_elsewhere):
        context.restrict("restriction", activity_name, f"{exception}: rows of {table} kept in a connected database")
    if not kept and not kept_elsewhere:
        _forget(context)
    return Completion({"summary": {"erased": erased, "kept": kept},
                       "inform_recipients": context.recipients(set(erased))})


def _latest_events(context: Context) -> dict[str, dt.date | None]:
    """The Paris day of the subject's latest event of each name."""
    rows = context.session.execute(select(LifecycleEvent.event, func.max(LifecycleEvent.occurred_at)).where(
        LifecycleEvent.subject_id == context.subject.id).group_by(LifecycleEvent.event)).all()
    return {event: local_date(at) for event, at in rows}


def kept_activities(session: Session, subject: DataSubject, declared: Declared, now: dt.datetime) -> dict[str, str]:
    """The activities whose data an erasure keeps, with the Art. 17(3) exception that keeps them."""
    context = Context(session, None, subject, declared, now)
    holds = _restricted_activities(context, "legal_hold")
    return {a.id: e for a in declared.declaration.activities if (e := _exception(context, a, holds)) is not None}


def _exception(context: Context, activity: Activity | None, holds: set[str | None]) -> str | None:
    """The Art. 17(3) exception that keeps an activity's data: a legal hold for a claim, or a legal obligation."""
    if activity is None:
        return None
    if None in holds or activity.id in holds:
        return "Art. 17(3)(e)"
    bases = context.declared.bases_for(activity, context.subject.category)
    return "Art. 17(3)(b)" if any(b.basis is LegalBasis.legal_obligation for b in bases) else None


def _forget(context: Context) -> None:
    """Remove what still identifies the person, leaving only the subject's random reference as a tombstone."""
    for table in (Identifier, LifecycleEvent):
        context.session.execute(delete(table).where(table.subject_id == context.subject.id))


def _restriction(context: Context) -> Completion:
    activities = context.details.get("activities") or [None]
    for activity in activities:
        context.restrict("restriction", activity, context.details.get("ground"))
    return Completion({"summary": {"restricted": activities}})




def objected_on_receipt(session: Session, request: RightsRequest | None) -> bool:
    """Whether the request's objection to direct marketing took effect when it was received."""
    return request is not None and request.id is not None and session.scalar(select(Restriction.id).where(
        Restriction.request_id == request.id, Restriction.kind == "objection_marketing").limit(1)) is not None


def _objection(context: Context) -> Completion:
    """Direct marketing stops at once and for good (Art. 21(3)); other processing is restricted while the
    controller's grounds are weighed (Art. 18(1)(d))."""
    scope = context.details.get("objection", "direct_marketing")
    if scope == "direct_marketing":
        if not objected_on_receipt(context.session, context.request):
            context.restrict("objection_marketing", None, OBJECTION_GROUND,
                             since=context.request.received_at if context.request else None)
    elif scope == "profiling":
        context.restrict("objection_profiling", None, "Art. 21(1)")
    else:
        for activity in context.details.get("activities") or [None]:
            context.restrict("objection", activity, "Art. 21(1), pending the balancing (Art. 18(1)(d))")
    return Completion({"summary": {"objection": scope}})


def _consent_withdrawal(context: Context) -> Completion:
    """Withdraw consent per purpose, in the consent ledger too (the proof of the withdrawal, Art. 7(1)); data kept
    on consent alone are erased (Art. 17(1)(b))."""
    category = context.subject.category
    named = context.details.get("activities") or [
        a.id for a in context.declared.declaration.activities
        if any(b.basis is LegalBasis.consent for b in context.declared.bases_for(a, category))]
    erased = []
    method = CHANNEL_METHODS.get(context.request.channel if context.request else "", Method.api)
    for name in named:
        context.restrict("consent_withdrawn", name, "Art. 7(3)")
        consent.record(context.session, declared=context.declared, actor="rights-request", now=context.now,
                       consent_in=ConsentCreate(subject=context.subject.ref, purpose=name, state="withdrawn",
                                                method=method, lang=context.lang,
                                                location=f"rights request {context.request.ref}"
                                                if context.request else None))
        activity = context.activity(name)
        bases = context.declared.bases_for(activity, category) if activity else []
        if bases and all(b.basis is LegalBasis.consent for b in bases):
            context.session.execute(delete(PersonalRecord).where(PersonalRecord.subject_id == context.subject.id,
                                                                 PersonalRecord.activity == name))
            erased.append(name)
    return Completion({"summary": {"withdrawn": named, "erased": erased}})


def _post_mortem(context: Context) -> Completion:
    """Record the person's directives on their data after death (LIL art. 85), replacing earlier ones."""
    details = context.details
    context.session.execute(update(Directive).where(Directive.subject_id == context.subject.id,
                                                    Directive.revoked_at.is_(None)).values(revoked_at=context.now))
    context.session.add(Directive(subject_id=context.subject.id, instructions=details.get("directives") or "",
                                  action=details.get("directive_action"), executor=details.get("executor"),
                                  recorded_at=context.now,
                                  request_id=context.request.id if context.request else None))
    return Completion({"summary": {"directives": "recorded"}})


def apply_directives(session: Session, *, subject: DataSubject, declared: Declared, now: dt.datetime) -> Completion:
    """On a death notified, do what the person's directives say (LIL art. 85): erase, communicate to the
    executor, or keep; without directives, report that the heirs' limited rights apply."""
    directive = session.scalar(select(Directive).where(Directive.subject_id == subject.id,
                                                       Directive.revoked_at.is_(None)))
    context = Context(session, None, subject, declared, now)
    if directive is None:
        return Completion({"summary": {"directives": None, "heirs": "LIL art. 85 II"}})
    base = {"directives": directive.instructions, "action": directive.action, "executor": directive.executor}
    if directive.action == "erase":
        done = _erasure(context)
    elif directive.action == "communicate":
        done = _access(context)
    else:
        done = Completion({"summary": {}})
    done.answer["summary"] = {**base, **done.answer["summary"]}
    return done


def _restricted_activities(context: Context, kind: str) -> set[str | None]:
    return set(context.session.scalars(select(Restriction.activity).where(
        Restriction.subject_id == context.subject.id, Restriction.kind == kind, Restriction.lifted_at.is_(None))))


ACTIONS: dict[RequestKind, Callable[[Context], Completion]] = {
    RequestKind.access: _access,
    RequestKind.confirmation: _confirmation,
    RequestKind.portability: _portability,
    RequestKind.rectification: _rectification,
    RequestKind.erasure: _erasure,
    RequestKind.restriction: _restriction,
    RequestKind.objection: _objection,
    RequestKind.consent_withdrawal: _consent_withdrawal,
    RequestKind.post_mortem: _post_mortem,
}
