"""Database URLs as people type them: `postgresql://`, `postgres://`, `mysql://`, `mariadb://` mean the drivers registre
installs (psycopg 3, PyMySQL), not SQLAlchemy's defaults (psycopg2, mysqlclient), which it does not. Every URL a user
gives (a dataset's connection, `datasets scan`, the store's own) goes through `driver_url`."""

from __future__ import annotations

from sqlalchemy.engine import URL

# What a URL without a driver (or with the common aliases) means, to the driver registre depends on
DRIVERS = {
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "postgresql+psycopg3": "postgresql+psycopg",
    "mysql": "mysql+pymysql",
    "mariadb": "mariadb+pymysql",
}

# The package to install for a driver module SQLAlchemy could not import
PACKAGES = {"psycopg2": "psycopg2-binary", "MySQLdb": "mysqlclient", "pyodbc": "pyodbc", "oracledb": "oracledb",
            "asyncpg": "asyncpg", "aiomysql": "aiomysql", "mariadb": "mariadb", "pg8000": "pg8000",
            "cx_Oracle": "cx_Oracle", "pymssql": "pymssql", "aiosqlite": "aiosqlite"}


def driver_url(url: URL) -> URL:
    """The URL with the driver registre installs for its database (a URL naming a driver keeps it)."""
    drivername = DRIVERS.get(url.drivername)
    return url if drivername is None else url.set(drivername=drivername)


def package_of(module: str | None) -> str:
    """The package that provides a database driver module, to name in an error."""
    top = (module or "").split(".")[0]
    return PACKAGES.get(top, top or "?")
