"""An erasure across connected databases goes to a worker: the API answers 202 with the job at once, the worker
completes the request, and the audit log holds the same entries as when staff complete it inline."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select

from registre.app import create_app
from registre.config import Settings
from registre.db.session import unit_of_work
from registre.models.audit import AuditEntry
from registre.rights import flows
from tests.connectors.test_rights import ANNOTATION, DECLARATION
from tests.fixtures.shop import Shop, identifiers_left
from tests.jobs.test_worker import until

TOKEN = "a-token-for-the-test"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _audited(client: TestClient, ref: str) -> Counter[str]:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with unit_of_work(engine) as session:
        actions = session.scalars(select(AuditEntry.action).where(
            (AuditEntry.target_ref == ref) | (AuditEntry.details["request"].as_string() == ref)))
        return Counter(a for a in actions if a != "request.read")


@pytest.mark.parametrize("shop_url", ["sqlite"], indirect=True)
def test_an_erasure_across_connected_databases_is_queued_and_done_by_the_worker(
        shop: tuple[str, Shop], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url, built = shop
    monkeypatch.setenv("SHOP_DATABASE_URL", url)
    settings = Settings(data_dir=tmp_path, declaration=DECLARATION, datasets=ANNOTATION, api_token=SecretStr(TOKEN),
                        jobs_in_process=True, schedule_outbox="", schedule_purges="", schedule_breach_alerts="",
                        schedule_retention="")
    with TestClient(create_app(settings)) as client:
        refs = {}
        for who in (built.jeanne.email, built.paul.email):
            filed = client.post("/api/requests", headers=AUTH, json={
                "kind": "erasure", "channel": "email", "subject": f"email:{who}", "requester": {"email": who}})
            assert filed.status_code == 201, filed.text
            refs[who] = filed.json()["request"]["ref"]

        queued = client.post(f"/api/requests/{refs[built.jeanne.email]}/complete", headers=AUTH)
        assert queued.status_code == 202, queued.text
        assert queued.json()["request"] == refs[built.jeanne.email]
        assert isinstance(queued.json()["job"], int)

        def done() -> bool:
            shown = client.get(f"/api/requests/{refs[built.jeanne.email]}", headers=AUTH).json()
            return bool(shown["status"] == "completed")

        until(done, seconds=120)
        assert {t: n for t, n in identifiers_left(url, built.jeanne.identifiers).items() if n} == {"invoices": 3}

        # Paul's erasure, completed inline by staff: the same kinds of audit entries, as many of each.
        flows.complete(client.app.state.engine, settings, client.app.state.declared,  # type: ignore[attr-defined]
                       refs[built.paul.email], actor="dpo")
        by_worker, inline = _audited(client, refs[built.jeanne.email]), _audited(client, refs[built.paul.email])
        assert by_worker == inline
        assert by_worker["request.completed.erasure"] == 1
        assert by_worker["dataset.statement"] > 0  # every statement run in the shop's database
