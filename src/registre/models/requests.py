"""Rights requests: what was asked, by whom, through which channel, and what became of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from registre.db.base import Base, utcnow
from registre.models.subjects import new_ref


class RightsRequest(Base):
    """A request by a person to exercise a right, from receipt to answer."""

    __tablename__ = "rights_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True, default=new_ref)
    kind: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[dt.datetime] = mapped_column()
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("data_subject.id", ondelete="SET NULL"), index=True)
    requester: Mapped[dict[str, Any]] = mapped_column()
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    lang: Mapped[str] = mapped_column(String(2), default="fr")
    status: Mapped[str] = mapped_column(String(24), index=True)
    identity_method: Mapped[str | None] = mapped_column(String(24))
    identity_requested_at: Mapped[dt.datetime | None] = mapped_column()
    identity_confirmed_at: Mapped[dt.datetime | None] = mapped_column()
    deadline: Mapped[dt.date] = mapped_column()
    extended_deadline: Mapped[dt.date | None] = mapped_column()
    extension_reasons: Mapped[str | None] = mapped_column()
    extended_at: Mapped[dt.datetime | None] = mapped_column()
    closed_at: Mapped[dt.datetime | None] = mapped_column()
    outcome: Mapped[str | None] = mapped_column(String(24))
    refusal_reasons: Mapped[str | None] = mapped_column()
    fee_cents: Mapped[int | None] = mapped_column()
    answer: Mapped[dict[str, Any] | None] = mapped_column()
    # Set by the door that files a request it may receive twice (a confirmation link clicked twice): unique, so that
    # the second filing finds the first instead of making another.
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Set by a completion before it acts on the connected databases, cleared when it ends: another completion of the
    # same request meanwhile is refused before touching them (a claim left by a process that died expires).
    claimed_until: Mapped[dt.datetime | None] = mapped_column()
