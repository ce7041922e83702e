"""The whole access journey in Debian's Chromium: a person asks for access on the privacy center, confirms the
mail a real SMTP server (aiosmtpd) received, staff completes the request, and the person downloads the package
through the link mailed after verification; then the file is gone."""

from __future__ import annotations

import json
import os
import re
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, Page, expect

from registre.app import create_app
from registre.config import Settings
from registre.db.session import make_engine
from registre.declarations.service import load
from registre.rights import flows as rights
from tests.conftest import MINIMAL
from tests.fixtures.browser import browser, free_port, page
from tests.fixtures.context import as_dpo
from tests.fixtures.factories import store_with_jeanne
from tests.mail.test_sender import Inbox

__all__ = ["browser", "page"]
# `REGISTRE_SCREENSHOTS=docs/screenshots pytest tests/web/center/test_browser.py` refreshes the docs' pictures.
SHOTS = os.environ.get("REGISTRE_SCREENSHOTS")


def shot(page: Page, name: str) -> None:
    """Keep a picture of the page for the docs, when asked to."""
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"center-{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def inbox() -> Iterator[tuple[Inbox, int]]:
    mailbox, port = Inbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield mailbox, port
    controller.stop()


@pytest.fixture(scope="module")
def center(tmp_path_factory: pytest.TempPathFactory, inbox: tuple[Inbox, int]) -> Iterator[tuple[str, Settings]]:
    """A registre server with the minimal declaration, Jeanne in its store, and mail to the local SMTP server."""
    port = free_port()
    settings = Settings(data_dir=tmp_path_factory.mktemp("center"), declaration=MINIMAL, lang="fr",
                        smtp_host="127.0.0.1", smtp_port=inbox[1], smtp_starttls=False,
                        public_url=f"http://127.0.0.1:{port}")
    store_with_jeanne(settings.store_url)
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="error",
                                           ws="none", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the registre server did not start"
        assert thread.is_alive(), "the registre server stopped"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", settings
    server.should_exit = True
    thread.join(timeout=10)


def mailed_link(mailbox: Inbox, route: str, count: int) -> str:
    """The link to `route` in the newest mail, once `count` mails have arrived."""
    deadline = time.monotonic() + 10
    while len(mailbox.messages) < count:
        assert time.monotonic() < deadline, [m["Subject"] for m in mailbox.messages]
        time.sleep(0.05)
    found = re.search(rf"(http://\S+/{route}/\S+)", mailbox.messages[count - 1].get_content())
    assert found, mailbox.messages[count - 1].get_content()
    return found.group(1)


def test_a_person_asks_for_access_and_downloads_the_answer(center: tuple[str, Settings], inbox: tuple[Inbox, int],
                                                           page: Page, browser: Browser,
                                                           tmp_path: Path) -> None:
    url, settings = center
    mailbox = inbox[0]
    page.goto(f"{url}/?lang=en")
    shot(page, "home")
    page.get_by_role("link", name="Access your data").click()
    page.get_by_label("Your email address").fill("jeanne@example.fr")
    page.get_by_label("Your name (optional)").fill("Jeanne Martin")
    shot(page, "request-form")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your mailbox")

    page.goto(mailed_link(mailbox, "confirm", 1))
    shot(page, "confirm")
    page.get_by_role("button", name="Confirm and send").click()
    expect(page.get_by_role("status")).to_contain_text("Your request is recorded.")
    ref = page.locator("code").inner_text()
    assert mailbox.messages[1]["Subject"] == f"Your request has been received ({ref})"
    status = mailed_link(mailbox, "status", 3)
    page.goto(status)
    expect(page.locator("#status")).to_have_text("Being handled")

    engine = make_engine(settings.store_url)
    assert settings.declaration is not None
    staff = as_dpo(engine, load(settings.declaration), "dpo@example.fr", settings=settings)
    rights.complete(staff, ref)  # staff's step
    engine.dispose()

    page.reload()
    expect(page.locator("#status")).to_have_text("Answered")
    page.get_by_role("button", name="Send me the download link").click()
    expect(page.get_by_role("status")).to_contain_text("We have sent a download link")
    shot(page, "status-answered")
    download_page = mailed_link(mailbox, "download", 5)  # after the answer's letter
    assert mailbox.messages[4]["To"] == "jeanne@example.fr"

    page.goto(download_page)
    shot(page, "download")
    with page.expect_download() as started:
        page.get_by_role("button", name="Download access.json").click()
    saved = tmp_path / "access.json"
    started.value.save_as(saved)
    package = json.loads(saved.read_text(encoding="utf-8"))
    assert package["data"][0]["value"] == "Martin"

    page.reload()
    expect(page.get_by_role("button", name="Download access.json")).to_have_count(0)
    other = browser.new_context().new_page()  # another person holding the status link of nobody: nothing shown
    other.goto(f"{url}/status/{ref}")
    expect(other.locator("main")).not_to_contain_text("Martin")
    expect(other.locator("main")).not_to_contain_text(ref)
    other.context.close()


def test_the_cookie_page_shows_the_styled_banner_under_the_strict_csp(center: tuple[str, Settings],
                                                                       page: Page) -> None:
    url, _ = center
    page.goto(f"{url}/cookies?lang=en")
    with urllib.request.urlopen(f"{url}/cookies") as response:
        assert "style-src 'self';" in response.headers["Content-Security-Policy"]  # no inline style allowed
    page.locator("button[data-registre-consent]").click()
    accept = page.locator("#rc-banner .rc-btn[data-action='accept']")
    expect(accept).to_be_visible()
    expect(accept).to_have_css("background-color", "rgb(29, 63, 138)")
