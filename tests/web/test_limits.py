"""Integers over their column's range (2^31 past an INTEGER, 2^63 past a BIGINT) are refused at the edge, naming
the field, on every route that takes one, on SQLite and PostgreSQL; nothing is written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from registre.app import create_app
from registre.cli import app as cli
from registre.config import Settings, get_settings
from registre.db.session import unit_of_work
from registre.models.breaches import Breach
from registre.models.requests import RightsRequest
from tests.conftest import MINIMAL
from tests.fixtures.factories import create_subject

TOKEN = "limits-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
TOO_BIG = [2**31, 2**63]
BREACH = {"title": "Stolen laptop", "nature": ["confidentiality"], "aware_at": "2026-11-02T09:00:00+01:00"}


@pytest.fixture
def client(engine: Engine, tmp_path: Path) -> Iterator[TestClient]:
    """The API and pages on the store of `engine` (SQLite or PostgreSQL), with Jeanne in it."""
    with unit_of_work(engine) as session:
        create_subject(session)
    settings = Settings(data_dir=tmp_path, declaration=MINIMAL, api_token=SecretStr(TOKEN), lang="en",
                        database_url=engine.url.render_as_string(hide_password=False))
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def refused(answer: Any, field: str) -> None:
    """A 422 whose detail names `field`, as the API says it."""
    assert answer.status_code == 422, answer.text
    assert [e["loc"][-1] for e in answer.json()["detail"]] == [field]


@pytest.mark.parametrize("big", TOO_BIG)
def test_numbers_past_a_column_are_refused_by_the_api_naming_the_field(client: TestClient, engine: Engine,
                                                                       big: int) -> None:
    ref = client.post("/api/requests", headers=AUTH, json={
        "kind": "access", "channel": "email", "requester": {"email": "paul@example.fr"}}).json()["request"]["ref"]
    breach = client.post("/api/breaches", headers=AUTH, json=BREACH).json()["ref"]
    for path in ("/api/requests", "/api/breaches"):
        refused(client.get(f"{path}?offset={big}", headers=AUTH), "offset")
        refused(client.get(f"{path}?limit={big}", headers=AUTH), "limit")
    refused(client.post(f"/api/requests/{ref}/refuse", headers=AUTH, json={"reasons": "A copy", "fee_cents": big}),
            "fee_cents")
    for field in ("subjects_count", "records_count"):
        refused(client.patch(f"/api/breaches/{breach}", headers=AUTH, json={field: big}), field)
        refused(client.post("/api/breaches", headers=AUTH, json={**BREACH, field: big}), field)
        refused(client.post("/api/breaches/processor-reports", headers=AUTH, json={
            "processor": "Hébergeur", "title": "Leak", "nature": ["confidentiality"], field: big}), field)
    with unit_of_work(engine) as session:  # nothing half-written
        assert session.scalars(select(RightsRequest.status)).all() == ["open"]
        assert session.execute(select(Breach.subjects_count, Breach.records_count)).all() == [(None, None)]
    # the largest number the column holds is taken
    top = client.patch(f"/api/breaches/{breach}", headers=AUTH, json={"records_count": 2**31 - 1})
    assert top.status_code == 200, top.text
    assert top.json()["records_count"] == 2**31 - 1


@pytest.mark.parametrize("big", TOO_BIG)
def test_numbers_past_a_column_are_refused_by_the_pages_in_words(client: TestClient, big: int) -> None:
    for path, field in ((f"/staff/requests?offset={big}", "offset"), (f"/staff/audit?before={big}", "before")):
        answer = client.get(path, headers={**AUTH, "Accept": "text/html"})
        assert answer.status_code == 422, path
        assert field in answer.text
        assert "Traceback" not in answer.text


@pytest.mark.parametrize("big", TOO_BIG)
def test_numbers_past_a_column_are_refused_by_the_cli_naming_the_option(tmp_path: Path, big: int) -> None:
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(MINIMAL), "REGISTRE_LANG": "en"}
    for args, option in ((["requests", "list", "--offset", str(big)], "--offset"),
                         (["requests", "refuse", "R", "--reasons", "x", "--fee-cents", str(big)], "--fee-cents")):
        get_settings.cache_clear()
        result = CliRunner().invoke(cli, args, env=env)
        assert result.exit_code == 2, result.output
        assert option in result.output
        assert "Traceback" not in result.output
