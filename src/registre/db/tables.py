"""The tables a read of a request touches, in SQLAlchemy Core, and what every table shares (constraint names, time
stamps in UTC, JSON): `registre requests show` reads and audits through them without importing the ORM, whose
import and mapper configuration cost a command's start 90 ms. Their models map these very tables (`__table__`)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect

# Named constraints, so that migrations can refer to them on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored in UTC; SQLite keeps no time zone, so it is stored naive and read back aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("a naive datetime cannot be stored: give its time zone")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


def utcnow() -> dt.datetime:
    """Now, in UTC."""
    return dt.datetime.now(dt.UTC)


def new_ref() -> str:
    """A public reference for a record: random, so that it reveals nothing and cannot be guessed."""
    return uuid.uuid4().hex


data_subject = Table(
    "data_subject", metadata,
    Column("id", Integer, primary_key=True),
    Column("ref", String(32), nullable=False, unique=True, default=new_ref),
    Column("category", String(80)),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
)

rights_request = Table(
    "rights_request", metadata,
    Column("id", Integer, primary_key=True),
    Column("ref", String(32), nullable=False, unique=True, default=new_ref),
    Column("kind", String(32), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("subject_id", Integer, ForeignKey("data_subject.id", ondelete="SET NULL"), index=True),
    Column("requester", JSON(), nullable=False),
    Column("details", JSON(), nullable=False, default=dict),
    Column("lang", String(2), nullable=False, default="fr"),
    Column("status", String(24), nullable=False, index=True),
    Column("identity_method", String(24)),
    Column("identity_requested_at", UTCDateTime()),
    Column("identity_confirmed_at", UTCDateTime()),
    Column("deadline", Date(), nullable=False),
    Column("extended_deadline", Date()),
    Column("extension_reasons", Text()),
    Column("extended_at", UTCDateTime()),
    Column("closed_at", UTCDateTime()),
    Column("outcome", String(24)),
    Column("refusal_reasons", Text()),
    Column("fee_cents", Integer),
    Column("answer", JSON()),
    # Set by the door that files a request it may receive twice (a confirmation link clicked twice): unique, so that
    # the second filing finds the first instead of making another.
    Column("idempotency_key", String(64), unique=True),
    # Set by a completion before it acts on the connected databases, cleared when it ends: another completion of the
    # same request meanwhile is refused before touching them (a claim left by a process that died expires).
    Column("claimed_until", UTCDateTime()),
)

# The audit log: `hash` covers the entry and the previous entry's hash. `scheme` says how: 1, plain SHA-256 (entries
# written before the keyed chain); 2, HMAC-SHA256 under the audit key, which lives outside the database.
audit_entry = Table(
    "audit_entry", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime(), nullable=False),
    Column("actor", String(120), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target_type", String(32), nullable=False),
    Column("target_ref", String(64)),
    Column("subject_ref", String(32), index=True),
    Column("details", JSON(), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False, unique=True),
    Column("scheme", SmallInteger, nullable=False, default=2, server_default="1"),
)
