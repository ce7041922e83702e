"""The built-in subject store: data subjects, their identifiers, their personal data and lifecycle events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registre.db import tables
from registre.db.base import Base, utcnow
from registre.db.tables import new_ref as new_ref  # where the other models and the flows take it


class DataSubject(Base):
    """A person whose data the organisation processes."""

    __table__ = tables.data_subject  # in Core, so that reading a request finds its subject's reference without the ORM

    id: Mapped[int]
    ref: Mapped[str]
    category: Mapped[str | None]
    created_at: Mapped[dt.datetime]

    identifiers: Mapped[list[Identifier]] = relationship(back_populates="subject", lazy="raise",
                                                         cascade="all, delete-orphan")


class Identifier(Base):
    """A way to recognise a subject: an email, a phone number, a customer number; unique per kind."""

    __tablename__ = "identifier"
    __table_args__ = (UniqueConstraint("kind", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("data_subject.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(320))

    subject: Mapped[DataSubject] = relationship(back_populates="identifiers", lazy="raise")


class PersonalRecord(Base):
    """One item of a subject's personal data, tied to the activity and data category it belongs to."""

    __tablename__ = "personal_record"
    __table_args__ = (Index("ix_personal_record_subject_activity", "subject_id", "activity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("data_subject.id", ondelete="CASCADE"))
    activity: Mapped[str] = mapped_column(String(80))
    data_category: Mapped[str] = mapped_column(String(80))
    field: Mapped[str] = mapped_column(String(120))
    value: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16), default="not_recorded")
    source_name: Mapped[str | None] = mapped_column(String(200))
    collected_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime | None] = mapped_column()


class LifecycleEvent(Base):
    """Something that happened in a subject's relationship with the organisation, from which periods run."""

    __tablename__ = "lifecycle_event"
    __table_args__ = (Index("ix_lifecycle_event_subject_event", "subject_id", "event"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("data_subject.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(64))
    occurred_at: Mapped[dt.datetime] = mapped_column()
    details: Mapped[dict[str, Any] | None] = mapped_column()


class Restriction(Base):
    """A restriction of processing (Art. 18) or an objection (Art. 21) on some or all of a subject's data."""

    __tablename__ = "restriction"
    __table_args__ = (Index("ix_restriction_subject", "subject_id", "lifted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("data_subject.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(24))  # restriction, objection_marketing, objection_profiling, objection
    activity: Mapped[str | None] = mapped_column(String(80))  # None: every activity
    ground: Mapped[str | None] = mapped_column(String(200))
    since: Mapped[dt.datetime] = mapped_column(default=utcnow)
    lifted_at: Mapped[dt.datetime | None] = mapped_column()
    request_id: Mapped[int | None] = mapped_column(ForeignKey("rights_request.id", ondelete="SET NULL"))


class Directive(Base):
    """A person's directives on the keeping, erasure and communication of their data after death (LIL art. 85)."""

    __tablename__ = "directive"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("data_subject.id", ondelete="CASCADE"), index=True)
    instructions: Mapped[str] = mapped_column(Text)
    # What to do on death: keep, erase, or communicate the data to the executor; None: instructions only.
    action: Mapped[str | None] = mapped_column(String(16))
    executor: Mapped[str | None] = mapped_column(String(300))
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column()
    request_id: Mapped[int | None] = mapped_column(ForeignKey("rights_request.id", ondelete="SET NULL"))
