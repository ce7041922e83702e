"""Send a letter after the transaction that decided it has committed; a failure to send loses nothing."""

from __future__ import annotations

import smtplib
import ssl
import uuid
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


def message(letter: Letter, sender: str) -> EmailMessage:
    """The letter as an email message."""
    mail = EmailMessage()
    name, address = parseaddr(sender)
    mail["From"] = formataddr((name or letter.sender_name or "", address or sender))
    mail["To"] = letter.to
    mail["Subject"] = letter.subject
    mail["Date"] = formatdate(localtime=True)
    mail["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1])
    mail.set_content(letter.body)
    return mail


def send(letter: Letter, settings: Settings) -> str:
    """Send the letter by SMTP, or write it to the outbox folder when no server is set; returns where it went."""
    mail = message(letter, settings.mail_from)
    if settings.smtp_host is None:
        outbox = settings.data_dir / "outbox"
        outbox.mkdir(parents=True, exist_ok=True)
        path = outbox / f"{uuid.uuid4().hex}.eml"
        path.write_bytes(bytes(mail))
        return str(path)
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=30) as smtp:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_user and settings.smtp_password:
            smtp.login(settings.smtp_user, settings.smtp_password.get_secret_value())
        smtp.send_message(mail)
    return f"smtp://{settings.smtp_host}:{settings.smtp_port}"
