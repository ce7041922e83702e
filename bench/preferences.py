"""Timing benchmark of the privacy center's preferences form (issue 17): does a known customer's address answer
slower than an unknown one?

Starts `registre serve` (one process, as shipped) on a free loopback port with Le Nappage's declaration, a store
holding one customer, and a real SMTP server (aiosmtpd on loopback) taking the letters. Then posts the form over
one keep-alive connection, a customer's address and an unknown one in random order pair after pair (each address
once), with a short pause between posts (so that a letter sent after one answer is not inside the next one's
time). Prints the median and quartiles of each, the difference of the medians with a bootstrap 95 % interval,
checks that both answers are the same page, and counts the letters the SMTP server received (one per customer).

    python bench/preferences.py --samples 2000
    python bench/preferences.py --samples 2000 --url postgresql+psycopg://postgres@127.0.0.1:5432/registre_bench
    python bench/preferences.py --samples 2000 --src /path/to/an/older/checkout/src     # the code before
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DECLARATION = ROOT / "examples" / "le-nappage.yaml"
HOST = "127.0.0.1"  # loopback only
WARM_UP = 50
KNOWN, UNKNOWN = "known", "unknown"


def address(kind: str, number: int) -> str:
    """The address of the `number`th customer (known) or stranger (unknown): each is posted once, so that every
    customer's post writes a letter of its own (two posts within a second would carry the same link)."""
    return f"{'customer' if kind == KNOWN else 'stranger'}-{number}@example.fr"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


class Inbox:
    """An SMTP handler that counts the messages it receives."""

    def __init__(self) -> None:
        self.received: list[str] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.extend(envelope.rcpt_tos)
        return "250 Message accepted for delivery"


def prepare_store(url: str, customers: int) -> None:
    """A migrated store (PostgreSQL: the database dropped and created first) with `customers` customers."""
    from store import fresh_database  # bench/store.py, beside this script

    from registre.db.session import make_engine, unit_of_work, upgrade
    from registre.models.subjects import DataSubject, Identifier

    if url.startswith("postgresql"):
        fresh_database(url, Path())
    engine = make_engine(url)
    upgrade(engine)
    with unit_of_work(engine) as session:
        for number in range(customers):
            subject = DataSubject(category="customer")
            session.add(subject)
            session.flush()
            session.add(Identifier(subject_id=subject.id, kind="email", value=address(KNOWN, number)))
    engine.dispose()


def start_server(folder: Path, url: str, port: int, smtp_port: int, src: Path) -> subprocess.Popen[bytes]:
    """`registre serve` from the source tree `src`, in a process of its own; returns once it answers."""
    env = {**os.environ, "PYTHONPATH": str(src), "REGISTRE_DATA_DIR": str(folder), "REGISTRE_DATABASE_URL": url,
           "REGISTRE_DECLARATION": str(DECLARATION), "REGISTRE_LANG": "en", "REGISTRE_RATE_LIMIT": "1000000",
           "REGISTRE_SMTP_HOST": HOST, "REGISTRE_SMTP_PORT": str(smtp_port), "REGISTRE_SMTP_STARTTLS": "false",
           "REGISTRE_MAIL_FROM": "dpo@le-nappage.example"}
    command = [sys.executable, "-c", "from registre.cli import main; main()", "serve", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/preferences")
            connection.getresponse().read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("registre serve did not start")


class Form:
    """One visitor's keep-alive connection to the preferences form, with its CSRF cookie and token."""

    def __init__(self, port: int) -> None:
        self.connection = http.client.HTTPConnection(HOST, port, timeout=30)
        self.connection.request("GET", "/preferences", headers={"Accept": "text/html"})
        answer = self.connection.getresponse()
        page = answer.read().decode()
        cookie = answer.getheader("set-cookie") or ""
        self.cookie = cookie.split(";", 1)[0]
        found = re.search(r'name="csrf" value="([^"]+)"', page)
        if not found:
            raise RuntimeError("the preferences page has no CSRF field")
        self.token = found.group(1)

    def post(self, email: str) -> tuple[float, int, str]:
        """Post the form; the time until the whole answer is read, its status and its page."""
        body = urllib.parse.urlencode({"csrf": self.token, "email": email})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie, "Accept": "text/html"}
        began = time.perf_counter()
        self.connection.request("POST", "/preferences", body=body, headers=headers)
        answer = self.connection.getresponse()
        page = answer.read().decode()
        return time.perf_counter() - began, answer.status, page


def quartiles(values: list[float]) -> str:
    q1, median, q3 = statistics.quantiles(values, n=4)
    return f"median {median * 1000:.2f} ms (quartiles {q1 * 1000:.2f}-{q3 * 1000:.2f} ms)"


def median_gap(known: list[float], unknown: list[float], draws: int = 2000) -> tuple[float, float, float]:
    """The difference of the medians (known - unknown), and a bootstrap 95 % interval of it."""
    rng = random.Random(17)
    gaps = sorted(statistics.median(rng.choices(known, k=len(known)))
                  - statistics.median(rng.choices(unknown, k=len(unknown))) for _ in range(draws))
    return (statistics.median(known) - statistics.median(unknown), gaps[int(.025 * draws)], gaps[int(.975 * draws)])


def main() -> None:
    """Prepare the store, start the SMTP server and registre, post the form, print the figures."""
    from aiosmtpd.controller import Controller

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=2000, help="Posts of each address.")
    parser.add_argument("--pause", type=float, default=0.01, help="Seconds between two posts.")
    parser.add_argument("--url", default=None, help="A PostgreSQL store to use (dropped and created first); "
                        "default: SQLite in a temporary folder.")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="The source tree the server runs.")
    args = parser.parse_args()
    inbox, smtp_port = Inbox(), free_port()
    smtp = Controller(inbox, hostname=HOST, port=smtp_port)
    smtp.start()
    with tempfile.TemporaryDirectory() as folder:
        url = args.url or f"sqlite:///{Path(folder) / 'registre.sqlite3'}"
        prepare_store(url, WARM_UP + args.samples)
        port = free_port()
        server = start_server(Path(folder), url, port, smtp_port, args.src)
        times: dict[str, list[float]] = {KNOWN: [], UNKNOWN: []}
        pages: dict[str, set[str]] = {KNOWN: set(), UNKNOWN: set()}
        failures = 0
        try:
            form = Form(port)
            for number in range(WARM_UP):  # not timed
                for kind in (KNOWN, UNKNOWN):
                    form.post(address(kind, number))
                    time.sleep(args.pause)
            rng = random.Random(17)
            for number in range(WARM_UP, WARM_UP + args.samples):
                for kind in rng.sample([KNOWN, UNKNOWN], 2):
                    took, status, page = form.post(address(kind, number))
                    times[kind].append(took)
                    pages[kind].add(re.sub(r'nonce="[^"]*"', "", page))
                    failures += status != 200
                    time.sleep(args.pause)
            time.sleep(2)  # the last letters
        finally:
            server.terminate()
            server.wait(timeout=30)
            smtp.stop()
    store = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"{dt.date.today()} {platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}, "
          f"{store}; server {args.src}; {args.samples} posts of each kind, {args.pause * 1000:.0f} ms apart")
    print(f"known customer:  {quartiles(times[KNOWN])}")
    print(f"unknown address: {quartiles(times[UNKNOWN])}")
    gap, low, high = median_gap(times[KNOWN], times[UNKNOWN])
    print(f"difference of the medians: {gap * 1000:+.3f} ms (95 % interval {low * 1000:+.3f} to {high * 1000:+.3f} ms)")
    same = len(pages[KNOWN]) == 1 and pages[KNOWN] == pages[UNKNOWN]
    to_customers = sum(1 for to in inbox.received if to.startswith("customer-"))
    print(f"same page for both: {'yes' if same else 'no'}; {failures} failed; letters received: {to_customers} to "
          f"customers ({WARM_UP + args.samples} posted), {len(inbox.received) - to_customers} to unknown addresses")


if __name__ == "__main__":
    main()
