"""The consent ledger through the API and the CLI: the same door for giving and withdrawing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from typer.testing import CliRunner

from registre.app import create_app
from registre.cli import app
from registre.config import Settings, get_settings
from tests.conftest import MINIMAL
from tests.fixtures.factories import store_with_jeanne

TOKEN = "staff-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
GIVE = {"subject": "email:jeanne@example.fr", "purpose": "newsletter", "channel": "email", "state": "given",
        "wording": "Je veux la lettre.", "location": "https://exemple.fr/compte", "lang": "fr"}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path, declaration=MINIMAL, api_token=SecretStr(TOKEN), lang="en")
    store_with_jeanne(settings.store_url)
    with TestClient(create_app(settings)) as client:
        yield client


def test_consent_is_given_and_withdrawn_through_the_same_endpoint(client: TestClient) -> None:
    given = client.post("/api/consent", headers=AUTH, json=GIVE)
    assert given.status_code == 201, given.text
    receipt = given.json()[0]["receipt_ref"]
    withdrawn = client.post("/api/consent", headers=AUTH, json={
        "subject": "email:jeanne@example.fr", "purpose": "newsletter", "channel": "email", "state": "withdrawn"})
    assert withdrawn.status_code == 201, withdrawn.text
    shown = client.get("/api/consent/subjects/email:jeanne@example.fr", headers=AUTH).json()
    assert [e["state"] for e in shown["events"]] == ["given", "withdrawn"]
    iso = client.get(f"/api/consent/receipts/{receipt}", headers=AUTH).json()
    assert iso["proof"]["wording"] == "Je veux la lettre."
    kantara = client.get(f"/api/consent/receipts/{receipt}?format=kantara", headers=AUTH).json()
    assert kantara["consentReceiptID"] == receipt


def test_the_consent_api_answers_nothing_without_a_token(client: TestClient) -> None:
    assert client.post("/api/consent", json=GIVE).status_code == 401
    assert client.get("/api/consent/subjects/email:jeanne@example.fr").status_code == 401


def test_a_consent_without_wording_is_a_422_in_plain_words(client: TestClient) -> None:
    response = client.post("/api/consent", headers={**AUTH, "Accept-Language": "fr"},
                           json={**GIVE, "wording": None})
    assert response.status_code == 422
    assert "texte exact" in response.json()["detail"]
    shown = client.get("/api/consent/subjects/email:jeanne@example.fr", headers=AUTH).json()
    assert shown["events"] == []


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    store_with_jeanne(f"sqlite:///{tmp_path / 'registre.sqlite3'}")
    return {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(MINIMAL), "REGISTRE_LANG": "en"}


def registre(env: dict[str, str], *args: str) -> Any:
    get_settings.cache_clear()
    return CliRunner().invoke(app, list(args), env=env)


def test_the_cli_gives_withdraws_shows_and_prints_the_receipt(env: dict[str, str]) -> None:
    given = registre(env, "consent", "give", "--subject", "jeanne@example.fr", "--purpose", "newsletter",
                     "--channel", "email", "--wording", "Je veux la lettre.", "--json")
    assert given.exit_code == 0, given.output
    receipt = json.loads(given.output)[0]["receipt_ref"]
    withdrawn = registre(env, "consent", "withdraw", "--subject", "jeanne@example.fr", "--purpose", "newsletter",
                         "--channel", "email")
    assert withdrawn.exit_code == 0
    assert "withdrawn" in withdrawn.output
    shown = registre(env, "consent", "show", "email:jeanne@example.fr", "--json")
    assert [e["state"] for e in json.loads(shown.output)["events"]] == ["given", "withdrawn"]
    printed = registre(env, "consent", "receipt", receipt, "--kantara")
    assert json.loads(printed.output)["consentReceiptID"] == receipt


def test_the_cli_says_what_is_missing_without_a_traceback(env: dict[str, str]) -> None:
    result = registre(env, "consent", "give", "--subject", "jeanne@example.fr", "--purpose", "newsletter",
                      "--channel", "email")
    assert result.exit_code == 1
    assert "exact wording" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # reported, not raised
    minor = registre(env, "consent", "give", "--subject", "jeanne@example.fr", "--purpose", "newsletter",
                     "--wording", "Oui", "--age", "12")
    assert minor.exit_code == 1
    assert "parental authority" in minor.output


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["Newsletter", "Email", "Withdrawn", "Web form"]),
    ("fr", ["Lettre d'information", "Courrier électronique", "Retiré", "Formulaire en ligne"])])
def test_the_cli_shows_consents_in_words(env: dict[str, str], lang: str, expected: list[str]) -> None:
    registre(env, "consent", "give", "--subject", "jeanne@example.fr", "--purpose", "newsletter", "--channel",
             "email", "--wording", "Je veux la lettre.")
    withdrawn = registre({**env, "REGISTRE_LANG": lang}, "consent", "withdraw", "--subject", "jeanne@example.fr",
                         "--purpose", "newsletter", "--channel", "email")
    assert (": withdrawn;" if lang == "en" else ": retiré ;") in withdrawn.output
    shown = registre({**env, "REGISTRE_LANG": lang, "COLUMNS": "200"}, "consent", "show", "email:jeanne@example.fr")
    assert shown.exit_code == 0, shown.output
    for words in expected:
        assert words in shown.output
    for raw in ("web_form", "newsletter", "withdrawn", "+00:00"):
        assert f" {raw} " not in shown.output.replace("│", " ")
