"""Engines and units of work: the edge (a CLI command, an API request) opens one and owns its transaction."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from registre.errors import StoreBehind
from registre.i18n import Msg
from registre.kit.urls import driver_url

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session, sessionmaker

VERSIONS = Path(__file__).parent / "migrations" / "versions"

STORE_BEHIND = Msg(
    en="The store at {url} is not at the schema this version of registre needs (it is at {current}; needed: "
       "{wanted}). Run `registre db upgrade` once, then start again.",
    fr="Le stockage {url} n'est pas au schéma dont cette version de registre a besoin (il est à {current} ; "
       "attendu : {wanted}). Lancez une fois `registre db upgrade`, puis redémarrez.")


def make_engine(url: str) -> Engine:
    """An engine for the store at `url`; SQLite gets WAL, foreign keys, a busy timeout and one writer at a time."""
    parsed = driver_url(make_url(url))
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, connect_args={"timeout": 30})

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
    from alembic.config import Config  # imported when migrations run: not on every command's start

    config = Config()
    config.set_main_option("script_location", "registre.db:migrations")
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the store's schema to the newest migrations (creating it on first use); branches made in parallel
    are all applied until a merge revision joins them. On PostgreSQL, the job queue's tables too."""
    from alembic import command

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


def ready(engine: Engine, *, create: bool) -> None:
    """Check that the store is at the newest schema (`create`: make or upgrade it instead, for a development store
    on SQLite); raise `StoreBehind` naming `registre db upgrade` otherwise. One read of `alembic_version` when it
    is up to date."""
    now, wanted = current(engine), heads()
    if now == wanted:
        return
    if create:
        upgrade(engine)
        return
    raise StoreBehind(STORE_BEHIND, url=engine.url.render_as_string(hide_password=True),
                      current=", ".join(sorted(now)) or "-", wanted=", ".join(sorted(wanted)))


def heads() -> set[str]:
    """The newest revisions of the migrations, read from their files' `revision` and `down_revision` lines (without
    importing them: this runs at the start of every command that opens the store)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in VERSIONS.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision = re.search(r"^revision\s*(?::[^=]*)?=\s*[\"']([^\"']+)[\"']", source, re.MULTILINE)
        down = re.search(r"^down_revision\s*(?::[^=]*)?=\s*(.+)$", source, re.MULTILINE)
        if revision is not None:
            revisions.add(revision.group(1))
        if down is not None:
            parents.update(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    return revisions - parents


def current(engine: Engine) -> set[str]:
    """The revisions the store is at (none for a new store)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return set()
        return {str(v) for v in connection.scalars(text("SELECT version_num FROM alembic_version"))}


_factories: WeakKeyDictionary[Engine, sessionmaker[Session]] = WeakKeyDictionary()


@contextmanager
def unit_of_work(engine: Engine) -> Iterator[Session]:
    """A session whose transaction commits when the block ends and rolls back when it raises."""
    factory = _factories.get(engine)
    if factory is None:  # one factory per engine: making one costs more than a small transaction
        from sqlalchemy.orm import sessionmaker  # the ORM, imported by the commands that use it

        factory = _factories[engine] = sessionmaker(engine, expire_on_commit=False)
    with factory() as session, session.begin():
        yield session


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """`unit_of_work` in Core, for a read that needs no ORM: a connection whose transaction commits when the block
    ends and rolls back when it raises."""
    with engine.begin() as connection:
        yield connection
