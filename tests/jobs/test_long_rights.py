"""An erasure across connected databases goes to a worker: the API answers 202 with the job at once, the worker
completes the request, and the audit log holds the same entries as when staff complete it inline."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import create_engine, select

from registre.app import create_app
from registre.config import Settings
from registre.db.session import unit_of_work
from registre.models.audit import AuditEntry
from registre.rights import flows
from tests.connectors.test_rights import ANNOTATION, DECLARATION
from tests.fixtures.context import as_dpo
from tests.fixtures.shop import Shop, build_shop, identifiers_left
from tests.jobs.test_worker import until

TOKEN = "a-token-for-the-test"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _audited(client: TestClient, ref: str) -> list[tuple[Any, ...]]:
    """The audit entries of a request in order, as a reader compares them: without their ids, times and hashes,
    the request's reference and the dataset's batch counter (which count across requests); reads left out."""
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with unit_of_work(engine) as session:
        entries = session.scalars(select(AuditEntry).where(
            (AuditEntry.target_ref == ref) | (AuditEntry.details["request"].as_string() == ref)).order_by(
            AuditEntry.id))
        return [(e.actor, e.action, e.target_type, e.target_ref if e.target_ref != ref else "<request>",
                 e.subject_ref, {k: "<request>" if v == ref else v for k, v in e.details.items() if k != "batch"})
                for e in entries if e.action != "request.read"]


def serving(tmp_path: Path, **store: Any) -> TestClient:
    """The API on the shop's declaration and annotation, jobs in process unless `store` says otherwise, no
    schedules; enter it to start the app."""
    settings = Settings(data_dir=tmp_path, declaration=DECLARATION, datasets=ANNOTATION, api_token=SecretStr(TOKEN),
                        schedule_outbox="", schedule_purges="", schedule_breach_alerts="", schedule_retention="",
                        **{"jobs_in_process": True, **store})
    return TestClient(create_app(settings))


def file(client: TestClient, email: str, kind: str) -> str:
    """File a request of `kind` for the person with that email through the API; its reference."""
    filed = client.post("/api/requests", headers=AUTH, json={
        "kind": kind, "channel": "email", "subject": f"email:{email}", "requester": {"email": email}})
    assert filed.status_code == 201, filed.text
    return str(filed.json()["request"]["ref"])


@pytest.mark.parametrize("shop_url", ["sqlite"], indirect=True)
def test_an_erasure_across_connected_databases_is_queued_and_done_by_the_worker(
        connected: tuple[str, Shop], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url, built = connected
    with serving(tmp_path) as client:
        queued_ref = file(client, built.jeanne.email, "erasure")
        queued = client.post(f"/api/requests/{queued_ref}/complete", headers=AUTH)
        assert queued.status_code == 202, queued.text
        assert queued.json()["request"] == queued_ref
        assert isinstance(queued.json()["job"], int)

        def done() -> bool:
            shown = client.get(f"/api/requests/{queued_ref}", headers=AUTH).json()
            return bool(shown["status"] == "completed")

        until(done, seconds=120)
        assert {t: n for t, n in identifiers_left(url, built.jeanne.identifiers).items() if n} == {"invoices": 3}

        # The same erasure of the same person in an identical shop, completed inline by the same actor: the same
        # audit entries, in the same order, with the same details.
        twin = tmp_path / "twin.sqlite3"
        twin_engine = create_engine(f"sqlite:///{twin}")
        build_shop(twin_engine)
        twin_engine.dispose()
        monkeypatch.setenv("SHOP_DATABASE_URL", f"sqlite:///{twin}")
        inline_ref = file(client, built.jeanne.email, "erasure")
        state = client.app.state  # type: ignore[attr-defined]
        flows.complete(as_dpo(state.engine, state.declared, "api", settings=state.settings), inline_ref)
        by_worker, inline = _audited(client, queued_ref), _audited(client, inline_ref)
        assert by_worker == inline
        actions = Counter(entry[1] for entry in by_worker)
        assert actions["request.completed.erasure"] == 1
        assert actions["dataset.statement"] > 0  # every statement run in the shop's database


@pytest.mark.parametrize("shop_url", ["sqlite"], indirect=True)
def test_a_client_that_prefers_to_wait_gets_the_completed_request(connected: tuple[str, Shop],
                                                                  tmp_path: Path) -> None:
    url, built = connected
    with serving(tmp_path) as client:
        # `respond-async` wins over `wait`: the job, at once.
        ref = file(client, built.jeanne.email, "access")
        queued = client.post(f"/api/requests/{ref}/complete", headers=AUTH | {"Prefer": "respond-async, wait=30"})
        assert queued.status_code == 202, queued.text
        assert "Preference-Applied" not in queued.headers
        until(lambda: client.get(f"/api/requests/{ref}", headers=AUTH).json()["status"] == "completed", seconds=120)

        ref = file(client, built.jeanne.email, "erasure")
        waited = client.post(f"/api/requests/{ref}/complete", headers=AUTH | {"Prefer": "wait=30"})
        assert waited.status_code == 200, waited.text
        assert waited.headers["Preference-Applied"] == "wait=30"
        assert waited.json()["request"]["ref"] == ref
        assert waited.json()["request"]["status"] == "completed"
        assert {t: n for t, n in identifiers_left(url, built.jeanne.identifiers).items() if n} == {"invoices": 3}
