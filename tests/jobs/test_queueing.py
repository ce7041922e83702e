"""On PostgreSQL a completion is queued in the transaction that finds the request: the job is in Procrastinate's
table once the API has answered 202, and a second completion while the first waits is refused in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, text

from registre.app import create_app
from registre.config import Settings
from tests.connectors.test_rights import ANNOTATION, DECLARATION
from tests.fixtures.shop import Shop

TOKEN = "a-token-for-the-test"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize("shop_url", ["sqlite"], indirect=True)
def test_a_completion_is_queued_once_with_its_request(shop: tuple[str, Shop], postgres_engine: Engine,
                                                      postgres_url: str, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    url, built = shop
    monkeypatch.setenv("SHOP_DATABASE_URL", url)
    settings = Settings(data_dir=tmp_path, database_url=postgres_url, declaration=DECLARATION, datasets=ANNOTATION,
                        api_token=SecretStr(TOKEN), jobs_in_process=False, schedule_outbox="", schedule_purges="",
                        schedule_breach_alerts="", schedule_retention="")
    with TestClient(create_app(settings)) as client:
        filed = client.post("/api/requests", headers=AUTH, json={
            "kind": "access", "channel": "email", "subject": f"email:{built.jeanne.email}",
            "requester": {"email": built.jeanne.email}})
        assert filed.status_code == 201, filed.text
        ref = filed.json()["request"]["ref"]
        try:
            queued = client.post(f"/api/requests/{ref[:8]}/complete", headers=AUTH)  # as a person types it
            assert queued.status_code == 202, queued.text
            with postgres_engine.connect() as connection:
                jobs = connection.execute(text(
                    "SELECT id, task_name, status, args->>'ref' FROM procrastinate_jobs WHERE queueing_lock = :lock"),
                    {"lock": f"complete:{ref}"}).all()
            assert [tuple(job) for job in jobs] == [
                (queued.json()["job"], "registre.requests.complete", "todo", ref)]

            again = client.post(f"/api/requests/{ref}/complete", headers=AUTH)
            assert again.status_code == 409, again.text
            assert "queued" in again.json()["detail"]
        finally:
            with postgres_engine.begin() as connection:  # no worker of another test takes it up
                connection.execute(text("DELETE FROM procrastinate_jobs WHERE queueing_lock = :lock"),
                                   {"lock": f"complete:{ref}"})
