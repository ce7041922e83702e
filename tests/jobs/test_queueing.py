"""On PostgreSQL a completion is queued in the transaction that finds the request: the job is in Procrastinate's
table once the API has answered 202, and a second completion while the first waits is refused in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from tests.fixtures.shop import Shop
from tests.jobs.test_long_rights import AUTH, file, serving


@pytest.mark.parametrize("shop_url", ["sqlite"], indirect=True)
def test_a_completion_is_queued_once_with_its_request(connected: tuple[str, Shop], postgres_engine: Engine,
                                                      postgres_url: str, tmp_path: Path) -> None:
    _, built = connected
    with serving(tmp_path, database_url=postgres_url, jobs_in_process=False) as client:  # no worker
        ref = file(client, built.jeanne.email, "access")
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
