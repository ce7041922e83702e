"""Import a CSV or JSON file of data subjects: read it row by row, check each batch, and load it set-based.

Reading is in `reading.py` (the file, its raw rows, the problems an import reports), checking against the
declaration and the rows before in `checking.py`, matching with the store and writing in `loading.py`. Each batch is
checked, matched with the subjects already in the store by their identifiers, then written in one statement per
table. The whole load runs in a savepoint: a file that is refused (a row in error without `skip_errors`, a file that
cannot be read to its end) leaves nothing behind; nothing is committed here.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from registre.declarations.declared import Declared
from registre.i18n import Lang
from registre.subjects.checking import Candidate, Checker
from registre.subjects.loading import Loader, batches, unprepared
from registre.subjects.reading import Format, ImportFile, ImportInvalid, RowProblem, in_file_order, read_file, rows

__all__ = ["BATCH", "Format", "ImportFile", "ImportInvalid", "ImportReport", "Progress", "RowProblem", "load",
           "read_file"]

Progress = Callable[[int, int], None]

BATCH = 5000  # rows checked, matched and written together


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows read, subjects created or updated, records and events written, rows skipped."""

    file: str
    sha256: str
    format: Format
    rows: int
    created: int
    updated: int
    records: int
    records_updated: int
    events: int
    skipped: int
    problems: Sequence[RowProblem] = ()

    def counts(self) -> dict[str, int]:
        """The figures of the import."""
        return {"rows": self.rows, "created": self.created, "updated": self.updated, "records": self.records,
                "records_updated": self.records_updated, "events": self.events, "skipped": self.skipped}

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {"file": self.file, "sha256": self.sha256, "format": self.format, **self.counts(),
                "problems": [p.as_dict(lang) for p in self.problems]}


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while the block runs (as it was before, after).

    An import makes no reference cycles: each batch is freed by reference counting as soon as it is written. But
    with a batch or two alive, and the application's own objects, every full collection walks a few hundred
    thousand objects, and the rows streaming through set one off every few thousand rows: a sixth of the time.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def load(session: Session, *, declared: Declared, file: ImportFile, skip_errors: bool,
         progress: Progress | None = None) -> ImportReport:
    """Check and load every row of a file; without `skip_errors` a single bad row refuses it (`ImportInvalid`)."""
    total, raw_rows = rows(file)
    checker = Checker(declared)
    problems: list[RowProblem] = []
    read = 0
    with collector_paused(), session.begin_nested(), unprepared(session), Loader(session) as loader:
        for batch in batches(raw_rows, BATCH):
            checked = [checker.check(raw) for raw in batch]
            for result in checked:
                if isinstance(result, list):
                    problems.extend(result)
            good, conflicts = loader.match([c for c in checked if isinstance(c, Candidate)])
            problems.extend(conflicts)
            if skip_errors or not problems:
                loader.load(good)
            read += len(batch)
            if progress is not None:
                progress(min(batch[-1].end, total), total)
        if problems and not skip_errors:
            raise ImportInvalid(file.name, problems)
    counts = loader.counts
    return ImportReport(file.name, file.sha256, file.format, read, counts.created, len(counts.updated),
                        counts.records, counts.records_updated, counts.events, read - counts.loaded_rows,
                        in_file_order(problems))
