"""Finding a person's rows in a connected database: the rows whose identity columns hold one of their identifiers,
then every row that points to those rows, table after table, one set-based query per table and link; then the rows
of reference tables their rows point to (their address, its city, its country), which are read for access but are
not the person's rows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, or_, select, tuple_
from sqlalchemy.sql import ColumnElement

from registre.connectors.mapping import Connected, MappedTable
from registre.connectors.schemas import IdentityKind

CHUNK = 1000  # values per IN list, below every database's limit on bound parameters

Key = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Identity:
    """An identifier of a person: its kind (`email`, `phone`, …) and its value in the store's normal form."""

    kind: str
    value: str


@dataclass
class Found:
    """A person's rows in one dataset, by table, each under its key; and the rows of reference tables they point
    to, apart (shown in access answers, not the person's rows unless a column of them is their own)."""

    rows: dict[str, dict[Key, dict[str, Any]]] = field(default_factory=dict)
    references: dict[str, dict[Key, dict[str, Any]]] = field(default_factory=dict)

    def keys(self, table: str) -> list[Key]:
        """The keys of the person's rows in `table`."""
        return list(self.rows.get(table, {}))

    @property
    def count(self) -> int:
        """How many rows in all."""
        return sum(len(rows) for rows in self.rows.values())


def variants(identity: Identity) -> list[str]:
    """The spellings under which a database may keep an identifier: a French phone in E.164 and in national
    formats, an email as given and lower-cased."""
    value = identity.value.strip()
    if identity.kind == IdentityKind.phone:
        digits = re.sub(r"[^\d+]", "", value)
        found = {value, digits, digits.lstrip("+")}
        if digits.startswith("+33") and len(digits) == 12:
            national = "0" + digits[3:]
            pairs = [national[i:i + 2] for i in range(0, 10, 2)]
            found |= {national, " ".join(pairs), ".".join(pairs), "-".join(pairs)}
        return sorted(found)
    if identity.kind == IdentityKind.email:
        return sorted({value, value.lower()})
    return [value]


def find(connected: Connected, identities: Sequence[Identity], connection: Connection) -> Found:
    """Every row of the person in the dataset's annotated tables, reached from their identifiers through links, and
    the reference rows those rows point to."""
    found = roots(connected, identities, connection)
    return grow(connected, found, {table: list(rows) for table, rows in found.rows.items()}, connection)


def roots(connected: Connected, identities: Sequence[Identity], connection: Connection) -> Found:
    """The rows whose identity columns hold one of the person's identifiers: the search itself, one statement per
    table with identity columns (what a request keeps when it is filed)."""
    found = Found()
    for mapped in connected.tables.values():
        matches = _identity_clause(mapped, identities)
        if matches is not None and not mapped.reference:
            _add(found.rows, mapped, connection.execute(select(mapped.table).where(matches)))
    return found


def from_keys(connected: Connected, keys: dict[str, list[Key]], connection: Connection) -> Found:
    """The person's rows grown from the rows a search found before (kept with the request): those rows read again by
    their keys (one statement per table; a row deleted since is left out), then the rows pointing to them and the
    reference rows, as `find` does."""
    found = Found()
    for table, table_keys in keys.items():
        mapped = connected.tables.get(table)
        if mapped is None or mapped.reference or not table_keys:
            continue
        for chunk in chunks(table_keys):
            _add(found.rows, mapped, connection.execute(select(mapped.table).where(key_clause(mapped, chunk))))
    return grow(connected, found, {table: list(rows) for table, rows in found.rows.items()}, connection)


def grow(connected: Connected, found: Found, fresh: dict[str, list[Key]], connection: Connection) -> Found:
    """Add to `found` the rows pointing to its `fresh` rows, table after table, then the reference rows they all
    point to (up the keys only: a city's other addresses are never reached)."""
    while fresh:
        reached: dict[str, list[Key]] = {}
        for parent, keys in fresh.items():
            for link in connected.children(parent) if keys else ():
                rows = _linked(connection, connected.tables[link.child], link.child_columns,
                               _values(found.rows[parent], keys, link.parent_columns))
                reached.setdefault(link.child, []).extend(_add(found.rows, connected.tables[link.child], rows))
        fresh = reached
    up = {table: list(rows) for table, rows in found.rows.items()}
    while up:
        higher: dict[str, list[Key]] = {}
        for child, keys in up.items():
            source = found.rows.get(child) or found.references.get(child, {})
            for link in connected.references(child) if keys else ():
                target = connected.tables[link.parent]
                rows = _linked(connection, target, link.parent_columns, _values(source, keys, link.child_columns))
                higher.setdefault(link.parent, []).extend(_add(found.references, target, rows))
        up = higher
    return found


def _values(rows: dict[Key, dict[str, Any]], keys: Sequence[Key], columns: Sequence[str]) -> list[Key]:
    """The distinct non-null values of `columns` in those rows, sorted."""
    values = {tuple(rows[key][c] for c in columns) for key in keys}
    return sorted(v for v in values if None not in v)


def _linked(connection: Connection, mapped: MappedTable, names: Sequence[str], values: list[Key]) -> Iterator[Any]:
    """The rows of `mapped` whose `names` columns hold one of `values`, one statement per chunk."""
    columns = [mapped.column(c) for c in names]
    target: Any = columns[0] if len(columns) == 1 else tuple_(*columns)
    for chunk in chunks(values):
        wanted = [v[0] for v in chunk] if len(columns) == 1 else chunk
        yield from connection.execute(select(mapped.table).where(target.in_(wanted)))


def key_clause(mapped: MappedTable, keys: Sequence[Key]) -> ColumnElement[bool]:
    """The rows of `mapped` with these keys."""
    columns = [mapped.column(c) for c in mapped.key]
    if len(columns) == 1:
        return columns[0].in_([k[0] for k in keys])
    return tuple_(*columns).in_(keys)


def _identity_clause(mapped: MappedTable, identities: Sequence[Identity]) -> ColumnElement[bool] | None:
    tests = []
    for name, spec in mapped.identities:
        values = sorted({v for i in identities if i.kind == spec.identity for v in variants(i)})
        if values:
            column = mapped.column(name)
            tests.append(func.lower(column).in_([v.lower() for v in values]) if spec.match == "lower"
                         else column.in_(values))
    return or_(*tests) if tests else None


def _add(into: dict[str, dict[Key, dict[str, Any]]], mapped: MappedTable, rows: Iterable[Any]) -> list[Key]:
    """Record rows not seen yet; return their keys."""
    table_rows = into.setdefault(mapped.name, {})
    new = []
    for row in rows:
        values = dict(row._mapping)
        key = tuple(values[c] for c in mapped.key)
        if key not in table_rows:
            table_rows[key] = values
            new.append(key)
    return new


def chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    """Keys or values in slices short enough for one statement."""
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]
