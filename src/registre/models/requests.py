"""Rights requests: what was asked, by whom, through which channel, and what became of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Mapped

from registre.db import tables
from registre.db.base import Base


class RightsRequest(Base):
    """A request by a person to exercise a right, from receipt to answer."""

    __table__ = tables.rights_request  # in Core, so that reading a request needs no ORM

    id: Mapped[int]
    ref: Mapped[str]
    kind: Mapped[str]
    channel: Mapped[str]
    received_at: Mapped[dt.datetime]
    recorded_at: Mapped[dt.datetime]
    subject_id: Mapped[int | None]
    requester: Mapped[dict[str, Any]]
    details: Mapped[dict[str, Any]]
    lang: Mapped[str]
    status: Mapped[str]
    identity_method: Mapped[str | None]
    identity_requested_at: Mapped[dt.datetime | None]
    identity_confirmed_at: Mapped[dt.datetime | None]
    deadline: Mapped[dt.date]
    extended_deadline: Mapped[dt.date | None]
    extension_reasons: Mapped[str | None]
    extended_at: Mapped[dt.datetime | None]
    closed_at: Mapped[dt.datetime | None]
    outcome: Mapped[str | None]
    refusal_reasons: Mapped[str | None]
    fee_cents: Mapped[int | None]
    answer: Mapped[dict[str, Any] | None]
    idempotency_key: Mapped[str | None]
    claimed_until: Mapped[dt.datetime | None]
