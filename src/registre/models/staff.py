"""Staff accounts of the back office, their sign-in sessions and API tokens (stored as hashes only)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from registre.db.base import Base, utcnow


class StaffMember(Base):
    """A person of the organisation who uses the back office, with one role from the declaration (or `dpo`)."""

    __tablename__ = "staff_member"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(200))  # argon2id, with its parameters and salt
    totp_secret: Mapped[str | None] = mapped_column(String(64))  # base32; set once TOTP is turned on
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger)  # the step of the last code accepted: used once
    api_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)  # SHA-256 of the token
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class StaffSession(Base):
    """A sign-in: the SHA-256 of the cookie's random value, until it expires or the member signs out."""

    __tablename__ = "staff_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("staff_member.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column()
    second_factor_due: Mapped[bool] = mapped_column(default=False)  # password given, TOTP code not yet
