"""Import a dated history: consent given, refused or withdrawn, STOP, objections, restrictions and lifecycle events
of people already in the store, each at the time it happened.

The whole file is checked first (each row against the declaration, then who every row names, for the whole file in
a few queries); a single problem refuses the file, with every problem by line and column, and nothing is written.
A good file is written with one bulk insert per table and batch, and audited once, as an import (`history.import`):
the file's SHA-256 and the count of each kind. A consent event is written as the consent ledger writes it (its own
receipt, its digest), and says no more than the file did: a method not given is `not_recorded`, a language or a
wording not given is none, and the notice shown is not known. Services flush and never commit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from registre.audit.service import record as audit
from registre.consent import service as consent
from registre.consent.schemas import Method
from registre.declarations.declared import Declared
from registre.declarations.schemas import Channel
from registre.history.checking import Checked, Checker, rows
from registre.history.schemas import CONSENT_KINDS, Kind
from registre.i18n import Lang
from registre.models.consent import ConsentEvent
from registre.models.subjects import LifecycleEvent, Restriction, new_ref
from registre.subjects.importing import collector_paused
from registre.subjects.reading import Format, ImportFile, ImportInvalid, RowProblem, read_file, received
from registre.subjects.service import locate_all

__all__ = ["ImportInvalid", "ImportReport", "Progress", "RowProblem", "import_body", "import_file", "load"]

Progress = Callable[[int, int], None]

BATCH = 10_000  # rows per insert statement
TICK = 5_000  # rows between two progress reports

OBJECTION_KINDS = {True: "objection", False: "objection_marketing"}  # an activity named, or direct marketing


@dataclass(frozen=True)
class ImportReport:
    """What an import wrote: rows read, how many of each kind, and the consent events they made."""

    file: str
    sha256: str
    format: Format
    rows: int
    kinds: dict[str, int]
    consent_events: int

    def counts(self) -> dict[str, Any]:
        """The figures of the import."""
        return {"rows": self.rows, "kinds": self.kinds, "consent_events": self.consent_events}

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {"file": self.file, "sha256": self.sha256, "format": self.format, **self.counts()}


def import_file(session: Session, *, declared: Declared, path: Path, actor: str,
                progress: Progress | None = None) -> ImportReport:
    """Import a CSV or JSON file of dated events, audited (`history.import`); raises `ImportInvalid` if refused."""
    return load(session, declared=declared, file=read_file(path), actor=actor, progress=progress)


def import_body(session: Session, *, declared: Declared, data: bytes, actor: str) -> ImportReport:
    """Import a JSON list of dated events received whole (the API's body), audited as a file would be."""
    return load(session, declared=declared, file=received("history.json", data, "json"), actor=actor)


def load(session: Session, *, declared: Declared, file: ImportFile, actor: str,
         progress: Progress | None = None) -> ImportReport:
    """Check every row of a file, then write them all, or refuse the file (`ImportInvalid`) and write nothing."""
    total, raw_rows = rows(file)
    tick = (lambda done, _: progress(done, 2 * total)) if progress is not None else None
    with collector_paused():
        checked = _checked(Checker(declared), raw_rows, file, tick)
        subjects = _subjects(session, checked, file)
        kinds = Counter(row.kind.value for row in checked)
        written = _write(session, checked, subjects, file, None if progress is None else (
            lambda done: progress(total + total * done // max(len(checked), 1), 2 * total)))
    audit(session, actor=actor, action="history.import", target_type="file", target_ref=file.sha256,
          details={"file": file.name, "sha256": file.sha256, "format": file.format, "rows": len(checked),
                   "kinds": dict(sorted(kinds.items())), "consent_events": written})
    return ImportReport(file.name, file.sha256, file.format, len(checked), dict(sorted(kinds.items())), written)


def _checked(checker: Checker, raw_rows: Iterable[Any], file: ImportFile,
             tick: Callable[[int, int], None] | None) -> list[Checked]:
    """Every row checked; refuses the file with all the problems found, if any."""
    good: list[Checked] = []
    problems: list[RowProblem] = []
    for count, raw in enumerate(raw_rows, start=1):
        result = checker.check(raw)
        if isinstance(result, list):
            problems.extend(result)
        else:
            good.append(result)
        if tick is not None and count % TICK == 0:
            tick(raw.end, 0)
    if problems:
        raise ImportInvalid(file.name, problems)
    return good


def _subjects(session: Session, checked: list[Checked], file: ImportFile) -> list[int]:
    """The subject of each row; refuses the file with every row that names nobody in the store."""
    found = locate_all(session, {row.who for row in checked})
    problems = []
    for row in checked:
        subject = found[row.who]
        if not isinstance(subject, int):
            problems.append(row.raw.problem(("who",), subject.message, **subject.params))
    if problems:
        raise ImportInvalid(file.name, problems)
    return [found[row.who] for row in checked]  # type: ignore[misc]  # every one an id, checked above


def _write(session: Session, checked: list[Checked], subjects: list[int], file: ImportFile,
           tick: Callable[[int], None] | None) -> int:
    """Insert the rows, one statement per table and batch; returns how many consent events were written."""
    wordings = {text: consent.wording(session, text) for text in {r.values["wording"] for r in checked
                                                                  if "wording" in r.values}}
    tables: dict[type[Any], list[dict[str, Any]]] = {ConsentEvent: [], Restriction: [], LifecycleEvent: []}
    written = 0
    for done, (row, subject_id) in enumerate(zip(checked, subjects, strict=True), start=1):
        for model, values in _rows_of(row, subject_id, file, wordings):
            tables[model].append(values)
            written += model is ConsentEvent
        if done % BATCH == 0 or done == len(checked):
            for model, pending in tables.items():
                if pending:
                    session.execute(insert(model), pending)
                    pending.clear()
            if tick is not None:
                tick(done)
    return written


def _rows_of(row: Checked, subject_id: int, file: ImportFile,
             wordings: dict[str, str]) -> Iterator[tuple[type[Any], dict[str, Any]]]:
    """The rows to insert for one checked row: consent events (one per purpose), a restriction, or an event."""
    values, kind = row.values, row.kind
    if kind in CONSENT_KINDS:
        stop = kind is Kind.stop
        for purpose in row.purposes:
            event = {
                "ref": new_ref(), "receipt_ref": new_ref(), "subject_id": subject_id, "consent_id": None,
                "purpose": purpose, "channel": Channel.sms.value if stop else values.get("channel"),
                "state": CONSENT_KINDS[kind], "at": row.at,
                "method": Method.sms_stop.value if stop else values.get("method", Method.not_recorded.value),
                "location": values.get("location"), "notice_version": None, "notice_hash": None,
                "lang": values.get("lang"), "wording_hash": wordings.get(values.get("wording", "")),
                "given_by": "subject", "age": None, "joint_id": None, "expires_at": None, "keep_until": None,
                "evidence": {"imported": file.sha256, "line": row.raw.line, **_item(row)},
            }
            event["digest"] = consent.digest(event)
            yield ConsentEvent, event
    elif kind is Kind.event:
        yield LifecycleEvent, {"subject_id": subject_id, "event": values["event"], "occurred_at": row.at,
                               "details": None}
    else:
        activity = values.get("activity")
        restriction = "restriction" if kind is Kind.restriction else OBJECTION_KINDS[activity is not None]
        yield Restriction, {"subject_id": subject_id, "kind": restriction, "activity": activity,
                            "ground": values.get("ground"), "since": row.at, "lifted_at": row.until,
                            "request_id": None}


def _item(row: Checked) -> dict[str, int]:
    return {} if row.raw.item is None else {"item": row.raw.item}

