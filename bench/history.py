"""Benchmark of the dated history import (issue 12): a consent ledger of N events for people already in the store.

Fills a store with P data subjects (prospects, each with an email, one in two with a phone number), writes a CSV of
N dated events (consent given 35%, refused 8%, withdrawn 20%, SMS STOP 7%, objection 3%, restriction 4%, lifecycle
event 3%; people named by reference 40%, `email:` 30%, a bare email 27%, a phone number 3%; times as a Paris date
and time, a date, or UTC), then times `registre.history.service.import_file` (read, checked, people found, written,
audited) in one unit of work, as `registre history import` runs it. Prints the rate with the machine and the date.

    python bench/history.py --events 100000
    python bench/history.py --events 100000 --url postgresql+psycopg://postgres@127.0.0.1:5432/registre_bench
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import platform
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from sqlalchemy import delete, insert, text
from sqlalchemy.engine import make_url
from store import fresh_database  # bench/store.py, beside this script

from registre.db.session import make_engine, unit_of_work, upgrade
from registre.declarations.service import load
from registre.history import service
from registre.models.audit import AuditEntry
from registre.models.consent import ConsentEvent, ConsentWording
from registre.models.subjects import DataSubject, Identifier, LifecycleEvent, Restriction

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "declarations" / "minimal.yaml"
FIRST = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
KINDS = {"consent_given": 35, "consent_refused": 8, "consent_withdrawn": 20, "stop": 7, "objection": 3,
         "restriction": 4, "event": 3}
COLUMNS = ["who", "kind", "at", "purpose", "channel", "method", "wording", "lang", "activity", "until", "event"]


def declaration(folder: Path) -> Path:
    """The minimal declaration, its newsletter sent by email and SMS with consent."""
    data: dict[str, Any] = YAML(typ="safe").load(MINIMAL.read_text(encoding="utf-8"))
    data["marketing"].append({**data["marketing"][0], "channel": "sms"})
    path = folder / "declaration.yaml"
    with path.open("w", encoding="utf-8") as stream:
        YAML(typ="safe").dump(data, stream)
    return path


def fill(url: str, people: int) -> None:
    """The people, with their identifiers."""
    engine = make_engine(url)
    upgrade(engine)
    with unit_of_work(engine) as session:
        session.execute(insert(DataSubject), [{"id": n + 1, "ref": f"{n + 1:032x}", "category": "prospect",
                                               "created_at": FIRST} for n in range(people)])
        session.execute(insert(Identifier), [{"subject_id": n + 1, "kind": "email", "value": f"person{n}@example.fr"}
                                             for n in range(people)])
        session.execute(insert(Identifier), [{"subject_id": n + 1, "kind": "phone", "value": f"+3361{n:07d}"}
                                             for n in range(1, people, 2)])
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    engine.dispose()


def ledger(path: Path, events: int, people: int, seed: int = 12) -> None:
    """A CSV of `events` dated events about the people."""
    rng = random.Random(seed)
    span = 1_500_000  # minutes: about three years
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, COLUMNS)
        writer.writeheader()
        for kind in rng.choices(list(KINDS), list(KINDS.values()), k=events):
            person = rng.randrange(people)
            moment = FIRST + dt.timedelta(minutes=rng.randrange(span))
            form = rng.random()
            at = moment.strftime("%Y-%m-%dT%H:%M") if form < 0.6 else moment.date().isoformat() if form < 0.8 else \
                moment.isoformat()
            who = rng.random()
            row = {"who": f"{person + 1:032x}" if who < 0.4 else f"email:person{person}@example.fr" if who < 0.7 else
                   f"person{person}@example.fr" if who < 0.97 or person % 2 == 0 else f"phone:061{person:07d}",
                   "kind": kind, "at": at}
            if kind.startswith("consent_"):
                row.update(purpose="newsletter", channel=rng.choice(["email", "sms"]))
                if rng.random() < 0.5:
                    row.update(method="web_form", wording="Recevoir la lettre ?", lang="fr")
            elif kind in ("objection", "restriction") and rng.random() < 0.3:
                row["activity"] = "newsletter"
            elif kind == "event":
                row["event"] = "contract_concluded"
            writer.writerow(row)


def emptied(url: str) -> None:
    """The history written by a run removed, for the next."""
    engine = make_engine(url)
    with unit_of_work(engine) as session:
        for model in (ConsentEvent, ConsentWording, Restriction, LifecycleEvent, AuditEntry):
            session.execute(delete(model))
    engine.dispose()


def timed(url: str, declared_path: Path, path: Path) -> tuple[float, float, dict[str, int]]:
    """The time of one import, in a unit of work of its own (as the CLI runs it), and the CPU time of this process
    (on a shared machine, what the import itself cost)."""
    engine = make_engine(url)
    declared = load(declared_path)
    began, cpu = time.perf_counter(), time.process_time()
    with unit_of_work(engine) as session:
        report = service.import_file(session, declared=declared, path=path, actor="bench")
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    engine.dispose()
    return elapsed, cpu, report.kinds


def main() -> None:
    """Fill, import, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3, help="Imports timed (the store emptied between them).")
    parser.add_argument("--url", default=None, help="A PostgreSQL URL (default: SQLite in a temporary folder).")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = fresh_database(args.url, Path(folder))
        fill(url, args.people)
        path = Path(folder) / "ledger.csv"
        ledger(path, args.events, args.people)
        declared_path = declaration(Path(folder))
        times, cpus = [], []
        for run in range(args.repeat):  # the machine is shared: the best of a few runs, and their median
            if run:
                emptied(url)
            elapsed, cpu, kinds = timed(url, declared_path, path)
            times.append(elapsed)
            cpus.append(cpu)
        engine = make_url(url).get_backend_name()
        print(f"{dt.date.today()} {platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}, "
              f"SQLite {sqlite3.sqlite_version}, store {engine}")
        print(f"import of {args.events:,} events about {args.people:,} people: best {min(times):.2f} s "
              f"({args.events / min(times):,.0f} events/s), median {statistics.median(times):.2f} s "
              f"({args.events / statistics.median(times):,.0f} events/s) of {args.repeat}; CPU time of this process, "
              f"best {min(cpus):.2f} s ({args.events / min(cpus):,.0f} events/s)")
        print("kinds:", kinds)


if __name__ == "__main__":
    main()
