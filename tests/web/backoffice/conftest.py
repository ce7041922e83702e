"""A back office on Paris je t'aime's declaration (marketing, customer relations, … and the DPO), with one staff
account per role the tests use, and Jeanne, a customer with data in two activities."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from registre.app import create_app
from registre.config import Settings
from registre.db.session import make_engine, unit_of_work, upgrade
from registre.declarations.service import load
from registre.staff import service as staff
from registre.staff.policy import Policy
from tests.conftest import EXAMPLES
from tests.fixtures.factories import create_subject

PARIS = EXAMPLES / "paris-je-taime.yaml"
TOKEN = "dpo-token-for-tests"
PASSWORD = "correct horse battery staple"
JEANNE = [("invoicing", "bank_details", "iban", "FR76 3000 6000 0112 3456 7890 189"),
          ("newsletter", "identification", "last_name", "Martin")]


def staff_settings(data_dir: Path, declaration: Path = PARIS) -> Settings:
    """Settings of a test server: the DPO's API token, French holidays, English pages."""
    return Settings(data_dir=data_dir, declaration=declaration, api_token=SecretStr(TOKEN), lang="en")


def seed(settings: Settings, roles: dict[str, str]) -> None:
    """Migrate the store, add Jeanne and one account per role (email → role)."""
    engine = make_engine(settings.store_url)
    upgrade(engine)
    policy = Policy(load(settings.declaration) if settings.declaration else None, settings.duties)
    with unit_of_work(engine) as session:
        create_subject(session, records=JEANNE)
        for email, role in roles.items():
            staff.add(session, email=email, role=role, password=PASSWORD, policy=policy, actor="test")
    engine.dispose()


ROLES = {"dpo@paris.example": "dpo", "marketing@paris.example": "marketing",
         "agent@paris.example": "customer_relations"}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """A client on a back office with the three accounts of ROLES and Jeanne."""
    settings = staff_settings(tmp_path)
    seed(settings, ROLES)
    with TestClient(create_app(settings), headers={"Accept": "text/html"}) as client:
        yield client


def csrf_of(html: str) -> str:
    """The CSRF token of the first form of a page."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form token"
    return found.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> None:
    """Sign in through the form, as a browser does."""
    page = client.get("/staff/login")
    response = client.post("/staff/login", data={"email": email, "password": password, "csrf": csrf_of(page.text)},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
