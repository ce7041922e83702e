"""Everything a person reads in the demo, in French and English: every page of the privacy center and the back
office, every letter in the outbox, every access package and notice. None prints a code name of registre's
vocabulary (`web_form`, `awaiting_identity`, `internal_accidental`, a bare `access` or `open`) nor `None`."""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from pydantic import SecretStr

from registre import labels
from registre.app import create_app
from registre.config import Settings
from registre.db.session import make_engine, unit_of_work
from registre.declarations.service import load
from registre.rights.schemas import RequestKind
from registre.staff import service as staff
from registre.staff.policy import Policy
from tests.conftest import EXAMPLES
from tests.test_cli import registre

TOKEN = "dpo-token-for-the-demo-test"
PASSWORD = "correct horse battery staple"
CODES = {member.value for table in labels.tables() for member in table}
JOINED = sorted((code for code in CODES if "_" in code), key=len, reverse=True)
SKIP = {"script", "style", "code"}


BRACKETED = re.compile(r"\((" + "|".join(CODES) + r")\)")
JOINED_RE = re.compile(r"(?<![\w.@/-])(" + "|".join(re.escape(c) for c in JOINED) + r")(?![\w.@/-])")
NONE_RE = re.compile(r"[:=(\[] ?None\b|\bNone[,;)\]]")


def offences(texts: list[str], letter: bool = False) -> list[str]:
    """The texts that show `None`, a code name with an underscore, or are a bare code of an enum (in a letter,
    a code in brackets: "your request (access)")."""
    found = []
    for text in (t.strip() for t in texts):
        if not text:
            continue
        if (text in CODES or text == "None" or NONE_RE.search(text) or JOINED_RE.search(text)
                or (letter and BRACKETED.search(text))):
            found.append(text)
    return found


def page_texts(html: str) -> list[str]:
    """Every piece of text of a page a person sees (scripts, styles and reference codes left out)."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(SKIP):
        tag.decompose()
    texts = [str(s) for s in soup.find_all(string=True)]
    texts += [str(tag.get(attr)) for attr in ("aria-label", "title", "placeholder")
              for tag in soup.find_all(**{attr: True})]
    return texts


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's folder, as `registre demo` leaves it."""
    folder = tmp_path_factory.mktemp("demo") / "out"
    result = registre("demo", "-o", str(folder))
    assert result.exit_code == 0, result.output
    bad = offences(result.output.splitlines())
    assert not bad, bad
    return folder


def test_the_access_packages_read_as_documents(demo: Path) -> None:
    packages = sorted(demo.glob("answers/*/access.html"))
    assert packages
    for path in packages:
        html = path.read_text(encoding="utf-8")
        bad = offences(page_texts(html))
        assert not bad, (path, bad[:5])
        assert "Contract and contract follow-up" in html or "Customer accounts" in html  # activities by name


def test_the_letters_name_rights_and_dates_in_words(demo: Path) -> None:
    letters = sorted(demo.glob("outbox/*.eml"))
    assert letters
    for path in letters:
        mail = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert "<" in mail["From"], mail["From"]  # "Organisation <address>"
        body = mail.get_body(("plain",))
        assert body is not None
        text = body.get_content()
        bad = offences([mail["Subject"], *text.splitlines()], letter=True)
        assert not bad, (path, bad)


def test_the_notices_state_no_code(demo: Path) -> None:
    for path in sorted(demo.glob("*.notice.*.html")):
        bad = offences(page_texts(path.read_text(encoding="utf-8")))
        assert not bad, (path.name, bad[:5])


@pytest.fixture(scope="module")
def client(demo: Path) -> Iterator[TestClient]:
    """The back office and the privacy center on the demo's store, a DPO signed in, a breach triaged and notified,
    and a request received by post."""
    declaration = EXAMPLES / "paris-je-taime.yaml"
    settings = Settings(data_dir=demo, database_url=f"sqlite:///{demo / 'demo.sqlite3'}", declaration=declaration,
                        api_token=SecretStr(TOKEN), lang="en")
    engine = make_engine(settings.store_url)
    with unit_of_work(engine) as session:
        staff.add(session, email="dpo@paris.example", role="dpo", password=PASSWORD,
                  policy=Policy(load(declaration), settings.duties), actor="test")
    engine.dispose()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(create_app(settings), headers={"Accept": "text/html"}) as client:
        made = client.post("/api/breaches", headers=auth, json={
            "title": "Laptop stolen", "aware_at": "2026-11-13T17:30:00+01:00", "nature": ["confidentiality"],
            "cause": "internal_accidental", "origin": "lost_equipment", "activities": ["newsletter"],
            "data_categories": ["identification"]})
        assert made.status_code == 201, made.text
        ref = made.json()["ref"]
        assert client.post(f"/api/breaches/{ref}/assessment", headers=auth, json={}).status_code == 200
        notified = client.post(f"/api/breaches/{ref}/notifications", headers=auth, json={
            "kind": "initial", "delay_reasons": "The laptop's owner was on leave."})
        assert notified.status_code in (200, 201), notified.text
        filed = client.post("/api/requests", headers=auth, json={
            "kind": "objection", "channel": "post", "subject": "email:jeanne.martin@example.fr",
            "requester": {"name": "Jeanne Martin", "address": "1 rue de Rivoli, Paris"}, "lang": "fr"})
        assert filed.status_code == 201, filed.text
        page = client.get("/staff/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert token
        signed = client.post("/staff/login", data={"email": "dpo@paris.example", "password": PASSWORD,
                                                   "csrf": token.group(1)}, follow_redirects=False)
        assert signed.status_code == 303
        yield client


def paths(client: TestClient) -> list[str]:
    """Every page to read: the center's, the back office's, each request, person and breach, and an unknown address."""
    auth = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json"}
    requests = [r["ref"] for r in client.get("/api/requests", headers=auth).json()["items"]]
    breaches = [b["ref"] for b in client.get("/api/breaches", headers=auth).json()["items"]]
    people = {r["subject"] for r in client.get("/api/requests", headers=auth).json()["items"] if r["subject"]}
    return ["/", "/notice", *(f"/requests/{k.value}" for k in RequestKind), "/preferences", "/cookies",
            "/staff", "/staff/requests", *(f"/staff/requests/{r}" for r in requests), "/staff/breaches",
            *(f"/staff/breaches/{b}" for b in breaches), "/staff/accounts", "/staff/audit", "/staff/requests/new",
            *(f"/staff/people/{p}" for p in sorted(people)), "/no/such/page",
            "/staff/requests/00000000"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_reads_in_words(client: TestClient, lang: str) -> None:
    found = {}
    for path in paths(client):
        response = client.get(path, params={"lang": lang})
        if path.startswith("/requests/") and response.status_code == 404:
            continue  # a right the declaration does not offer
        assert response.headers["content-type"].startswith("text/html"), (path, response.status_code)
        bad = offences(page_texts(response.text))
        if bad:
            found[path] = bad[:5]
    assert not found, found


def test_every_enum_a_person_reads_has_its_words() -> None:
    for enum, table in labels.tables().items():
        assert issubclass(enum, StrEnum)
        assert set(table) == set(enum), enum
