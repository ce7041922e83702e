"""The outbox: every letter and alert, written in the transaction of the event that causes it, sent after commit
and retried until the mail server has accepted it; the record of what was sent to whom."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from registre.db.base import Base, utcnow


class OutboxLetter(Base):
    """One letter to one person, from the moment it is decided to the moment the mail server accepted it.

    `key` names the letter once and for all (`request:R-…:received`, `breach:B-…:subjects:S-…`): queuing the same
    key again adds nothing, which is how a breach letter re-run writes only to those not yet written to. The
    Message-ID is derived from the key, so that a letter sent twice after a crash (at-least-once) is the same
    message to the receiving server. `sent_at` is set only after the server accepted it.
    """

    __tablename__ = "outbox_letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)  # request.received, breach.subjects, breach.alert...
    recipient: Mapped[str] = mapped_column(String(320))
    person_ref: Mapped[str | None] = mapped_column(String(64), index=True)  # the data subject, when known
    target_ref: Mapped[str | None] = mapped_column(String(64), index=True)  # the request or breach it is about
    subject: Mapped[str] = mapped_column()
    body: Mapped[str] = mapped_column()
    sender_name: Mapped[str | None] = mapped_column(String(300))
    message_id: Mapped[str] = mapped_column(String(250))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    claimed_until: Mapped[dt.datetime | None] = mapped_column()
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column()
    sent_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    sent_via: Mapped[str | None] = mapped_column(String(300))
