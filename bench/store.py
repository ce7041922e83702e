"""Benchmark of the built-in store (issue: rights requests): import throughput and access-package time.

Builds a CSV of N subjects with 10 personal-data records each, imports it with `registre.subjects`, then
builds the access package of random subjects. Prints the figures with the machine and the date.

    python bench/store.py --subjects 1000000                       # SQLite in a temporary folder
    python bench/store.py --subjects 1000000 --url postgresql+psycopg://postgres@127.0.0.1:5432/registre_bench
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from registre.db.session import make_engine, unit_of_work, upgrade
from registre.declarations.service import load
from registre.models.subjects import DataSubject
from registre.rights import package
from registre.subjects import service as subjects

ROOT = Path(__file__).resolve().parent.parent
DECLARATION = ROOT / "tests" / "declarations" / "minimal.yaml"
COLUMNS = [
    "category", "email", "customer_number",
    "orders.identification.last_name", "orders.identification.first_name", "orders.contact.email",
    "orders.contact.phone", "orders.contact.address", "orders.order_history.last_order",
    "orders.order_history.first_order", "orders.order_history.total", "newsletter.contact.email",
    "newsletter.identification.first_name", "event:last_purchase",
]
RECORDS_PER_SUBJECT = 10


def write_csv(path: Path, count: int) -> None:
    """N subjects, 10 records each, an event each."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        for n in range(count):
            email = f"person{n}@example.fr"
            writer.writerow(["customer", email, f"C{n:08d}", f"Nom{n}", f"Prénom{n}", email, f"+3361{n % 10**8:08d}",
                             f"{n} rue de l'Exemple, 75001 Paris", f"A-{n}", f"A-{n // 2}", f"{n % 500}.00", email,
                             f"Prénom{n}", f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}"])


def fresh_database(url: str | None, folder: Path) -> str:
    """The store's URL: SQLite in `folder`, or the PostgreSQL database named in `url`, dropped and created."""
    if url is None:
        return f"sqlite:///{folder / 'bench.sqlite3'}"
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{parsed.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()
    return url


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--subjects", type=int, default=1_000_000)
    parser.add_argument("--url", default=None, help="PostgreSQL URL (the database is dropped and created)")
    parser.add_argument("--samples", type=int, default=200, help="access packages to time")
    args = parser.parse_args()
    declared = load(DECLARATION)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "subjects.csv"
        write_csv(source, args.subjects)
        engine = make_engine(fresh_database(args.url, folder))
        upgrade(engine)
        started = time.perf_counter()
        with unit_of_work(engine) as session:
            report = subjects.import_file(session, declared=declared, path=source, actor="bench")
        elapsed = time.perf_counter() - started
        records = args.subjects * RECORDS_PER_SUBJECT
        with unit_of_work(engine) as session:
            refs = list(session.scalars(select(DataSubject.ref)))
        timings = []
        for ref in random.sample(refs, min(args.samples, len(refs))):
            with unit_of_work(engine) as session:
                subject = subjects.get_or_raise(session, ref)
                began = time.perf_counter()
                built = package.access(session, subject, declared, "fr")
                timings.append((time.perf_counter() - began) * 1000)
                assert len(built["data"]) == RECORDS_PER_SUBJECT
        backend = engine.dialect.name
        engine.dispose()
    print(f"date: {dt.date.today().isoformat()}  machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}  backend: {backend}")
    print(f"subjects: {args.subjects:,}  records: {records:,}  import: {elapsed:.1f} s = "
          f"{records / elapsed:,.0f} records/s ({report.counts()})")
    print(f"access package over {len(timings)} random subjects: median {statistics.median(timings):.1f} ms, "
          f"p95 {sorted(timings)[int(len(timings) * 0.95) - 1]:.1f} ms")


if __name__ == "__main__":
    main()
