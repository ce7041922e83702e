"""Issue 4's benchmark: one person's access and erasure across the shop's tables, and a retention run, on
PostgreSQL filled by bench/shop_data.py (1,000,000 customers, about 11.8 M rows).

    python bench/shop_data.py                      # once: fills postgresql://…/registre_bench
    python bench/connectors.py --samples 15

- access: `registre.connectors.service.act(access)` for a random customer found by email: attach the dataset
  (connect, reflect), find every row through the links, label each value; median and p95 over the samples, and the
  finding alone with the dataset already attached (a long-running server keeps it).
- erasure: the same for `act(erasure)` on other random customers (really erased: run shop_data.py again after).
- retention: the web logs due (1 year after `at`): a hand-written `DELETE FROM web_logs WHERE at < :cutoff` timed
  inside a transaction that is rolled back, then registre's batched, resumable run of the same rule on the same
  rows (committed in batches); the rows are put back from a copy and the pair is measured again.
  Ratio = single DELETE time / registre's time (goal: 0.8 or more).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from registre.connectors import service
from registre.connectors.acting import Policy
from registre.connectors.finding import Identity, find
from registre.connectors.mapping import attach, read_annotations
from registre.declarations.service import load
from registre.retention import sweep
from registre.rights.schemas import RequestKind

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/registre_bench"
SHOP = ROOT / "src" / "registre" / "examples" / "shop"
TODAY = dt.date(2026, 11, 23)


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def emails(url: str, count: int, seed: int) -> list[str]:
    """Emails of random customers who have orders."""
    engine = create_engine(url)
    with engine.connect() as connection:
        top = connection.scalar(text("SELECT max(id) FROM customers")) or 0
        ids = random.Random(seed).sample(range(3, top + 1), count * 3)
        found = connection.execute(text("SELECT email FROM customers WHERE id = ANY(:ids) AND EXISTS "
                                        "(SELECT 1 FROM orders o WHERE o.customer_id = customers.id)"),
                                   {"ids": ids}).scalars().all()
    engine.dispose()
    return list(found)[:count]


def rights(url: str, samples: int) -> None:
    """Time access and erasure for random people."""
    [annotation] = read_annotations(SHOP / "datasets" / "shop.yaml")
    policy = Policy({"accounting": "Art. 17(3)(b)"}, "bench-key")
    people = emails(url, samples * 3, seed=11)
    for kind, group in ((RequestKind.access, people[:samples]), (RequestKind.erasure, people[samples:2 * samples])):
        whole, rows = [], []
        for email in group:
            began = time.perf_counter()
            [result] = service.act([annotation], kind, [Identity("email", email)], {}, policy)
            whole.append((time.perf_counter() - began) * 1000)
            rows.append(sum(t.get("rows", 0) + t.get("deleted", 0) + t.get("erased_in_place", 0) + t.get("kept", 0)
                            for t in result.tables.values()))
        print(f"{kind.value:<8} attach + act: median {statistics.median(whole):6.1f} ms, p95 "
              f"{percentile(whole, 0.95):6.1f} ms over {len(whole)} people ({statistics.median(rows):.0f} rows each)")
    connected = attach(annotation)
    attached = []
    for email in people[2 * samples:] + people[:samples]:
        with connected.engine.begin() as connection:
            began = time.perf_counter()
            find(connected, [Identity("email", email)], connection)
            attached.append((time.perf_counter() - began) * 1000)
    connected.dispose()
    print(f"access   finding alone, dataset attached: median {statistics.median(attached):6.1f} ms, p95 "
          f"{percentile(attached, 0.95):6.1f} ms")


def retention(url: str, rounds: int, batch: int) -> None:
    """Single DELETE (rolled back) against registre's batched run of the web-log rule, `rounds` times."""
    [annotation] = read_annotations(SHOP / "datasets" / "shop.yaml")
    declared = load(SHOP / "declaration.yaml")
    engine = create_engine(url)
    cutoff = dt.datetime(2025, 11, 24)  # due: `at` on or before 2025-11-23, one year before TODAY
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS bench_web_logs_due"))
        connection.execute(text("CREATE TABLE bench_web_logs_due AS SELECT * FROM web_logs WHERE at < :cutoff"),
                           {"cutoff": cutoff})
        due = connection.scalar(text("SELECT count(*) FROM bench_web_logs_due")) or 0
    ratios = []
    for number in range(1, rounds + 1):
        with engine.connect() as connection:
            transaction = connection.begin()
            began = time.perf_counter()
            deleted = connection.execute(text("DELETE FROM web_logs WHERE at < :cutoff"), {"cutoff": cutoff}).rowcount
            single = time.perf_counter() - began
            transaction.rollback()
        connected = attach(annotation)
        prepared = sweep.prepare(connected, declared, TODAY, held={}, pseudonym_key="bench")
        [task] = [t for t in prepared.tasks if t.table.name == "web_logs"]
        began = time.perf_counter()
        done = sweep.run(prepared, task, batch=batch)
        batched = time.perf_counter() - began
        connected.dispose()
        assert deleted == done["rows"] == due, (deleted, done, due)
        ratios.append(single / batched)
        print(f"retention round {number}: {due:,} web logs due; single DELETE {single:.2f} s, registre in batches "
              f"of {batch:,} {batched:.2f} s, ratio {single / batched:.2f}")
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO web_logs SELECT * FROM bench_web_logs_due"))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE web_logs"))
    print(f"retention ratio: median {statistics.median(ratios):.2f} over {rounds} rounds")
    engine.dispose()


def main() -> None:
    """Run the benchmark and print its figures with the machine and the date."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default=DEFAULT_URL)
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=50_000)
    parser.add_argument("--retention-only", action="store_true", help="Skip access and erasure.")
    args = parser.parse_args()
    print(f"{dt.date.today()} {platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["SHOP_DATABASE_URL"] = args.url
        os.environ["SHOP_ARCHIVE_URL"] = f"sqlite:///{Path(folder) / 'archive.sqlite3'}"
        engine = create_engine(args.url)
        with engine.connect() as connection:
            print(connection.scalar(text("SELECT version()")))
            print(f"{connection.scalar(text('SELECT count(*) FROM customers')):,} customers")
        engine.dispose()
        if not args.retention_only:
            rights(args.url, args.samples)
        retention(args.url, args.rounds, args.batch)


if __name__ == "__main__":
    main()
