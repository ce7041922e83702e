"""`registre breaches` as a DPO uses it on a bad Friday night: record, triage, notify, export, alert."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from registre.cli import app
from registre.config import get_settings
from registre.db.session import make_engine, unit_of_work
from registre.declarations.service import load
from tests.breaches.test_service import MANY, many_breaches, read_csv, read_ods
from tests.conftest import MINIMAL
from tests.fixtures.factories import create_subject, store_with_jeanne
from tests.mail.test_sender import Inbox


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A fresh SQLite store with two customers and the minimal declaration."""
    url = f"sqlite:///{tmp_path / 'registre.sqlite3'}"
    store_with_jeanne(url)
    engine = make_engine(url)
    with unit_of_work(engine) as session:
        create_subject(session, email="paul@example.fr")
    engine.dispose()
    return {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(MINIMAL), "REGISTRE_LANG": "en"}


def registre(env: dict[str, str], *args: str, input: str | None = None) -> Any:
    """Run the CLI as a new process would: settings read anew from `env`."""
    get_settings.cache_clear()
    return CliRunner().invoke(app, list(args), env=env, input=input)


def new(env: dict[str, str], *args: str) -> dict[str, Any]:
    result = registre(env, "breaches", "new", *args, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_from_friday_evening_to_the_register(env: dict[str, str], tmp_path: Path) -> None:
    breach = new(env, "--title", "Customer database copied", "--aware-at", "2026-11-13T17:30",
                 "--discovered-at", "2026-11-13T16:45", "--nature", "confidentiality", "--cause", "external_malicious",
                 "--origin", "hacking", "--activity", "orders", "--data", "identification", "--system", "crm",
                 "--consequences", "Phishing aimed at our customers.", "--measures-taken", "Server isolated.",
                 "--advice", "Do not answer emails asking for your password.")
    ref = breach["ref"]
    assert breach["deadline_local"] == "Monday 16 November 2026 17:30 (Paris time)"
    assert breach["deadline"] == "2026-11-16T16:30:00Z"
    assert (breach["subjects_count"], breach["subjects_count_source"]) == (2, "store")

    # Triage by the guided questions: the facts propose the answers, the DPO accepts them and adds one.
    triaged = registre(env, "breaches", "assess", ref, "--ask", "--severe", input="\n" * 8)
    assert triaged.exit_code == 0, triaged.output
    assert "Risk: high (suggested: high). Notify the CNIL: yes. Tell the people: yes." in triaged.output

    # Too late without the reasons for the delay: refused, nothing recorded.
    refused = registre(env, "breaches", "notify", ref, "--to", "initial")
    assert refused.exit_code == 1
    assert "reasons for the delay" in refused.output
    assert json.loads(registre(env, "breaches", "show", ref, "--json").output)["notifications"] == []

    filed = registre(env, "breaches", "notify", ref, "--to", "initial", "--delay-reasons",
                     "The intrusion was confirmed on Monday evening only.", "--cnil-ref", "NOTIF-2026-0042")
    assert filed.exit_code == 0, filed.output
    assert "Notification d'une violation de données à caractère personnel à la CNIL" in filed.stdout
    assert "Motifs du retard : The intrusion was confirmed on Monday evening only." in filed.stdout

    letters = registre(env, "breaches", "notify", ref, "--to", "subjects", "--lang", "en", "-o",
                       str(tmp_path / "letters"), "--json")
    assert letters.exit_code == 0, letters.output
    sent = json.loads(letters.output)
    assert len(sent["sent"]) == 2
    assert sent["recorded"]
    people = read_csv(tmp_path / "letters" / "affected.csv")
    assert sorted(row[2] for row in people[1:]) == ["jeanne@example.fr", "paul@example.fr"]
    outbox = sorted((tmp_path / "outbox").glob("*.eml"))
    assert len(outbox) == 2
    assert "Do not answer emails asking for your password." in outbox[0].read_text()

    # A second breach, judged unlikely to result in a risk: recorded, not notified, reasons kept.
    minor = new(env, "--title", "Email to the wrong colleague", "--nature", "confidentiality")
    assert registre(env, "breaches", "assess", minor["ref"], "--contained").exit_code == 0

    shown = json.loads(registre(env, "breaches", "show", ref, "--json").output)
    assert shown["clock"] == "notified_late"
    assert shown["hours_left"] < 0
    listed = json.loads(registre(env, "breaches", "list", "--json").output)
    assert {b["ref"]: b["clock"] for b in listed["items"]} == {ref: "notified_late", minor["ref"]: "not_required"}
    assert listed["total"] == 2

    for fmt in ("ods", "csv"):
        path = tmp_path / f"register.{fmt}"
        done = registre(env, "breaches", "export", "--format", fmt, "-o", str(path), "--lang", "en")
        assert done.exit_code == 0, done.output
        rows = read_ods(path) if fmt == "ods" else read_csv(path)
        by_title = {row[1]: dict(zip(rows[0], row, strict=False)) for row in rows[1:]}
        assert by_title["Customer database copied"]["CNIL notified"].startswith("2026-")
        assert by_title["Customer database copied"]["CNIL number"] == "NOTIF-2026-0042"
        assert by_title["Customer database copied"]["Notification deadline (72 h)"] == "2026-11-16 17:30"
        assert by_title["Email to the wrong colleague"]["Risk"] == "none"
        minor_row = by_title["Email to the wrong colleague"]
        assert minor_row["CNIL notified"] == "not required (unlikely to result in a risk)"
        assert "supprimées" in by_title["Email to the wrong colleague"]["Reasons of the decision"]

    assert registre(env, "audit", "verify").exit_code == 0


def test_mistakes_are_answered_in_plain_words(env: dict[str, str]) -> None:
    for args, words in [
        (("new", "--title", "x", "--nature", "confidentiality", "--aware-at", "friday"), "not a date and time"),
        (("new", "--title", "x", "--nature", "leak"), "'leak' is not one of"),
        (("new", "--title", "x", "--nature", "confidentiality", "--data", "health"), "not a declared data category"),
        (("show", "nope"), "No breach with reference 'nope'."),
        (("export", "--format", "pdf", "-o", "x.pdf"), "not a register format"),
    ]:
        result = registre(env, "breaches", *args)
        assert result.exit_code != 0
        assert words in result.output, result.output
        assert "Traceback" not in result.output
        assert isinstance(result.exception, SystemExit)  # reported, not raised


def test_the_dpo_is_alerted_once_when_24_hours_or_less_are_left(env: dict[str, str],
                                                                 smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    mail = {**env, "REGISTRE_SMTP_HOST": "127.0.0.1", "REGISTRE_SMTP_PORT": str(port),
            "REGISTRE_SMTP_STARTTLS": "false", "REGISTRE_MAIL_FROM": "registre@exemple.fr"}
    now = dt.datetime.now(dt.UTC)
    due = new(env, "--title", "Ransomware on the file server", "--nature", "availability",
              "--aware-at", (now - dt.timedelta(hours=50)).isoformat())
    new(env, "--title", "Found this morning", "--nature", "confidentiality",
        "--aware-at", (now - dt.timedelta(hours=2)).isoformat())
    riskless = new(env, "--title", "Outage", "--nature", "availability",
                   "--aware-at", (now - dt.timedelta(hours=60)).isoformat())
    assert registre(env, "breaches", "assess", riskless["ref"], "--brief-unavailability").exit_code == 0

    first = registre(mail, "breaches", "alert", "--json")
    assert first.exit_code == 0, first.output
    [alerted] = json.loads(first.output)
    assert alerted["ref"] == due["ref"]
    assert alerted["to"] == "dpo@exemple.fr"
    assert 21.9 <= alerted["hours_left"] <= 22.0
    [message] = inbox.messages
    assert message["To"] == "dpo@exemple.fr"
    assert message["Subject"].startswith(f"[registre] Breach {due['ref']}: 21 h 5")
    assert "registre breaches notify" in message.get_content()

    again = registre(mail, "breaches", "alert")
    assert again.exit_code == 0
    assert "No breach needs an alert." in again.output
    assert len(inbox.messages) == 1
    shown = json.loads(registre(env, "breaches", "show", due["ref"], "--json").output)
    assert shown["alert_sent_at"] is not None


def test_an_alert_that_cannot_be_sent_is_tried_again(env: dict[str, str], smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    now = dt.datetime.now(dt.UTC)
    due = new(env, "--title", "Laptop lost", "--nature", "confidentiality",
              "--aware-at", (now - dt.timedelta(hours=70)).isoformat())
    down = {**env, "REGISTRE_SMTP_HOST": "127.0.0.1", "REGISTRE_SMTP_PORT": "1", "REGISTRE_SMTP_STARTTLS": "false"}
    failed = registre(down, "breaches", "alert")
    assert failed.exit_code == 1
    assert "will be tried again" in failed.output
    assert json.loads(registre(env, "breaches", "show", due["ref"], "--json").output)["alert_sent_at"] is None
    up = {**env, "REGISTRE_SMTP_HOST": "127.0.0.1", "REGISTRE_SMTP_PORT": str(port), "REGISTRE_SMTP_STARTTLS": "false"}
    assert registre(up, "breaches", "alert").exit_code == 0
    assert len(inbox.messages) == 1


def test_more_than_a_thousand_breaches_are_listed_a_page_at_a_time(env: dict[str, str], tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'registre.sqlite3'}")
    refs = many_breaches(engine, load(MINIMAL))
    engine.dispose()
    shown = registre(env, "breaches", "list")
    assert shown.exit_code == 0, shown.output
    assert f"{MANY - 500} more breach(es) of {MANY}: add --offset 500." in shown.output
    last = json.loads(registre(env, "breaches", "list", "--offset", "1000", "--json").output)
    assert (last["total"], len(last["items"])) == (MANY, MANY - 1000)
    assert last["items"][-1]["ref"] == refs[1000]  # the riskless ones come last: the newest of them is #1000
    path = tmp_path / "register.csv"
    assert registre(env, "breaches", "export", "--format", "csv", "-o", str(path)).exit_code == 0
    assert len(read_csv(path)) == MANY + 1


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["Customer database copied", "Confidentiality", "13 November 2026, 17:30", "Overdue", "not assessed"]),
    ("fr", ["Confidentialité", "13 novembre 2026 à 17:30", "Dépassé", "non évalué", "Personnes concernées"])])
def test_a_breach_is_listed_and_shown_in_words(env: dict[str, str], lang: str, words: list[str]) -> None:
    ref = new(env, "--title", "Customer database copied", "--aware-at", "2026-11-13T17:30", "--nature",
              "confidentiality")["ref"]
    reader = {**env, "REGISTRE_LANG": lang, "COLUMNS": "250"}
    listed, shown = registre(reader, "breaches", "list").output, registre(reader, "breaches", "show", ref).output
    for word in words[2:4]:
        assert word in listed
    for word in words:
        assert word in shown
    for raw in ("overdue", "confidentiality", "2026-11-13", "None", ref):
        assert raw not in listed + shown
