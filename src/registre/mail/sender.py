"""Send a letter after the transaction that decided it has committed; a failure to send loses nothing."""

from __future__ import annotations

import functools
import smtplib
import ssl
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid, parseaddr

from registre.config import Settings


@dataclass(frozen=True, slots=True)
class Letter:
    """A message to one person."""

    to: str
    subject: str
    body: str
    sender_name: str | None = None  # the organisation's name: mails come from "Organisation <address>"


def message(letter: Letter, sender: str, message_id: str | None = None) -> EmailMessage:
    """The letter as an email message (with the given Message-ID: the outbox derives it from the letter's key)."""
    mail = EmailMessage()
    name, address = parseaddr(sender)
    mail["From"] = formataddr((name or letter.sender_name or "", address or sender))
    mail["To"] = letter.to
    mail["Subject"] = letter.subject
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = message_id or make_msgid(domain=sender.rsplit("@", 1)[-1].rstrip(">"))
    mail.set_content(letter.body)
    return mail


def send(letter: Letter, settings: Settings, message_id: str | None = None) -> str:
    """Send the letter by SMTP, or write it to the outbox folder when no server is set; returns where it went.
    Returns only once the server accepted it (raises otherwise)."""
    with connection(settings) as post:
        return post(letter, message_id)


Post = Callable[[Letter, str | None], str]


@contextmanager
def connection(settings: Settings) -> Iterator[Post]:
    """One connection to the mail server for several letters (or the outbox folder when no server is set): the
    function it gives sends one letter and returns where it went once the server accepted it, or raises."""
    if settings.smtp_host is None:
        yield functools.partial(_write, settings)
        return
    smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30)
    try:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_user and settings.smtp_password:
            smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
        where = f"smtp://{settings.smtp_host}:{settings.smtp_port}"

        def post(letter: Letter, message_id: str | None) -> str:
            smtp.send_message(message(letter, settings.mail_from, message_id))
            return where

        yield post
    finally:
        with suppress(smtplib.SMTPException, OSError):  # the letters it took are taken: a failed QUIT changes nothing
            smtp.quit()
        smtp.close()


def _write(settings: Settings, letter: Letter, message_id: str | None) -> str:
    mail = message(letter, settings.mail_from, message_id)
    outbox = settings.data_dir / "outbox"
    outbox.mkdir(parents=True, exist_ok=True)
    name = message_id.strip("<>").split("@")[0] if message_id else uuid.uuid4().hex
    path = outbox / f"{name}.eml"  # named by the Message-ID: a letter written again replaces itself
    path.write_bytes(bytes(mail))
    return str(path)
