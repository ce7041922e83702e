"""Unsubscribe links (RFC 8058), SMS STOP, the eligibility API and the marketing CLI."""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from ruamel.yaml import YAML
from typer.testing import CliRunner

from registre.app import create_app
from registre.cli import app
from registre.config import Settings, get_settings
from registre.db.session import make_engine, unit_of_work, upgrade
from registre.marketing import unsubscribe
from registre.marketing.unsubscribe import Target
from registre.models.subjects import Identifier
from tests.conftest import minimal_data
from tests.fixtures.factories import create_subject
from tests.marketing.conftest import with_channels

TOKEN = "staff-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SECRET = "a-secret-for-the-tests"
ONE_CLICK = {"List-Unsubscribe": "One-Click"}


@pytest.fixture
def declaration(tmp_path: Path) -> Path:
    data = minimal_data()
    with_channels(data)
    path = tmp_path / "declaration.yaml"
    with path.open("w", encoding="utf-8") as stream:
        YAML(typ="safe").dump(data, stream)
    return path


@pytest.fixture
def settings(tmp_path: Path, declaration: Path) -> Settings:
    settings = Settings(data_dir=tmp_path, declaration=declaration, api_token=SecretStr(TOKEN), lang="en",
                        secret_key=SecretStr(SECRET), public_url="https://privacy.exemple.fr")
    engine = make_engine(settings.store_url)
    upgrade(engine)
    with unit_of_work(engine) as session:
        jeanne = create_subject(session)
        session.add(Identifier(subject_id=jeanne.id, kind="phone", value="+33612345678"))
    engine.dispose()
    return settings


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def consent(client: TestClient, channel: str = "email") -> None:
    response = client.post("/api/consent", headers=AUTH, json={
        "subject": "email:jeanne@example.fr", "purpose": "newsletter", "channel": channel, "state": "given",
        "wording": "Oui, envoyez-moi la lettre."})
    assert response.status_code == 201, response.text


def states(client: TestClient) -> list[tuple[str, str | None, str, str]]:
    shown = client.get("/api/consent/subjects/email:jeanne@example.fr", headers=AUTH).json()
    return [(e["state"], e["channel"], e["method"], e["purpose"]) for e in shown["events"]]


def eligible(client: TestClient, channel: str = "email") -> str:
    answer = client.post("/api/marketing/eligibility", headers=AUTH, json={
        "channel": channel, "purpose": "newsletter", "audience": ["jeanne@example.fr"]}).json()
    code: str = answer["decisions"][0]["code"]
    return code


def test_a_one_click_unsubscribe_withdraws_at_once(client: TestClient) -> None:
    consent(client)
    assert eligible(client) == "consent"  # a customer who consented: consent, not only the soft opt-in
    link = client.get("/api/marketing/unsubscribe-link", headers=AUTH,
                      params={"subject": "email:jeanne@example.fr", "purpose": "newsletter"}).json()
    assert link["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link["headers"]["List-Unsubscribe"] == f"<{link['url']}>"
    assert link["url"].startswith("https://privacy.exemple.fr/unsubscribe/")
    path = link["url"].removeprefix("https://privacy.exemple.fr")
    page = client.get(path, headers={"Accept-Language": "fr"})  # what a mail scanner does: nothing changes
    assert page.status_code == 200
    assert "Me désabonner" in page.text
    assert "messages par courriel de Exemple SAS pour : Lettre d'information ?" in html.unescape(page.text)
    assert 'href="/static/registre.css"' in page.text  # the privacy center's layout, not a bare page
    assert page.text.count("Exemple SAS") >= 3  # in the header, the question and the footer
    assert "contact@exemple.fr" in page.text
    assert [s[0] for s in states(client)] == ["given"]
    done = client.post(path, data={"List-Unsubscribe": "One-Click"}, headers={"Accept-Language": "en"})
    assert done.status_code == 200
    assert "you will no longer receive these messages by email from Exemple SAS" in done.text
    assert 'href="/preferences"' in done.text
    assert states(client)[-1][:3] == ("withdrawn", "email", "one_click_link")
    assert eligible(client) == "unsubscribed"  # nor the soft opt-in any more


def test_a_forged_or_altered_link_changes_nothing(client: TestClient, settings: Settings) -> None:
    consent(client)
    ref = client.get("/api/consent/subjects/email:jeanne@example.fr", headers=AUTH).json()["subject"]
    good = unsubscribe.sign(SECRET, Target(ref, "newsletter", "email"))
    payload, mac = good.split(".")
    other = unsubscribe.sign(SECRET, Target(ref, "newsletter", "sms")).split(".")[0]
    forged = [
        unsubscribe.sign("another-secret", Target(ref, "newsletter", "email")),  # signed with another key
        f"{other}.{mac}",  # the channel changed, the signature kept
        f"{payload}.{mac[:-1]}{'A' if mac[-1] != 'A' else 'B'}",  # one character of the signature changed
        payload,  # no signature
        "not-a-token",
    ]
    for token in forged:
        response = client.post(f"/unsubscribe/{token}", data=ONE_CLICK)
        assert response.status_code == 422, token
        assert client.get(f"/unsubscribe/{token}").status_code == 422
    assert [s[0] for s in states(client)] == ["given"]
    assert unsubscribe.verify(SECRET, good) == Target(ref, "newsletter", "email")


def test_sms_stop_withdraws_sms_marketing(client: TestClient) -> None:
    consent(client, "sms")
    assert eligible(client, "sms") == "consent"
    ignored = client.post("/api/marketing/sms/stop", headers=AUTH, json={"from": "0612345678", "text": "Merci !"})
    assert ignored.json() == {"stopped": False, "purposes": []}
    stopped = client.post("/api/marketing/sms/stop", headers=AUTH, json={"from": "06 12 34 56 78", "text": "STOP"})
    assert stopped.json() == {"stopped": True, "purposes": ["newsletter"]}
    assert states(client)[-1][:3] == ("withdrawn", "sms", "sms_stop")
    assert eligible(client, "sms") == "consent_withdrawn"
    assert client.post("/api/marketing/sms/stop", json={"from": "0612345678", "text": "STOP"}).status_code == 401


def test_the_eligibility_api_needs_a_token_and_words_reasons_in_both_languages(client: TestClient) -> None:
    query = {"channel": "email", "purpose": "newsletter"}
    assert client.post("/api/marketing/eligibility", json=query).status_code == 401
    answer = client.post("/api/marketing/eligibility", headers=AUTH, json=query).json()
    assert answer["decisions"][0]["code"] == "soft_opt_in"  # Jeanne is a customer
    assert set(answer["reasons"]["soft_opt_in"]) == {"fr", "en"}


def registre(settings: Settings, *args: str) -> Any:
    get_settings.cache_clear()
    env = {"REGISTRE_DATA_DIR": str(settings.data_dir), "REGISTRE_DECLARATION": str(settings.declaration),
           "REGISTRE_LANG": "en", "REGISTRE_SECRET_KEY": SECRET}
    return CliRunner().invoke(app, list(args), env=env)


def test_the_cli_imports_bloctel_and_writes_every_decision(settings: Settings, tmp_path: Path) -> None:
    listing = tmp_path / "bloctel.txt"
    listing.write_text("0612345678\n", encoding="utf-8")
    imported = registre(settings, "marketing", "bloctel", str(listing), "--at", "2026-05-20")
    assert imported.exit_code == 0, imported.output
    assert "1 number" in imported.output
    audience = tmp_path / "audience.txt"
    audience.write_text("jeanne@example.fr\nphone:+33699999999\n", encoding="utf-8")
    output = tmp_path / "decisions.csv"
    result = registre(settings, "marketing", "eligible", "--channel", "phone", "--purpose", "newsletter",
                      "--audience", str(audience), "--at", "2026-06-01", "--output", str(output))
    assert result.exit_code == 0, result.output
    assert "0 of 2 may be contacted" in result.output
    rows = list(csv.DictReader(output.read_text(encoding="utf-8").splitlines()))
    assert [(r["who"], r["eligible"], r["code"]) for r in rows] == [
        ("jeanne@example.fr", "no", "on_bloctel"), ("phone:+33699999999", "no", "not_found")]
    assert rows[0]["reason"].startswith("Not contacted: the number is on the Bloctel opposition list")
    as_json = registre(settings, "marketing", "eligible", "--channel", "email", "--purpose", "newsletter", "--json")
    assert json.loads(as_json.output)["counts"] == {"soft_opt_in": 1}
    link = registre(settings, "marketing", "unsubscribe-link", "--subject", "jeanne@example.fr", "--purpose",
                    "newsletter")
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in link.output
    bad = registre(settings, "marketing", "eligible", "--channel", "email", "--purpose", "nope")
    assert bad.exit_code == 1
    assert "not a declared processing activity" in bad.output
