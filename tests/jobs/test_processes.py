"""Two `registre serve` processes and two `registre worker` processes on one PostgreSQL store: confirmations
of the privacy center's forms file each request once, letters go out once each, and rate limits hold across the
processes (counted in the store)."""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from registre.db.session import unit_of_work
from registre.kit.sealing import seal_token
from registre.kit.signing import signed
from registre.models.audit import AuditEntry
from registre.models.outbox import OutboxLetter
from registre.models.requests import RightsRequest
from registre.rights.schemas import RequestDetails, RequestKind
from registre.web.center.schemas import RequestForm
from tests.jobs.test_worker import registre, until
from tests.mail.test_sender import free_port

SECRET = "a-secret-shared-by-every-process-of-the-test"
MINIMAL = Path(__file__).parents[1] / "declarations" / "minimal.yaml"
LIMIT = 250


def call(url: str, data: dict[str, str] | None = None, cookie: str | None = None) -> int:
    """The HTTP status of a GET (or a POST of `data`)."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        error.close()
        return int(error.code)


@pytest.fixture
def cluster(postgres_engine: Engine, postgres_url: str, tmp_path: Path) -> Iterator[list[str]]:
    """Two web processes and two workers on the test's PostgreSQL store; yields the web addresses."""
    env = {"REGISTRE_DATABASE_URL": postgres_url, "REGISTRE_DECLARATION": str(MINIMAL),
           "REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_SECRET_KEY": SECRET, "REGISTRE_RATE_LIMIT": str(LIMIT),
           "REGISTRE_SCHEDULE_PURGES": "", "REGISTRE_SCHEDULE_BREACH_ALERTS": "", "REGISTRE_SCHEDULE_RETENTION": ""}
    ports = [free_port(), free_port()]
    processes = [registre(env, "serve", "--port", str(port)) for port in ports]
    processes += [registre(env, "worker"), registre(env, "worker")]
    bases = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for base in bases:
            until(lambda base=base: _up(base), seconds=120)
        yield bases
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.communicate()


def _up(base: str) -> bool:
    try:
        return call(f"{base}/") == 200
    except OSError:
        return False


def test_two_hundred_confirmations_of_a_hundred_forms_on_two_processes_file_a_hundred_requests(
        cluster: list[str], postgres_engine: Engine, tmp_path: Path) -> None:
    tokens = [seal_token(SECRET, "center-request", RequestForm(
        kind=RequestKind.access, email=f"person{n}@example.fr", name=f"Person {n}", lang="fr",
        details=RequestDetails()).model_dump(mode="json", exclude_defaults=True)) for n in range(100)]
    cookie = "a-reader-cookie"
    csrf = signed(f"c:{cookie}", "csrf", None, secret=SECRET)
    # Each form confirmed twice at once, once on each web process.
    calls = [(f"{base}/confirm/{token}", token) for token in tokens for base in cluster]
    with ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(pool.map(lambda c: call(c[0], {"csrf": csrf}, f"registre_csrf={cookie}"), calls))
    assert statuses == [200] * 200
    with unit_of_work(postgres_engine) as session:
        assert session.scalar(select(func.count()).select_from(RightsRequest)) == 100
        assert session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "request.received")) == 100
        kinds = dict(session.execute(select(OutboxLetter.kind, func.count()).group_by(OutboxLetter.kind)).all())
        assert kinds == {"request.received": 100, "request.follow": 100}

    def all_sent() -> bool:
        with unit_of_work(postgres_engine) as session:
            return not session.scalar(select(func.count()).select_from(OutboxLetter).where(
                OutboxLetter.sent_at.is_(None)))

    until(all_sent, seconds=180)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 200  # one file per Message-ID: no letter twice

    # Rate limits: one client, one route, both processes: exactly LIMIT calls in a minute are let through.
    if time.time() % 60 > 30:  # all the calls in one window of the clock's minute
        time.sleep(61 - time.time() % 60)
    with ThreadPoolExecutor(max_workers=8) as pool:
        limited = list(pool.map(lambda n: call(f"{cluster[n % 2]}/status/not-a-token"), range(LIMIT + 20)))
    assert limited.count(429) == 20
