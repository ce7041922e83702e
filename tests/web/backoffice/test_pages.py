"""The back office through HTTP: sign-in, roles, CSRF, and what each role may see (API and pages)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from registre.app import create_app
from registre.db.session import make_engine, unit_of_work
from registre.declarations.service import load
from registre.kit import paging
from registre.models.audit import AuditEntry
from registre.models.subjects import Restriction
from registre.staff import service as staff
from registre.staff import totp
from tests.breaches.test_service import MANY, many_breaches
from tests.conftest import MINIMAL
from tests.fixtures.factories import create_subject
from tests.web.backoffice.conftest import PARIS, PASSWORD, TOKEN, csrf_of, seed, sign_in, staff_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def file_request(client: TestClient) -> str:
    response = client.post("/api/requests", headers=AUTH, json={
        "kind": "access", "channel": "web_form", "subject": "email:jeanne@example.fr",
        "requester": {"email": "jeanne@example.fr"}, "lang": "en"})
    assert response.status_code == 201, response.text
    ref: str = response.json()["request"]["ref"]
    return ref


def audit_actions(client: TestClient) -> list[tuple[str, str]]:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with unit_of_work(engine) as session:
        return [(e.actor, e.action) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_a_logged_out_browser_is_sent_to_sign_in_from_every_page(client: TestClient) -> None:
    ref = file_request(client)
    for path in ("/staff", "/staff/requests", f"/staff/requests/{ref}", "/staff/audit", "/staff/register.ods"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/staff/login?next=")
    refused = client.post(f"/staff/requests/{ref}/complete", data={"csrf": "x"}, follow_redirects=False)
    assert refused.status_code in (303, 403)
    assert client.get(f"/api/requests/{ref}", headers=AUTH).json()["status"] == "open"


def test_a_wrong_password_is_refused_and_audited(client: TestClient) -> None:
    page = client.get("/staff/login")
    response = client.post("/staff/login", data={"email": "agent@paris.example", "password": "wrong password!",
                                                  "csrf": csrf_of(page.text)})
    assert response.status_code == 401
    assert "Wrong email address or password." in response.text
    assert ("staff:agent@paris.example", "staff.sign_in_failed") in audit_actions(client)
    assert client.get("/staff", follow_redirects=False).status_code == 303


def test_sign_in_without_the_page_token_is_refused(client: TestClient) -> None:
    client.get("/staff/login")
    response = client.post("/staff/login", data={"email": "agent@paris.example", "password": PASSWORD,
                                                  "csrf": "forged.token"})
    assert response.status_code == 403
    assert client.get("/staff", follow_redirects=False).status_code == 303


def test_an_agent_completes_a_request_from_its_page(client: TestClient) -> None:
    ref = file_request(client)
    sign_in(client, "agent@paris.example")
    dashboard = client.get("/staff")
    assert ref in dashboard.text
    page = client.get(f"/staff/requests/{ref}")
    assert page.status_code == 200
    assert "jeanne@example.fr" in page.text
    done = client.post(f"/staff/requests/{ref}/complete", data={"csrf": csrf_of(page.text)})
    assert done.status_code == 200, done.text
    assert "The request is answered" in done.text
    assert client.get(f"/api/requests/{ref}", headers=AUTH).json()["status"] == "completed"
    actions = audit_actions(client)
    assert ("staff:agent@paris.example", "request.read") in actions
    assert ("staff:agent@paris.example", "subject.read") in actions


def test_a_step_without_the_session_token_changes_nothing(client: TestClient) -> None:
    ref = file_request(client)
    sign_in(client, "agent@paris.example")
    login_token = csrf_of(client.get("/staff/login").text)  # a token, but not of a page of this session... yet
    client.cookies.delete("registre_session")
    sign_in(client, "dpo@paris.example")
    response = client.post(f"/staff/requests/{ref}/complete", data={"csrf": login_token})
    assert response.status_code == 403
    assert client.get(f"/api/requests/{ref}", headers=AUTH).json()["status"] == "open"


def test_marketing_cannot_open_a_request_on_the_pages_or_the_api(client: TestClient) -> None:
    ref = file_request(client)
    sign_in(client, "marketing@paris.example")
    dashboard = client.get("/staff")
    assert dashboard.status_code == 200
    assert ref not in dashboard.text
    for path in ("/staff/requests", f"/staff/requests/{ref}"):
        response = client.get(path)
        assert response.status_code == 403
        assert "jeanne" not in response.text.lower()
    api = client.get(f"/api/requests/{ref}", headers={"Accept": "application/json"})
    assert api.status_code == 403
    assert api.json()["error"] == "forbidden"
    page = client.get("/staff")
    forged = client.post(f"/staff/requests/{ref}/complete", data={"csrf": csrf_of(page.text)})
    assert forged.status_code == 403
    assert client.get(f"/api/requests/{ref}", headers=AUTH).json()["status"] == "open"
    assert not any(actor == "staff:marketing@paris.example" and action == "request.read"
                   for actor, action in audit_actions(client))


def test_a_cookie_session_cannot_change_anything_on_the_api_without_the_token(client: TestClient) -> None:
    ref = file_request(client)
    sign_in(client, "dpo@paris.example")
    assert client.get(f"/api/requests/{ref}").status_code == 200
    assert client.post(f"/api/requests/{ref}/complete").status_code == 403
    token = csrf_of(client.get("/staff").text)
    assert client.post(f"/api/requests/{ref}/complete", headers={"X-CSRF-Token": token}).status_code == 200


def test_signing_out_ends_the_session(client: TestClient) -> None:
    sign_in(client, "dpo@paris.example")
    cookie = client.cookies.get("registre_session")
    page = client.get("/staff")
    assert client.post("/staff/logout", data={"csrf": csrf_of(page.text)}, follow_redirects=False).status_code == 303
    client.cookies.set("registre_session", cookie or "")
    assert client.get("/staff", follow_redirects=False).status_code == 303
    assert client.get("/api/requests").status_code == 401


def test_the_second_factor_is_asked_for_and_checked(client: TestClient) -> None:
    engine = make_engine(client.app.state.settings.store_url)  # type: ignore[attr-defined]
    with unit_of_work(engine) as session:
        secret = staff.enable_totp(session, staff.get(session, "agent@paris.example"), actor="test")
    engine.dispose()
    page = client.get("/staff/login")
    response = client.post("/staff/login", data={"email": "agent@paris.example", "password": PASSWORD,
                                                  "csrf": csrf_of(page.text)}, follow_redirects=False)
    assert response.headers["location"].startswith("/staff/login/code")
    assert client.get("/staff", follow_redirects=False).status_code == 303  # password alone is not enough
    form = client.get("/staff/login/code")
    wrong = client.post("/staff/login/code", data={"code": "000000", "csrf": csrf_of(form.text)})
    assert wrong.status_code == 401
    right = client.post("/staff/login/code", data={"code": totp.code_at(secret, time.time()),
                                                   "csrf": csrf_of(form.text)}, follow_redirects=False)
    assert right.status_code == 303
    assert client.get("/staff").status_code == 200
    code = right.request.content.decode().split("code=")[1].split("&")[0]
    client.cookies.clear()  # someone who saw the code signs in with the password elsewhere, in the same step
    page = client.get("/staff/login")
    client.post("/staff/login", data={"email": "agent@paris.example", "password": PASSWORD,
                                      "csrf": csrf_of(page.text)}, follow_redirects=False)
    form = client.get("/staff/login/code")
    replayed = client.post("/staff/login/code", data={"code": code, "csrf": csrf_of(form.text)})
    assert replayed.status_code == 401  # a code is good once


def test_pages_carry_the_security_headers(client: TestClient) -> None:
    response = client.get("/staff/login")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "strict-transport-security" not in response.headers  # development: plain http on loopback
    sign_in(client, "dpo@paris.example")
    cookie = next(c for c in client.cookies.jar if c.name == "registre_session")
    assert cookie.has_nonstandard_attr("HttpOnly")


def test_the_pages_speak_french_when_asked(client: TestClient) -> None:
    page = client.get("/staff/login?lang=fr")
    assert "Connexion du personnel" in page.text
    assert '<html lang="fr">' in page.text
    assert "Connexion du personnel" in client.get("/staff/login").text  # the choice is remembered
    assert "Staff sign-in" in client.get("/staff/login?lang=en").text


def test_the_dpo_opens_a_breach_from_the_dashboard_and_others_cannot(client: TestClient) -> None:
    created = client.post("/api/breaches", headers=AUTH, json={
        "title": "Laptop stolen", "aware_at": "2026-11-20T17:30:00+01:00", "nature": ["confidentiality"],
        "cause": "external_malicious"})
    assert created.status_code == 201, created.text
    ref = created.json()["ref"]
    sign_in(client, "dpo@paris.example")
    dashboard = client.get("/staff?lang=en")
    assert f'href="/staff/breaches/{ref}"' in dashboard.text
    page = client.get(f"/staff/breaches/{ref}?lang=en")
    assert page.status_code == 200
    assert "Monday 23 November 2026 17:30" in page.text
    assert "No notification yet." in page.text
    client.post("/staff/logout", data={"csrf": csrf_of(page.text)})
    sign_in(client, "marketing@paris.example")
    assert client.get(f"/staff/breaches/{ref}").status_code == 403


def test_the_dashboard_counts_what_is_kept_with_no_determinable_end(client: TestClient) -> None:
    sign_in(client, "dpo@paris.example")

    def endless() -> int:
        found = re.search(r"Kept with no determinable end: (\d+) row", client.get("/staff?lang=en").text)
        return int(found.group(1)) if found else 0

    before = endless()
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with unit_of_work(engine) as session:  # "CCTV footage | For a maximum period of one month": from when?
        create_subject(session, email="filmed@example.fr",
                       records=[("video_surveillance", "cctv_footage", "clip", "cam-2.mp4")])
    assert endless() == before + 1


def test_an_erasure_needs_its_confirmation_box(client: TestClient) -> None:
    response = client.post("/api/requests", headers=AUTH, json={
        "kind": "erasure", "channel": "post", "subject": "email:jeanne@example.fr",
        "requester": {"name": "Jeanne Martin", "address": "1 rue de Rivoli, Paris"}, "lang": "fr"})
    ref = response.json()["request"]["ref"]
    sign_in(client, "agent@paris.example")
    page = client.get(f"/staff/requests/{ref[:8]}")
    assert "I confirm the erasure" in page.text
    refused = client.post(f"/staff/requests/{ref}/complete", data={"csrf": csrf_of(page.text)},
                          follow_redirects=False)
    assert refused.status_code == 422
    assert "tick the confirmation box" in refused.text
    assert client.get(f"/api/requests/{ref}", headers=AUTH).json()["status"] == "open"
    done = client.post(f"/staff/requests/{ref}/complete", data={"csrf": csrf_of(page.text), "confirm": "true"},
                       follow_redirects=False)
    assert done.status_code == 303
    assert client.get(f"/api/requests/{ref}", headers=AUTH).json()["status"] == "completed"


def test_the_last_dpo_cannot_be_closed(client: TestClient) -> None:
    sign_in(client, "dpo@paris.example")
    page = client.get("/staff/accounts")
    closed = client.post("/staff/accounts/dpo@paris.example/disabled", data={"csrf": csrf_of(page.text)},
                         follow_redirects=False)
    assert closed.status_code == 409
    assert "last active DPO account" in closed.text
    assert client.get("/staff").status_code == 200  # still signed in


def test_an_agent_records_a_request_received_by_post(client: TestClient) -> None:
    sign_in(client, "agent@paris.example")
    listed = client.get("/staff/requests")
    assert "/staff/requests/new" in listed.text
    form = client.get("/staff/requests/new?lang=fr")
    assert "Courrier postal" in form.text
    assert "post" not in re.findall(r">([^<]+)</option>", form.text)
    filed = client.post("/staff/requests/new", data={
        "csrf": csrf_of(form.text), "kind": "access", "channel": "post", "received_on": "2026-11-02",
        "received_time": "00:30", "subject": "email:jeanne@example.fr", "name": "Jeanne Martin",
        "address": "1 rue de Rivoli, Paris", "note": "Une lettre manuscrite", "letter_lang": "fr"})
    assert filed.status_code == 200, filed.text
    assert "écrivez à la personne par courrier" in filed.text
    assert "Courrier postal" in filed.text
    assert "2 novembre 2026" in filed.text  # 00:30 in Paris is still 1 November in UTC
    listed = client.get("/api/requests", headers=AUTH).json()["items"]
    assert [(r["channel"], r["requester"]["name"]) for r in listed] == [("post", "Jeanne Martin")]


def test_a_request_form_with_a_mistake_is_shown_again_with_what_was_typed(client: TestClient) -> None:
    sign_in(client, "agent@paris.example")
    form = client.get("/staff/requests/new?lang=en")
    refused = client.post("/staff/requests/new", data={
        "csrf": csrf_of(form.text), "kind": "access", "channel": "phone", "received_on": "2999-01-01",
        "name": "Paul Durand", "phone": "+33 1 23 45 67 89"})
    assert refused.status_code == 422
    assert "cannot be received in the future" in refused.text
    assert 'value="Paul Durand"' in refused.text
    assert client.get("/api/requests", headers=AUTH).json()["items"] == []


def filed_details(client: TestClient, kind: str, **details: object) -> dict[str, object]:
    """File a request received by telephone with kind-specific details; what the API then holds of them."""
    form = client.get("/staff/requests/new?lang=en")
    filed = client.post("/staff/requests/new", data={
        "csrf": csrf_of(form.text), "kind": kind, "channel": "phone", "received_on": "2026-11-02",
        "subject": "email:jeanne@example.fr", "name": "Jeanne Martin", "phone": "+33 1 23 45 67 89", **details})
    assert filed.status_code in (200, 303), filed.text
    [listed] = client.get("/api/requests", headers=AUTH).json()["items"]
    assert listed["kind"] == kind
    page = client.get(f"/staff/requests/{listed['ref']}?lang=en")
    assert page.status_code == 200, page.text  # the request's page reads its details
    return dict(client.get(f"/api/requests/{listed['ref']}", headers=AUTH).json()["details"])


class TestFilingTakesWhatEachRightAsks:
    def test_the_form_offers_the_details_of_each_right_in_words(self, client: TestClient) -> None:
        sign_in(client, "agent@paris.example")
        form = client.get("/staff/requests/new?lang=en").text
        for words in ("Rectification: the data to correct", "Restriction: the ground (Art. 18(1))",
                      "Objection: what the person objects to", "Contract and contract follow-up",
                      "Directives after death"):
            assert words in form

    def test_a_rectification_names_each_change_and_where(self, client: TestClient) -> None:
        sign_in(client, "agent@paris.example")
        details = filed_details(client, "rectification", field=["last name", "postal address", ""],
                                value=["Martin-Durand", "2 rue de Rivoli, Paris", ""],
                                change_activity=["", "contract_follow_up", ""])
        assert details["changes"] == [
            {"field": "last name", "value": "Martin-Durand"},  # in every processing
            {"field": "postal address", "value": "2 rue de Rivoli, Paris", "activity": "contract_follow_up"}]

    def test_an_objection_names_the_processing_it_targets(self, client: TestClient) -> None:
        sign_in(client, "agent@paris.example")
        details = filed_details(client, "objection", objection="processing", activities=["directory"],
                                ground="ignored for an objection")
        assert (details["objection"], details["activities"]) == ("processing", ["directory"])
        assert "ground" not in details or details["ground"] is None
        [ref] = [r["ref"] for r in client.get("/api/requests", headers=AUTH).json()["items"]]
        page = client.get(f"/staff/requests/{ref}?lang=en").text
        assert "Management of the customer and prospect directory" in page

    def test_a_restriction_keeps_its_ground(self, client: TestClient) -> None:
        sign_in(client, "agent@paris.example")
        details = filed_details(client, "restriction", ground="She contests the accuracy of her address.")
        assert details["ground"] == "She contests the accuracy of her address."

    def test_a_refused_filing_shows_the_details_again(self, client: TestClient) -> None:
        sign_in(client, "agent@paris.example")
        form = client.get("/staff/requests/new?lang=en")
        refused = client.post("/staff/requests/new", data={
            "csrf": csrf_of(form.text), "kind": "rectification", "channel": "phone", "received_on": "2999-01-01",
            "name": "Paul Durand", "field": ["last name"], "value": ["Durand"], "change_activity": ["invoicing"]})
        assert refused.status_code == 422
        assert 'value="Durand"' in refused.text
        assert re.search(r'<option value="invoicing" selected>', refused.text)


def test_marketing_cannot_record_a_request(client: TestClient) -> None:
    sign_in(client, "marketing@paris.example")
    assert client.get("/staff/requests/new").status_code == 403


def test_a_persons_page_shows_what_the_role_may_see_and_is_linked_from_the_request(client: TestClient) -> None:
    ref = file_request(client)
    sign_in(client, "dpo@paris.example")
    request_page = client.get(f"/staff/requests/{ref}?lang=en")
    found = re.search(r'href="(/staff/people/[^"]+)"', request_page.text)
    assert found, "the request's page links to the person"
    page = client.get(found.group(1))
    assert page.status_code == 200
    assert "jeanne@example.fr" in page.text
    assert "FR76 3000 6000 0112 3456 7890 189" in page.text  # the DPO sees every activity
    assert "Consents" in page.text
    assert "Restrictions and objections in force" in page.text
    assert "invoicing" not in page.text  # the activity's name, not its id
    assert ("staff:dpo@paris.example", "subject.read") in audit_actions(client)


def test_a_persons_page_hides_the_activities_the_role_does_not_receive(tmp_path: Path) -> None:
    settings = staff_settings(tmp_path, declaration=MINIMAL)
    seed(settings, {"sales@example.fr": "sales"})
    engine = make_engine(settings.store_url)
    with unit_of_work(engine) as session:
        paul = create_subject(session, email="paul@example.fr", records=[
            ("orders", "order_history", "last_order", "Commande 4512"),
            ("newsletter", "contact", "email", "paul.newsletter@example.fr")])
        session.add_all([Restriction(subject_id=paul.id, kind="objection_marketing", activity="newsletter"),
                         Restriction(subject_id=paul.id, kind="restriction", activity="orders")])
    engine.dispose()
    with TestClient(create_app(settings), headers={"Accept": "text/html"}) as client:
        sign_in(client, "sales@example.fr")
        page = client.get("/staff/people/email:paul@example.fr?lang=fr")
        assert page.status_code == 200
        assert "Commande 4512" in page.text
        assert "Gestion des commandes" in page.text
        assert "paul.newsletter@example.fr" not in page.text  # the newsletter goes to the host only
        assert "Limitation du traitement" in page.text  # a restriction of its own activity
        assert "Opposition à la prospection" not in page.text  # an objection to the newsletter's


def test_an_objection_shows_on_the_persons_page_in_french(client: TestClient) -> None:
    response = client.post("/api/requests", headers=AUTH, json={
        "kind": "objection", "channel": "email", "subject": "email:jeanne@example.fr",
        "requester": {"email": "jeanne@example.fr"}, "details": {"objection": "direct_marketing"}, "lang": "fr"})
    assert response.status_code == 201, response.text
    sign_in(client, "agent@paris.example")
    page = client.get("/staff/people/email:jeanne@example.fr?lang=fr")
    assert "Opposition à la prospection" in page.text
    assert "objection_marketing" not in page.text


def test_the_dashboard_says_how_many_open_requests_it_does_not_show(client: TestClient,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "DEFAULT_LIMIT", 2)
    refs = {file_request(client) for _ in range(3)}
    sign_in(client, "agent@paris.example")
    page = client.get("/staff").text
    assert "Open requests (3)" in page
    assert "1 more of 3." in page
    following = re.search(r'href="(/staff/requests\?pending=1&amp;offset=2)"', page)
    assert following is not None
    rest = client.get(following.group(1).replace("&amp;", "&")).text
    assert sum(ref[:8] in page for ref in refs) == 2
    assert sum(ref[:8] in rest for ref in refs) == 1


def test_more_than_a_thousand_breaches_are_shown_page_after_page(client: TestClient, tmp_path: Path) -> None:
    engine = make_engine(staff_settings(tmp_path).store_url)
    refs = many_breaches(engine, load(PARIS))
    engine.dispose()
    sign_in(client, "dpo@paris.example")
    dashboard = client.get("/staff?lang=en").text
    assert f"Current data breaches ({MANY})" in dashboard
    assert f"{MANY - 100} more of {MANY}." in dashboard
    assert 'href="/staff/breaches?current=1&amp;offset=100"' in dashboard
    seen: list[str] = []
    path: str | None = "/staff/breaches"
    while path is not None:
        page = client.get(path).text
        seen += re.findall(r'href="/staff/breaches/([0-9a-f]{32})"', page)
        following = re.search(r'href="(/staff/breaches\?offset=\d+)" rel="next"', page)
        path = following.group(1) if following else None
    assert sorted(seen) == sorted(refs)  # every one, once
