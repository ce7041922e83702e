"""The cookie banner in a real browser: nothing runs before consent, reject and accept from the first layer, the
proof on the server, the cookie's lifetime, French or English, the keyboard, withdrawal, and the banner's return
when the notice changes."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, Route, expect
from ruamel.yaml import YAML
from sqlalchemy import select
from typer.testing import CliRunner

from registre.banner.router import STATIC
from registre.cli import app
from registre.config import get_settings
from registre.db.session import unit_of_work
from registre.models.consent import ConsentEvent
from tests.banner.conftest import Server
from tests.conftest import EXAMPLES

DIALOG = "#rc-banner[role=dialog]"


def visit(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/banner/demo")
    page.wait_for_load_state("networkidle")


def tracker_ran(page: Page) -> bool:
    return bool(page.evaluate("window.demoTrackerRan === true"))


def choice_cookie(page: Page) -> dict[str, Any]:
    [cookie] = [c for c in page.context.cookies() if c["name"] == "registre_consent"]
    return dict(cookie)


def proofs(server: Server, consent_id: str) -> list[ConsentEvent]:
    """The proofs the server keeps for a browser, waiting a little for the last post to land."""
    for _ in range(50):
        with unit_of_work(server.engine) as session:
            found = list(session.scalars(select(ConsentEvent).where(ConsentEvent.consent_id == consent_id)
                                         .order_by(ConsentEvent.id)))
        if found:
            return found
        time.sleep(0.1)
    return []


def stored_id(page: Page) -> str:
    value: str = json.loads(urllib.parse.unquote(choice_cookie(page)["value"]))["id"]
    return value


def test_the_script_and_its_stylesheet_are_under_15_kb_gzipped() -> None:
    sizes = [len(gzip.compress((STATIC / name).read_bytes(), 9)) for name in ("banner.js", "banner.css")]
    assert sum(sizes) < 15 * 1024


def test_the_configuration_comes_from_the_declaration(server: Server) -> None:
    with urllib.request.urlopen(f"{server.url}/banner/config?lang=fr") as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        config = json.load(response)
    assert [(c["id"], c["required"]) for c in config["categories"]] == [
        ("strictly_necessary", True), ("functional", False), ("audience_measurement", False),
        ("advertising", False)]
    assert "Google Analytics (Google)" in config["categories"][2]["description"]
    assert config["texts"]["accept"] == "Tout accepter"
    assert config["choice_months"] == 6


def test_nothing_runs_before_consent_and_the_first_layer_offers_three_equal_choices(page: Page,
                                                                                     server: Server) -> None:
    visit(page, server)
    dialog = page.locator(DIALOG)
    expect(dialog).to_be_visible()
    assert dialog.get_attribute("aria-labelledby") == "rc-title"
    assert not tracker_ran(page)
    assert not page.evaluate("window.demoAdvertising === true")
    assert page.locator("script[data-category]").evaluate_all("s => s.map(x => x.type)") == ["text/plain"] * 2
    assert not [c for c in page.context.cookies() if c["name"] == "_demo_tracker"]
    buttons = dialog.locator(".rc-row .rc-btn")
    assert buttons.all_inner_texts() == ["Reject all", "Accept all", "Customise"]
    expect(buttons.first).to_have_css("background-color", "rgb(29, 63, 138)")  # its stylesheet is applied
    boxes = [b.bounding_box() for b in buttons.all()]
    styles = buttons.evaluate_all("bs => bs.map(b => [getComputedStyle(b).backgroundColor, "
                                  "getComputedStyle(b).fontSize, getComputedStyle(b).fontWeight])")
    assert len({json.dumps(s) for s in styles}) == 1  # the same look for all three
    assert len({(round(b["width"]), round(b["height"])) for b in boxes if b}) == 1  # the same size
    assert page.evaluate("document.activeElement.id") == "rc-banner"  # the dialog has the focus, no button does
    assert dialog.get_attribute("aria-modal") == "true"


def test_the_keyboard_chooses_nothing_for_the_person_and_escape_closes_without_consent(page: Page,
                                                                                       server: Server) -> None:
    visit(page, server)
    dialog = page.locator(DIALOG)
    expect(dialog).to_be_visible()
    page.keyboard.press("Enter")  # the focus is on the dialog: Enter accepts nothing
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    assert not [c for c in page.context.cookies() if c["name"] == "registre_consent"]
    assert not tracker_ran(page)


def test_reject_all_from_the_first_layer_keeps_trackers_off_and_is_proved(page: Page, server: Server) -> None:
    visit(page, server)
    page.get_by_role("button", name="Reject all").click()
    expect(page.locator(DIALOG)).to_have_count(0)
    assert not tracker_ran(page)
    cookie = choice_cookie(page)
    days = (cookie["expires"] - time.time()) / 86400
    assert 180 <= days <= 185  # 6 months, the setting; never above 13 months
    assert days < 13 * 31
    events = proofs(server, stored_id(page))
    assert {(e.purpose, e.state) for e in events} == {("functional", "refused"),
                                                      ("audience_measurement", "refused"), ("advertising", "refused")}
    assert {e.method for e in events} == {"banner"}
    assert events[0].evidence == {"action": "reject_all"}
    assert events[0].location == f"{server.url}/banner/demo"
    assert abs(events[0].at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    visit(page, server)  # the choice is remembered: no banner, still no tracker
    expect(page.locator(DIALOG)).to_have_count(0)
    assert not tracker_ran(page)


def test_accept_all_from_the_first_layer_runs_the_trackers_and_is_proved(page: Page, server: Server) -> None:
    visit(page, server)
    page.get_by_role("button", name="Accept all").click()
    page.wait_for_function("window.demoTrackerRan === true")
    assert page.evaluate("window.demoAdvertising === true")
    assert page.locator("#tracker-status").inner_text() == "running"
    events = proofs(server, stored_id(page))
    assert {e.state for e in events} == {"given"}
    assert len(events) == 3
    visit(page, server)
    expect(page.locator(DIALOG)).to_have_count(0)
    page.wait_for_function("window.demoTrackerRan === true")


def test_the_proof_is_in_the_ledger_with_its_receipt(page: Page, server: Server) -> None:
    visit(page, server)
    page.get_by_role("button", name="Accept all").click()
    page.wait_for_function("window.demoTrackerRan === true")
    consent_id = page.evaluate("window.registreConsent.id()")
    assert consent_id == stored_id(page)
    proofs(server, consent_id)
    env = {"REGISTRE_DATA_DIR": str(server.settings.data_dir),
           "REGISTRE_DECLARATION": str(EXAMPLES / "le-nappage.yaml"), "REGISTRE_LANG": "en"}
    get_settings.cache_clear()
    listed = CliRunner().invoke(app, ["consent", "choices", consent_id, "--json"], env=env)
    assert listed.exit_code == 0, listed.output
    events = json.loads(listed.output)
    assert {(e["purpose"], e["state"]) for e in events} == {
        ("functional", "given"), ("audience_measurement", "given"), ("advertising", "given")}
    get_settings.cache_clear()
    receipt = CliRunner().invoke(app, ["consent", "receipt", events[0]["receipt_ref"]], env=env)
    record = json.loads(receipt.output)
    assert record["pii_principal_id"] == consent_id
    assert record["parties"][0]["party_name"] == "Le Nappage"
    assert record["intact"] is True


def test_customise_lets_one_purpose_through(page: Page, server: Server) -> None:
    visit(page, server)
    page.get_by_role("button", name="Customise").click()
    page.get_by_label("Audience measurement").check()
    page.get_by_role("button", name="Save my choices").click()
    page.wait_for_function("window.demoTrackerRan === true")
    assert not page.evaluate("window.demoAdvertising === true")
    states = {e.purpose: e.state for e in proofs(server, stored_id(page))}
    assert states == {"functional": "refused", "audience_measurement": "given", "advertising": "refused"}


def test_the_keyboard_alone_is_enough(page: Page, server: Server) -> None:
    visit(page, server)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "reject"
    page.keyboard.press("Enter")
    expect(page.locator(DIALOG)).to_have_count(0)
    assert {e.state for e in proofs(server, stored_id(page))} == {"refused"}


def test_the_page_language_picks_french(page: Page, server: Server) -> None:
    def in_french(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace('<html lang="en">', '<html lang="fr">'))

    page.route("**/banner/demo", in_french)
    visit(page, server)
    assert page.locator(DIALOG).locator(".rc-row .rc-btn").all_inner_texts() == [
        "Tout refuser", "Tout accepter", "Personnaliser"]
    expect(page.locator("#rc-title")).to_contain_text("Le Nappage")


def test_the_link_reopens_the_banner_to_withdraw(page: Page, server: Server) -> None:
    visit(page, server)
    page.get_by_role("button", name="Accept all").click()
    page.wait_for_function("window.demoTrackerRan === true")
    consent_id = stored_id(page)
    page.get_by_role("link", name="Cookie settings").click()
    expect(page.locator(DIALOG)).to_be_visible()
    with page.expect_navigation():  # a tracker that ran cannot be stopped: the page loads again without it
        page.get_by_role("button", name="Reject all").click()
    page.wait_for_load_state("networkidle")
    assert not tracker_ran(page)
    assert stored_id(page) == consent_id
    events = proofs(server, consent_id)
    assert [(e.purpose, e.state) for e in events if e.purpose == "audience_measurement"] == [
        ("audience_measurement", "given"), ("audience_measurement", "refused")]
    assert len({e.receipt_ref for e in events}) == 2


def test_the_banner_comes_back_when_the_notice_version_changes(page: Page, server: Server,
                                                               serve: Callable[[Path], Server],
                                                               tmp_path: Path) -> None:
    visit(page, server)
    page.get_by_role("button", name="Accept all").click()
    page.wait_for_function("window.demoTrackerRan === true")
    yaml = YAML()
    data = yaml.load((EXAMPLES / "le-nappage.yaml").read_text(encoding="utf-8"))
    data["policy"]["version"] = "2026-11-23"
    changed = tmp_path / "le-nappage.yaml"
    with changed.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    newer = serve(changed)  # same host, another port: the browser sends it the same cookie
    visit(page, newer)
    expect(page.locator(DIALOG)).to_be_visible()
    assert not tracker_ran(page)
