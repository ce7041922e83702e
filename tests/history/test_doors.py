"""The history import through the API and the CLI: the same rows, the same checks, audited the same way."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import select
from typer.testing import CliRunner

from registre.app import create_app
from registre.cli import app
from registre.config import Settings, get_settings
from registre.db.session import make_engine, unit_of_work
from registre.declarations.service import load
from registre.models.audit import AuditEntry
from registre.models.consent import ConsentEvent
from registre.staff import service as staff
from registre.staff.policy import Policy
from tests.conftest import MINIMAL
from tests.fixtures.factories import store_with_jeanne

TOKEN = "staff-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ROWS: list[dict[str, Any]] = [
    {"who": "jeanne@example.fr", "kind": "consent_given", "at": "2025-02-01T09:15", "purpose": "newsletter",
     "channel": "email", "method": "paper", "wording": "Je veux la lettre."},
    {"who": "email:jeanne@example.fr", "kind": "objection", "at": "2025-09-01"},
]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    settings = Settings(data_dir=tmp_path, declaration=MINIMAL, api_token=SecretStr(TOKEN), lang="en")
    store_with_jeanne(settings.store_url)
    return settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def actions(settings: Settings) -> list[AuditEntry]:
    engine = make_engine(settings.store_url)
    with unit_of_work(engine) as session:
        found = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "history.import")))
    engine.dispose()
    return found


def test_the_api_imports_a_list_of_rows_audited_as_an_import(client: TestClient, settings: Settings) -> None:
    body = json.dumps(ROWS).encode()
    response = client.post("/api/history", headers={**AUTH, "Content-Type": "application/json"}, content=body)
    assert response.status_code == 201, response.text
    assert response.json() == {"file": "history.json", "sha256": hashlib.sha256(body).hexdigest(), "format": "json",
                               "rows": 2, "kinds": {"consent_given": 1, "objection": 1}, "consent_events": 1}
    [entry] = actions(settings)
    assert (entry.actor, entry.target_ref) == ("api", hashlib.sha256(body).hexdigest())
    shown = client.get("/api/consent/subjects/email:jeanne@example.fr", headers=AUTH).json()
    assert [(e["state"], e["method"], e["at"]) for e in shown["events"]] == [
        ("given", "paper", "2025-02-01T08:15:00Z")]
    assert shown["intact"] is True


def test_the_api_refuses_a_bad_row_with_every_problem_and_writes_nothing(client: TestClient,
                                                                          settings: Settings) -> None:
    rows = [*ROWS, {"who": "nobody@example.fr", "kind": "stop", "at": "2025-02-01"},
            {"who": "jeanne@example.fr", "kind": "event", "at": "2025-02-01", "event": "moved"}]
    response = client.post("/api/history", headers={**AUTH, "Accept-Language": "fr"}, content=json.dumps(rows))
    assert response.status_code == 422
    answer = response.json()
    assert answer["error"] == "import_invalid"
    assert [(p["item"], p["line"], p["column"]) for p in answer["problems"]] == [(3, 1, "kind"), (4, 1, "event")]
    assert answer["problems"][0]["message"].startswith("La déclaration n'a pas de canal de prospection par SMS")
    assert actions(settings) == []
    shown = client.get("/api/consent/subjects/email:jeanne@example.fr", headers=AUTH).json()
    assert shown["events"] == []


def test_the_api_needs_a_token_and_the_consent_duty(client: TestClient, settings: Settings) -> None:
    assert client.post("/api/history", json=ROWS).status_code == 401
    engine = make_engine(settings.store_url)
    with unit_of_work(engine) as session:
        member = staff.add(session, email="agent@example.fr", role="sales", password="a long enough password!",
                           policy=Policy(load(MINIMAL), {}), actor="test")
        token = staff.new_api_token(session, member, actor="test")
    engine.dispose()
    refused = client.post("/api/history", headers={"Authorization": f"Bearer {token}"}, json=ROWS)
    assert refused.status_code == 403


def registre(settings: Settings, *args: str) -> Any:
    get_settings.cache_clear()
    env = {"REGISTRE_DATA_DIR": str(settings.data_dir), "REGISTRE_DECLARATION": str(settings.declaration),
           "REGISTRE_LANG": "en"}
    return CliRunner().invoke(app, list(args), env=env)


def test_the_cli_imports_a_file_and_says_each_problem_in_plain_words(settings: Settings, tmp_path: Path) -> None:
    good = tmp_path / "ledger.csv"
    good.write_text("who,kind,at,purpose,channel\njeanne@example.fr,consent_refused,2025-01-10,newsletter,email\n"
                    "jeanne@example.fr,consent_given,2025-03-10,newsletter,email\n", encoding="utf-8")
    done = registre(settings, "history", "import", str(good))
    assert done.exit_code == 0, done.output
    assert "ledger.csv: 2 event(s) imported (consent given 1, consent refused 1); 2 consent event(s) written." in \
        done.output
    bad = tmp_path / "bad.csv"
    bad.write_text("who,kind,at\njeanne@example.fr,consent_given,yesterday\n", encoding="utf-8")
    refused = registre(settings, "history", "import", str(bad))
    assert refused.exit_code == 1
    assert "bad.csv: 2 problem(s); nothing was loaded." in refused.output
    assert "Line 2, column at: 'yesterday' is not a date" in refused.output
    assert "Line 2, column purpose: A value is required." in refused.output
    assert "Traceback" not in refused.output
    as_json = registre(settings, "history", "import", str(bad), "--json")
    assert [p["column"] for p in json.loads(as_json.stdout)["problems"]] == ["at", "purpose"]
    engine = make_engine(settings.store_url)
    with unit_of_work(engine) as session:
        assert len(list(session.scalars(select(ConsentEvent)))) == 2
    engine.dispose()
