"""What a limited role reads of a person through the API: the records, identifiers, events and restrictions of
its own activities only (the minimal declaration's `sales` receives `orders`, not `newsletter`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from registre.app import create_app
from registre.config import Settings
from registre.db.session import make_engine, unit_of_work, upgrade
from registre.declarations.service import load
from registre.models.subjects import LifecycleEvent, Restriction
from registre.staff import service as staff
from registre.staff.policy import Policy
from tests.conftest import MINIMAL
from tests.fixtures.factories import create_subject

TOKEN = "dpo-token-for-tests"
DPO = {"Authorization": f"Bearer {TOKEN}"}
AT = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """A server with Jeanne (an order), Paul (the newsletter only) and a `sales` account's API token."""
    settings = Settings(data_dir=tmp_path, declaration=MINIMAL, api_token=SecretStr(TOKEN), lang="en")
    engine = make_engine(settings.store_url)
    upgrade(engine)
    with unit_of_work(engine) as session:
        jeanne = create_subject(session)
        paul = [("newsletter", "contact", "email", "paul@example.fr")]
        create_subject(session, email="paul@example.fr", records=paul)
        session.add_all([LifecycleEvent(subject_id=jeanne.id, event="relationship_ended", occurred_at=AT),
                         LifecycleEvent(subject_id=jeanne.id, event="death_notified", occurred_at=AT)])
        session.add_all([Restriction(subject_id=jeanne.id, kind="objection_marketing", activity="newsletter"),
                         Restriction(subject_id=jeanne.id, kind="restriction", activity="orders"),
                         Restriction(subject_id=jeanne.id, kind="objection", activity=None)])
        member = staff.add(session, email="sales@example.fr", role="sales", password="a long enough password!",
                           policy=Policy(load(MINIMAL), {}), actor="test")
        token = staff.new_api_token(session, member, actor="test")
    engine.dispose()
    with TestClient(create_app(settings)) as client:
        yield client, {"Authorization": f"Bearer {token}"}


def test_a_limited_role_reads_only_what_its_activities_hold(client: tuple[TestClient, dict[str, str]]) -> None:
    http, sales = client
    jeanne = http.get("/api/subjects/email:jeanne@example.fr", headers=sales).json()
    assert jeanne["identifiers"] == [{"kind": "email", "value": "jeanne@example.fr"}]
    assert [e["event"] for e in jeanne["events"]] == ["relationship_ended"]
    paul = http.get("/api/subjects/email:paul@example.fr", headers=sales).json()
    assert (paul["records"], paul["identifiers"], paul["events"]) == ([], [], [])
    events = http.get("/api/subjects/email:jeanne@example.fr/events", headers=sales).json()
    assert [e["event"] for e in events["events"]] == ["relationship_ended"]
    restrictions = http.get("/api/subjects/email:jeanne@example.fr/restrictions", headers=sales).json()
    assert sorted(r["kind"] for r in restrictions["restrictions"]) == ["objection", "restriction"]


def test_the_dpo_reads_everything(client: tuple[TestClient, dict[str, str]]) -> None:
    http, _ = client
    jeanne = http.get("/api/subjects/email:jeanne@example.fr", headers=DPO).json()
    assert sorted(e["event"] for e in jeanne["events"]) == ["death_notified", "relationship_ended"]
    restrictions = http.get("/api/subjects/email:jeanne@example.fr/restrictions", headers=DPO).json()
    assert len(restrictions["restrictions"]) == 3
    paul = http.get("/api/subjects/email:paul@example.fr", headers=DPO).json()
    assert paul["identifiers"] == [{"kind": "email", "value": "paul@example.fr"}]
