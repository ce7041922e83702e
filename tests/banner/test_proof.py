"""The proof endpoint: what it keeps, and what it refuses without keeping anything."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from registre.app import create_app
from registre.config import Settings
from registre.consent import flows
from tests.conftest import EXAMPLES

TOKEN = "staff-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CONSENT_ID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path, declaration=EXAMPLES / "le-nappage.yaml", api_token=SecretStr(TOKEN))
    with TestClient(create_app(settings)) as client:
        yield client


def choice(client: TestClient, **changes: Any) -> dict[str, Any]:
    version = client.get("/banner/config?lang=en").json()["version"]
    return {"consent_id": CONSENT_ID, "choices": {"audience_measurement": True, "advertising": False},
            "notice_version": version, "lang": "en", "action": "customise", **changes}


def post(client: TestClient, body: dict[str, Any] | str) -> Any:
    content = body if isinstance(body, str) else json.dumps(body)
    return client.post("/banner/proof", content=content, headers={"Content-Type": "text/plain"})


def test_a_choice_is_kept_with_its_receipt(client: TestClient) -> None:
    response = post(client, choice(client))
    assert response.status_code == 201, response.text
    assert len(flows.choices_of(client.app.state.engine, CONSENT_ID)) == 2  # type: ignore[attr-defined]
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    receipt = response.json()["receipt"]
    iso = client.get(f"/api/consent/receipts/{receipt}", headers=AUTH).json()
    assert iso["pii_principal_id"] == CONSENT_ID
    assert [(e["purpose"], e["event_state"]) for e in iso["events"]] == [
        ("advertising", "refused"), ("audience_measurement", "given")]
    assert json.loads(iso["proof"]["wording"])["texts"]["reject"] == "Reject all"
    assert iso["processing"]["purposes"][0]["retention_period"].startswith("13 months")
    # Where the data are: the countries the declaration gives its trackers' providers, never an assumed "EU".
    assert {p["purpose"]: p["storage_locations"] for p in iso["processing"]["purposes"]} == {
        "advertising": ["not stated"], "audience_measurement": ["US", "other locations not stated"]}
    listed = client.get(f"/api/consent/choices/{CONSENT_ID}", headers=AUTH).json()
    assert [e["receipt_ref"] for e in listed] == [receipt, receipt]
    assert client.get(f"/api/consent/choices/{CONSENT_ID}").status_code == 401


@pytest.mark.parametrize(("changes", "status"), [
    ({"notice_version": "an-older-version"}, 409),  # the page showed a banner for an older notice
    ({"choices": {"strictly_necessary": False}}, 422),  # no consent is asked for these
    ({"choices": {"made_up": True}}, 422),
    ({"consent_id": "not-hex"}, 422),
    ({"action": "scroll"}, 422),  # scrolling is not consent
])
def test_a_bad_proof_is_refused_and_nothing_is_kept(client: TestClient, changes: dict[str, Any],
                                                    status: int) -> None:
    response = post(client, choice(client, **changes))
    assert response.status_code == status, response.text
    assert post(client, "{not json").status_code == 422
    assert flows.choices_of(client.app.state.engine, CONSENT_ID) == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("where", ["location", "choices", "notice_version"])
def test_a_nul_byte_is_refused_at_the_edge_in_plain_words(client: TestClient, where: str) -> None:
    body = choice(client)
    if where == "choices":
        body["choices"] = {"audience\x00": True}
    else:
        body[where] = f"{body.get(where) or 'x'}\x00"
    response = post(client, body)
    assert response.status_code == 422, response.text
    assert "NUL" in response.json()["detail"]
    assert flows.choices_of(client.app.state.engine, CONSENT_ID) == []  # type: ignore[attr-defined]
    assert client.get("/api/audit/verify?x=%00", headers=AUTH).status_code == 422
    assert post(client, choice(client)).status_code == 201  # the next visitor's proof is kept
