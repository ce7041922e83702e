"""Issue 14's benchmark of long rights: an erasure across a connected PostgreSQL database of about 1,000,000 rows
(the shop of bench/shop_data.py, 100,000 customers) answers the API at once with 202 and the job, and a
`registre worker` process completes it.

Builds the shop (unless `--reuse`) and a fresh PostgreSQL store, starts `registre serve` and `registre worker` on
them (the shop's declaration and annotation), then, for each of `--samples` random customers who have orders: files
an erasure request (`POST /api/requests`), asks for its completion (`POST /api/requests/{ref}/complete`: the time
to the 202) and waits until the store shows the request completed (the time to completion, polled every 10 ms in the
store, not through the API, whose reads are audited). For comparison, the same number of other customers' erasures
are completed inline (`registre.rights.flows.complete`, what the API did before the queue), in this process.

    python bench/long_rights.py --samples 15
    python bench/long_rights.py --samples 15 --reuse          # the shop of a previous run (erased people differ)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from store import fresh_database  # bench/store.py, beside this script

from registre.config import Settings
from registre.db.session import make_engine, upgrade
from registre.declarations.service import load
from registre.rights import flows
from registre.rights.schemas import RequestCreate

ROOT = Path(__file__).resolve().parent.parent
SHOP = ROOT / "src" / "registre" / "examples" / "shop"
TOKEN = "a-token-for-the-bench"
NO_SCHEDULES = {"REGISTRE_SCHEDULE_OUTBOX": "", "REGISTRE_SCHEDULE_PURGES": "", "REGISTRE_SCHEDULE_BREACH_ALERTS": "",
                "REGISTRE_SCHEDULE_RETENTION": ""}


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def free_port() -> int:
    """A port of the loopback that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def api(base: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
    """POST `body` (or GET) to the API with the DPO's token; the status and the JSON answer."""
    request = urllib.request.Request(f"{base}{path}", data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
                                     method="POST" if body is not None else "GET")
    with urllib.request.urlopen(request, timeout=120) as response:
        return int(response.status), json.loads(response.read() or b"{}")


def customers(shop_url: str, count: int) -> list[str]:
    """Emails of random customers with orders, not erased by an earlier run."""
    engine = create_engine(shop_url)
    with engine.connect() as connection:
        top = connection.scalar(text("SELECT max(id) FROM customers")) or 0
        ids = random.Random(time.time_ns()).sample(range(3, top + 1), count * 4)
        found = connection.execute(text("SELECT email FROM customers WHERE id = ANY(:ids) AND email LIKE '%@%' "
                                        "AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = customers.id)"),
                                   {"ids": ids}).scalars().all()
    engine.dispose()
    return list(found)[:count]


def erasure(email: str) -> dict[str, Any]:
    """The body of a request to erase the customer with this email."""
    return {"kind": "erasure", "channel": "email", "subject": f"email:{email}", "requester": {"email": email}}


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--customers", type=int, default=100_000, help="customers in the shop (11.7 rows each)")
    parser.add_argument("--shop-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/registre_bench_shop")
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/registre_bench",
                        help="the store: a PostgreSQL database to drop and create")
    parser.add_argument("--reuse", action="store_true", help="keep the shop built by an earlier run")
    args = parser.parse_args()
    if not args.reuse:
        subprocess.run([sys.executable, str(ROOT / "bench" / "shop_data.py"), "--customers", str(args.customers),
                        "--url", args.shop_url], check=True, stdout=subprocess.DEVNULL)
    with create_engine(args.shop_url).connect() as connection:
        rows = sum(connection.scalar(text(f"SELECT count(*) FROM {table}")) or 0 for table in connection.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")))
    data = Path(tempfile.mkdtemp())
    url = fresh_database(args.url, data)
    upgrade(make_engine(url))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "REGISTRE_DATABASE_URL": url, "REGISTRE_DATA_DIR": str(data),
           "REGISTRE_DECLARATION": str(SHOP / "declaration.yaml"), "REGISTRE_DATASETS": str(SHOP / "datasets"),
           "REGISTRE_API_TOKEN": TOKEN, "SHOP_DATABASE_URL": args.shop_url,
           "SHOP_ARCHIVE_URL": f"sqlite:///{data / 'archive.sqlite3'}", **NO_SCHEDULES}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-c", "from registre.cli import main; main()"]
    processes = [subprocess.Popen([*command, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL),
                 subprocess.Popen([*command, "worker"], env=env, stderr=subprocess.DEVNULL)]
    store = make_engine(url)
    people = customers(args.shop_url, args.samples * 2)
    accepted, completed = [], []
    try:
        while True:
            try:
                api(base, "/api/requests?limit=1")
                break
            except OSError:
                time.sleep(0.2)
        for email in people[:args.samples]:
            status, filed = api(base, "/api/requests", erasure(email))
            assert status == 201, filed
            ref = filed["request"]["ref"]
            began = time.perf_counter()
            status, queued = api(base, f"/api/requests/{ref}/complete", {})
            accepted.append((time.perf_counter() - began) * 1000)
            assert status == 202, queued
            assert isinstance(queued["job"], int), queued
            while True:
                with store.connect() as connection:
                    if connection.scalar(text("SELECT status FROM rights_request WHERE ref = :ref"),
                                         {"ref": ref}) == "completed":
                        break
                time.sleep(0.01)
            completed.append((time.perf_counter() - began) * 1000)
    finally:
        for process in processes:
            process.terminate()
            process.wait()
    os.environ["SHOP_DATABASE_URL"], os.environ["SHOP_ARCHIVE_URL"] = args.shop_url, env["SHOP_ARCHIVE_URL"]
    settings = Settings(database_url=url, data_dir=data, declaration=SHOP / "declaration.yaml",
                        datasets=SHOP / "datasets", **{k.removeprefix("REGISTRE_").lower(): "" for k in NO_SCHEDULES})
    declared = load(settings.declaration)
    inline = []
    for email in people[args.samples:]:
        filed = flows.file_request(store, settings, declared, RequestCreate.model_validate(erasure(email)), "bench")
        began = time.perf_counter()
        flows.complete(store, settings, declared, filed.request.ref, actor="bench")
        inline.append((time.perf_counter() - began) * 1000)
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    print(f"shop: {rows:,} rows in PostgreSQL; {args.samples} erasures through the API, {len(inline)} inline")
    for name, values in (("202 from the API", accepted), ("completed by the worker", completed),
                         ("inline (before the queue)", inline)):
        print(f"{name:<26} median {statistics.median(values):7.1f} ms, p95 {percentile(values, 0.95):7.1f} ms, "
              f"max {max(values):7.1f} ms")


if __name__ == "__main__":
    main()
