"""The back office in a real browser (Debian's Chromium): a marketing role cannot open a request's data, a
logged-out visitor reaches nothing, and a customer-relations agent answers a request; screenshots of the main
pages go to docs/screenshots/ when REGISTRE_SCREENSHOTS is set."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.fixtures.browser import Server, browser, page, serve
from tests.web.backoffice.conftest import PARIS, PASSWORD, ROLES, TOKEN, seed

__all__ = ["browser", "page", "serve"]
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SHOTS = Path(__file__).parents[3] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def server(serve: Callable[..., Server]) -> Server:
    """A back office on Paris je t'aime's declaration, with the accounts of ROLES and Jeanne in the store."""
    started = serve(PARIS, api_token=TOKEN)
    seed(started.settings, ROLES)
    return started


def file_request(page: Page, server: Server) -> str:
    response = page.request.post(f"{server.url}/api/requests", headers=AUTH, data={
        "kind": "access", "channel": "web_form", "subject": "email:jeanne@example.fr",
        "requester": {"email": "jeanne@example.fr", "name": "Jeanne Martin"}, "lang": "en"})
    assert response.status == 201, response.text()
    ref: str = response.json()["request"]["ref"]
    return ref


def status(page: Page, server: Server, ref: str) -> str:
    """A request's status, asked with the DPO's token (not the page's session)."""
    found: str = page.request.get(f"{server.url}/api/requests/{ref}", headers=AUTH).json()["status"]
    return found


def sign_in(page: Page, server: Server, email: str) -> None:
    page.goto(f"{server.url}/staff/login?lang=en")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def shoot(page: Page, name: str) -> None:
    if os.environ.get("REGISTRE_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"backoffice-{name}.png"), full_page=True)


def test_a_logged_out_visitor_reaches_nothing(page: Page, server: Server) -> None:
    ref = file_request(page, server)
    for path in ("/staff", "/staff/requests", f"/staff/requests/{ref}", "/staff/audit"):
        page.goto(f"{server.url}{path}")
        expect(page.get_by_role("heading", name="Staff sign-in")).to_be_visible()
        expect(page.locator("body")).not_to_contain_text("jeanne")
    shoot(page, "login")
    openapi = page.request.get(f"{server.url}/openapi.json").json()
    for path, methods in openapi["paths"].items():
        if not path.startswith("/api/"):
            continue
        concrete = path.replace("{ref}", ref).replace("{who}", "email:jeanne@example.fr").replace(
            "{consent_id}", "x").replace("{token}", "x")
        for method in methods:
            response = page.request.fetch(f"{server.url}{concrete}", method=method.upper())
            assert response.status in (401, 404, 405), (method, path, response.status)
            assert response.status != 404 or "jeanne" not in response.text()


def test_marketing_cannot_open_a_request(page: Page, server: Server) -> None:
    ref = file_request(page, server)
    sign_in(page, server, "marketing@paris.example")
    expect(page.get_by_role("link", name="Requests")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text(ref)
    page.goto(f"{server.url}/staff/requests/{ref}")
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("jeanne")
    response = page.request.get(f"{server.url}/api/requests/{ref}")
    assert response.status == 403
    response = page.request.get(f"{server.url}/api/subjects/email:jeanne@example.fr")
    assert response.status == 200  # marketing is a recipient of every activity in this declaration…
    assert status(page, server, ref) == "open"


def test_an_agent_answers_a_request_in_french(page: Page, server: Server) -> None:
    ref = file_request(page, server)
    sign_in(page, server, "agent@paris.example")
    shoot(page, "dashboard")
    page.get_by_role("link", name=ref[:8]).first.click()
    expect(page.get_by_role("heading", name=f"Request {ref[:8]}")).to_be_visible()
    expect(page.locator("body")).to_contain_text("jeanne@example.fr")
    shoot(page, "request")
    page.get_by_role("link", name="Français").click()
    expect(page.get_by_role("heading", name=f"Demande {ref[:8]}")).to_be_visible()
    page.get_by_role("button", name="Traiter").click()
    expect(page.get_by_role("status")).to_contain_text("La demande est traitée")
    assert status(page, server, ref) == "completed"
    page.get_by_role("link", name="English").click()
    page.get_by_role("link", name="Requests").click()
    expect(page.get_by_role("heading", name="Rights requests")).to_be_visible()
    shoot(page, "requests")


def test_the_dpo_sees_the_audit_log_and_its_verification(page: Page, server: Server) -> None:
    sign_in(page, server, "dpo@paris.example")
    expect(page.locator("body")).to_contain_text("Chain intact")
    page.get_by_role("link", name="Audit log").first.click()
    expect(page.locator("table")).to_contain_text("staff.signed_in")
    shoot(page, "audit")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Staff sign-in")).to_be_visible()
