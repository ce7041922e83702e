"""Issue 15's benchmark: access and erasure on Sakila and Sakila ×100 in PostgreSQL, one request at a time over
registre's HTTP API, against the floor: the same SQL statements registre ran on the Sakila database, run alone.

    python bench/sakila.py --scale 1   --people 20     # 599 customers, 16,044 rentals, as many payments
    python bench/sakila.py --scale 100 --people 20     # 59,900 customers, ~1.6 M rentals and 1.6 M payments
    python bench/sakila.py --scale 100 --src OTHER/src # another checkout's sources, to compare

The data: the public jOOQ/sakila files could not be fetched from this machine (no network but the package
registries), so the tables a person's data touches are generated at Sakila's sizes by `tests/fixtures/sakila.py`
(the schema as shipped for those tables, with its foreign keys and indexes; Mary Smith as customer 1 with her 32
rentals and payments), once, into the database `registre_sakila_x{scale}`, which each run copies (CREATE DATABASE …
TEMPLATE) twice: one copy registre works on, one the floor's statements run on. An index on `lower(customer.email)`
is created, the index the annotation's `match: lower` lookup needs.

A run: `registre serve`'s app (`registre.app.create_app`, PostgreSQL store, jobs on Procrastinate with an
in-process worker, as `registre serve` does) under uvicorn on a loopback port, in this process (so that the statements
it sends to the Sakila database can be captured, with their parameters, from SQLAlchemy's `before_cursor_execute`).
For each person, alternately an access and an erasure (different people): `POST /api/requests` (the filing, which
searches the connected database), `POST …/identity` (ID checked by staff), `POST …/complete` (202, done by the
worker), then `GET …` every 5 ms until the request is completed. Then the floor: the statements captured for that
request, run alone with psycopg on a connection already open, in the same transactions (one for the filing's
search, one for the completion), every row fetched. Each request is timed from the first byte sent to the answer
showing it completed; the floor from the first statement to the last commit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, create_engine, event

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the Sakila shape and Mary are the tests' fixture, not a copy of it
SOURCES = Path(sys.argv[sys.argv.index("--src") + 1]) if "--src" in sys.argv else ROOT / "src"
sys.path.insert(0, str(SOURCES))  # --src: another checkout's sources, to compare

from tests.fixtures.sakila import MARY, rows, sakila_metadata, write_annotation

SERVER = "postgresql://postgres@127.0.0.1:5432"
DECLARATION = ROOT / "src" / "registre" / "examples" / "shop" / "declaration.yaml"
TOKEN = "bench-token-" + "x" * 32
CUSTOMERS = 599
ENTRY = "from registre.cli import main; main()"


def admin(sql: str) -> None:
    """Run a statement outside a transaction on the server's `postgres` database."""
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)  # type: ignore[arg-type]


def exists(name: str) -> bool:
    """Whether the server has that database."""
    with psycopg.connect(f"{SERVER}/postgres") as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def load(name: str, customers: int) -> dict[str, int]:
    """Create database `name` with Sakila's tables and fill them through COPY: Mary and `customers - 1` others."""
    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f'CREATE DATABASE "{name}"')
    engine = create_engine(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
    metadata = sakila_metadata()
    metadata.create_all(engine)
    engine.dispose()
    counts: dict[str, int] = {}
    with psycopg.connect(f"{SERVER}/{name}") as connection:
        for table, batch in rows(customers):
            columns = list(batch[0])
            with connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in batch:
                    copy.write_row([row[c] for c in columns])
            counts[table] = counts.get(table, 0) + len(batch)
        connection.execute("CREATE INDEX idx_customer_lower_email ON customer (lower(email))")
        connection.commit()
    with psycopg.connect(f"{SERVER}/{name}", autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    return counts


def copy_of(template: str, name: str) -> str:
    """A fresh copy of the database `template`, named `name`; its URL."""
    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    with psycopg.connect(f"{SERVER}/{name}", autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    return f"{SERVER}/{name}"


class Capture:
    """The statements sent to one database, with their parameters, in the phase the bench sets (one request's
    filing, then its completion), from SQLAlchemy's `before_cursor_execute` on every engine of this process."""

    def __init__(self, database: str) -> None:
        self.database = database
        self.phases: dict[str, list[tuple[str, Any]]] = {}
        self.phase: str | None = None
        event.listen(Engine, "before_cursor_execute", self.hook)

    def hook(self, conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        """Keep a statement sent to the watched database."""
        if self.phase is not None and conn.engine.url.database == self.database:
            # reading the schema (pg_catalog) is registre's own cost, not the work's: counted apart, not in the floor
            phase = "schema" if "pg_catalog." in statement else self.phase
            self.phases.setdefault(phase, []).append((statement, parameters))

    @contextmanager
    def during(self, phase: str) -> Iterator[None]:
        """Keep the statements sent while the block runs under `phase`."""
        self.phase = phase
        try:
            yield
        finally:
            self.phase = None


def floor(connection: psycopg.Connection[Any], phases: list[list[tuple[str, Any]]]) -> float:
    """Seconds to run these statements alone, one transaction per phase, every row fetched."""
    began = time.perf_counter()
    for statements in phases:
        with connection.cursor() as cursor:
            for sql, parameters in statements:
                cursor.execute(sql, parameters)  # type: ignore[arg-type]
                if cursor.description is not None:
                    cursor.fetchall()
        connection.commit()
    return time.perf_counter() - began


class Api:
    """registre's HTTP API on a loopback port, over one keep-alive connection."""

    def __init__(self, port: int, wait: int | None) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.wait = wait  # `Prefer: wait=N` on the completion: its answer is the completed request
        self.headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}

    def call(self, method: str, path: str, body: dict[str, Any] | None = None, *,
             wait: int | None = None) -> tuple[int, Any]:
        """Send a request (with `Prefer: wait=N` when `wait` is given); its status and its JSON answer."""
        headers = self.headers if wait is None else {**self.headers, "Prefer": f"wait={wait}"}
        self.connection.request(method, path, json.dumps(body) if body is not None else None, headers)
        answer = self.connection.getresponse()
        return answer.status, json.loads(answer.read() or b"null")

    def request(self, kind: str, email: str, capture: Capture) -> tuple[float, float, dict[str, Any]]:
        """File a request for that person, confirm their identity, complete it and wait until it is: seconds to
        file, seconds to complete (from the call to the answer showing it completed), and the request as shown."""
        began = time.perf_counter()
        with capture.during("file"):
            status, filed = self.call("POST", "/api/requests", {
                "kind": kind, "channel": "email", "subject": f"email:{email}", "requester": {"email": email}})
        assert status == 201, filed
        filing = time.perf_counter() - began
        ref = filed["request"]["ref"]
        status, answer = self.call("POST", f"/api/requests/{ref}/identity", {"id_checked": True})
        assert status == 200, answer
        began = time.perf_counter()
        with capture.during("complete"):
            status, answer = self.call("POST", f"/api/requests/{ref}/complete", {}, wait=self.wait)
            assert status in (200, 202), answer
            if status == 200:  # waited for (Prefer: wait): the completed request
                answer = answer["request"]
            while status != 200 or answer["status"] != "completed":
                time.sleep(0.005)
                status, answer = self.call("GET", f"/api/requests/{ref}")
        return filing, time.perf_counter() - began, answer


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(env: dict[str, str]) -> Iterator[int]:
    """`registre serve`'s app under uvicorn on a free loopback port, in a thread of this process; its port."""
    import uvicorn

    os.environ.update(env)
    from registre.app import create_app
    from registre.config import get_settings

    get_settings.cache_clear()
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(get_settings()), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise SystemExit("the server did not start")
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(30)


def people(url: str, count: int, seed: int) -> list[str]:
    """Mary, then the emails of random other customers."""
    with psycopg.connect(url) as connection:
        emails = [row[0] for row in connection.execute("SELECT email FROM customer WHERE customer_id > 1")]
    return [MARY, *random.Random(seed).sample(emails, count - 1)]


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def store(folder: Path, name: str) -> dict[str, str]:
    """A new PostgreSQL store brought to the newest schema (`registre db upgrade`); the settings to serve it."""
    admin(f'DROP DATABASE IF EXISTS "{name}"')
    admin(f'CREATE DATABASE "{name}"')
    env = {"REGISTRE_DATA_DIR": str(folder), "REGISTRE_DATABASE_URL": f"{SERVER}/{name}",
           "REGISTRE_DECLARATION": str(DECLARATION), "REGISTRE_DATASETS": str(write_annotation(folder)),
           "REGISTRE_API_TOKEN": TOKEN, "REGISTRE_JOBS_IN_PROCESS": "true", "REGISTRE_LANG": "en"}
    subprocess.run([sys.executable, "-c", ENTRY, "db", "upgrade"], check=True, capture_output=True,
                   env={**os.environ, **env, "PYTHONPATH": str(SOURCES)})
    return env


def run(scale: int, count: int, seed: int, wait: int | None) -> None:
    """Load if needed, serve, and time `count` accesses and `count` erasures against their floor."""
    template = f"registre_sakila_x{scale}"
    if not exists(template):
        began = time.perf_counter()
        counts = load(template, CUSTOMERS * scale)
        print(f"loaded {template} in {time.perf_counter() - began:.0f} s: {counts}")
    work = copy_of(template, f"{template}_registre")
    floor_url = copy_of(template, f"{template}_floor")
    with psycopg.connect(work) as connection:
        sizes = {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
                 for t in ("customer", "rental", "payment")}
    print(f"Sakila ×{scale}: {sizes['customer']:,} customers, {sizes['rental']:,} rentals, "
          f"{sizes['payment']:,} payments")
    chosen = people(work, 2 * count, seed)
    plan = [("access" if i % 2 == 0 else "erasure", email) for i, email in enumerate(chosen)]
    capture = Capture(f"{template}_registre")
    timings: dict[str, list[tuple[float, float, float]]] = {"access": [], "erasure": []}
    with tempfile.TemporaryDirectory() as folder:
        env = store(Path(folder), f"{template}_store") | {"SAKILA_URL": work}
        with serving(env) as port, psycopg.connect(floor_url) as replay:
            api = Api(port, wait)
            for number, (kind, email) in enumerate(plan):
                capture.phases = {}
                filing, completing, shown = api.request(kind, email, capture)
                tables = shown["answer"]["datasets"][0]["tables"] if shown.get("answer") else {}
                alone = floor(replay, [capture.phases.get("file", []), capture.phases.get("complete", [])])
                timings[kind].append((filing, completing, alone))
                statements = len(capture.phases.get("file", [])) + len(capture.phases.get("complete", []))
                schema = len(capture.phases.get("schema", []))
                print(f"{number + 1:>3} {kind:<8} {email:<40} registre {(filing + completing) * 1000:7.1f} ms "
                      f"(file {filing * 1000:6.1f} + complete {completing * 1000:6.1f}), floor {alone * 1000:6.1f} ms"
                      f" ({statements} statements{f', {schema} reading the schema' if schema else ''}); "
                      f"{_rows(tables)}")
    report(timings)


def _rows(tables: dict[str, Any]) -> str:
    return ", ".join(f"{name} {entry.get('rows', entry.get('deleted', 0) + entry.get('erased_in_place', 0))}"
                     for name, entry in sorted(tables.items()))


def report(timings: dict[str, list[tuple[float, float, float]]]) -> None:
    """Medians and p95 of each kind, the floor and the ratio to the goal (1.3 × floor + 20 ms)."""
    for kind, runs in timings.items():
        whole = [(f + c) * 1000 for f, c, _ in runs]
        files = [f * 1000 for f, _, _ in runs]
        completes = [c * 1000 for _, c, _ in runs]
        floors = [a * 1000 for _, _, a in runs]
        ratios = [w / a for w, a in zip(whole, floors, strict=True)]
        goal = 1.3 * statistics.median(floors) + 20
        print(f"{kind:<8} registre median {statistics.median(whole):6.1f} ms (p95 {percentile(whole, 0.95):6.1f}; "
              f"file {statistics.median(files):5.1f} + complete {statistics.median(completes):5.1f}), floor median "
              f"{statistics.median(floors):6.1f} ms (p95 {percentile(floors, 0.95):6.1f}), ratio median "
              f"{statistics.median(ratios):4.2f}; goal 1.3 × floor + 20 ms = {goal:6.1f} ms")


def main() -> None:
    """Run the benchmark and print its figures with the machine and the date."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=1, help="1: Sakila's sizes; 100: Sakila ×100.")
    parser.add_argument("--people", type=int, default=20, help="Accesses, and as many erasures (other people).")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--reload", action="store_true", help="Generate the data again.")
    parser.add_argument("--src", type=Path, help="Another checkout's src/ to measure (default: this one's).")
    parser.add_argument("--poll", action="store_true",
                        help="Follow each completion by GET every 5 ms (as before Prefer: wait) instead of waiting.")
    args = parser.parse_args()
    with psycopg.connect(f"{SERVER}/postgres") as connection:
        version = connection.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
    print(f"{dt.date.today()} {platform.machine()} {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}, Python {platform.python_version()}, PostgreSQL {version}")
    if args.reload:
        admin(f'DROP DATABASE IF EXISTS "registre_sakila_x{args.scale}"')
    run(args.scale, args.people, args.seed, None if args.poll else 30)


if __name__ == "__main__":
    main()
