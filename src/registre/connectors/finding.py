"""Finding a person's rows in a connected database: the rows whose identity columns hold one of their identifiers,
then every row that points to those rows, table after table, one set-based query per table and link."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
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
    """A person's rows in one dataset, by table, each under its key; and the tables in the order reached."""

    rows: dict[str, dict[Key, dict[str, Any]]] = field(default_factory=dict)

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
    """Every row of the person in the dataset's annotated tables, reached from their identifiers through links."""
    found = Found()
    fresh: dict[str, list[Key]] = {}
    for mapped in connected.tables.values():
        matches = _identity_clause(mapped, identities)
        if matches is not None:
            fresh[mapped.name] = _add(found, mapped, connection.execute(select(mapped.table).where(matches)))
    while fresh:
        reached: dict[str, list[Key]] = {}
        for parent, keys in fresh.items():
            if not keys:
                continue
            for link in connected.children(parent):
                values = {tuple(found.rows[parent][key][c] for c in link.parent_columns) for key in keys}
                child = connected.tables[link.child]
                columns = [child.column(c) for c in link.child_columns]
                for chunk in chunks(sorted(v for v in values if None not in v)):
                    target: Any = columns[0] if len(columns) == 1 else tuple_(*columns)
                    wanted = [v[0] for v in chunk] if len(columns) == 1 else chunk
                    rows = connection.execute(select(child.table).where(target.in_(wanted)))
                    reached.setdefault(child.name, []).extend(_add(found, child, rows))
        fresh = reached
    return found


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


def _add(found: Found, mapped: MappedTable, rows: Iterable[Any]) -> list[Key]:
    """Record rows not seen yet; return their keys."""
    table_rows = found.rows.setdefault(mapped.name, {})
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
