"""The few SQL expressions that differ between SQLite, PostgreSQL and MariaDB, as SQLAlchemy constructs, and the
expression each erasure strategy writes into a column."""

from __future__ import annotations

import hashlib
import sqlite3
from typing import Any

from sqlalchemy import String, case, func, literal, null
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import GenericFunction
from sqlalchemy.sql.schema import Column as SqlColumn

from registre.connectors.schemas import Column, Erase

PSEUDONYM_LENGTH = 32


class keyed_hash(GenericFunction[str]):
    """SHA-256 of the key followed by the value, in hexadecimal: a keyed pseudonym, the same in every database."""

    type = String()
    inherit_cache = True


class truncate_date(GenericFunction[Any]):
    """A date or time cut to the first day of its year or month: `truncate_date('year', col)`."""

    inherit_cache = True


@compiles(keyed_hash, "postgresql")
def _hash_postgresql(element: keyed_hash, compiler: SQLCompiler, **kw: Any) -> str:
    key, value = list(element.clauses)
    return (f"encode(sha256(convert_to({compiler.process(key, **kw)} || CAST({compiler.process(value, **kw)} "
            "AS TEXT), 'UTF8')), 'hex')")


@compiles(keyed_hash, "mysql")
@compiles(keyed_hash, "mariadb")
def _hash_mysql(element: keyed_hash, compiler: SQLCompiler, **kw: Any) -> str:
    key, value = list(element.clauses)
    return f"SHA2(CONCAT({compiler.process(key, **kw)}, {compiler.process(value, **kw)}), 256)"


@compiles(keyed_hash, "sqlite")
def _hash_sqlite(element: keyed_hash, compiler: SQLCompiler, **kw: Any) -> str:
    key, value = list(element.clauses)
    return f"registre_sha256({compiler.process(key, **kw)} || {compiler.process(value, **kw)})"


def _unit(element: truncate_date) -> str:
    unit = next(iter(element.clauses))
    return str(getattr(unit, "value", unit))


@compiles(truncate_date, "postgresql")
def _truncate_postgresql(element: truncate_date, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(list(element.clauses)[1], **kw)
    return f"date_trunc('{_unit(element)}', {value})"


@compiles(truncate_date, "mysql")
@compiles(truncate_date, "mariadb")
def _truncate_mysql(element: truncate_date, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(list(element.clauses)[1], **kw)
    year = f"MAKEDATE(YEAR({value}), 1)"
    return year if _unit(element) == "year" else f"{year} + INTERVAL (MONTH({value}) - 1) MONTH"


@compiles(truncate_date, "sqlite")
def _truncate_sqlite(element: truncate_date, compiler: SQLCompiler, **kw: Any) -> str:
    value = compiler.process(list(element.clauses)[1], **kw)
    day = "%Y-01-01" if _unit(element) == "year" else "%Y-%m-01"
    # SQLite keeps dates as text: a date column stays a date, a time keeps SQLAlchemy's time format
    return f"CASE WHEN length({value}) > 10 THEN strftime('{day} 00:00:00.000000', {value}) " \
           f"ELSE strftime('{day}', {value}) END"


def install_sqlite_functions(connection: sqlite3.Connection, _record: Any) -> None:
    """Give a SQLite connection the functions the compiled expressions call."""
    connection.create_function("registre_sha256", 1, _sha256, deterministic=True)


def _sha256(value: str | None) -> str | None:
    return None if value is None else hashlib.sha256(value.encode()).hexdigest()


def erased_value(strategy: Erase, column: SqlColumn[Any], spec: Column, key: str) -> ColumnElement[Any]:
    """The expression a column is set to when erased with `strategy`."""
    if strategy is Erase.clear:
        return null()
    if strategy is Erase.overwrite:
        return literal(spec.value)
    if strategy is Erase.pseudonymise:
        length = getattr(column.type, "length", None) or PSEUDONYM_LENGTH
        return func.substr(keyed_hash(literal(key), column), 1, min(length, PSEUDONYM_LENGTH))
    if strategy in (Erase.year, Erase.month):
        unit = "year" if strategy is Erase.year else "month"
        return truncate_date(literal(unit), column)  # a date column takes PostgreSQL's timestamp by assignment
    if strategy is Erase.departement:
        overseas = column.like("97%") | column.like("98%")
        return case((overseas, func.substr(column, 1, 3)), else_=func.substr(column, 1, 2))
    return column - column % 10  # Erase.age_band
