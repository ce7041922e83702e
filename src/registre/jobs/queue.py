"""The job queue: Procrastinate on PostgreSQL, the same jobs in process on SQLite (or MariaDB).

On PostgreSQL the jobs live in the store's own database (Procrastinate's tables, applied by `registre db
upgrade`): any number of `registre worker` processes, on any number of machines, take them, and the periodic
jobs are deferred once per schedule whichever worker sees it first. On SQLite there is no server to share: the
queue is kept in memory by the process that runs the jobs (`registre serve` runs a worker in process, and so does
`registre worker`); what a stopped process had not done is found again by the outbox and the next periodic run.

Jobs (queue in brackets):
- `registre.outbox.drain` [mail]: send every letter that is due, in batches (one SMTP connection and one claim
  each), until none is left; deferred after letters are queued, at most one waiting at a time (`drain`);
- `registre.outbox.deliver` [mail]: send letters the outbox holds, by id;
- `registre.outbox.sweep` [mail], periodic: send every letter that is due (retries, and nudges that were lost);
- `registre.requests.complete` [rights]: do a request in every connected database and answer it;
- `registre.retention.run` [retention], also periodic: delete, anonymise or archive what is due;
- `registre.packages.purge`, `registre.consent.purge`, `registre.breaches.alert` [periodic]: the purges and the
  DPO's breach alerts.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

import psycopg
from procrastinate import App, PsycopgConnector, SyncPsycopgConnector
from procrastinate.jobs import JobDeferrer
from procrastinate.manager import JobManager
from procrastinate.testing import InMemoryConnector
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from registre.config import Settings
from registre.context import DPO, Actor
from registre.context import Context as Acting  # the flows' context; `Context` here is what a job works with
from registre.db.session import make_engine
from registre.declarations.declared import Declared
from registre.declarations.service import load
from registre.law.calendar import today as paris_today

QUEUES = ("mail", "rights", "retention", "periodic")
DRAIN = "registre.outbox.drain"
WORKER = "registre worker"  # the actor of the audit entries of periodic jobs
log = logging.getLogger("registre.jobs")


@dataclass(frozen=True)
class Context:
    """What a job works with: the settings, the store's engine, the declaration (if any)."""

    settings: Settings
    engine: Engine
    declared: Declared | None


_contexts: dict[int, Context] = {}
# Queues a job on the connection it is given, inside that connection's transaction: it needs no pool of its own.
_on_connection = JobManager(SyncPsycopgConnector())


def shared(url: str) -> bool:
    """Whether jobs on this store go through a shared queue (PostgreSQL) rather than in process."""
    return make_url(url).get_backend_name() == "postgresql"


def conninfo(url: str) -> str:
    """The libpq address of a SQLAlchemy PostgreSQL URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def defer_in(app: App, session: Session, deferrer: JobDeferrer, **arguments: Any) -> int | None:
    """Queue a job in `session`'s transaction when the queue is in the store (PostgreSQL): the job exists if and
    only if that transaction commits, and queueing it is one statement on the caller's connection rather than a
    hop through the event loop that runs the worker. None otherwise: the caller defers the job once its transaction
    has committed (in memory, a worker of this process could start it before)."""
    connection = session.connection().connection.driver_connection
    if isinstance(app.connector, InMemoryConnector) or not isinstance(connection, psycopg.Connection):
        return None  # in memory, or a store reached through another driver than psycopg 3 (`+psycopg2`, `+pg8000`)
    return _on_connection.defer_job(deferrer.make_new_job(**arguments), connection=connection).id


def context(app: App) -> Context:
    """The context of the jobs of `app` (one engine per process)."""
    return _contexts[id(app)]


def acting(app: App, actor: str = WORKER) -> Acting:
    """The flows' context of a job of `app`: no one is at a terminal, so `actor` (the worker, or whoever queued the
    job) acts with the DPO's role, as at the CLI, in the settings' language."""
    ctx = context(app)
    return Acting(ctx.engine, ctx.settings, ctx.declared, Actor(actor, DPO), ctx.settings.lang)


def build(settings: Settings, engine: Engine | None = None) -> App:
    """A Procrastinate app with every job of registre and the periodic schedules of `settings`."""
    connector: Any = (PsycopgConnector(conninfo=conninfo(settings.store_url)) if shared(settings.store_url)
                      else InMemoryConnector())
    app = App(connector=connector)
    declared = load(settings.declaration) if settings.declaration else None
    _contexts[id(app)] = Context(settings, engine or make_engine(settings.store_url), declared)
    from registre.jobs import tasks  # the jobs themselves, registered on this app

    tasks.register(app, settings)
    return app


def today() -> dt.date:
    """Today in Paris, for retention runs."""
    return paris_today()
