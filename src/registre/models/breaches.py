"""Personal-data breaches: the register of every breach (GDPR Art. 33(5)) and each notification made of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from registre.db.base import Base, utcnow
from registre.models.subjects import new_ref


class Breach(Base):
    """One breach, notified or not: its facts, effects, triage and remedial action."""

    __tablename__ = "breach"

    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(32), unique=True, default=new_ref)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column()
    circumstances: Mapped[str | None] = mapped_column()  # how it was discovered
    started_at: Mapped[dt.datetime | None] = mapped_column()
    discovered_at: Mapped[dt.datetime] = mapped_column()
    # When the controller had a reasonable degree of certainty that personal data were compromised
    # (EDPB 9/2022): the 72 hours of Art. 33(1) run from here.
    aware_at: Mapped[dt.datetime] = mapped_column()
    deadline: Mapped[dt.datetime] = mapped_column(index=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    ongoing: Mapped[bool] = mapped_column(default=False)
    ended_at: Mapped[dt.datetime | None] = mapped_column()
    nature: Mapped[list[Any]] = mapped_column()  # confidentiality, integrity, availability
    origin: Mapped[str | None] = mapped_column(String(40))
    cause: Mapped[str] = mapped_column(String(40))
    systems: Mapped[list[Any]] = mapped_column(default=list)
    activities: Mapped[list[Any]] = mapped_column(default=list)
    data_categories: Mapped[list[Any]] = mapped_column(default=list)
    subject_categories: Mapped[list[Any]] = mapped_column(default=list)
    window_from: Mapped[dt.datetime | None] = mapped_column()  # data collected in this window were affected
    window_to: Mapped[dt.datetime | None] = mapped_column()
    subjects_count: Mapped[int | None] = mapped_column()
    subjects_count_source: Mapped[str | None] = mapped_column(String(16))  # store or entered
    records_count: Mapped[int | None] = mapped_column()
    records_count_source: Mapped[str | None] = mapped_column(String(16))
    encrypted: Mapped[bool] = mapped_column(default=False)  # encrypted, with a key not compromised
    consequences: Mapped[str | None] = mapped_column()
    measures_taken: Mapped[str | None] = mapped_column()
    measures_planned: Mapped[str | None] = mapped_column()
    advice: Mapped[str | None] = mapped_column()  # what people can do to protect themselves (Recital 86)
    contact: Mapped[dict[str, Any]] = mapped_column(default=dict)  # the DPO or contact point (Art. 33(3)(b))
    processor: Mapped[str | None] = mapped_column(String(200))  # the processor that reported it (Art. 33(2))
    processor_aware_at: Mapped[dt.datetime | None] = mapped_column()
    risk: Mapped[str | None] = mapped_column(String(16), index=True)  # none, risk, high; None: not yet assessed
    triage: Mapped[dict[str, Any] | None] = mapped_column()  # the answers, suggested level and exceptions
    risk_reasons: Mapped[str | None] = mapped_column()
    assessed_at: Mapped[dt.datetime | None] = mapped_column()
    alert_sent_at: Mapped[dt.datetime | None] = mapped_column()


class BreachNotification(Base):
    """A notification made of a breach: to the CNIL (initial, complementary), to the people, or to the public."""

    __tablename__ = "breach_notification"

    id: Mapped[int] = mapped_column(primary_key=True)
    breach_id: Mapped[int] = mapped_column(ForeignKey("breach.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # initial, complementary, subjects, public
    made_at: Mapped[dt.datetime] = mapped_column()
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(120))
    lang: Mapped[str] = mapped_column(String(2))
    late: Mapped[bool] = mapped_column(default=False)
    delay_reasons: Mapped[str | None] = mapped_column()
    authority_ref: Mapped[str | None] = mapped_column(String(80))  # the number the CNIL gives the filing
    recipients: Mapped[int | None] = mapped_column()  # people written to
    text: Mapped[str] = mapped_column()
