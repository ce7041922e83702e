"""Load benchmark of the cookie banner's proof endpoint (issue 5): proofs per second and latency, on SQLite.

Starts `registre serve` (one process, as shipped) on a free loopback port with Le Nappage's declaration and a
fresh SQLite store, then posts proofs from a local load generator: a fixed number of keep-alive connections,
each sending one proof after another, bounded in count (--count) and in time (--seconds); loopback only. Each
proof is a new browser's choice (random consent id, three categories), as the banner posts it. Prints the
throughput, the latency percentiles, the machine and the date, and checks that every proof answered 201 is in the
store.

    python bench/consent.py --count 20000 --connections 32
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DECLARATION = ROOT / "examples" / "le-nappage.yaml"
HOST = "127.0.0.1"  # loopback only


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def app() -> Any:
    """The app, for uvicorn's worker processes (--workers)."""
    from registre.app import create_app
    from registre.config import get_settings

    return create_app(get_settings())


def start_server(folder: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    """`registre serve` in a process of its own (or uvicorn with several workers); returns once it answers."""
    env = {**os.environ, "REGISTRE_DATA_DIR": str(folder), "REGISTRE_DECLARATION": str(DECLARATION),
           "REGISTRE_LANG": "en"}
    if workers == 1:
        command = [sys.executable, "-c", "from registre.cli import main; main()", "serve", "--port", str(port)]
    else:
        command = [sys.executable, "-m", "uvicorn", "--factory", "consent:app", "--app-dir", str(ROOT / "bench"),
                   "--host", HOST, "--port", str(port), "--workers", str(workers), "--log-level", "warning"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/banner/config?lang=en", timeout=2):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("registre serve did not start")


def proof(version: str) -> bytes:
    body = {"consent_id": secrets.token_hex(16), "notice_version": version, "lang": "en", "action": "customise",
            "choices": {"functional": False, "audience_measurement": True, "advertising": False},
            "location": "https://www.le-nappage.example/"}
    return json.dumps(body).encode()


async def client(port: int, version: str, quota: list[int], until: float, latencies: list[float],
                 failures: list[int]) -> None:
    """One keep-alive connection posting proofs until the count or the time is used up."""
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while quota[0] > 0 and time.monotonic() < until:
            quota[0] -= 1
            body = proof(version)
            request = (f"POST /banner/proof HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: text/plain\r\n"
                       f"Content-Length: {len(body)}\r\n\r\n").encode() + body
            began = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - began)
            if b" 201 " not in status:
                failures.append(1)
    finally:
        writer.close()


async def load(port: int, version: str, count: int, connections: int, seconds: float) -> tuple[list[float], int,
                                                                                                   float]:
    quota = [count]
    latencies: list[float] = []
    failures: list[int] = []
    began = time.perf_counter()
    until = time.monotonic() + seconds
    await asyncio.gather(*(client(port, version, quota, until, latencies, failures) for _ in range(connections)))
    return latencies, len(failures), time.perf_counter() - began


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    """Start the server, warm it up, load it, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000, help="Proofs to post (at most).")
    parser.add_argument("--connections", type=int, default=32, help="Concurrent keep-alive connections.")
    parser.add_argument("--workers", type=int, default=1, help="1: `registre serve` as shipped; more: uvicorn "
                        "worker processes on the same store.")
    parser.add_argument("--seconds", type=float, default=120, help="Stop after this many seconds.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        server = start_server(Path(folder), port, args.workers)
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/banner/config?lang=en") as response:
                version = json.load(response)["version"]
            warm_up, warm_failures, _ = asyncio.run(load(port, version, 500, args.connections, 30))  # not timed
            latencies, failures, elapsed = asyncio.run(load(port, version, args.count, args.connections,
                                                            args.seconds))
        finally:
            server.terminate()
            server.wait(timeout=30)
        with sqlite3.connect(Path(folder) / "registre.sqlite3") as store:
            receipts = store.execute("SELECT count(DISTINCT receipt_ref) FROM consent_event").fetchone()[0]
    done = len(latencies)
    print(f"{dt.date.today()} {platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}, "
          f"SQLite {sqlite3.sqlite_version}; {args.workers} server process(es) and the load generator on the same "
          "machine")
    print(f"{done:,} proofs in {elapsed:.1f} s over {args.connections} connections: {done / elapsed:,.0f} proofs/s; "
          f"{failures} failed")
    print(f"latency: median {statistics.median(latencies) * 1000:.1f} ms, p95 {percentile(latencies, .95) * 1000:.1f}"
          f" ms, p99 {percentile(latencies, .99) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")
    expected = done + len(warm_up)
    print(f"receipts in the store: {receipts:,} (warm-up included: {expected:,} expected)")
    if receipts != expected or failures or warm_failures:
        sys.exit(f"{failures + warm_failures} proof(s) failed, or a proof answered 201 is not in the store")


if __name__ == "__main__":
    main()
