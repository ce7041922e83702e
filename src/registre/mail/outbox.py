"""The outbox: letters are queued in the transaction that decides them and delivered after it commits.

`queue(session, letter, key=…)` adds the letter to the session's transaction (nothing if a letter with that key
was already queued: a re-run writes only to those not yet written to). `deliver(engine, settings)` then claims
letters that are due, sends each, and marks it sent only after the mail server accepted it; a failure puts the
letter back with a later attempt (1 minute, doubled each time, at most `outbox_retry_max_seconds`). A process
that dies between the server's acceptance and the mark leaves the claim to expire (`outbox_lease_seconds`): the
letter is sent again with the same Message-ID (at-least-once, with an idempotent key the receiving server and
the person's mail program recognise).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from registre.config import Settings
from registre.db.base import utcnow
from registre.db.session import unit_of_work
from registre.mail.sender import Letter, connection, send
from registre.models.outbox import OutboxLetter

# Letters the server accepted are marked sent by groups: a process that dies in between sends at most these again.
MARK_EVERY = 20


@dataclass(frozen=True, slots=True)
class Delivery:
    """What one delivery attempt did: where the letter went, or why it did not (it will be tried again)."""

    id: int
    to: str
    where: str | None = None
    error: str | None = None


def local_id(key: str) -> str:
    """The left part of the Message-ID of the letter queued under `key`: the same on every attempt."""
    return hashlib.sha256(key.encode()).hexdigest()[:40]


def message_id(row_key: str, settings: Settings) -> str:
    """The Message-ID of the letter queued under `key`, in the sender's domain."""
    domain = settings.mail_from.rsplit("@", 1)[-1].rstrip(">").strip() or "registre.invalid"
    return f"<{local_id(row_key)}@{domain}>"


def queue(session: Session, letter: Letter | None, *, key: str, kind: str, person_ref: str | None = None,
          target_ref: str | None = None, claimed_for: dt.timedelta | None = None) -> OutboxLetter | None:
    """Queue a letter in the session's transaction; None when there is none, or when `key` was queued already.
    `claimed_for`: the letter is claimed as it is queued, for the caller to send once the transaction has committed
    (`deliver_queued`); a worker sends it only if that claim expires first."""
    if letter is None:
        return None
    # One statement: a key queued already, even by a concurrent transaction that commits meanwhile, adds nothing.
    upsert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    return session.scalar(upsert(OutboxLetter).values(
        key=key, kind=kind, recipient=letter.to, person_ref=person_ref, target_ref=target_ref,
        subject=letter.subject, body=letter.body, sender_name=getattr(letter, "sender_name", None),
        message_id=local_id(key), claimed_until=None if claimed_for is None else utcnow() + claimed_for,
    ).on_conflict_do_nothing(index_elements=[OutboxLetter.key]).returning(OutboxLetter))


def find(session: Session, key: str) -> OutboxLetter | None:
    """The letter queued under `key`, if any."""
    return session.scalar(select(OutboxLetter).where(OutboxLetter.key == key))


def sent_to(session: Session, *, target_ref: str, kind: str) -> set[str]:
    """The people (by reference, else address) already written to about `target_ref` with letters of `kind`."""
    rows = session.execute(select(OutboxLetter.person_ref, OutboxLetter.recipient).where(
        OutboxLetter.target_ref == target_ref, OutboxLetter.kind == kind))
    return {ref or to for ref, to in rows}


def backoff(attempts: int, settings: Settings) -> dt.timedelta:
    """How long to wait before the next attempt, after `attempts` failed ones: doubled each time, capped."""
    seconds = settings.outbox_retry_seconds * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, settings.outbox_retry_max_seconds))


def _claim(engine: Engine, settings: Settings, ids: Iterable[int] | None, limit: int,
           now: dt.datetime, force: bool) -> list[tuple[int, str, Letter]]:
    """Take letters that are due, for `outbox_lease_seconds`; another worker skips them meanwhile."""
    with unit_of_work(engine) as session:
        query = (select(OutboxLetter).where(OutboxLetter.sent_at.is_(None),
                                            (OutboxLetter.claimed_until.is_(None)) | (OutboxLetter.claimed_until < now))
                 .order_by(OutboxLetter.id).limit(limit).with_for_update(skip_locked=True))
        if not force:
            query = query.where(OutboxLetter.next_attempt_at <= now)
        if ids is not None:
            query = query.where(OutboxLetter.id.in_(list(ids)))
        rows = list(session.scalars(query))
        until = now + dt.timedelta(seconds=settings.outbox_lease_seconds)
        for row in rows:
            row.claimed_until = until
        return [(row.id, row.key, _letter(row)) for row in rows]


def _letter(row: OutboxLetter) -> Letter:
    letter = Letter(row.recipient, row.subject, row.body)
    if row.sender_name and hasattr(letter, "sender_name"):  # the sender's display name, where letters carry one
        object.__setattr__(letter, "sender_name", row.sender_name)
    return letter


def deliver(engine: Engine, settings: Settings, ids: Iterable[int] | None = None, *, limit: int = 100,
            now: dt.datetime | None = None, force: bool = False) -> list[Delivery]:
    """Send the letters that are due (or those of `ids` among them; `force`: even before their next attempt is
    due); each is marked sent once the server accepted it, or put back for a later attempt."""
    now = now or utcnow()
    return _send(engine, settings, _claim(engine, settings, ids, limit, now, force), now)


def deliver_queued(engine: Engine, settings: Settings, rows: Iterable[OutboxLetter]) -> list[Delivery]:
    """Send letters this process queued claimed (`queue(claimed_for=…)`), once their transaction has committed:
    without a transaction to claim them again; each is marked sent once the server accepted it, or put back."""
    return _send(engine, settings, [(row.id, row.key, _letter(row)) for row in rows], utcnow())


def _send(engine: Engine, settings: Settings, claimed: list[tuple[int, str, Letter]],
          now: dt.datetime) -> list[Delivery]:
    """Send claimed letters over one connection; mark those the server accepted, put the others back."""
    done: list[Delivery] = []
    if not claimed:
        return done
    accepted: list[Delivery] = []
    try:
        with connection(settings) as post:  # one connection for the batch, as a mail server expects
            for id_, key, letter in claimed:
                try:
                    accepted.append(Delivery(id_, letter.to, where=post(letter, message_id(key, settings))))
                except (OSError, smtplib.SMTPException) as error:
                    done.append(_failed(engine, settings, id_, letter, error, now))
                if len(accepted) >= MARK_EVERY:
                    done += _mark_sent(engine, accepted)
    except (OSError, smtplib.SMTPException) as error:  # no connection: every letter not tried waits
        tried = {d.id for d in [*done, *accepted]}
        done += [_failed(engine, settings, id_, letter, error, now) for id_, _, letter in claimed if id_ not in tried]
    return done + _mark_sent(engine, accepted)


def _mark_sent(engine: Engine, accepted: list[Delivery]) -> list[Delivery]:
    """Mark letters the server accepted as sent, in one transaction; empties `accepted`."""
    marked, accepted[:] = list(accepted), []
    if marked:
        via = marked[0].where or ""  # the server's address (or, for files, the folder): the same for the batch
        with unit_of_work(engine) as session:
            session.execute(update(OutboxLetter).where(OutboxLetter.id.in_([d.id for d in marked])).values(
                sent_at=utcnow(), sent_via=via[:300] if via.startswith("smtp:") else str(Path(via).parent)[:300],
                claimed_until=None, attempts=OutboxLetter.attempts + 1, last_error=None))
    return marked


def _failed(engine: Engine, settings: Settings, id_: int, letter: Letter, error: Exception,
            now: dt.datetime) -> Delivery:
    """Put a letter back for a later attempt, with why it failed."""
    with unit_of_work(engine) as session:
        row = session.get_one(OutboxLetter, id_)
        row.attempts += 1
        row.last_error = str(error)[:1000]
        row.next_attempt_at = now + backoff(row.attempts, settings)
        row.claimed_until = None
    return Delivery(id_, letter.to, error=str(error))


def deliver_all(engine: Engine, settings: Settings, *, now: dt.datetime | None = None, batch: int = 100) -> int:
    """Deliver every letter that is due, batch after batch; returns how many were sent."""
    sent = 0
    while True:
        done = deliver(engine, settings, limit=batch, now=now)
        sent += sum(1 for d in done if d.where is not None)
        if len(done) < batch or all(d.where is None for d in done):
            return sent


def send_now(session: Session, letter: Letter, settings: Settings, *, key: str, kind: str,
             person_ref: str | None = None, target_ref: str | None = None) -> str:
    """Send a letter that must go before the transaction commits (a restriction is lifted only once the person
    is told, Art. 18(3)) and record it as sent in that transaction; raises if the server refuses it."""
    where = send(letter, settings, message_id(key, settings))
    row = queue(session, letter, key=key, kind=kind, person_ref=person_ref, target_ref=target_ref)
    if row is not None:
        row.sent_at, row.sent_via, row.attempts = utcnow(), where[:300], 1
    return where


def report(done: list[Delivery], sent: list[str], unsent: list[str], *, with_address: bool = False) -> None:
    """Add what a delivery did to a flow's lists of letters sent and not sent (yet: they are retried)."""
    for item in done:
        if item.where is not None:
            sent.append(f"{item.to}: {item.where}" if with_address else item.where)
        else:
            unsent.append(f"{item.to}: {item.error}")
