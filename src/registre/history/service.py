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

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

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
from registre.models.subjects import LifecycleEvent, Restriction
from registre.subjects.importing import collector_paused
from registre.subjects.loading import Store, table
from registre.subjects.reading import Format, ImportFile, ImportInvalid, RowProblem, read_file, received
from registre.subjects.service import locate_all

__all__ = ["ImportInvalid", "ImportReport", "Progress", "RowProblem", "import_body", "import_file", "load"]

Progress = Callable[[int, int], None]

BATCH = 10_000  # rows per insert statement
TICK = 5_000  # rows between two progress reports
SQLITE_CACHE_KB = 65_536
KEPT_MOMENTS = 65_536  # time texts whose stored form is kept

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


CONSENT_COLUMNS = ("ref", "receipt_ref", "subject_id", "consent_id", "purpose", "channel", "state", "at", "method",
                   "location", "notice_version", "notice_hash", "lang", "wording_hash", "given_by", "age", "joint_id",
                   "expires_at", "keep_until", "evidence", "digest")
RESTRICTION_COLUMNS = ("subject_id", "kind", "activity", "ground", "since", "lifted_at", "request_id")
EVENT_COLUMNS = ("subject_id", "event", "occurred_at", "details")
COLUMNS: dict[type[Any], tuple[str, ...]] = {ConsentEvent: CONSENT_COLUMNS, Restriction: RESTRICTION_COLUMNS,
                                             LifecycleEvent: EVENT_COLUMNS}


def _write(session: Session, checked: list[Checked], subjects: list[int], file: ImportFile,
           tick: Callable[[int], None] | None) -> int:
    """Insert the rows, one statement per table and batch (through the driver where it can: `subjects.loading`);
    returns how many consent events were written."""
    wordings = {text: consent.wording(session, text) for text in {r.values["wording"] for r in checked
                                                                  if "wording" in r.values}}
    store = Store(session, writes=list(COLUMNS))
    failing = True
    moments: dict[str, tuple[Any, str]] = {}
    evidence = _evidence_writer(store, file.sha256)
    cache = _larger_cache(store)
    try:
        store.lock_subjects(subjects)
        written = 0
        for start in range(0, len(checked), BATCH):
            pending: dict[type[Any], list[tuple[Any, ...]]] = {model: [] for model in COLUMNS}
            rows = checked[start:start + BATCH]
            refs = iter(_refs(2 * sum(len(row.purposes) for row in rows)))
            for row, subject_id in zip(rows, subjects[start:start + BATCH], strict=True):
                for model, stored in _rows_of(row, subject_id, file, wordings, store, refs, moments, evidence):
                    pending[model].append(stored)
            written += len(pending[ConsentEvent])
            for model, batch in pending.items():
                # By person (stable: a person's rows stay in file order, which breaks ties of time as the ledger
                # does): each index on the person is then written in order, a third of the cost of the inserts.
                batch.sort(key=itemgetter(COLUMNS[model].index("subject_id")))
                store.insert(table(model), COLUMNS[model], batch)
            store.flush()
            if tick is not None:
                tick(start + len(rows))
        failing = False
    finally:
        store.close(failing)
        if cache is not None and store.sqlite is not None:
            store.sqlite.execute(f"PRAGMA cache_size = {int(cache)}")
    return written


def _larger_cache(store: Store) -> int | None:
    """On SQLite, a page cache of 64 MB while the import writes (the connection's own size before, to restore it):
    the references of consent events are random, and their indexes are written all over; a quarter less work."""
    if store.sqlite is None:
        return None
    [(size,)] = store.sqlite.execute("PRAGMA cache_size").fetchall()
    store.sqlite.execute(f"PRAGMA cache_size = {-SQLITE_CACHE_KB}")
    return int(size)


def _refs(count: int) -> list[str]:
    """`count` random references, as `new_ref` makes them, from one draw of the system's random source."""
    drawn = os.urandom(16 * count).hex()
    return [drawn[i:i + 32] for i in range(0, 32 * count, 32)]


def _rows_of(row: Checked, subject_id: int, file: ImportFile, wordings: dict[str, str], store: Store,
             refs: Iterator[str], moments: dict[str, tuple[Any, str]],
             stored_evidence: EvidenceWriter) -> Iterator[tuple[type[Any], tuple[Any, ...]]]:
    """The rows to insert for one checked row, their values as the columns store them: consent events (one per
    purpose, each with its own receipt and digest), a restriction, or a lifecycle event. `moments`: the stored
    form of each time text of the file met so far, and its UTC text (for the digest)."""
    values, kind = row.values, row.kind
    known = moments.get(values["at"])
    if known is None:
        if len(moments) >= KEPT_MOMENTS:
            moments.clear()
        known = moments[values["at"]] = (store.moment(row.at), row.at.astimezone(dt.UTC).isoformat())
    at, utc = known
    if kind in CONSENT_KINDS:
        stop = kind is Kind.stop
        channel = Channel.sms.value if stop else values.get("channel")
        method = Method.sms_stop.value if stop else values.get("method", Method.not_recorded.value)
        wording = wordings.get(values.get("wording", ""))
        location, lang, state = values.get("location"), values.get("lang"), CONSENT_KINDS[kind]
        evidence = {"imported": file.sha256, "line": row.raw.line, **_item(row)}
        stored = stored_evidence(row.raw.line, row.raw.item)
        for purpose in row.purposes:
            ref, receipt_ref = next(refs), next(refs)
            content = {  # as `consent.digest` prepares it; texts, integers and None only
                "ref": ref, "receipt_ref": receipt_ref, "subject_id": subject_id, "consent_id": None,
                "purpose": purpose, "channel": channel, "state": state, "at": utc, "method": method,
                "location": location, "notice_version": None, "notice_hash": None, "lang": lang,
                "wording_hash": wording, "given_by": "subject", "age": None, "joint_id": None, "expires_at": None,
                "keep_until": None, "evidence": evidence,
            }
            yield ConsentEvent, (ref, receipt_ref, subject_id, None, purpose, channel, state, at, method, location,
                                 None, None, lang, wording, "subject", None, None, None, None, stored,
                                 consent.plain_digest(content))
    elif kind is Kind.event:
        yield LifecycleEvent, (subject_id, values["event"], at, store.json(None))
    else:
        activity = values.get("activity")
        restriction = "restriction" if kind is Kind.restriction else OBJECTION_KINDS[activity is not None]
        until = None if row.until is None else store.moment(row.until)
        yield Restriction, (subject_id, restriction, activity, values.get("ground"), at, until, None)


EvidenceWriter = Callable[[int, int | None], Any]
LINE_MARK, ITEM_MARK = 7_654_321_987_653, 7_654_321_987_659  # numbers no file reaches, to be found in a text


def _evidence_writer(store: Store, sha256: str) -> EvidenceWriter:
    """How the evidence of a consent event of the file (`imported`, `line`, and `item` for JSON) is stored, given
    its line and item: the JSON column's text of marks, with the row's numbers in their place (JSON writes an integer
    as its digits), a tenth of the cost; the column's processing itself where it gives no such text."""

    def processed(line: int, item: int | None) -> Any:
        return store.json({"imported": sha256, "line": line, **({} if item is None else {"item": item})})

    plain, itemised, line_mark, item_mark = processed(LINE_MARK, None), processed(LINE_MARK, ITEM_MARK), \
        str(LINE_MARK), str(ITEM_MARK)
    if not (isinstance(plain, str) and isinstance(itemised, str) and plain.count(line_mark) == 1
            and itemised.count(line_mark) == 1 and itemised.count(item_mark) == 1
            and itemised.index(line_mark) < itemised.index(item_mark)):
        return processed
    head, tail = plain.split(line_mark)
    item_head, rest = itemised.split(line_mark)
    middle, item_tail = rest.split(item_mark)

    def templated(line: int, item: int | None) -> str:
        return f"{head}{line}{tail}" if item is None else f"{item_head}{line}{middle}{item}{item_tail}"

    return templated


def _item(row: Checked) -> dict[str, int]:
    return {} if row.raw.item is None else {"item": row.raw.item}

