"""Send a letter after the transaction that decided it has committed; a failure to send loses nothing."""

from __future__ import annotations

import functools
import smtplib
import ssl
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from email.charset import QP, Charset
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage, Message
from email.policy import SMTPUTF8
from email.utils import formataddr, formatdate, make_msgid, parseaddr

from registre.config import Settings

MAX_LINE = 998  # bytes in a line of a message, at most (RFC 5322, 2.1.1)
_EIGHT_BIT, _QUOTED = Charset("utf-8"), Charset("utf-8")
# No encoding, 8-bit: the text as it is (email.charset documents None for it; typeshed knows only the constants).
_EIGHT_BIT.body_encoding = None  # type: ignore[assignment]
_QUOTED.body_encoding = QP


@dataclass(frozen=True, slots=True)
class Letter:
    """A message to one person."""

    to: str
    subject: str
    body: str
    sender_name: str | None = None  # the organisation's name: mails come from "Organisation <address>"


def message(letter: Letter, sender: str, message_id: str | None = None, *, linesep: str = "\n") -> bytes:
    """The letter as the bytes of an email message (with the given Message-ID: the outbox derives it from the
    letter's key): headers as RFC 2047 words where they are not ASCII, the text in UTF-8, 8-bit, or
    quoted-printable when a line is longer than a message allows."""
    # compat32's `Message` costs a third of `EmailMessage` and its header registry (1.3 ms a letter, most of a
    # worker's time in bench/jobs.py); an address that is not ASCII (RFC 6531) needs the registry's UTF-8 headers.
    utf8 = not letter.to.isascii()
    mail = EmailMessage(policy=SMTPUTF8) if utf8 else Message()
    name, address = parseaddr(sender)
    display, address = name or letter.sender_name or "", address or sender
    mail["From"] = formataddr((display, address)) if utf8 or display.isascii() else _from(display, address, linesep)
    mail["To"] = letter.to
    subject = letter.subject
    mail["Subject"] = subject if utf8 or subject.isascii() else _encoded("Subject", subject, linesep)
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = message_id or make_msgid(domain=sender.rsplit("@", 1)[-1].rstrip(">"))
    if isinstance(mail, EmailMessage):
        mail.set_content(letter.body)
    else:
        long_line = any(len(line) > MAX_LINE for line in letter.body.encode().splitlines())
        mail.set_payload(letter.body, _QUOTED if long_line else _EIGHT_BIT)
    return mail.as_bytes(policy=mail.policy.clone(linesep=linesep))


def _encoded(header: str, text: str, linesep: str) -> str:
    """A header's text as RFC 2047 words, folded to fit after the header's name (compat32 would fold it again)."""
    return Header(text, "utf-8", header_name=header).encode(linesep=linesep)


@functools.lru_cache(maxsize=64)
def _from(display: str, address: str, linesep: str) -> str:
    """The From header with a name that is not ASCII, as the email package's address parser encodes and folds it
    (word by word: a name cut inside a word reads with a space in it); the same for all of an organisation's
    letters, so worked out once (2.8 ms)."""
    alone = EmailMessage()
    alone["From"] = Address(display_name=display, addr_spec=address)
    folded = alone.as_bytes(policy=alone.policy.clone(linesep=linesep)).decode("ascii")
    return folded.removeprefix("From: ").removesuffix(linesep * 2)


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
        envelope = parseaddr(settings.mail_from)[1] or settings.mail_from
        where = f"smtp://{settings.smtp_host}:{settings.smtp_port}"

        def post(letter: Letter, message_id: str | None) -> str:
            data = message(letter, settings.mail_from, message_id, linesep="\r\n")
            utf8 = ("SMTPUTF8", "BODY=8BITMIME") if not letter.to.isascii() else ()  # as smtplib's send_message
            smtp.sendmail(envelope, [letter.to], data, utf8)
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
    path.write_bytes(mail)
    return str(path)
