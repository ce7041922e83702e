"""The privacy center's flows on SQLite and PostgreSQL: a request filed only once its address is confirmed, a
status link, files handed over once by a second link, preferences by a mailed link; forged links change nothing."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from registre.config import Settings
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.errors import Conflict, NotFound
from registre.kit.signing import InvalidToken, signed
from registre.models.audit import AuditEntry
from registre.models.outbox import OutboxLetter
from registre.models.requests import RightsRequest
from registre.rights import flows as rights
from registre.rights import vault
from registre.rights.schemas import RequestDetails, RequestKind
from registre.web.center import flows
from registre.web.center.schemas import RequestForm
from tests.fixtures.context import as_dpo
from tests.fixtures.factories import create_subject

BASE = "http://center.test"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, lang="en")


@pytest.fixture
def declared(declare: Callable[..., Declared]) -> Declared:
    return declare()


@pytest.fixture
def jeanne(engine: Engine) -> str:
    with unit_of_work(engine) as session:
        return create_subject(session).ref


def mails(settings: Settings) -> list[EmailMessage]:
    """The letters written to the outbox, oldest first."""
    paths = sorted((settings.data_dir / "outbox").glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    return [message_from_bytes(p.read_bytes(), _class=EmailMessage, policy=default) for p in paths]


def link(mail: EmailMessage, route: str) -> str:
    """The token of the link to `route` in a letter."""
    found = re.search(rf"{BASE}/{route}/(\S+)", mail.get_content())
    assert found, mail.get_content()
    return found.group(1)


def requests_in(engine: Engine) -> int:
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count()).select_from(RightsRequest)) or 0


def ask(settings: Settings, declared: Declared, kind: RequestKind = RequestKind.access,
        email: str = "jeanne@example.fr", **details: object) -> str:
    """Send the form and return the confirmation token mailed."""
    form = RequestForm(kind=kind, email=email, name="Jeanne Martin", lang="en",
                       details=RequestDetails.model_validate(details))
    flows.submit(settings, declared, form, BASE)
    return link(mails(settings)[-1], "confirm")


def test_a_request_is_filed_only_once_its_address_is_confirmed(engine: Engine, settings: Settings,
                                                               declared: Declared, jeanne: str) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    token = ask(settings, declared)
    [confirm_mail] = mails(settings)
    assert confirm_mail["To"] == "jeanne@example.fr"
    assert "jeanne" not in token.lower()
    assert "Martin" not in token
    assert requests_in(engine) == 0

    filed = flows.confirm(engine, settings, declared, token, BASE)
    again = flows.confirm(engine, settings, declared, token, BASE)
    assert filed.new
    assert not again.new
    assert again.ref == filed.ref
    assert requests_in(engine) == 1
    shown = rights.show(as_dpo(engine, None, "test", settings=settings), filed.ref)
    assert shown.subject == jeanne
    assert shown.channel == "web_form"
    assert before <= shown.received_at.astimezone(dt.UTC) <= dt.datetime.now(dt.UTC)  # when the form was sent
    subjects = [m["Subject"] for m in mails(settings)]
    assert subjects[1:] == [f"Your request has been received ({filed.ref})", f"Follow your request ({filed.ref})"]


def test_an_address_nobody_has_still_files_the_request(engine: Engine, settings: Settings,
                                                      declared: Declared, jeanne: str) -> None:
    filed = flows.confirm(engine, settings, declared, ask(settings, declared, email="paul@example.fr"), BASE)
    assert rights.show(as_dpo(engine, None, "test", settings=settings), filed.ref).subject is None


@pytest.mark.parametrize("change", [lambda t: t[:-2] + ("AA" if t[-2:] != "AA" else "BB"), lambda t: "x" + t,
                                    lambda t: t[: len(t) // 2], lambda t: "not-a-token"])
def test_an_altered_confirmation_link_files_nothing(engine: Engine, settings: Settings, declared: Declared,
                                                    change: Callable[[str], str]) -> None:
    token = ask(settings, declared)
    with pytest.raises(InvalidToken):
        flows.confirm(engine, settings, declared, change(token), BASE)
    assert requests_in(engine) == 0


def test_a_confirmation_link_expires_after_48_hours(settings: Settings, declared: Declared) -> None:
    form = RequestForm(kind=RequestKind.erasure, email="jeanne@example.fr")
    from registre.kit.sealing import seal_token

    old = seal_token(settings.secret_key.get_secret_value(), "center-request", form.model_dump(mode="json"),
                     now=dt.datetime.now(dt.UTC) - dt.timedelta(hours=49))
    with pytest.raises(InvalidToken):
        flows.pending(settings, old)


def status_token(settings: Settings) -> str:
    return link(mails(settings)[-1], "status")


def test_the_status_link_shows_that_request_and_no_other(engine: Engine, settings: Settings, declared: Declared,
                                                        jeanne: str) -> None:
    mine = flows.confirm(engine, settings, declared, ask(settings, declared), BASE)
    token = status_token(settings)
    theirs = flows.confirm(engine, settings, declared, ask(settings, declared, email="paul@example.fr"), BASE)
    assert flows.status(engine, settings, token).request.ref == mine.ref
    secret = settings.secret_key.get_secret_value()
    for forged in (theirs.ref, mine.ref, signed(theirs.ref, "center-download", 3600, secret=secret),
                   signed(theirs.ref, "center-status", 3600, secret="another-secret"),
                   token.replace(token.split(".")[0], signed(theirs.ref, "x", None, secret=secret).split(".")[0])):
        with pytest.raises(InvalidToken):
            flows.status(engine, settings, forged)
    with unit_of_work(engine) as session:
        reads = session.scalars(select(AuditEntry.target_ref).where(AuditEntry.action == "request.read",
                                                                    AuditEntry.actor == flows.ACTOR)).all()
    assert list(reads) == [mine.ref]


def test_the_files_are_handed_over_once_by_a_mailed_link(engine: Engine, settings: Settings, declared: Declared,
                                                        jeanne: str) -> None:
    filed = flows.confirm(engine, settings, declared, ask(settings, declared), BASE)
    token = status_token(settings)
    with pytest.raises(Conflict):  # not answered yet
        flows.send_download_link(engine, settings, token, BASE)
    rights.complete(as_dpo(engine, declared, "dpo", settings=settings), filed.ref)
    state = flows.status(engine, settings, token)
    assert state.files == ["access.html", "access.json"]
    kept = list((settings.data_dir / "packages" / filed.ref).glob("*.sealed"))
    assert kept
    assert all(b"Martin" not in p.read_bytes() for p in kept)

    flows.send_download_link(engine, settings, token, BASE)
    mail = mails(settings)[-1]
    assert mail["To"] == "jeanne@example.fr"
    download = link(mail, "download")
    with pytest.raises(InvalidToken):  # the status link does not download
        flows.download(engine, settings, token, "access.json")
    package = json.loads(flows.download(engine, settings, download, "access.json"))
    assert package["data"][0]["value"] == "Martin"
    with pytest.raises(NotFound):
        flows.download(engine, settings, download, "access.json")
    assert flows.downloads(settings, download)[1] == ["access.html"]
    flows.download(engine, settings, download, "access.html")
    assert not (settings.data_dir / "packages" / filed.ref).exists()
    with unit_of_work(engine) as session:
        done = session.scalars(select(AuditEntry.details).where(
            AuditEntry.action == "request.package_downloaded")).all()
    assert [d["file"] for d in done] == ["access.json", "access.html"]


def test_requests_from_other_channels_keep_their_files_for_staff(engine: Engine, settings: Settings,
                                                                 declared: Declared, jeanne: str) -> None:
    from registre.rights.schemas import RequestCreate

    filed = rights.file_request(as_dpo(engine, declared, "t", settings=settings), RequestCreate.model_validate(
        {"kind": "access", "channel": "email", "subject": jeanne, "requester": {"email": "jeanne@example.fr"}}))
    done = rights.complete(as_dpo(engine, declared, "dpo", settings=settings), filed.request.ref)
    assert done.kept_until is not None  # never thrown away, whatever door completed it
    kept = rights.package(as_dpo(engine, None, "dpo", settings=settings), filed.request.ref)
    assert kept == done.files
    assert b"Martin" in kept["access.json"]


def test_files_not_downloaded_are_deleted_when_their_time_is_up(settings: Settings) -> None:
    start = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    vault.keep(settings, "r1", {"access.json": b"{}"}, now=start)
    assert vault.waiting(settings, "r1", now=start + dt.timedelta(days=29)) == ["access.json"]
    assert vault.waiting(settings, "r1", now=start + dt.timedelta(days=30)) == []
    assert vault.purge(settings, now=start + dt.timedelta(days=30)) == 1
    assert not (settings.data_dir / "packages" / "r1").exists()
    with pytest.raises(NotFound):
        vault.read(settings, "../r1", "access.json")


def test_a_package_sealed_for_one_request_does_not_open_as_another(settings: Settings) -> None:
    vault.keep(settings, "r1", {"access.json": b"one"})
    vault.keep(settings, "r2", {"access.json": b"two"})
    folder = settings.data_dir / "packages"
    (folder / "r2" / "access.json.sealed").write_bytes((folder / "r1" / "access.json.sealed").read_bytes())
    with pytest.raises(NotFound):
        vault.read(settings, "r2", "access.json")


def test_a_preferences_letter_is_written_for_anyone_and_queued_for_a_person_only(
        engine: Engine, settings: Settings, declared: Declared, jeanne: str) -> None:
    stranger = flows.preferences_letter(engine, settings, declared, "paul@example.fr", "en", BASE)
    known = flows.preferences_letter(engine, settings, declared, "jeanne@example.fr", "en", BASE)
    assert (stranger.ref, known.ref) == (None, jeanne)
    assert stranger.letter.subject == known.letter.subject
    assert len(stranger.letter.body) == len(known.letter.body)  # a signed link of the same length on both paths
    assert flows.queue_preferences_letter(engine, settings, stranger) is None
    assert flows.queue_preferences_letter(engine, settings, known) is not None
    with unit_of_work(engine) as session:
        rows = [(r.recipient, r.target_ref, r.sent_at is not None) for r in session.scalars(select(OutboxLetter))]
    assert rows == [("jeanne@example.fr", jeanne, True)]
    assert [m["To"] for m in mails(settings)] == ["jeanne@example.fr"]


def test_preferences_are_reached_by_a_mailed_link_only(engine: Engine, settings: Settings, declared: Declared,
                                                      jeanne: str) -> None:
    flows.send_preferences_link(engine, settings, declared, "paul@example.fr", "en", BASE)
    assert mails(settings) == []  # nobody has it: nothing is sent, and the page says the same either way
    flows.send_preferences_link(engine, settings, declared, "Jeanne@Example.fr", "en", BASE)
    token = link(mails(settings)[-1], "preferences")
    assert [(p.purpose, p.channel, p.state) for p in flows.preferences(engine, settings, declared, token)] == [
        ("newsletter", "email", None)]
    flows.set_preference(engine, settings, declared, token, purpose="newsletter", channel="email", give=True,
                         wording="I agree to the newsletter", lang="en")
    assert flows.preferences(engine, settings, declared, token)[0].state == "given"
    flows.set_preference(engine, settings, declared, token, purpose="newsletter", channel="email", give=False,
                         wording="", lang="en")
    assert flows.preferences(engine, settings, declared, token)[0].state == "withdrawn"
    with pytest.raises(InvalidToken):
        flows.preferences(engine, settings, declared, jeanne)
