"""Benchmark of the audit chain (issue 17): the time `registre audit verify` takes over N entries.

Writes N keyed entries (each with a few details, as a request's entries have) straight into the table in batches,
their hashes chained as `registre.audit.service.record` chains them, then times `verify` over the whole log,
and against a checkpoint of it. Prints the figures with the machine and the date.

    python bench/audit.py --entries 1000000                       # SQLite in a temporary folder
    python bench/audit.py --entries 1000000 --url postgresql+psycopg://postgres@127.0.0.1:5432/registre_bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

from store import fresh_database  # bench/store.py, beside this script

from registre.audit import chain
from registre.audit.service import audit_key, checkpoint, verify
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


def timed_verify(url: str, against: chain.Checkpoint | None = None) -> tuple[float, int, bool]:
    """Verify the whole log once; returns the seconds, the entries checked, and whether the chain holds."""
    engine = make_engine(url)
    start = time.perf_counter()
    with unit_of_work(engine) as session:
        result = verify(session, against=against)
    elapsed = time.perf_counter() - start
    engine.dispose()
    return elapsed, result.checked, result.ok


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--url", default=None, help="a PostgreSQL URL (its database is dropped and created)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(args.url, Path(folder))
        filled = fill(url, args.entries)
        engine = make_engine(url)
        with unit_of_work(engine) as session:
            _, point = checkpoint(session, actor="bench")
        engine.dispose()
        runs = [timed_verify(url) for _ in range(3)]
        against = timed_verify(url, point)
    store = "PostgreSQL" if args.url else f"SQLite {sqlite3.sqlite_version}"
    print(f"{dt.date.today()} · {platform.machine()} · CPython {platform.python_version()} · {store}")
    print(f"{args.entries:,} entries written in {filled:.1f} s")
    for seconds, checked, ok in runs:
        print(f"verify: {checked:,} entries in {seconds:.2f} s ({checked / seconds:,.0f}/s), chain "
              f"{'intact' if ok else 'BROKEN'}")
    print(f"verify against a checkpoint: {against[1]:,} entries in {against[0]:.2f} s, chain "
          f"{'intact' if against[2] else 'BROKEN'}")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
