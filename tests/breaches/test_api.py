"""The breach API: behind the staff token, a processor's report, triage, notifications and the register."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from registre.app import create_app
from registre.config import Settings
from tests.conftest import MINIMAL
from tests.fixtures.factories import store_with_jeanne

TOKEN = "staff-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path, declaration=MINIMAL, api_token=SecretStr(TOKEN), lang="en")
    store_with_jeanne(settings.store_url)
    with TestClient(create_app(settings)) as client:
        yield client


def ago(hours: float) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours)).isoformat()


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/api/breaches"), ("post", "/api/breaches"), ("get", "/api/breaches/x"),
    ("post", "/api/breaches/processor-reports"), ("post", "/api/breaches/x/notifications"),
    ("get", "/api/breaches/register"), ("post", "/api/breaches/alerts"),
])
def test_nothing_answers_without_a_valid_token(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path, headers={"Authorization": "Bearer wrong"}, json={})
    assert response.status_code == 401


def test_a_processor_reports_and_the_controller_notifies(client: TestClient) -> None:
    report = client.post("/api/breaches/processor-reports", headers=AUTH, json={
        "processor": "host", "processor_aware_at": ago(30), "received_at": ago(1), "title": "Backup bucket public",
        "nature": ["confidentiality"], "data_categories": ["contact"], "subject_categories": ["customer"]})
    assert report.status_code == 201, report.text
    breach = report.json()
    ref = breach["ref"]
    assert breach["processor"] == "host"
    assert 70.9 <= breach["hours_left"] <= 71.0
    assert breach["clock"] == "running"
    assert breach["subjects_count"] == 0
    assert breach["subjects_count_source"] == "store"

    patched = client.patch(f"/api/breaches/{ref}", headers=AUTH, json={"data_categories": ["identification"]})
    assert patched.json()["subjects_count"] == 1

    assessed = client.post(f"/api/breaches/{ref}/assessment", headers=AUTH, json={
        "answers": {"sensitive": True}, "exemptions": ["later_measures"],
        "reasons": "Every exposed token was revoked before use."})
    assert assessed.status_code == 200, assessed.text
    assert (assessed.json()["risk"], assessed.json()["inform_subjects"]) == ("high", False)

    notified = client.post(f"/api/breaches/{ref}/notifications", headers=AUTH, json={"kind": "initial", "lang": "en"})
    assert notified.status_code == 200, notified.text
    body = notified.json()
    assert body["recorded"]
    assert body["breach"]["clock"] == "notified"
    assert "Art. 34(3)(b)" in body["text"]
    assert "Reported by a processor: host" in body["text"]
    assert base64.b64decode(body["files"]["initial-en.txt"]).decode() == body["text"]

    again = client.post(f"/api/breaches/{ref}/notifications", headers={**AUTH, "Accept-Language": "fr"},
                        json={"kind": "initial"})
    assert again.status_code == 409
    assert "notification complémentaire" in again.json()["detail"]

    register = client.get("/api/breaches/register?format=csv&lang=en", headers=AUTH)
    assert register.status_code == 200
    assert register.headers["content-type"].startswith("text/csv")
    assert "Backup bucket public" in register.content.decode("utf-8-sig")


def test_mistakes_are_plain_json_errors(client: TestClient) -> None:
    unknown = client.post("/api/breaches/processor-reports", headers=AUTH, json={
        "processor": "Acme", "title": "x", "nature": ["integrity"]})
    assert unknown.status_code == 422
    assert unknown.json() == {"error": "invalid_input",
                              "detail": "'Acme' is not a declared processor; declared: host."}
    naive = client.post("/api/breaches", headers=AUTH, json={"title": "x", "nature": ["integrity"],
                                                             "aware_at": "2026-11-13T17:30:00"})
    assert naive.status_code == 422
    assert client.get("/api/breaches", headers=AUTH).json()["items"] == []
    assert client.get("/api/breaches/nope", headers=AUTH).status_code == 404
