"""The privacy center's pages through HTTP: FR/EN, forms that need their CSRF token and are rate-limited, and
no page that shows one person's request, files or choices to anyone holding another link, a tampered one or a
guessed reference."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlalchemy import select

from registre.app import create_app
from registre.config import Settings
from registre.db.session import make_engine, unit_of_work
from registre.declarations.service import load
from registre.models.outbox import OutboxLetter
from registre.models.subjects import DataSubject
from registre.rights import flows as rights
from tests.conftest import MINIMAL
from tests.fixtures.context import as_dpo
from tests.fixtures.factories import store_with_jeanne
from tests.mail.test_sender import Inbox, free_port

BASE = "http://testserver"
HTML = {"Accept": "text/html"}
LIMIT = 8


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, declaration=MINIMAL, lang="en", rate_limit=LIMIT)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    store_with_jeanne(settings.store_url)
    with TestClient(create_app(settings), headers=HTML) as client:
        yield client


def mails(settings: Settings) -> list[EmailMessage]:
    paths = sorted((settings.data_dir / "outbox").glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    return [message_from_bytes(p.read_bytes(), _class=EmailMessage, policy=default) for p in paths]


def link(settings: Settings, route: str) -> str:
    """The path of the newest mailed link to `route`."""
    found = re.search(rf"{BASE}(/{route}/\S+)", mails(settings)[-1].get_content())
    assert found
    return found.group(1)


def csrf(client: TestClient, path: str) -> str:
    page = BeautifulSoup(client.get(path).text, "html.parser")
    field = page.find("input", attrs={"name": "csrf"})
    assert field is not None
    return str(field["value"])


def ask(client: TestClient, settings: Settings, kind: str = "access", email: str = "jeanne@example.fr",
        **fields: str) -> str:
    """Fill a form and confirm it; returns the status link's path."""
    sent = client.post(f"/requests/{kind}", data={"csrf": csrf(client, f"/requests/{kind}"), "email": email,
                                                  **fields})
    assert sent.status_code == 200, sent.text
    confirm = link(settings, "confirm")
    assert client.post(confirm, data={"csrf": csrf(client, confirm)}).status_code == 200
    return link(settings, "status")


def ref_of(client: TestClient, status: str) -> str:
    code = BeautifulSoup(client.get(status).text, "html.parser").find("code")
    assert code is not None
    return code.text


def test_the_home_page_and_the_notice_in_french_and_english(client: TestClient) -> None:
    home = client.get("/?lang=fr")
    assert home.status_code == 200
    assert "Exercer vos droits" in home.text
    page = BeautifulSoup(home.text, "html.parser")
    assert page.html is not None
    assert page.html["lang"] == "fr"
    assert {a["href"] for a in page.select("#rights ~ ul a")} >= {"/requests/access", "/requests/post_mortem"}
    assert "Exercise your rights" in client.get("/?lang=en").text
    notice = client.get("/notice")  # the lang cookie remembers English
    assert notice.status_code == 200
    assert "<h1>" in notice.text
    assert "content-security-policy" in notice.headers


def test_an_access_request_from_the_form_to_the_download(client: TestClient, settings: Settings) -> None:
    status = ask(client, settings, name="Jeanne Martin")
    ref = ref_of(client, status)
    assert "Being handled" in client.get(status).text
    engine = make_engine(settings.store_url)
    assert settings.declaration is not None
    rights.complete(as_dpo(engine, load(settings.declaration), "dpo", settings=settings), ref)
    engine.dispose()
    page = client.get(status).text
    assert "Answered" in page
    assert "access.json" in page
    sent = client.post(f"{status}/download-link", data={"csrf": csrf(client, status)})
    assert sent.status_code == 200
    download = link(settings, "download")
    token = csrf(client, download)
    file = client.post(f"{download}/access.json", data={"csrf": token})
    assert file.status_code == 200
    assert file.headers["content-disposition"] == 'attachment; filename="access.json"'
    assert file.json()["data"][0]["value"] == "Martin"
    again = client.post(f"{download}/access.json", data={"csrf": token})
    assert again.status_code == 404


def test_no_page_shows_one_persons_request_to_another(client: TestClient, settings: Settings) -> None:
    jeanne = ask(client, settings)
    paul = ask(client, settings, email="paul@example.fr")
    jeanne_ref, paul_ref = ref_of(client, jeanne), ref_of(client, paul)
    token = jeanne.rsplit("/", 1)[1]
    value, *rest = token.split(".")
    tampered = ".".join([value[:-1] + ("A" if value[-1] != "A" else "B"), *rest])
    for path in (f"/status/{paul_ref}", f"/status/{jeanne_ref}", f"/status/{tampered}", f"/download/{token}",
                 f"/preferences/{token}", f"/status/{token}x"):
        answer = client.get(path)
        assert answer.status_code == 422, path
        shown = BeautifulSoup(answer.text, "html.parser").main
        assert shown is not None
        assert jeanne_ref not in shown.text
        assert paul_ref not in shown.text
        assert "Access your data" not in shown.text
    assert jeanne_ref not in client.get(paul).text


def test_a_form_without_its_csrf_token_is_refused(client: TestClient, settings: Settings) -> None:
    client.get("/requests/access")  # the double-submit cookie
    answer = client.post("/requests/access", data={"email": "jeanne@example.fr"})
    assert answer.status_code == 403
    assert mails(settings) == []


def test_every_public_form_is_rate_limited(client: TestClient, settings: Settings) -> None:
    token = csrf(client, "/preferences")
    codes = [client.post("/preferences", data={"csrf": token, "email": "x@example.fr"}).status_code
             for _ in range(LIMIT + 2)]
    assert codes == [200] * LIMIT + [429] * 2


def test_a_form_with_a_bad_address_is_shown_again_with_the_problem(client: TestClient, settings: Settings) -> None:
    answer = client.post("/requests/erasure", data={"csrf": csrf(client, "/requests/erasure"), "email": "nobody",
                                                    "note": "Tout effacer"})
    assert answer.status_code == 422
    page = BeautifulSoup(answer.text, "html.parser")
    assert page.find(id="form-error") is not None
    assert page.find("textarea", id="note").text == "Tout effacer"  # type: ignore[union-attr]
    assert mails(settings) == []


def test_post_mortem_directives_are_filed_with_what_the_person_chose(client: TestClient,
                                                                    settings: Settings) -> None:
    status = ask(client, settings, kind="post_mortem", directives="Effacez tout.", directive_action="erase",
                 executor="Paul Martin")
    engine = make_engine(settings.store_url)
    shown = rights.show(as_dpo(engine, None, "test", settings=settings), ref_of(client, status))
    engine.dispose()
    assert shown.kind == "post_mortem"
    assert shown.details == {"directives": "Effacez tout.", "directive_action": "erase", "executor": "Paul Martin"}


def test_marketing_consent_is_given_and_withdrawn_on_the_preferences_page(client: TestClient,
                                                                         settings: Settings) -> None:
    client.post("/preferences", data={"csrf": csrf(client, "/preferences"), "email": "jeanne@example.fr"})
    prefs = link(settings, "preferences")
    page = client.get(prefs)
    assert "No choice recorded" in page.text
    token = csrf(client, prefs)
    given = client.post(prefs, data={"csrf": token, "purpose": "newsletter", "channel": "email", "state": "given"})
    assert given.status_code == 200
    assert "You agreed" in given.text
    withdrawn = client.post(prefs, data={"csrf": token, "purpose": "newsletter", "channel": "email",
                                         "state": "withdrawn"})
    assert "You withdrew your consent" in withdrawn.text
    assert client.post(prefs, data={"csrf": token, "purpose": "orders", "channel": "sms",
                                    "state": "given"}).status_code == 422


def test_the_cookie_page_reopens_the_banner(client: TestClient) -> None:
    page = BeautifulSoup(client.get("/cookies").text, "html.parser")
    assert page.find("script", src="/banner/banner.js") is not None
    assert page.find(attrs={"data-registre-consent": True}) is not None


def test_the_preferences_form_answers_a_customer_and_a_stranger_alike(tmp_path: Path) -> None:
    inbox, port = Inbox(), free_port()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    settings = Settings(data_dir=tmp_path, declaration=MINIMAL, lang="en", smtp_host="127.0.0.1", smtp_port=port,
                        smtp_starttls=False, mail_from="dpo@exemple.fr")
    store_with_jeanne(settings.store_url)
    try:
        with TestClient(create_app(settings), headers=HTML) as client:
            token = csrf(client, "/preferences")
            answers = {email: client.post("/preferences", data={"csrf": token, "email": email})
                       for email in ("jeanne@example.fr", "stranger@example.fr")}
    finally:
        server.stop()
    known, unknown = answers["jeanne@example.fr"], answers["stranger@example.fr"]
    assert known.status_code == unknown.status_code == 200
    # the same page but for the script nonce, a new one on every page
    assert re.sub(r'nonce="[^"]*"', "", known.text) == re.sub(r'nonce="[^"]*"', "", unknown.text)
    assert sorted(known.headers.keys()) == sorted(unknown.headers.keys())
    [received] = inbox.messages  # the letter goes to the customer only, through the outbox
    assert received["To"] == "jeanne@example.fr"
    assert "/preferences/" in received.get_content()
    engine = make_engine(settings.store_url)
    with unit_of_work(engine) as session:
        jeanne = session.scalar(select(DataSubject.ref))
        rows = [(r.recipient, r.kind, r.target_ref, r.sent_at is not None)
                for r in session.scalars(select(OutboxLetter))]
    engine.dispose()
    assert rows == [("jeanne@example.fr", "center.preferences", jeanne, True)]
