"""The built-in subject store: find a data subject, read their data and events, import a file of them.

Services flush and never commit: the door owns the transaction, and every import or read of personal data is
audited in it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from registre.audit.service import record as audit
from registre.db.refs import by_ref
from registre.declarations.declared import Declared
from registre.errors import NotFound, RegistreError
from registre.i18n import Msg
from registre.models.subjects import DataSubject, Identifier, LifecycleEvent, PersonalRecord, Restriction
from registre.subjects import importing
from registre.subjects.importing import ImportInvalid, ImportReport, Progress, RowProblem
from registre.subjects.schemas import EMAIL, normalise_identifier

__all__ = ["ImportInvalid", "ImportReport", "Part", "RowProblem", "SubjectFile", "enrol", "events", "find",
           "get_or_raise", "identifiers", "identity_of", "import_file", "locate", "locate_all", "read", "records",
           "restrictions"]

NO_SUBJECT = Msg(en="No data subject with reference '{ref}'.", fr="Aucune personne concernée de référence « {ref} ».")
NO_MATCH = Msg(en="No data subject has the {kind} '{value}'.",
               fr="Aucune personne concernée n'a pour {kind} « {value} ».")

LOOKUP = 500  # values per lookup query (SQLite takes at most 999 parameters in older versions)

Part = Literal["identifiers", "records", "events"]
PARTS: tuple[Part, ...] = ("identifiers", "records", "events")


def find(session: Session, *, kind: str, value: str) -> DataSubject | None:
    """The subject with this identifier (normalised first: `Jean@X.fr` finds `jean@x.fr`), or None."""
    kind = kind.strip().lower()
    normal = normalise_identifier(kind, value)
    return session.scalar(select(DataSubject).join(Identifier).where(Identifier.kind == kind,
                                                                     Identifier.value == normal))


def enrol(session: Session, *, kind: str, value: str, actor: str, found_in: dict[str, int]) -> DataSubject:
    """Add to the store a person known only in connected databases, by the identifier they gave; audited."""
    subject = DataSubject()
    subject.identifiers = [Identifier(kind=kind.strip().lower(), value=normalise_identifier(kind, value))]
    session.add(subject)
    session.flush()
    audit(session, actor=actor, action="subject.enrolled", target_type="subject", target_ref=subject.ref,
          subject_ref=subject.ref, details={"kind": kind, "found_in": found_in})
    return subject


def identity_of(text: str) -> tuple[str, str] | None:
    """The (kind, value) a person is named by (`email:x@y.fr`, `id:<kind>:value`, a bare email), or None for a
    reference."""
    text = text.strip()
    if ":" in text:
        kind, value = text.split(":", 1)
        kind = kind.strip().lower()
        if kind == "id" and ":" in value:  # id:<kind>:value, as an import's identifier columns name other kinds
            kind, value = value.split(":", 1)
            kind = kind.strip().lower()
        return kind, value.strip()
    return (EMAIL, text) if "@" in text else None


def get_or_raise(session: Session, ref: str) -> DataSubject:
    """The subject with this reference; raises `NotFound`."""
    subject = by_ref(session, DataSubject, DataSubject.ref, ref)
    if subject is None:
        raise NotFound(NO_SUBJECT, ref=ref)
    return subject


def locate(session: Session, text: str) -> DataSubject:
    """The subject a person names: a reference, `kind:value` (`email:x@y.fr`, `phone:…`) or a bare email."""
    named = identity_of(text)
    if named is None:
        return get_or_raise(session, text)
    kind, value = named
    subject = find(session, kind=kind, value=value)
    if subject is None:
        raise NotFound(NO_MATCH, kind=kind.strip().lower(), value=value.strip())
    return subject


def locate_all(session: Session, texts: Collection[str]) -> dict[str, int | RegistreError]:
    """The subject id each text names (as `locate` reads it), or why none: a few queries for them all."""
    found: dict[str, int | RegistreError] = {}
    wanted: dict[str, dict[str, list[str]]] = {}  # kind ("" for a reference): stored value: texts
    for text in texts:
        named = identity_of(text)
        try:
            kind, value = ("", text.strip()) if named is None else (named[0], normalise_identifier(*named))
        except RegistreError as error:
            found[text] = error
            continue
        wanted.setdefault(kind, {}).setdefault(value, []).append(text)
    for kind, values in wanted.items():
        keys = list(values)
        for start in range(0, len(keys), LOOKUP):
            chunk = keys[start:start + LOOKUP]
            query = select(DataSubject.ref, DataSubject.id).where(DataSubject.ref.in_(chunk)) if not kind else \
                select(Identifier.value, Identifier.subject_id).where(Identifier.kind == kind,
                                                                      Identifier.value.in_(chunk))
            for value, subject_id in session.execute(query):
                found.update(dict.fromkeys(values.pop(value), subject_id))
        for value, texts in values.items():  # nobody has it
            for text in texts:
                named = identity_of(text)
                found[text] = NotFound(NO_SUBJECT, ref=value) if named is None else NotFound(
                    NO_MATCH, kind=kind, value=named[1])
    return found


def restrictions(session: Session, subject: DataSubject, *, actor: str) -> dict[str, Any]:
    """What the organisation's systems must respect for a person: restrictions (Art. 18), objections (Art. 21),
    consents withdrawn and legal holds in force; the query is audited."""
    found = session.scalars(select(Restriction).where(Restriction.subject_id == subject.id,
                                                      Restriction.lifted_at.is_(None)).order_by(Restriction.since))
    items = [{"kind": r.kind, "activity": r.activity, "since": _iso(r.since), "ground": r.ground} for r in found]
    audit(session, actor=actor, action="subject.restrictions_read", target_type="subject", target_ref=subject.ref,
          subject_ref=subject.ref)
    return {"subject": subject.ref, "restrictions": items}


def identifiers(session: Session, subject: DataSubject) -> list[Identifier]:
    """The subject's identifiers, by kind."""
    return list(session.scalars(select(Identifier).where(Identifier.subject_id == subject.id)
                                .order_by(Identifier.kind, Identifier.value)))


def records(session: Session, subject: DataSubject) -> list[PersonalRecord]:
    """The subject's personal data, by activity, data category and field."""
    return list(session.scalars(
        select(PersonalRecord).where(PersonalRecord.subject_id == subject.id)
        .order_by(PersonalRecord.activity, PersonalRecord.data_category, PersonalRecord.field, PersonalRecord.id)))


def events(session: Session, subject: DataSubject) -> list[LifecycleEvent]:
    """The subject's lifecycle events, oldest first."""
    return list(session.scalars(select(LifecycleEvent).where(LifecycleEvent.subject_id == subject.id)
                                .order_by(LifecycleEvent.occurred_at, LifecycleEvent.id)))


@dataclass(frozen=True)
class SubjectFile:
    """What the store holds on one subject, as read for a person: the parts asked for, the others None."""

    subject: DataSubject
    identifiers: list[Identifier] | None
    records: list[PersonalRecord] | None
    events: list[LifecycleEvent] | None

    def as_dict(self) -> dict[str, Any]:
        """The file as JSON-ready data (times in ISO 8601, UTC)."""
        out: dict[str, Any] = {"ref": self.subject.ref, "category": self.subject.category,
                               "created_at": _iso(self.subject.created_at)}
        if self.identifiers is not None:
            out["identifiers"] = [{"kind": i.kind, "value": i.value} for i in self.identifiers]
        if self.records is not None:
            out["records"] = [{"activity": r.activity, "data_category": r.data_category, "field": r.field,
                               "value": r.value, "source": r.source, "source_name": r.source_name,
                               "collected_at": _iso(r.collected_at), "updated_at": _iso(r.updated_at)}
                              for r in self.records]
        if self.events is not None:
            out["events"] = [{"event": e.event, "at": _iso(e.occurred_at), "details": e.details} for e in self.events]
        return out


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def read(session: Session, subject: DataSubject, *, actor: str, parts: Collection[Part] = PARTS) -> SubjectFile:
    """Read the parts asked for of a subject's file, and audit the read (action `subject.read`)."""
    audit(session, actor=actor, action="subject.read", target_type="subject", target_ref=subject.ref,
          subject_ref=subject.ref, details={"parts": [part for part in PARTS if part in parts]})
    return SubjectFile(
        subject,
        identifiers(session, subject) if "identifiers" in parts else None,
        records(session, subject) if "records" in parts else None,
        events(session, subject) if "events" in parts else None,
    )


def import_file(session: Session, *, declared: Declared, path: Path, skip_errors: bool = False, actor: str,
                progress: Progress | None = None) -> ImportReport:
    """Import a CSV or JSON file of subjects, audited (`subjects.import`); raises `ImportInvalid` if refused."""
    file = importing.read_file(path)
    report = importing.load(session, declared=declared, file=file, skip_errors=skip_errors, progress=progress)
    audit(session, actor=actor, action="subjects.import", target_type="file", target_ref=file.sha256,
          details={"file": file.name, "sha256": file.sha256, "format": file.format, **report.counts()})
    return report
