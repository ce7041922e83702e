"""Benchmark of the job queue (issue 14): letters per second queued in the outbox with their jobs on
Procrastinate and drained by two `registre worker` processes, on PostgreSQL.

Starts two workers and waits until both are registered in the queue; then, clock running, queues N letters in
transactions of `--batch` (each an outbox row, as a flow writes it with its event), each followed by a nudge of the
workers: a `registre.outbox.drain` job (at most one waiting; each drains batches of letters until none is due), or
with `--mode ids` one `registre.outbox.deliver` job per `--per-job` letters (the first version); and waits until
every letter is marked sent: to an aiosmtpd server in its own process on the loopback (one SMTP connection per
batch), or with `--files` to the outbox folder. Prints the figures with the machine, the date, the load average and
the CPU time the workers and the SMTP server took (on a shared machine, what the queue itself costs).

    python bench/jobs.py --letters 5000 --url postgresql+psycopg://postgres@127.0.0.1:5432/registre_bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, insert, select
from store import fresh_database  # bench/store.py, beside this script

from registre.config import Settings
from registre.db.session import make_engine, unit_of_work, upgrade
from registre.jobs import queue
from registre.jobs.flows import drain_outbox
from registre.mail import outbox
from registre.models.outbox import OutboxLetter

SRC = Path(__file__).resolve().parents[1] / "src"


def free_port() -> int:
    """A port of the loopback that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) a process of this machine has taken so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500, help="letters per transaction when queuing")
    parser.add_argument("--mode", choices=("drain", "ids"), default="drain", help="drain jobs, or a deliver job "
                        "per --per-job letters")
    parser.add_argument("--per-job", type=int, default=50, help="letters per deliver job (--mode ids)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=4, help="jobs at once in each worker")
    parser.add_argument("--url", required=True, help="a PostgreSQL database to drop and create")
    parser.add_argument("--files", action="store_true", help="write each letter to the outbox folder instead of "
                        "SMTP (the queue's own throughput)")
    args = parser.parse_args()
    url = fresh_database(args.url, Path(tempfile.mkdtemp()))
    engine = make_engine(url)
    upgrade(engine)
    port = free_port()
    smtp = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}", "-c",
                             "aiosmtpd.handlers.Sink"])
    mail = ({"REGISTRE_DATA_DIR": tempfile.mkdtemp()} if args.files else
            {"REGISTRE_SMTP_HOST": "127.0.0.1", "REGISTRE_SMTP_PORT": str(port), "REGISTRE_SMTP_STARTTLS": "false"})
    env = {**os.environ, "PYTHONPATH": str(SRC), "REGISTRE_DATABASE_URL": url, **mail, "REGISTRE_SCHEDULE_OUTBOX": "",
           "REGISTRE_SCHEDULE_PURGES": "", "REGISTRE_SCHEDULE_BREACH_ALERTS": "", "REGISTRE_SCHEDULE_RETENTION": "",
           "REGISTRE_MAIL_FROM": "dpo@bench.example"}
    settings = Settings(database_url=url)
    jobs = queue.build(settings, engine)
    deliver = jobs.tasks["registre.outbox.deliver"]
    workers = [subprocess.Popen([sys.executable, "-c", "from registre.cli import main; main()", "worker",
                                 "--concurrency", str(args.concurrency)], env=env, stderr=subprocess.DEVNULL)
               for _ in range(args.workers)]
    try:
        while True:  # the workers are up (registered in the queue) before the clock starts
            with engine.connect() as connection:
                if connection.exec_driver_sql("SELECT count(*) FROM procrastinate_workers").scalar() == args.workers:
                    break
            time.sleep(0.2)
        started = sum(cpu_seconds(w.pid) for w in workers)  # importing and connecting: not the queue's work
        start = time.perf_counter()
        with jobs.open():
            for first in range(0, args.letters, args.batch):
                rows = [{"key": f"bench:{n}", "kind": "bench", "recipient": f"person{n}@example.fr",
                         "subject": f"Votre demande a bien été reçue ({n})", "body": "Bonjour,\n\nRéférence : x\n",
                         "message_id": outbox.local_id(f"bench:{n}")}
                        for n in range(first, min(first + args.batch, args.letters))]
                with unit_of_work(engine) as session:
                    ids = list(session.scalars(insert(OutboxLetter).returning(OutboxLetter.id), rows))
                if args.mode == "drain":
                    drain_outbox(jobs)
                else:
                    deliver.batch_defer(*({"ids": ids[i:i + args.per_job]} for i in range(0, len(ids), args.per_job)))
        queued = time.perf_counter() - start
        while True:
            with unit_of_work(engine) as session:
                left = session.scalar(select(func.count()).select_from(OutboxLetter).where(
                    OutboxLetter.sent_at.is_(None)))
            if not left:
                break
            time.sleep(0.1)
        total = time.perf_counter() - start
        cpu = {"workers": sum(cpu_seconds(w.pid) for w in workers) - started, "smtp": cpu_seconds(smtp.pid)}
    finally:
        for process in [*workers, smtp]:
            process.terminate()
            process.wait()
    with engine.connect() as connection:
        version = connection.exec_driver_sql("SHOW server_version").scalar()
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M} · {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, PostgreSQL {version}, load average {os.getloadavg()[0]:.1f}")
    where = "files" if args.files else "SMTP to aiosmtpd"
    jobs_of = "drain jobs" if args.mode == "drain" else f"jobs of {args.per_job}"
    print(f"{args.letters} letters, {jobs_of}, {args.workers} workers x {args.concurrency}, {where}")
    print(f"queued in {queued:.1f} s: {args.letters / queued:,.0f} letters/s (the workers sending meanwhile)")
    print(f"queued and drained in {total:.1f} s: {args.letters / total:,.0f} letters/s")
    print(f"CPU time: workers {cpu['workers']:.1f} s ({cpu['workers'] / args.letters * 1000:.2f} ms a letter), "
          f"SMTP server {cpu['smtp']:.1f} s")


if __name__ == "__main__":
    main()
