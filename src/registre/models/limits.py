"""Counts of calls per client and window, shared by every web process on one store (rate limits)."""

from __future__ import annotations

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from registre.db.base import Base


class RateCount(Base):
    """How many calls one client made to one route in one window (the window's start, in seconds)."""

    __tablename__ = "rate_count"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    window: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    count: Mapped[int] = mapped_column(default=0)
