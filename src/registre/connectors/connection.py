"""Reaching a connected database: its URL with the secret taken from the environment, and its live schema."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from registre.connectors.schemas import Connection
from registre.connectors.sql import install_sqlite_functions
from registre.errors import InvalidInput, StoreUnavailable
from registre.i18n import Msg
from registre.kit.urls import driver_url, package_of

SECRET_IN_FILE = Msg(
    en="The URL of dataset '{dataset}' holds a password: remove it and give it in an environment variable "
       "named by 'password_env' (or the whole URL in 'url_env').",
    fr="L'URL du jeu de données « {dataset} » contient un mot de passe : retirez-le et donnez-le dans une "
       "variable d'environnement nommée par « password_env » (ou l'URL entière dans « url_env »).")
NO_VARIABLE = Msg(en="The environment variable {name} (dataset '{dataset}') is not set.",
                  fr="La variable d'environnement {name} (jeu de données « {dataset} ») n'est pas définie.")
BAD_URL = Msg(en="'{url}' is not a database URL SQLAlchemy can use (dataset '{dataset}'): {reason}.",
              fr="« {url} » n'est pas une URL de base de données utilisable par SQLAlchemy (jeu de données "
                 "« {dataset} ») : {reason}.")
NO_DRIVER = Msg(en="The database driver '{module}' is not installed (dataset '{dataset}'): install the package "
                   "'{package}', or use a URL registre's own drivers serve (postgresql://, mysql://, mariadb://, "
                   "sqlite:///).",
                fr="Le pilote de base de données « {module} » n'est pas installé (jeu de données « {dataset} ») : "
                   "installez le paquet « {package} », ou utilisez une URL que servent les pilotes de registre "
                   "(postgresql://, mysql://, mariadb://, sqlite:///).")
UNREACHABLE = Msg(en="The database of dataset '{dataset}' cannot be reached: {reason}.",
                  fr="La base du jeu de données « {dataset} » est injoignable : {reason}.")


def url_of(connection: Connection, dataset: str, *, base: Path | None = None) -> URL:
    """The URL to connect with: the file's URL (a relative SQLite path taken from the annotation's folder) with
    the password from the environment, or the whole URL from the environment."""
    if connection.url_env is not None:
        return parse(_variable(connection.url_env, dataset), dataset)
    assert connection.url is not None
    url = parse(connection.url, dataset)
    if url.password is not None:
        raise InvalidInput(SECRET_IN_FILE, dataset=dataset)
    if connection.password_env is not None:
        url = url.set(password=_variable(connection.password_env, dataset))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:" and base is not None:
        path = Path(url.database)
        if not path.is_absolute():
            url = url.set(database=str(base / path))
    return url


def connect(url: URL, dataset: str) -> Engine:
    """An engine on a connected database, checked to answer; SQLite gets the functions registre's SQL uses."""
    try:
        engine = create_engine(url, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as error:
        raise InvalidInput(BAD_URL, url=url.render_as_string(hide_password=True), dataset=dataset,
                           reason=str(error)) from None
    except ImportError as error:  # a driver SQLAlchemy knows but this machine lacks
        raise InvalidInput(NO_DRIVER, module=error.name or "?", package=package_of(error.name),
                           dataset=dataset) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", install_sqlite_functions)
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as error:
        engine.dispose()
        reason = str(getattr(error, "orig", None) or error).strip()
        raise StoreUnavailable(UNREACHABLE, dataset=dataset, reason=reason) from None
    return engine


def reflect(engine: Engine, schema: str | None = None) -> MetaData:
    """The live schema: tables, columns, keys and foreign keys."""
    metadata = MetaData(schema=schema)
    metadata.reflect(engine, schema=schema)
    return metadata


# What a long-running process (`registre serve`, a worker) keeps per connected database between requests: its engine
# (a pool of connections) and its schema as reflected, read again after SCHEMA_SECONDS, at once when a statement
# failed on it (`forget`) or when an annotation names a table or column it lacks (mapping.attached).
SCHEMA_SECONDS = 300.0
_lock = threading.Lock()
_engines: dict[str, Engine] = {}
_schemas: dict[tuple[str, str | None], tuple[float, MetaData]] = {}


def _key(url: URL) -> str:
    return url.render_as_string(hide_password=False)


def pooled(url: URL, dataset: str) -> Engine:
    """The engine this process keeps for that URL, made (and checked to answer) on first use."""
    key = _key(url)
    with _lock:
        engine = _engines.get(key)
    if engine is None:
        made = connect(url, dataset)
        with _lock:
            engine = _engines.setdefault(key, made)
        if engine is not made:  # another thread made one meanwhile
            made.dispose()
    return engine


def schema_of(engine: Engine, schema: str | None = None, *, fresh: bool = False) -> MetaData:
    """The live schema of a kept engine's database, reflected at most SCHEMA_SECONDS ago (now if `fresh`)."""
    key = (_key(engine.url), schema)
    now = time.monotonic()
    with _lock:
        kept = _schemas.get(key)
    if kept is not None and not fresh and now - kept[0] < SCHEMA_SECONDS:
        return kept[1]
    metadata = reflect(engine, schema)
    with _lock:
        _schemas[key] = (now, metadata)
    return metadata


def forget(engine: Engine) -> None:
    """Drop the schemas kept for that engine's database: the next use reflects it again."""
    url = _key(engine.url)
    with _lock:
        for key in [k for k in _schemas if k[0] == url]:
            del _schemas[key]


def _variable(name: str, dataset: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise InvalidInput(NO_VARIABLE, name=name, dataset=dataset)
    return value


def parse(text: str, dataset: str) -> URL:
    """A URL as a user wrote it, with the driver registre installs for its database (`postgresql://` is psycopg 3);
    a plain error, never showing credentials, if it is not a URL."""
    try:
        return driver_url(make_url(text))
    except (ArgumentError, ValueError) as error:  # a bad port is a ValueError
        shown = text.split("@")[-1] if "@" in text else text  # never the credentials
        raise InvalidInput(BAD_URL, url=shown, dataset=dataset, reason=type(error).__name__) from None
