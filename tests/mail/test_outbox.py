"""Every letter goes through the outbox: written with the event, sent after commit, retried until the mail server
accepts it, once per person; a real SMTP server (aiosmtpd on loopback) is down, then back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, select

from registre.config import Settings
from registre.db.base import utcnow
from registre.db.session import unit_of_work
from registre.declarations.service import load
from registre.errors import InvalidInput
from registre.i18n import Msg
from registre.mail import letters as templates
from registre.mail import outbox
from registre.mail.sender import Letter
from registre.models.outbox import OutboxLetter
from registre.rights import flows
from registre.rights.schemas import RequestCreate
from tests.conftest import minimal_data
from tests.fixtures.context import as_dpo
from tests.mail.test_sender import Inbox, free_port


def _settings(tmp_path: Path, port: int) -> Settings:
    return Settings(data_dir=tmp_path, smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False,
                    mail_from="dpo@exemple.fr")


@pytest.fixture
def port() -> int:
    return free_port()


@pytest.fixture
def server_later(port: int) -> Iterator[tuple[Inbox, Controller]]:
    """An SMTP server on `port`, not started: the test starts it when the server comes back."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    yield inbox, controller
    if getattr(controller, "_thread", None) is not None:
        controller.stop()


def test_the_acknowledgement_is_sent_once_when_the_server_comes_back(
        tmp_path: Path, engine: Engine, port: int, server_later: tuple[Inbox, Controller]) -> None:
    inbox, controller = server_later
    settings = _settings(tmp_path, port)
    request_in = RequestCreate.model_validate({"kind": "access", "channel": "email",
                                               "requester": {"email": "jeanne@example.fr"}})
    result = flows.file_request(as_dpo(engine, None, "test", settings=settings), request_in)
    assert result.sent == []
    assert result.unsent[0].startswith("jeanne@example.fr:")
    with unit_of_work(engine) as session:
        [row] = session.scalars(select(OutboxLetter))
        assert row.sent_at is None
        assert row.attempts == 1
        assert row.next_attempt_at > utcnow()  # not tried again at once
    assert outbox.deliver_all(engine, settings) == 0  # nothing is due before the wait
    controller.start()
    later = utcnow() + dt.timedelta(hours=2)
    assert outbox.deliver_all(engine, settings, now=later) == 1
    assert outbox.deliver_all(engine, settings, now=later + dt.timedelta(hours=2)) == 0
    [received] = inbox.messages
    assert received["To"] == "jeanne@example.fr"
    assert result.request.ref in received["Subject"]
    assert received["Message-ID"] == outbox.message_id(f"request:{result.request.ref}:received", settings)
    with unit_of_work(engine) as session:
        [row] = session.scalars(select(OutboxLetter))
        assert row.sent_at is not None
        assert row.last_error is None


def test_a_letter_queued_twice_under_one_key_is_sent_once(tmp_path: Path, engine: Engine, port: int,
                                                          server_later: tuple[Inbox, Controller]) -> None:
    inbox, controller = server_later
    controller.start()
    settings = _settings(tmp_path, port)
    for _ in range(2):
        with unit_of_work(engine) as session:
            outbox.queue(session, Letter("jeanne@example.fr", "Objet", "Corps"), key="breach:B1:subjects:S1",
                         kind="breach.subjects", person_ref="S1", target_ref="B1")
        outbox.deliver_all(engine, settings)
    assert len(inbox.messages) == 1
    with unit_of_work(engine) as session:
        assert outbox.sent_to(session, target_ref="B1", kind="breach.subjects") == {"S1"}


def test_a_letter_claimed_as_queued_is_left_to_its_process_until_the_claim_expires(
        tmp_path: Path, engine: Engine, port: int, server_later: tuple[Inbox, Controller]) -> None:
    inbox, controller = server_later
    controller.start()
    settings = _settings(tmp_path, port)
    with unit_of_work(engine) as session:  # the process that queued it dies before sending it
        outbox.queue(session, Letter("jeanne@example.fr", "Objet", "Corps"), key="k", kind="test",
                     claimed_for=dt.timedelta(seconds=settings.outbox_lease_seconds))
    assert outbox.deliver_all(engine, settings) == 0  # a worker leaves it to that process meanwhile
    later = utcnow() + dt.timedelta(seconds=settings.outbox_lease_seconds + 1)
    assert outbox.deliver_all(engine, settings, now=later) == 1  # then sends it: at least once
    assert [m["To"] for m in inbox.messages] == ["jeanne@example.fr"]


def test_a_request_s_letter_is_sent_after_its_commit_and_never_again(
        tmp_path: Path, engine: Engine, port: int, server_later: tuple[Inbox, Controller]) -> None:
    inbox, controller = server_later
    controller.start()
    settings = _settings(tmp_path, port)
    request_in = RequestCreate.model_validate({"kind": "access", "channel": "email",
                                               "requester": {"email": "jeanne@example.fr"}})
    result = flows.file_request(as_dpo(engine, None, "test", settings=settings), request_in)
    assert result.unsent == []
    assert len(result.sent) == 1
    with unit_of_work(engine) as session:
        [row] = session.scalars(select(OutboxLetter))
        assert (row.sent_at is not None, row.claimed_until, row.attempts) == (True, None, 1)
    later = utcnow() + dt.timedelta(seconds=settings.outbox_lease_seconds + 1)
    assert outbox.deliver_all(engine, settings, now=later) == 0
    assert len(inbox.messages) == 1


def test_a_letter_rolled_back_with_its_event_is_never_sent(tmp_path: Path, engine: Engine) -> None:
    settings = Settings(data_dir=tmp_path)

    def event_that_fails() -> None:
        with unit_of_work(engine) as session:
            outbox.queue(session, Letter("jeanne@example.fr", "Objet", "Corps"), key="k", kind="test")
            raise RuntimeError("the event fails")

    with pytest.raises(RuntimeError):
        event_that_fails()
    assert outbox.deliver_all(engine, settings) == 0
    assert not (tmp_path / "outbox").exists()


def test_the_wait_doubles_and_is_capped() -> None:
    settings = Settings(outbox_retry_seconds=60, outbox_retry_max_seconds=600)
    assert [outbox.backoff(n, settings).total_seconds() for n in (1, 2, 3, 4, 5)] == [60, 120, 240, 480, 600]


def _read(where: str) -> EmailMessage:
    return message_from_bytes(Path(where).read_bytes(), _class=EmailMessage, policy=default)


def test_an_organisation_words_a_letter_its_own_way(tmp_path: Path, engine: Engine,
                                                    write_declaration: Callable[[dict[str, Any]], Path]) -> None:
    declared = load(write_declaration(minimal_data()))
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "request-received.en.txt").write_text(
        "Subject: We have your request {ref}\n\nDear customer,\n\n{controller} will answer by {deadline}.\n",
        encoding="utf-8")
    settings = Settings(data_dir=tmp_path)
    request_in = RequestCreate.model_validate({"kind": "access", "channel": "email", "lang": "en",
                                               "requester": {"email": "jeanne@example.fr"}})
    result = flows.file_request(as_dpo(engine, declared, "test", settings=settings), request_in)
    [where] = result.sent
    mail = _read(where)
    assert mail["Subject"] == f"We have your request {result.request.ref}"
    assert f"{declared.declaration.controller.name} will answer by" in mail.get_content()
    french = request_in.model_copy(update={"lang": "fr"})
    [where] = flows.file_request(as_dpo(engine, declared, "test", settings=settings), french).sent
    assert _read(where)["Subject"].startswith("Votre demande a bien été reçue")  # no French file: ours


def test_a_template_with_an_unknown_placeholder_is_refused(tmp_path: Path,
                                                           write_declaration: Callable[[dict[str, Any]], Path]) -> None:
    declared = load(write_declaration(minimal_data()))
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "request-received.en.txt").write_text("Subject: {nope}\n\nBody\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match=r"request-received\.en\.txt"):
        templates.render(declared, "request-received", "en", Msg(en="s", fr="s"), Msg(en="b", fr="b"), {})
