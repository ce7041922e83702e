"""The DPO's job in a real browser (Debian's Chromium), in French and English, on a desktop (1,280 px) and a phone
(390 px): a breach is triaged and notified to the CNIL from its page, with the clock in view; a staff account is
closed from the accounts page and can no longer sign in. Every page on the way fits the screen's width and has no
serious or critical axe-core violation."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.fixtures.browser import Server, browser, serve
from tests.web.backoffice.conftest import PARIS, PASSWORD, ROLES, TOKEN, seed

__all__ = ["browser", "serve"]
AUTH = {"Authorization": f"Bearer {TOKEN}"}
WORDS = {
    "fr": {"email": "Adresse électronique", "password": "Mot de passe", "sign_in": "Se connecter",
           "dashboard": "Tableau de bord", "breach": "Violation", "record": "Enregistrer l'évaluation",
           "assessed": "L'évaluation est enregistrée", "produce": "Produire et enregistrer",
           "notified": "La notification à la CNIL est enregistrée", "accounts": "Comptes du personnel",
           "new_email": "Adresse électronique", "first_password": "Mot de passe initial", "open": "Ouvrir le compte",
           "opened": "Le compte est ouvert", "close": "Fermer le compte de ", "closed": "Le compte est fermé",
           "wrong": "Adresse électronique ou mot de passe incorrect", "time_left": "Temps restant",
           "clock": "CNIL notifiée dans le délai"},
    "en": {"email": "Email address", "password": "Password", "sign_in": "Sign in", "dashboard": "Dashboard",
           "breach": "Breach", "record": "Record the assessment", "assessed": "The triage is recorded",
           "produce": "Produce and record", "notified": "The notification to the CNIL is recorded",
           "accounts": "Staff accounts", "new_email": "Email address", "first_password": "First password",
           "open": "Open the account", "opened": "The account is open", "close": "Close the account of ",
           "closed": "The account is closed", "wrong": "Wrong email address or password", "time_left": "Time left",
           "clock": "CNIL notified in time"},
}
WIDTHS = (1280, 390)
_axe = Axe()


@pytest.fixture(scope="module")
def server(serve: Callable[..., Server]) -> Server:
    """A back office on Paris je t'aime's declaration with the accounts of ROLES."""
    started = serve(PARIS, api_token=TOKEN)
    seed(started.settings, ROLES)
    return started


@pytest.fixture(params=[(lang, width) for lang in ("fr", "en") for width in WIDTHS], ids=lambda p: f"{p[0]}-{p[1]}")
def screen(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, str]]:
    """A page at the width and in the language of the case (the browser asks for that language)."""
    lang, width = request.param
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=lang,
                                  extra_http_headers={"Accept-Language": lang})
    yield context.new_page(), lang
    context.close()


def check(page: Page) -> None:
    """The page fits the screen's width, and axe-core finds nothing serious or critical."""
    page.wait_for_load_state("load")  # a click may have committed a navigation whose document is not built yet
    wide = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1], f"{page.url} is {wide[0]} px wide on a {wide[1]} px screen"
    found = _axe.run(page).response["violations"]
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in found
           if v["impact"] in ("serious", "critical")]
    assert not bad, f"{page.url}: {bad}"


def sign_in(page: Page, server: Server, lang: str, email: str) -> None:
    words = WORDS[lang]
    page.goto(f"{server.url}/staff/login?lang={lang}")
    check(page)
    page.get_by_label(words["email"]).fill(email)
    page.get_by_label(words["password"]).fill(PASSWORD)
    page.get_by_role("button", name=words["sign_in"]).click()


def test_the_dpo_triages_and_notifies_a_breach(screen: tuple[Page, str], server: Server) -> None:
    page, lang = screen
    words = WORDS[lang]
    aware = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=30)).isoformat()
    made = page.request.post(f"{server.url}/api/breaches", headers=AUTH, data={
        "title": "Ordinateur portable volé", "aware_at": aware, "nature": ["confidentiality"],
        "cause": "external_malicious", "origin": "lost_equipment", "activities": ["newsletter"],
        "data_categories": ["identification"], "subjects_count": 1200})
    assert made.status == 201, made.text()
    ref = made.json()["ref"]
    sign_in(page, server, lang, "dpo@paris.example")
    expect(page.get_by_role("heading", name=words["dashboard"])).to_be_visible()
    check(page)
    page.get_by_role("link", name=ref[:8]).first.click()
    expect(page.get_by_role("heading", name=f"{words['breach']} {ref[:8]}")).to_be_visible()
    expect(page.locator("p.clock")).to_contain_text(words["time_left"])
    check(page)
    harm = "Did someone mean harm" if lang == "en" else "Y a-t-il eu une intention de nuire"
    page.get_by_role("group", name=harm).get_by_label("Yes" if lang == "en" else "Oui").check()
    page.get_by_role("button", name=words["record"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["assessed"])
    check(page)
    page.get_by_role("button", name=words["produce"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["notified"])
    expect(page.locator("#produced")).to_contain_text("Ordinateur portable volé")
    check(page)
    page.goto(f"{server.url}/staff/breaches/{ref}")
    expect(page.locator("dl.facts")).to_contain_text(words["clock"])
    shown = page.request.get(f"{server.url}/api/breaches/{ref}", headers=AUTH).json()
    assert shown["risk"] is not None
    assert [n["kind"] for n in shown["notifications"]] == ["initial"]


def test_the_dpo_closes_an_account_that_then_cannot_sign_in(screen: tuple[Page, str], server: Server,
                                                            browser: Browser) -> None:
    page, lang = screen
    words = WORDS[lang]
    width = page.viewport_size["width"] if page.viewport_size else 0
    leaving = f"leaving-{lang}-{width}@paris.example"
    sign_in(page, server, lang, "dpo@paris.example")
    page.get_by_role("link", name=words["accounts"]).first.click()
    expect(page.get_by_role("heading", name=words["accounts"], exact=True)).to_be_visible()
    check(page)
    form = page.locator("form[action='/staff/accounts']")
    form.get_by_label(words["new_email"]).fill(leaving)
    form.get_by_label(words["first_password"]).fill(PASSWORD)
    page.get_by_role("button", name=words["open"], exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(words["opened"])
    page.get_by_role("button", name=words["close"] + leaving).click()
    expect(page.get_by_role("status")).to_contain_text(words["closed"])
    check(page)

    other = browser.new_context(viewport={"width": width, "height": 900})
    try:
        visitor = other.new_page()
        sign_in(visitor, server, lang, leaving)
        expect(visitor.get_by_role("alert")).to_contain_text(words["wrong"])
        check(visitor)
        visitor.goto(f"{server.url}/staff")
        expect(visitor.get_by_role("heading", name="Staff sign-in" if lang == "en" else "Connexion du personnel")
               ).to_be_visible()
    finally:
        other.close()


FILING = {"fr": {"new": "Enregistrer une demande reçue", "kind": "Droit exercé", "channel": "Reçue par",
                 "name": "Nom", "address": "Adresse postale", "subject": "La personne concernée",
                 "record": "Enregistrer la demande", "filed": "La demande est enregistrée",
                 "person": "Voir la fiche de la personne", "data": "Données que votre rôle peut voir"},
          "en": {"new": "Record a request received", "kind": "Right exercised",
                 "channel": "Received by", "name": "Name", "address": "Postal address", "subject": "The data subject",
                 "record": "Record the request", "filed": "The request is recorded",
                 "person": "See the person's page", "data": "Data your role may see"}}


def test_an_agent_records_a_letter_and_opens_the_persons_page(screen: tuple[Page, str], server: Server) -> None:
    page, lang = screen
    words = FILING[lang]
    sign_in(page, server, lang, "agent@paris.example")
    page.goto(f"{server.url}/staff/requests")
    page.get_by_role("link", name=words["new"]).click()
    expect(page).to_have_url(re.compile(r"/staff/requests/new"))
    check(page)
    page.get_by_label(words["kind"]).select_option("erasure")
    page.get_by_label(words["channel"]).select_option("post")
    page.get_by_label(words["name"]).fill("Jeanne Martin")
    page.get_by_label(words["address"]).fill("1 rue de Rivoli, 75001 Paris")
    page.get_by_label(words["subject"]).fill("email:jeanne@example.fr")
    page.get_by_role("button", name=words["record"]).click()
    expect(page.get_by_role("status")).to_contain_text(words["filed"])
    check(page)
    page.get_by_role("link", name=words["person"]).click()
    expect(page.get_by_role("heading", name=words["data"])).to_be_visible()
    check(page)
