"""A dataset's annotation read from YAML and laid over the database's live schema: each annotated table with its
reflected columns and key, and the links (foreign keys, and relations the annotation declares) between tables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, select
from sqlalchemy import Table as SqlTable
from sqlalchemy.sql import ColumnElement, FromClause
from sqlalchemy.sql.schema import Column as SqlColumn

from registre.connectors import schemas
from registre.connectors.connection import connect, reflect, url_of
from registre.declarations.loader import FieldPath, SourceMap, read
from registre.declarations.validation import validate_as
from registre.errors import DeclarationInvalid, NotFound, Problem
from registre.i18n import Msg

NO_TABLE = Msg(en="The database has no table '{name}'; it has: {known}.",
               fr="La base n'a pas de table « {name} » ; elle a : {known}.")
NO_COLUMN = Msg(en="Table '{table}' has no column '{name}'; it has: {known}.",
                fr="La table « {table} » n'a pas de colonne « {name} » ; elle a : {known}.")
NO_KEY = Msg(en="Table '{table}' has no primary key: name the columns that identify a row in 'key'.",
             fr="La table « {table} » n'a pas de clé primaire : nommez les colonnes qui identifient une ligne "
                "dans « key ».")
BAD_RELATION = Msg(en="'{name}' is not a table.column of this database.",
                   fr="« {name} » n'est pas une table.colonne de cette base.")
NO_DATASETS = Msg(en="No dataset annotation at {path}.", fr="Aucune annotation de jeu de données dans {path}.")


@dataclass(frozen=True, slots=True)
class Link:
    """Child rows point to parent rows: a foreign key, or a relation the annotation declares."""

    child: str
    child_columns: tuple[str, ...]
    parent: str
    parent_columns: tuple[str, ...]


@dataclass(frozen=True)
class Annotation:
    """One dataset's annotation as read, with the place of each field and the folder it was read from."""

    dataset: schemas.Dataset
    sources: SourceMap
    folder: Path


@dataclass
class MappedTable:
    """An annotated table over its reflected schema."""

    name: str
    spec: schemas.Table
    table: SqlTable
    key: tuple[str, ...]

    def column(self, name: str) -> SqlColumn[Any]:
        """The reflected column of that name."""
        return self.table.c[name]

    @property
    def identities(self) -> list[tuple[str, schemas.Column]]:
        """The columns a person is found by."""
        return [(name, c) for name, c in self.spec.columns.items() if c.identity is not None]

    @property
    def events(self) -> dict[str, str]:
        """The lifecycle events the table's columns record, to the column."""
        return {c.event: name for name, c in self.spec.columns.items() if c.event is not None}

    @property
    def attributes(self) -> dict[str, str]:
        """The attributes retention conditions test, to the column."""
        return {c.attribute: name for name, c in self.spec.columns.items() if c.attribute is not None}

    @property
    def reference(self) -> bool:
        """Whether the table is reached from the person's rows by the keys they hold (many-to-one)."""
        return self.spec.reference

    @property
    def owned(self) -> bool:
        """Whether a reference row holds a value of the person's own, which makes it theirs (erased with them)."""
        return self.spec.reference and any(c.own for c in self.spec.columns.values())

    @property
    def personal(self) -> list[tuple[str, schemas.Column]]:
        """The columns holding personal data (a data category or an identity) or erased on request (a link)."""
        return [(name, c) for name, c in self.spec.columns.items()
                if c.data is not None or c.identity is not None or c.erase is not None]


@dataclass
class Connected:
    """A dataset ready to work on: its engine, its live schema and its annotated tables."""

    annotation: Annotation
    engine: Engine
    metadata: MetaData
    tables: dict[str, MappedTable]
    links: list[Link] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The dataset's name."""
        return self.annotation.dataset.dataset

    def children(self, parent: str) -> Iterator[Link]:
        """The links whose parent is `parent`, to annotated tables that are not reference tables (a reference row is
        reached from the rows pointing to it, never the other way)."""
        return (link for link in self.links if link.parent == parent and link.child in self.tables
                and not self.tables[link.child].reference)

    def references(self, child: str) -> Iterator[Link]:
        """The links from `child` to annotated reference tables: the keys its rows hold."""
        return (link for link in self.links if link.child == child and link.parent in self.tables
                and self.tables[link.parent].reference and link.parent != child)

    def live_table(self, name: str) -> SqlTable:
        """A table of the live schema, annotated or not, by its name (in the dataset's schema)."""
        schema = self.annotation.dataset.connection.schema_
        return self.metadata.tables[f"{schema}.{name}" if schema else name]

    def children_first(self, names: Iterable[str]) -> list[MappedTable]:
        """Those annotated tables, each after every one of them that points to it (so deletes break no key)."""
        wanted = set(names)
        order: list[str] = []
        seen: set[str] = set()

        def visit(name: str) -> None:
            if name in seen:
                return
            seen.add(name)
            for link in self.links:
                if link.parent == name and link.child != name and link.child in wanted:
                    visit(link.child)
            order.append(name)

        for name in wanted:
            visit(name)
        return [self.tables[name] for name in order]

    def chain(self, mapped: MappedTable) -> list[Link]:
        """The links from a table up to the person's root row: each step to an annotated parent, the first one that
        has identity columns preferred."""
        steps: list[Link] = []
        seen = {mapped.name}
        current = mapped.name
        while True:
            ups = [link for link in self.links if link.child == current and link.parent in self.tables
                   and not self.tables[link.parent].reference and link.parent not in seen
                   and len(link.child_columns) == 1]
            if not ups:
                return steps
            ups.sort(key=lambda link: not self.tables[link.parent].identities)
            steps.append(ups[0])
            seen.add(ups[0].parent)
            current = ups[0].parent

    def root_key(self, mapped: MappedTable, source: FromClause) -> tuple[str, ColumnElement[Any]]:
        """The root table of a row of `source` (a table or an alias of it) and its key there, as an expression."""
        steps = self.chain(mapped)
        if not steps:
            return mapped.name, source.c[mapped.key[0]]
        expression: ColumnElement[Any] = source.c[steps[0].child_columns[0]]
        for previous, step in pairwise(steps):
            parent = self.tables[previous.parent].table
            expression = select(parent.c[step.child_columns[0]]).where(
                parent.c[previous.parent_columns[0]] == expression).scalar_subquery()
        return steps[-1].parent, expression

    def dispose(self) -> None:
        """Close the connections."""
        self.engine.dispose()


def read_annotations(path: Path) -> list[Annotation]:
    """Every dataset annotation at `path` (a file, or the YAML files of a folder), validated."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    elif path.is_file():
        files = [path]
    else:
        raise NotFound(NO_DATASETS, path=str(path))
    found = []
    problems: list[Problem] = []
    for file in files:
        try:
            source = read(file)
            found.append(Annotation(validate_as(source, schemas.Dataset), source.sources, file.parent))
        except DeclarationInvalid as error:
            problems.extend(error.problems)
    if problems:
        raise DeclarationInvalid(problems)
    return found


def attach(annotation: Annotation) -> Connected:
    """Connect to the dataset's database and lay the annotation over its live schema; raise
    `DeclarationInvalid` where the annotation names a table or a column the database does not have."""
    spec = annotation.dataset
    engine = connect(url_of(spec.connection, spec.dataset, base=annotation.folder), spec.dataset)
    try:
        metadata = reflect(engine, spec.connection.schema_)
        connected = _lay(annotation, engine, metadata)
    except BaseException:
        engine.dispose()
        raise
    return connected


def _lay(annotation: Annotation, engine: Engine, metadata: MetaData) -> Connected:
    spec = annotation.dataset
    live = {table.name: table for table in metadata.tables.values()}
    problems: list[Problem] = []

    def problem(path: FieldPath, message: Msg, **params: Any) -> None:
        problems.append(Problem(annotation.sources.place(path), message, params))

    tables: dict[str, MappedTable] = {}
    for name, table_spec in spec.tables.items():
        table = live.get(name)
        if table is None:
            problem(("tables", name), NO_TABLE, name=name, known=", ".join(sorted(live)))
            continue
        known = [c.name for c in table.columns]
        for column in [*table_spec.columns, *(table_spec.key or [])]:
            if column not in table.c:
                problem(("tables", name, "columns", column), NO_COLUMN, table=name, name=column,
                        known=", ".join(known))
        key = tuple(table_spec.key or [c.name for c in table.primary_key.columns])
        if not key:
            problem(("tables", name), NO_KEY, table=name)
        tables[name] = MappedTable(name, table_spec, table, key)
    links = [Link(fk.parent.table.name, (fk.parent.name,), fk.column.table.name, (fk.column.name,))
             for table in live.values() for fk in table.foreign_keys if fk.column.table.name in live]
    for index, relation in enumerate(spec.relations):
        ends = []
        for role, text in (("from", relation.child), ("to", relation.parent)):
            table_name, _, column = text.partition(".")
            if table_name not in live or column not in live[table_name].c:
                problem(("relations", index, role), BAD_RELATION, name=text)
            ends.append((table_name, column))
        declared = Link(ends[0][0], (ends[0][1],), ends[1][0], (ends[1][1],))
        if declared not in links:  # a relation restating a foreign key (as one imported from Fides may)
            links.append(declared)
    if problems:
        raise DeclarationInvalid(problems)
    return Connected(annotation, engine, metadata, tables, links)
