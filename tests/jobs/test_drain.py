"""Letters queued in a burst are sent by drain jobs on PostgreSQL: nudged many times, one drain waits in the queue,
and every letter reaches the mail server once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, text

from registre.config import Settings
from registre.db.session import unit_of_work
from registre.jobs import queue
from registre.jobs.flows import drain_outbox
from registre.mail import outbox
from registre.mail.sender import Letter
from tests.mail.test_sender import Inbox, smtp

__all__ = ["smtp"]


def test_letters_nudged_many_times_wait_on_one_drain_and_each_is_sent_once(
        postgres_engine: Engine, smtp: tuple[Inbox, int], tmp_path: Path) -> None:
    inbox, port = smtp
    settings = Settings(database_url=postgres_engine.url.render_as_string(hide_password=False), data_dir=tmp_path,
                        smtp_host="127.0.0.1", smtp_port=port, smtp_starttls=False, mail_from="dpo@exemple.fr",
                        schedule_outbox="", schedule_purges="", schedule_breach_alerts="", schedule_retention="")
    jobs = queue.build(settings, postgres_engine)
    addresses = [f"person{n}@example.fr" for n in range(250)]  # more than one batch of `deliver_all`
    try:
        with jobs.open():
            for first in range(0, len(addresses), 50):
                with unit_of_work(postgres_engine) as session:
                    for to in addresses[first:first + 50]:
                        outbox.queue(session, Letter(to, "Objet", "Corps"), key=f"test:{to}", kind="test")
                drain_outbox(jobs)
            with postgres_engine.connect() as connection:
                waiting = connection.execute(text("SELECT count(*) FROM procrastinate_jobs WHERE task_name = :name "
                                                  "AND status = 'todo'"), {"name": queue.DRAIN}).scalar()
            assert waiting == 1
            jobs.run_worker(queues=["mail"], wait=False, install_signal_handlers=False)
    finally:
        with postgres_engine.begin() as connection:
            connection.execute(text("DELETE FROM procrastinate_jobs WHERE task_name = :name"), {"name": queue.DRAIN})
    assert sorted(m["To"] for m in inbox.messages) == sorted(addresses)
    assert len({m["Message-ID"] for m in inbox.messages}) == len(addresses)
    assert outbox.deliver_all(postgres_engine, settings) == 0  # nothing left
