"""`registre requests` as staff use it: file, verify identity, extend, complete, refuse; mail to the outbox."""

from __future__ import annotations

import datetime as dt
import email
import json
import re
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from registre.cli import app
from registre.config import Settings, get_settings
from registre.rights import vault
from tests.conftest import MINIMAL
from tests.fixtures.factories import store_with_jeanne


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A fresh SQLite store with one customer, Jeanne, and the minimal declaration."""
    store_with_jeanne(f"sqlite:///{tmp_path / 'registre.sqlite3'}")
    return {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(MINIMAL), "REGISTRE_LANG": "en"}


def registre(env: dict[str, str], *args: str) -> Any:
    """Run the CLI as a new process would: settings read anew from `env`."""
    get_settings.cache_clear()
    return CliRunner().invoke(app, list(args), env=env)


def outbox(env: dict[str, str]) -> list[EmailMessage]:
    """The letters written to the outbox, oldest first."""
    folder = Path(env["REGISTRE_DATA_DIR"]) / "outbox"
    paths = sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    return [email.message_from_bytes(p.read_bytes(), _class=EmailMessage, policy=default) for p in paths]


def file_access(env: dict[str, str]) -> str:
    result = registre(env, "requests", "new", "--kind", "access", "--channel", "email", "--subject",
                      "email:jeanne@example.fr", "--email", "jeanne@example.fr", "--lang", "en", "--json")
    assert result.exit_code == 0, result.output
    ref: str = json.loads(result.output)["request"]["ref"]
    return ref


def test_a_request_from_receipt_to_answer(env: dict[str, str], tmp_path: Path) -> None:
    ref = file_access(env)
    [ack] = outbox(env)
    assert "received" in ack["Subject"]
    assert ref in ack.get_content()

    listed = json.loads(registre(env, "requests", "list", "--json").output)
    assert [r["ref"] for r in listed["items"]] == [ref]

    assert registre(env, "requests", "verify", ref, "--ask").exit_code == 0
    code_mail = outbox(env)[-1]
    code = re.search(r"\b(\d{6})\b", code_mail.get_content()).group(1)  # type: ignore[union-attr]
    assert code_mail["To"] == "jeanne@example.fr"
    assert registre(env, "requests", "verify", ref, "--code", code).exit_code == 0

    result = registre(env, "requests", "complete", ref, "-o", str(tmp_path / "answer"))
    assert result.exit_code == 0, result.output
    package = json.loads((tmp_path / "answer" / "access.json").read_text())
    assert package["data"][0]["value"] == "Martin"
    assert (tmp_path / "answer" / "access.html").exists()
    assert "answered" in outbox(env)[-1]["Subject"]

    shown = json.loads(registre(env, "requests", "show", ref, "--json").output)
    assert shown["status"] == "completed"
    assert registre(env, "audit", "verify").exit_code == 0


def test_a_refusal_tells_the_person_of_the_cnil(env: dict[str, str]) -> None:
    ref = file_access(env)
    result = registre(env, "requests", "refuse", ref, "--reasons", "Manifestly excessive.", "--partial")
    assert result.exit_code == 0, result.output
    assert "CNIL" in outbox(env)[-1].get_content()


def test_an_extension_gives_the_new_deadline_and_reasons(env: dict[str, str]) -> None:
    ref = file_access(env)
    result = registre(env, "requests", "extend", ref, "--reasons", "Ten years of orders.", "--json")
    assert result.exit_code == 0, result.output
    request = json.loads(result.output)["request"]
    assert request["extended_deadline"] == request["strict_deadline"]
    assert "Ten years of orders." in outbox(env)[-1].get_content()


@pytest.mark.parametrize(("args", "message"), [
    (["requests", "show", "nope"], "No request with reference 'nope'."),
    (["requests", "new", "--kind", "access", "--channel", "email", "--subject", "email:nobody@example.fr"],
     "No data subject has the email 'nobody@example.fr'."),
    (["requests", "new", "--kind", "rectification", "--channel", "post", "--change", "last_name"],
     "is not a change"),
    (["requests", "new", "--kind", "access", "--channel", "post", "--email", "not-an-email"], "not valid"),
])
def test_mistakes_get_a_plain_answer_and_change_nothing(env: dict[str, str], args: list[str], message: str) -> None:
    result = registre(env, *args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # reported, not raised
    assert json.loads(registre(env, "requests", "list", "--json").output)["items"] == []


def test_a_restriction_is_lifted_only_after_the_person_is_told(env: dict[str, str]) -> None:
    result = registre(env, "requests", "new", "--kind", "restriction", "--channel", "email", "--subject",
                      "email:jeanne@example.fr", "--activity", "orders", "--ground", "accuracy contested", "--json")
    ref = json.loads(result.output)["request"]["ref"]
    assert registre(env, "requests", "complete", ref).exit_code == 0
    dead = {**env, "REGISTRE_SMTP_HOST": "127.0.0.1", "REGISTRE_SMTP_PORT": "9", "REGISTRE_SMTP_STARTTLS": "false"}
    failed = registre(dead, "requests", "lift-restriction", "email:jeanne@example.fr")
    assert failed.exit_code == 1
    assert "the restriction stays in force" in failed.output
    lifted = registre(env, "requests", "lift-restriction", "email:jeanne@example.fr")
    assert lifted.exit_code == 0, lifted.output
    assert "restriction" in outbox(env)[-1]["Subject"]
    again = registre(env, "requests", "lift-restriction", "email:jeanne@example.fr")
    assert again.exit_code == 1
    assert "No restriction in force" in again.output


def test_answer_packages_past_their_time_are_purged(env: dict[str, str]) -> None:
    settings = Settings(data_dir=Path(env["REGISTRE_DATA_DIR"]))
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=settings.package_days + 1)
    vault.keep(settings, "b" * 32, {"access.json": b"{}"})
    vault.keep(settings, "a" * 32, {"access.json": b"{}"}, now=old)  # kept long ago: its time is up
    assert json.loads(registre(env, "requests", "purge-packages", "--json").output) == {"purged": 1}
    assert vault.waiting(settings, "b" * 32) == ["access.json"]
    assert vault.waiting(settings, "a" * 32) == []


def test_an_answer_completed_without_a_folder_is_kept_and_written_on_demand(env: dict[str, str],
                                                                           tmp_path: Path) -> None:
    ref = file_access(env)
    result = registre(env, "requests", "complete", ref)
    assert result.exit_code == 0, result.output
    assert f"registre requests package {ref}" in " ".join(result.output.split())  # says where the answer is
    assert not list((tmp_path).glob("**/access.json"))  # kept encrypted, not in the clear
    written = registre(env, "requests", "package", ref, "-o", str(tmp_path / "later"))
    assert written.exit_code == 0, written.output
    package = json.loads((tmp_path / "later" / "access.json").read_text())
    assert package["data"][0]["value"] == "Martin"
    assert str(tmp_path / "later" / "access.json") in written.output.replace("\n", "")
    missing = registre(env, "requests", "package", "no-such-ref", "-o", str(tmp_path / "none"))
    assert missing.exit_code == 1
    assert "No request with reference" in missing.output


def test_an_answer_completed_by_a_short_reference_is_kept_under_the_whole_one(env: dict[str, str],
                                                                               tmp_path: Path) -> None:
    ref = file_access(env)
    assert registre(env, "requests", "complete", ref[:8]).exit_code == 0  # as the tables show it
    settings = Settings(data_dir=Path(env["REGISTRE_DATA_DIR"]))
    assert "access.json" in vault.waiting(settings, ref)  # where the person's download link looks
    written = registre(env, "requests", "package", ref[:8], "-o", str(tmp_path / "later"))
    assert written.exit_code == 0, written.output
    assert json.loads((tmp_path / "later" / "access.json").read_text())["data"][0]["value"] == "Martin"


@pytest.mark.parametrize(("lang", "words"), [("en", ["Right: Access", "Received by: Email", "Outcome: —"]),
                                             ("fr", ["Droit : Accès", "Reçue par : Courriel", "Issue : —"])])
def test_a_request_is_shown_in_words(env: dict[str, str], lang: str, words: list[str], wide: None,
                                     tmp_path: Path) -> None:
    ref = file_access(env)
    shown = registre({**env, "REGISTRE_LANG": lang}, "requests", "show", ref)
    assert shown.exit_code == 0, shown.output
    for word in words:
        assert word in shown.output
    for raw in ('"kind"', "access", "email:", "None"):
        assert raw not in shown.output
    assert ("day(s) left" if lang == "en" else "jour(s) restant(s)") in shown.output
    assert registre(env, "requests", "complete", ref, "-o", str(tmp_path / "answer")).exit_code == 0
    answered = registre({**env, "REGISTRE_LANG": lang}, "requests", "show", ref).output
    assert ("Answered" if lang == "en" else "Traitée") in answered
    assert ("day(s) left" if lang == "en" else "jour(s) restant(s)") not in answered  # no clock once answered
