"""Benchmark of marketing eligibility (issue 5): the decision for an audience of N people, set-based.

Fills a store with N data subjects (half customers, half prospects), each with an email, a phone number for one
in two, a collection event, and a mix of histories: consent given (30%), then withdrawn (5%), refused at
collection (5%), objection to direct marketing (2%), restriction (1%), a retention period over (10%), deaths
(0.5%). Then times `registre.marketing.eligibility.decide` for email over the whole store, and over an audience
file of every email address (the file is resolved against the identifiers first). Prints the figures with the
machine and the date.

    python bench/eligibility.py --subjects 1000000
    python bench/eligibility.py --subjects 1000000 --url postgresql+psycopg://postgres@127.0.0.1:5432/registre_bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from sqlalchemy import insert, text
from sqlalchemy.engine import make_url
from store import fresh_database  # bench/store.py, beside this script

from registre.consent.service import digest
from registre.db.session import make_engine, unit_of_work, upgrade
from registre.declarations.schemas import Channel
from registre.declarations.service import load
from registre.marketing import eligibility
from registre.models.consent import ConsentEvent
from registre.models.subjects import DataSubject, Identifier, LifecycleEvent, Restriction

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "declarations" / "minimal.yaml"
BATCH = 50_000
AT = dt.date(2026, 6, 1)


def declaration(folder: Path) -> Path:
    """The minimal declaration, its newsletter sent by email: consent for prospects, soft opt-in for customers."""
    data: dict[str, Any] = YAML(typ="safe").load(MINIMAL.read_text(encoding="utf-8"))
    data["marketing"][0]["rules"] = [
        {"subjects": ["prospect"], "rule": "consent"},
        {"subjects": ["customer"], "rule": "soft_opt_in", "analogous_products": True, "opt_out_at_collection": True,
         "opt_out_in_each_message": True}]
    path = folder / "declaration.yaml"
    with path.open("w", encoding="utf-8") as stream:
        YAML(typ="safe").dump(data, stream)
    return path


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), dt.UTC)


def fill(url: str, count: int, seed: int = 5) -> None:
    """N subjects with their identifiers, events, restrictions and consent events, in batches."""
    rng = random.Random(seed)
    engine = make_engine(url)
    upgrade(engine)
    recent, old = dt.date(2025, 3, 1), dt.date(2022, 1, 10)
    for start in range(0, count, BATCH):
        subjects, identifiers, events, restrictions, consents = [], [], [], [], []
        for n in range(start, min(start + BATCH, count)):
            sid = n + 1
            subjects.append({"id": sid, "ref": f"{sid:032x}", "category": "customer" if n % 2 else "prospect",
                             "created_at": at(recent)})
            identifiers.append({"subject_id": sid, "kind": "email", "value": f"person{n}@example.fr"})
            if n % 2:
                identifiers.append({"subject_id": sid, "kind": "phone", "value": f"+3361{n:08d}"})
            roll = rng.random()
            events.append({"subject_id": sid, "event": "collected", "occurred_at": at(old if roll < 0.10 else recent)})
            if rng.random() < 0.005:
                events.append({"subject_id": sid, "event": "death_notified", "occurred_at": at(dt.date(2026, 2, 1))})
            kind = rng.random()
            if kind < 0.02:
                restrictions.append({"subject_id": sid, "kind": "objection_marketing", "since": at(recent)})
            elif kind < 0.03:
                restrictions.append({"subject_id": sid, "kind": "restriction", "since": at(recent)})
            history = rng.random()
            states = ["given"] if history < 0.30 else ["given", "withdrawn"] if history < 0.35 else \
                ["refused"] if history < 0.40 else []
            for index, state in enumerate(states):
                values = {"ref": f"{sid:030x}{index:02x}", "receipt_ref": f"{sid:030x}{index:02x}", "subject_id": sid,
                          "purpose": "newsletter", "channel": "email", "state": state,
                          "at": at(recent + dt.timedelta(days=index)), "method": "web_form", "lang": "fr",
                          "given_by": "subject"}
                consents.append({**values, "digest": digest(values)})
        with unit_of_work(engine) as session:
            for model, rows in ((DataSubject, subjects), (Identifier, identifiers), (LifecycleEvent, events),
                                (Restriction, restrictions), (ConsentEvent, consents)):
                if rows:
                    session.execute(insert(model), rows)
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    engine.dispose()


def timed(url: str, declared_path: Path, audience: list[str] | None) -> tuple[float, Counter[str]]:
    """The time of one decision, in a unit of work of its own (as the CLI runs it)."""
    engine = make_engine(url)
    declared = load(declared_path)
    began = time.perf_counter()
    with unit_of_work(engine) as session:
        answer = eligibility.decide(session, declared=declared, channel=Channel.email, purpose="newsletter", at=AT,
                                    audience=audience)
    elapsed = time.perf_counter() - began
    engine.dispose()
    return elapsed, Counter(d.code for d in answer.decisions)


def main() -> None:
    """Fill, decide, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subjects", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3, help="Decisions timed per kind of audience.")
    parser.add_argument("--url", default=None, help="A PostgreSQL URL (default: SQLite in a temporary folder).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(args.url, Path(folder))
        began = time.perf_counter()
        fill(url, args.subjects)
        print(f"filled {args.subjects:,} subjects in {time.perf_counter() - began:.1f} s")
        declared_path = declaration(Path(folder))
        emails = [f"person{n}@example.fr" for n in range(args.subjects)]
        wholes, lists = [], []
        for _ in range(args.repeat):  # the machine is shared: the best of a few runs, and their median
            whole, counts = timed(url, declared_path, None)
            listed, listed_counts = timed(url, declared_path, emails)
            assert counts == listed_counts
            wholes.append(whole)
            lists.append(listed)
        engine = make_url(url).get_backend_name()
        print(f"{dt.date.today()} {platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}, "
              f"SQLite {sqlite3.sqlite_version}, store {engine}")
        print(f"decision over the whole store ({args.subjects:,} people): best {min(wholes):.2f} s, median "
              f"{statistics.median(wholes):.2f} s of {args.repeat}")
        print(f"decision over an audience list of {len(emails):,} emails: best {min(lists):.2f} s, median "
              f"{statistics.median(lists):.2f} s of {args.repeat}")
        print("answers:", dict(counts.most_common()))


if __name__ == "__main__":
    main()
