"""Benchmark of the audit chain (issue 17): the time `registre audit verify` takes over N entries.

Writes N keyed entries (each with a few details, as a request's entries have) straight into the table in batches,
their hashes chained as `registre.audit.service.record` chains them, then times `verify` over the whole log (in two
processes from 200,000 entries), against a checkpoint of it, and in one process for comparison. Prints the figures
with the machine, the date, the load average and the CPU time of each process: on a shared machine the wall time
follows the load.

    python bench/audit.py --entries 1000000                       # SQLite in a temporary folder
    python bench/audit.py --entries 1000000 --url postgresql+psycopg://postgres@127.0.0.1:5432/registre_bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from store import fresh_database  # bench/store.py, beside this script

from registre.audit import chain
from registre.audit.service import SPLIT_FROM, audit_key, checkpoint, verify
from registre.db.session import make_engine, unit_of_work, upgrade
from registre.models.audit import AuditEntry

BATCH = 20_000


def fill(url: str, entries: int) -> float:
    """Write `entries` chained entries; returns the seconds taken."""
    engine = make_engine(url)
    upgrade(engine)
    key = audit_key()
    start = time.perf_counter()
    prev = chain.GENESIS
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    written = 0
    while written < entries:
        rows = []
        for n in range(written, min(written + BATCH, entries)):
            at = base + dt.timedelta(seconds=n, microseconds=n % 1000)
            ref = f"{n:032x}"
            details = {"request": ref, "kind": "access", "deadline": "2026-02-03", "summary": {"records": n % 17}}
            digest = chain.keyed(key, prev, chain.iso(at), "dpo@example.fr", "request.read", "rights_request", ref,
                                 ref, details)
            rows.append({"at": at, "actor": "dpo@example.fr", "action": "request.read",
                         "target_type": "rights_request", "target_ref": ref, "subject_ref": ref, "details": details,
                         "prev_hash": prev, "hash": digest, "scheme": chain.KEYED})
            prev = digest
        with unit_of_work(engine) as session:
            session.execute(AuditEntry.__table__.insert(), rows)
        written += len(rows)
    engine.dispose()
    return time.perf_counter() - start


class Timed(NamedTuple):
    """One verification: wall seconds, CPU seconds of this process and of the worker, and what it found."""

    wall: float
    cpu: float
    worker_cpu: float
    load: float
    checked: int
    ok: bool

    def line(self) -> str:
        """The run as the script prints it."""
        return (f"{self.checked:,} entries in {self.wall:.2f} s ({self.checked / self.wall:,.0f}/s), CPU "
                f"{self.cpu:.2f} s here + {self.worker_cpu:.2f} s in the worker, load average {self.load:.1f}, "
                f"chain {'intact' if self.ok else 'BROKEN'}")


def timed_verify(url: str, against: chain.Checkpoint | None = None, split_from: int = SPLIT_FROM) -> Timed:
    """Verify the whole log once, as `registre audit verify` does (two processes from `split_from` entries)."""
    engine = make_engine(url)
    load = os.getloadavg()[0]
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    start, cpu = time.perf_counter(), time.process_time()
    with unit_of_work(engine) as session:
        result = verify(session, against=against, split_from=split_from)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    engine.dispose()
    worker = after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime
    return Timed(elapsed, cpu, worker, load, result.checked, result.ok)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--url", default=None, help="a PostgreSQL URL (its database is dropped and created)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(args.url, Path(folder))
        filled = fill(url, args.entries)
        engine = make_engine(url)
        with unit_of_work(engine) as session:
            _, point = checkpoint(session, actor="bench")
        engine.dispose()
        runs = [timed_verify(url) for _ in range(args.runs)]
        against = timed_verify(url, point)
        alone = timed_verify(url, split_from=args.entries + 2)
    store = "PostgreSQL" if args.url else f"SQLite {sqlite3.sqlite_version}"
    print(f"{dt.date.today()} · {platform.machine()} · {os.cpu_count()} cores · CPython {platform.python_version()} "
          f"· {store}")
    print(f"{args.entries:,} entries written in {filled:.1f} s")
    for run in runs:
        print(f"verify: {run.line()}")
    print(f"verify against a checkpoint: {against.line()}")
    print(f"verify in one process: {alone.line()}")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
