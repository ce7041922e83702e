"""Letters reach a real SMTP server (aiosmtpd on loopback), and a failing server loses nothing."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine

from registre.config import Settings
from registre.mail.sender import Letter, send
from registre.rights import flows
from registre.rights.schemas import RequestCreate
from tests.fixtures.context import as_dpo


class Inbox:
    """An SMTP handler that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, _class=EmailMessage, policy=default))
        return "250 Message accepted for delivery"


def free_port() -> int:
    """A TCP port of the loopback that nothing listens on (for a test's own SMTP or HTTP server)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def test_a_letter_reaches_the_smtp_server(smtp: tuple[Inbox, int], tmp_path: Path) -> None:
    inbox, port = smtp
    settings = Settings(data_dir=tmp_path, smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False,
                        mail_from="dpo@exemple.fr")
    send(Letter("jeanne@example.fr", "Votre demande a bien été reçue", "Bonjour,\n\nRéférence : R1\n"), settings)
    [received] = inbox.messages
    assert received["To"] == "jeanne@example.fr"
    assert received["From"] == "dpo@exemple.fr"
    assert received["Subject"] == "Votre demande a bien été reçue"
    assert "Référence : R1" in received.get_content()


def test_without_a_server_letters_go_to_the_outbox(tmp_path: Path) -> None:
    where = send(Letter("jeanne@example.fr", "Subject", "Body"), Settings(data_dir=tmp_path))
    assert Path(where).parent == tmp_path / "outbox"


def test_a_server_that_is_down_raises_for_the_flow_to_report(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, smtp_host="127.0.0.1", smtp_port=free_port(), smtp_starttls=False)
    with pytest.raises(ConnectionRefusedError):
        send(Letter("jeanne@example.fr", "Subject", "Body"), settings)


def test_a_request_stands_when_its_acknowledgement_cannot_be_sent(tmp_path: Path, engine: Engine) -> None:
    settings = Settings(data_dir=tmp_path, smtp_host="127.0.0.1", smtp_port=free_port(), smtp_starttls=False)
    request_in = RequestCreate.model_validate({"kind": "access", "channel": "email",
                                               "requester": {"email": "jeanne@example.fr"}})
    result = flows.file_request(as_dpo(engine, None, "test", settings=settings), request_in)
    assert result.sent == []
    assert result.unsent[0].startswith("jeanne@example.fr:")
    listed = flows.list_requests(as_dpo(engine, None, "test", settings=settings), None)
    assert [r.ref for r in listed.items] == [result.request.ref]


def test_an_international_address_and_a_long_line_arrive_as_written(tmp_path: Path) -> None:
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, enable_SMTPUTF8=True)
    controller.start()
    settings = Settings(data_dir=tmp_path, smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False,
                        mail_from="dpo@exemple.fr")
    paragraph = "Vos données ont été effacées. " * 40  # 1,240 characters on one line
    try:
        send(Letter("jérôme@exemple.fr", "Votre demande a été traitée", f"Bonjour,\n\n{paragraph}\n.\n", "Société"),
             settings)
    finally:
        controller.stop()
    [received] = inbox.messages
    assert received["To"] == "jérôme@exemple.fr"
    assert received["From"] == "Société <dpo@exemple.fr>"
    assert received.get_content().replace("\r\n", "\n") == f"Bonjour,\n\n{paragraph}\n.\n"
    name = "Office du Tourisme et des Congrès de Paris — Paris je t’aime"  # folded word by word, never inside one
    send(Letter("jeanne@example.fr", "Votre demande a été traitée", paragraph, name),
         settings.model_copy(update={"smtp_host": None}))
    [written] = (tmp_path / "outbox").glob("*.eml")
    mail = message_from_bytes(written.read_bytes(), _class=EmailMessage, policy=default)
    assert mail["From"].addresses[0].display_name == name
    assert max(len(line) for line in written.read_bytes().splitlines()) <= 998
    assert mail.get_content() == paragraph
