"""Workers are real processes: one killed while it sends a letter loses none, and sends none twice as another
message (at-least-once: a letter sent again carries the same Message-ID, which mail servers and programs use to
recognise it)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import select

from registre.db.base import utcnow
from registre.db.session import make_engine, unit_of_work, upgrade
from registre.mail import outbox
from registre.mail.sender import Letter
from registre.models.outbox import OutboxLetter
from tests.mail.test_sender import free_port

SRC = Path(__file__).parents[2] / "src"


class HoldingInbox:
    """An SMTP server's handler that takes the second message in, then holds its answer until released."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.holding = False
        self.released = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, _class=EmailMessage, policy=default))
        if len(self.messages) == 2 and not self.released:
            self.holding = True
            while not self.released:  # the worker waits for our "250" and is killed meanwhile
                await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"


def registre(env: dict[str, str], *args: str) -> subprocess.Popen[bytes]:
    """Start `registre …` as its own process."""
    return subprocess.Popen([sys.executable, "-c", "from registre.cli import main; main()", *args],
                            env={**os.environ, "PYTHONPATH": str(SRC), **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def until(condition: Any, seconds: float = 60) -> None:
    """Wait for a condition (a bound, not a measure: the test fails only if it never comes)."""
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.05)


def test_a_worker_killed_while_sending_loses_no_letter_and_duplicates_none(tmp_path: Path) -> None:
    inbox, port = HoldingInbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_SMTP_HOST": "127.0.0.1", "REGISTRE_SMTP_PORT": str(port),
           "REGISTRE_SMTP_STARTTLS": "false", "REGISTRE_MAIL_FROM": "dpo@exemple.fr",
           "REGISTRE_OUTBOX_LEASE_SECONDS": "1", "REGISTRE_SCHEDULE_OUTBOX": "", "REGISTRE_SCHEDULE_PURGES": "",
           "REGISTRE_SCHEDULE_BREACH_ALERTS": "", "REGISTRE_SCHEDULE_RETENTION": ""}
    engine = make_engine(f"sqlite:///{tmp_path / 'registre.sqlite3'}")
    upgrade(engine)
    with unit_of_work(engine) as session:
        for n in range(4):
            outbox.queue(session, Letter(f"person{n}@example.fr", f"Letter {n}", "Body"), key=f"test:{n}",
                         kind="test")
    try:
        first = registre(env, "worker", "--once")
        until(lambda: inbox.holding)
        first.send_signal(signal.SIGKILL)
        first.communicate()
        inbox.released = True
        with unit_of_work(engine) as session:
            unsent = session.scalars(select(OutboxLetter).where(OutboxLetter.sent_at.is_(None))).all()
            # Nothing is marked sent that the server did not accept; the letter it accepted is marked with the
            # next ones (outbox.MARK_EVERY), so it is unmarked too, and will be sent again.
            assert len(unsent) == 4
            claimed_until = max(r.claimed_until for r in unsent if r.claimed_until)
        until(lambda: utcnow() > claimed_until)  # the dead worker's claim runs out
        second = registre(env, "worker", "--once")
        _, errors = second.communicate(timeout=120)
        assert second.returncode == 0, errors.decode()
    finally:
        inbox.released = True
        controller.stop()
    with unit_of_work(engine) as session:
        rows = session.scalars(select(OutboxLetter).order_by(OutboxLetter.id)).all()
        assert all(r.sent_at is not None for r in rows)
    by_id: dict[str, set[str]] = {}
    for message in inbox.messages:
        by_id.setdefault(message["Message-ID"], set()).add(message["To"])
    # Every letter arrived; the two the dead worker had sent were sent again, as the same messages (Message-IDs).
    assert sorted(to for tos in by_id.values() for to in tos) == [f"person{n}@example.fr" for n in range(4)]
    assert len(by_id) == 4
    assert len(inbox.messages) == 6
