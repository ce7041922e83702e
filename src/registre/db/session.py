"""Engines and units of work: the edge (a CLI command, an API request) opens one and owns its transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from registre.errors import StoreBehind
from registre.i18n import Msg

STORE_BEHIND = Msg(
    en="The store at {url} is not at the schema this version of registre needs (it is at {current}; needed: "
       "{wanted}). Run `registre db upgrade` once, then start again.",
    fr="Le stockage {url} n'est pas au schéma dont cette version de registre a besoin (il est à {current} ; "
       "attendu : {wanted}). Lancez une fois `registre db upgrade`, puis redémarrez.")


def make_engine(url: str) -> Engine:
    """An engine for the store at `url`; SQLite gets WAL, foreign keys, a busy timeout and one writer at a time."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _: Any) -> None:
        connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # BEGIN IMMEDIATE takes the write lock at once: no two writers interleave, no late SQLITE_BUSY.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def migrations_config(engine: Engine) -> Config:
    """The Alembic configuration of the store, bound to `engine`."""
    config = Config()
    config.set_main_option("script_location", "registre.db:migrations")
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the store's schema to the newest migrations (creating it on first use); branches made in parallel
    are all applied until a merge revision joins them. On PostgreSQL, the job queue's tables too."""
    command.upgrade(migrations_config(engine), "heads")
    if engine.dialect.name == "postgresql":
        _queue_schema(engine)


def _queue_schema(engine: Engine) -> None:
    """Procrastinate's tables, in the store's database, applied once (its version is pinned in pyproject.toml:
    a newer Procrastinate brings SQL migrations of its own to apply first, see docs/operations.md)."""
    from importlib.resources import files

    with engine.begin() as connection:
        connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7314)")  # two upgrades at once: one applies it
        if connection.exec_driver_sql("SELECT to_regclass('procrastinate_jobs')").scalar() is None:
            schema = files("procrastinate.sql").joinpath("schema.sql").read_text(encoding="utf-8")
            connection.connection.driver_connection.execute(schema)  # type: ignore[union-attr]


def behind(engine: Engine) -> tuple[set[str], set[str]]:
    """The store's migration heads and the ones this version of registre has (equal: the store is up to date)."""
    script = ScriptDirectory.from_config(migrations_config(engine))
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current, set(script.get_heads())


def ready(engine: Engine, *, create: bool) -> None:
    """Check that the store is at the newest schema (`create`: make or upgrade it instead, for a development store
    on SQLite); raise `StoreBehind` naming `registre db upgrade` otherwise."""
    if create:
        upgrade(engine)
        return
    current, wanted = behind(engine)
    if current != wanted:
        raise StoreBehind(STORE_BEHIND, url=engine.url.render_as_string(hide_password=True),
                          current=", ".join(sorted(current)) or "-", wanted=", ".join(sorted(wanted)))


_factories: WeakKeyDictionary[Engine, sessionmaker[Session]] = WeakKeyDictionary()


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """A session whose transaction commits when the block ends and rolls back when it raises."""
    factory = _factories.get(engine)
    if factory is None:  # one factory per engine: making one costs more than a small transaction
        factory = _factories[engine] = sessionmaker(engine, expire_on_commit=False)
    with factory() as session, session.begin():
        yield session
