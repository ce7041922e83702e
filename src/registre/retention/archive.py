"""Intermediate archiving: rows whose active period is over move to an archive (a schema of the same database, or a
database of its own) that only the roles named may read, and leave it when their archive period ends too."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Connection, Engine, MetaData, Table, delete, func, insert, inspect, select, text
from sqlalchemy.sql import ColumnElement
from sqlalchemy.types import TypeEngine

from registre.connectors.connection import connect, url_of
from registre.connectors.finding import Key, key_clause
from registre.connectors.mapping import Connected, MappedTable
from registre.connectors.schemas import ArchiveTarget
from registre.connectors.schemas import Connection as ConnectionSpec
from registre.errors import InvalidInput
from registre.i18n import Msg

if TYPE_CHECKING:
    from registre.retention.sweep import Progress, Task

NO_SCHEMAS = Msg(en="SQLite has no schemas: give the archive of dataset '{dataset}' a database of its own "
                    "('url_env').",
                 fr="SQLite n'a pas de schémas : donnez à l'archive du jeu de données « {dataset} » une base à part "
                    "(« url_env »).")


class Archive:
    """Where a dataset's archived rows go, with their tables created on first use."""

    def __init__(self, connected: Connected, target: ArchiveTarget) -> None:
        self.connected = connected
        self.target = target
        self.same_database = target.schema_ is not None
        if self.same_database:
            if connected.engine.dialect.name == "sqlite":
                raise InvalidInput(NO_SCHEMAS, dataset=connected.name)
            self.engine: Engine = connected.engine
            self.schema: str | None = target.schema_
        else:
            spec = ConnectionSpec.model_validate({"url_env": target.url_env})
            self.engine = connect(url_of(spec, connected.name), connected.name)
            self.schema = None
        self.metadata = MetaData(schema=self.schema)
        self._ready: set[str] = set()

    def table(self, mapped: MappedTable) -> Table:
        """The archive table of `mapped`: the same columns and key, no foreign keys."""
        existing = self.metadata.tables.get(f"{self.schema}.{mapped.name}" if self.schema else mapped.name)
        if existing is not None:
            return existing
        # In another database, the types are the generic ones (MariaDB's TINYINT boolean means nothing to SQLite).
        columns = [Column(c.name, c.type if self.schema else _generic(c.type), primary_key=c.name in mapped.key,
                          autoincrement=False) for c in mapped.table.columns]
        return Table(mapped.name, self.metadata, *columns)

    def store(self, source: Connection, mapped: MappedTable, rows: list[dict[str, Any]]) -> None:
        """Copy rows into the archive (replacing copies a killed run left), in the source's transaction when the
        archive is in the same database, else committed before the source deletes them."""
        keys = [tuple(row[name] for name in mapped.key) for row in rows]
        if not keys:
            return
        if self.same_database:
            self._write(source, mapped, keys, rows)
            return
        with self.engine.begin() as connection:
            self._write(connection, mapped, keys, rows)

    def purge_task(self, mapped: MappedTable, label: str,
                   due_of: Callable[[Connected, MappedTable], ColumnElement[bool] | None]) -> Task | None:
        """The task that deletes archived rows whose archive period is over (`due_of`: the rows due, judged on the
        archive's own table, whose columns alone tell)."""
        from registre.retention.sweep import Action, Task

        archived = MappedTable(mapped.name, mapped.spec, self.table(mapped), mapped.key)
        alone = Connected(self.connected.annotation, self.engine, self.metadata, {mapped.name: archived}, [])
        where = due_of(alone, archived)
        return None if where is None else Task(archived, label, Action.purge_archive, where)

    def count(self, task: Task) -> int:
        """Archived rows due to leave the archive."""
        if not self._exists(task.table.name):
            return 0
        with self.engine.connect() as connection:
            return connection.scalar(select(func.count()).select_from(task.table.table).where(task.where)) or 0

    def purge(self, task: Task, *, batch: int, progress: Progress | None, intended: Progress | None = None) -> int:
        """Delete the archived rows whose archive period is over, in batches; `intended` is told of each batch before
        its transaction commits, `progress` after."""
        if not self._exists(task.table.name):
            return 0
        mapped = task.table
        done = 0
        while True:
            with self.engine.begin() as connection:
                columns = [mapped.column(name) for name in mapped.key]
                keys = [tuple(r) for r in connection.execute(select(*columns).where(task.where).limit(batch))]
                if not keys:
                    return done
                statement = delete(mapped.table).where(key_clause(mapped, keys))
                connection.execute(statement)
                if intended is not None:
                    intended(task, len(keys), str(statement.compile(self.engine)))
            done += len(keys)
            if progress is not None:
                progress(task, len(keys), str(statement.compile(self.engine)))

    def dispose(self) -> None:
        """Close the archive's own connections."""
        if not self.same_database:
            self.engine.dispose()

    def _write(self, connection: Connection, mapped: MappedTable, keys: Sequence[Key],
               rows: list[dict[str, Any]]) -> None:
        table = self.table(mapped)
        if mapped.name not in self._ready:
            self._create(connection, table)
            self._ready.add(mapped.name)
        archived = MappedTable(mapped.name, mapped.spec, table, mapped.key)
        connection.execute(delete(table).where(key_clause(archived, keys)))
        if rows:
            connection.execute(insert(table), rows)

    def _create(self, connection: Connection, table: Table) -> None:
        """Create the archive (schema and table) if missing, readable only by the roles named."""
        dialect = connection.dialect.name
        if self.schema is not None:
            quoted = connection.dialect.identifier_preparer.quote(self.schema)
            if dialect == "postgresql":
                connection.execute(text(f"CREATE SCHEMA IF NOT EXISTS {quoted}"))
                connection.execute(text(f"REVOKE ALL ON SCHEMA {quoted} FROM PUBLIC"))
                for reader in self.target.readers:
                    role = connection.dialect.identifier_preparer.quote(reader)
                    connection.execute(text(f"GRANT USAGE ON SCHEMA {quoted} TO {role}"))
                    connection.execute(text(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {quoted} GRANT SELECT ON TABLES "
                                            f"TO {role}"))
            else:
                connection.execute(text(f"CREATE DATABASE IF NOT EXISTS {quoted}"))
        table.create(connection, checkfirst=True)

    def _exists(self, name: str) -> bool:
        return inspect(self.engine).has_table(name, schema=self.schema)


def _generic(kind: TypeEngine[Any]) -> TypeEngine[Any]:
    """The dialect-free type of a reflected column (its own type where there is none)."""
    try:
        return kind.as_generic()
    except NotImplementedError:
        return kind
