"""The HTTP API: nothing personal without a token, plain JSON errors, the same flows as the CLI."""

from __future__ import annotations

import base64
import json
import re
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


def new_request(client: TestClient, kind: str = "access") -> str:
    response = client.post("/api/requests", headers=AUTH, json={
        "kind": kind, "channel": "web_form", "subject": "email:jeanne@example.fr",
        "requester": {"email": "jeanne@example.fr"}, "lang": "en"})
    assert response.status_code == 201, response.text
    ref: str = response.json()["request"]["ref"]
    return ref


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/api/requests"), ("post", "/api/requests"), ("get", "/api/requests/x"),
    ("post", "/api/requests/x/complete"), ("get", "/api/audit/verify"), ("get", "/api/subjects/email:a@b.fr"),
])
def test_nothing_answers_without_a_valid_token(client: TestClient, method: str, path: str) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}):
        response = client.request(method, path, headers=headers, json={})
        assert response.status_code == 401
        assert response.json()["error"] == "unauthenticated"


def test_a_request_is_filed_and_answered_with_its_package(client: TestClient) -> None:
    ref = new_request(client)
    listed = client.get("/api/requests", headers=AUTH).json()
    assert [r["ref"] for r in listed["items"]] == [ref]
    assert (listed["total"], listed["offset"]) == (1, 0)
    done = client.post(f"/api/requests/{ref}/complete", headers=AUTH)
    assert done.status_code == 200, done.text
    package = json.loads(base64.b64decode(done.json()["files"]["access.json"]))
    assert package["data"][0]["value"] == "Martin"
    assert client.get(f"/api/requests/{ref}", headers=AUTH).json()["status"] == "completed"
    assert client.get("/api/audit/verify", headers=AUTH).json()["ok"] is True


def test_an_unknown_request_is_a_404_in_plain_words(client: TestClient) -> None:
    response = client.get("/api/requests/nope", headers={**AUTH, "Accept-Language": "fr-FR"})
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "Aucune demande de référence « nope »."}


def test_a_malformed_request_is_a_422_that_names_the_field(client: TestClient) -> None:
    response = client.post("/api/requests", headers=AUTH, json={"kind": "teleport", "channel": "email",
                                                                "requester": {}})
    assert response.status_code == 422
    assert any(e["loc"][-1] == "kind" for e in response.json()["detail"])
    assert client.get("/api/requests", headers=AUTH).json()["items"] == []


def test_a_closed_request_cannot_be_closed_again(client: TestClient) -> None:
    ref = new_request(client)
    assert client.post(f"/api/requests/{ref}/refuse", headers=AUTH, json={"reasons": "Excessive."}).status_code == 200
    again = client.post(f"/api/requests/{ref}/complete", headers=AUTH)
    assert again.status_code == 409
    assert again.json()["error"] == "conflict"


def test_the_openapi_schema_describes_the_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/requests", "/api/requests/{ref}", "/api/requests/{ref}/complete", "/api/audit/verify"} <= set(paths)


def test_a_subject_file_is_read_by_identifier_and_the_read_is_audited(client: TestClient) -> None:
    response = client.get("/api/subjects/email:jeanne@example.fr", headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["records"][0]["value"] == "Martin"
    assert client.get("/api/subjects/email:nobody@example.fr", headers=AUTH).status_code == 404
    assert client.get("/api/audit/verify", headers=AUTH).json()["checked"] == 1


def test_the_api_docs_load_their_assets_from_registre_itself(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200
        assert "cdn." not in page.text
        assert "fonts.googleapis" not in page.text
        assets = re.findall(r'(?:src|href)="(/docs-assets/[^"]+)"', page.text)
        assert assets, path
        for asset in assets:
            assert client.get(asset).status_code == 200, asset
        assert "cdn" not in page.headers["content-security-policy"]


def test_lists_come_a_page_at_a_time_with_the_total(client: TestClient) -> None:
    refs = {new_request(client) for _ in range(3)}
    first = client.get("/api/requests?limit=2", headers=AUTH).json()
    assert (len(first["items"]), first["total"], first["limit"], first["offset"]) == (2, 3, 2, 0)
    rest = client.get("/api/requests?limit=2&offset=2", headers=AUTH).json()
    assert {r["ref"] for r in first["items"] + rest["items"]} == refs
    assert client.get("/api/requests?limit=0", headers=AUTH).status_code == 422
    assert client.get("/api/requests?offset=-1", headers=AUTH).status_code == 422
    assert client.get("/api/breaches?limit=5", headers=AUTH).json() == {"items": [], "total": 0, "limit": 5,
                                                                         "offset": 0}
