"""The consent ledger: append-only consent events with their proof, the wordings shown, and the Bloctel list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from registre.db.base import Base
from registre.models.subjects import new_ref


class ConsentWording(Base):
    """The exact wording of a consent request, kept once and named by its SHA-256."""

    __tablename__ = "consent_wording"

    hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


class ConsentEvent(Base):
    """One consent event (given, refused, withdrawn, expired), never changed once written.

    It belongs to a data subject, or to an anonymous consent id (a cookie choice). The events recorded in one
    act share a `receipt_ref`. A minor's consent given jointly with a parent (LIL art. 45) is two events: the
    parent's points to the minor's through `joint_id`. `digest` fingerprints the content, so that an altered row
    no longer matches the receipt the person was given.
    """

    __tablename__ = "consent_event"
    __table_args__ = (
        Index("ix_consent_event_subject_purpose", "subject_id", "purpose", "channel", "at"),
        Index("ix_consent_event_consent_id", "consent_id"),
        Index("ix_consent_event_keep_until", "keep_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True, default=new_ref)
    receipt_ref: Mapped[str] = mapped_column(String(32), index=True)
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("data_subject.id", ondelete="CASCADE"))
    consent_id: Mapped[str | None] = mapped_column(String(64))  # an anonymous browser's id (cookie banner)
    purpose: Mapped[str] = mapped_column(String(80))  # an activity id, or a tracker purpose for cookies
    channel: Mapped[str | None] = mapped_column(String(16))  # email, sms, phone, post, push; None: not marketing
    state: Mapped[str] = mapped_column(String(16))  # given, refused, withdrawn, expired
    at: Mapped[dt.datetime] = mapped_column()  # the server's time
    method: Mapped[str] = mapped_column(String(32))  # how it was collected: web_form, banner, one_click_link, …
    location: Mapped[str | None] = mapped_column(String(500))  # where: a page's address, a shop, a phone line
    notice_version: Mapped[str | None] = mapped_column(String(80))
    notice_hash: Mapped[str | None] = mapped_column(String(64))
    lang: Mapped[str | None] = mapped_column(String(2))  # None: not recorded (an imported ledger that does not say)
    wording_hash: Mapped[str | None] = mapped_column(ForeignKey("consent_wording.hash"))
    given_by: Mapped[str] = mapped_column(String(16), default="subject")  # subject, or parent (LIL art. 45)
    age: Mapped[int | None] = mapped_column()  # the person's age when asked, where known
    joint_id: Mapped[int | None] = mapped_column(ForeignKey("consent_event.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[dt.datetime | None] = mapped_column()  # when a consent given lapses
    keep_until: Mapped[dt.datetime | None] = mapped_column()  # when the proof itself is purged
    evidence: Mapped[dict[str, Any] | None] = mapped_column()  # the parent's name and contact, the action, …
    digest: Mapped[str] = mapped_column(String(64))


class BloctelListing(Base):
    """A telephone number's time on the Bloctel opposition list (E.164): from the import that added it until the
    import that no longer had it (None: still listed), so that the list in force on any day can be read back."""

    __tablename__ = "bloctel_listing"
    __table_args__ = (Index("ix_bloctel_listing_number", "number", "listed_from"),
                      Index("ix_bloctel_listing_listed_until", "listed_until"))

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32))
    listed_from: Mapped[dt.datetime] = mapped_column()  # the import that added it
    listed_until: Mapped[dt.datetime | None] = mapped_column()  # the first import that no longer had it


class BloctelImport(Base):
    """One import of the Bloctel list: when, from which file, how many numbers."""

    __tablename__ = "bloctel_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    imported_at: Mapped[dt.datetime] = mapped_column()
    file_sha256: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column()
