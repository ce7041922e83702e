"""What each right does on a connected database, once the person's rows are found: read them for access, erase
them (delete, or erase columns in place), rectify a column, set a restriction flag. Every statement is kept for
the audit log, without the values it carried."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, UniqueConstraint, delete, distinct, select, tuple_, update
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.dml import Delete, Update

from registre.connectors.finding import Found, Key, chunks, key_clause
from registre.connectors.mapping import Connected, MappedTable
from registre.connectors.schemas import Column, Dataset, Erase
from registre.connectors.sql import erased_value
from registre.errors import Conflict, InvalidInput
from registre.i18n import Msg

UNKNOWN_FIELD = Msg(en="No annotated column '{field}' in dataset '{dataset}' holds this person's data.",
                    fr="Aucune colonne annotée « {field} » du jeu de données « {dataset} » ne contient de données "
                       "de cette personne.")
RESTRICTED_ROWS = Msg(en="The rows of '{table}' are restricted (Art. 18): they cannot be changed until the "
                         "restriction is lifted, after telling the person.",
                      fr="Les lignes de « {table} » font l'objet d'une limitation (art. 18) : elles ne peuvent être "
                         "modifiées avant la levée de la limitation, la personne en étant informée au préalable.")


@dataclass(frozen=True, slots=True)
class Value:
    """One value of the person's data in a connected database, labelled for the access package."""

    activity: str
    data_category: str
    field: str
    value: str
    source: str
    source_name: str | None = None
    collected_at: dt.datetime | None = None


@dataclass
class Statement:
    """A statement run on a connected database, for the audit log: its SQL (values left as parameters), the
    table and how many rows it touched."""

    table: str
    sql: str
    rows: int

    def as_dict(self) -> dict[str, Any]:
        """The statement as JSON-ready data."""
        return {"table": self.table, "sql": self.sql, "rows": self.rows}


@dataclass
class DatasetResult:
    """What a right did in one dataset: per table, and the statements run."""

    dataset: str
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    statements: list[Statement] = field(default_factory=list)
    values: list[Value] = field(default_factory=list)

    def run(self, connection: Connection, table: str, statement: Update | Delete) -> int:
        """Run a statement and keep it."""
        rows = connection.execute(statement).rowcount
        self.statements.append(Statement(table, str(statement.compile(connection)), rows))
        return rows

    def as_dict(self) -> dict[str, Any]:
        """The outcome as JSON-ready data, values left out."""
        return {"dataset": self.dataset, "tables": self.tables}


@dataclass(frozen=True)
class Policy:
    """What an erasure must keep: tables of activities a legal obligation or a legal hold keeps, and the key
    of pseudonyms."""

    kept_activities: dict[str, str]  # activity -> the Art. 17(3) exception that keeps it
    pseudonym_key: str
    # the rows of a table an obligation to keep still holds (Art. 17(3)(b)), per the retention rules; None: none
    obligation: Callable[[Connected, MappedTable], ColumnElement[bool] | None] = lambda connected, mapped: None


def values(connected: Connected, found: Found) -> list[Value]:
    """The person's data in the dataset, one value per annotated column of each row (the reference rows theirs point
    to included: their city, its country), for access."""
    out = []
    for table, rows in [*found.rows.items(), *found.references.items()]:
        mapped = connected.tables[table]
        for row in rows.values():
            for name, spec in mapped.personal:
                value = row.get(name)
                if value is None:
                    continue
                category = spec.data or (str(spec.identity) if spec.identity else "")
                out.append(Value(mapped.spec.activity, category, f"{table}.{name}", _text(value),
                                 f"dataset:{connected.name}"))
    return out


def erase(connected: Connected, found: Found, policy: Policy, connection: Connection) -> DatasetResult:
    """Erase the person's rows, children before parents, in the caller's transaction: delete rows, or erase their
    columns where the table says so or other rows still point to them; leave the rows the law keeps, flagged
    restricted where the table has a flag."""
    outcome = DatasetResult(connected.name)
    mine = {name: list(rows) for name, rows in found.rows.items()}
    for name in found.references:
        if connected.tables[name].owned:  # their own address: theirs, unless someone else's row points to it
            shared = _shared(connected, found, connected.tables[name], connection)
            mine[name] = [key for key in found.references[name] if key not in shared]
            if shared:
                outcome.tables[name] = {"shared": len(shared)}
    for mapped in connected.children_first(mine):
        keys = mine[mapped.name]
        if not keys:
            continue
        exception = "Art. 17(3)(b)" if mapped.spec.kept_by_law else policy.kept_activities.get(mapped.spec.activity)
        if exception is not None:
            outcome.tables[mapped.name] = {"kept": len(keys), "exception": exception, "activity": mapped.spec.activity,
                                           "restricted": _flag(outcome, mapped, keys, connection)}
            continue
        report: dict[str, Any] = {"deleted": 0, "erased_in_place": 0}
        held = _held_by_obligation(connected, mapped, keys, policy, connection)
        if held:  # the rows an obligation to keep still holds stay, restricted; the others go
            report.update(kept=len(held), exception="Art. 17(3)(b)", activity=mapped.spec.activity,
                          restricted=_flag(outcome, mapped, held, connection))
            keys = [k for k in keys if k not in set(held)]
        rows = found.rows.get(mapped.name) or found.references[mapped.name]
        stay = keys if mapped.spec.erase == "columns" else _still_pointed_to(connected, rows, mapped, keys, connection)
        gone = [k for k in keys if k not in set(stay)]
        for chunk in chunks(gone):
            report["deleted"] += outcome.run(connection, mapped.name,
                                             delete(mapped.table).where(key_clause(mapped, chunk)))
        changes, left = _erasures(connected, mapped, policy.pseudonym_key)
        for chunk in chunks(stay):
            if changes:
                report["erased_in_place"] += outcome.run(
                    connection, mapped.name, update(mapped.table).where(key_clause(mapped, chunk)).values(changes))
        if stay and left:
            report["left"] = left
        outcome.tables[mapped.name] = {**outcome.tables.get(mapped.name, {}), **report}
    return outcome


def _held_by_obligation(connected: Connected, mapped: MappedTable, keys: Sequence[Key], policy: Policy,
                        connection: Connection) -> list[Key]:
    """The person's rows of `mapped` that an obligation to keep still holds."""
    holding = policy.obligation(connected, mapped)
    if holding is None or not keys:
        return []
    held: list[Key] = []
    columns = [mapped.column(name) for name in mapped.key]
    for chunk in chunks(keys):
        held.extend(tuple(row) for row in connection.execute(
            select(*columns).where(key_clause(mapped, chunk), holding)))
    return held


def rectify(connected: Connected, found: Found, changes: Sequence[dict[str, Any]],
            connection: Connection) -> DatasetResult:
    """Set the columns the request names (`table.column`, or a column name) on the person's rows."""
    outcome = DatasetResult(connected.name)
    for change in changes:
        targets = _columns_named(connected, found, str(change["field"]))
        if not targets:
            continue
        for mapped, column in targets:
            keys = found.keys(mapped.name)
            if _restricted(mapped, found):
                raise Conflict(RESTRICTED_ROWS, table=mapped.name)
            rows = sum(outcome.run(connection, mapped.name, update(mapped.table).where(key_clause(mapped, chunk))
                                   .values({column: change["value"]})) for chunk in chunks(keys))
            entry = outcome.tables.setdefault(mapped.name, {"changed": 0, "columns": []})
            entry["changed"] += rows
            entry["columns"].append(column)
    return outcome


def restrict(connected: Connected, found: Found, activities: Sequence[str] | None,
             connection: Connection) -> DatasetResult:
    """Set the restriction flag on the person's rows (of some activities, or all) where the table has one."""
    outcome = DatasetResult(connected.name)
    for name in found.rows:
        mapped = connected.tables[name]
        if activities and mapped.spec.activity not in activities:
            continue
        flagged = _flag(outcome, mapped, found.keys(name), connection)
        outcome.tables[name] = {"restricted": flagged, "recorded_in": "column" if flagged else "registre"}
    return outcome


def check_known_fields(dataset: Dataset, changes: Sequence[dict[str, Any]]) -> None:
    """Raise if a change names a `table.column` of this dataset that is not annotated."""
    for change in changes:
        text = str(change["field"])
        table, _, column = text.partition(".")
        if column and table in dataset.tables and column not in dataset.tables[table].columns:
            raise InvalidInput(UNKNOWN_FIELD, field=text, dataset=dataset.dataset)


def _flag(outcome: DatasetResult, mapped: MappedTable, keys: Sequence[Key], connection: Connection) -> int:
    flag = mapped.spec.restriction
    if flag is None or not keys:
        return 0
    return sum(outcome.run(connection, mapped.name, update(mapped.table).where(key_clause(mapped, chunk))
                           .values({flag.column: flag.value})) for chunk in chunks(keys))


def _restricted(mapped: MappedTable, found: Found) -> bool:
    flag = mapped.spec.restriction
    return flag is not None and any(row.get(flag.column) == flag.value
                                    for row in found.rows.get(mapped.name, {}).values())


def _columns_named(connected: Connected, found: Found, name: str) -> list[tuple[MappedTable, str]]:
    table, _, column = name.partition(".")
    if column:
        return [(connected.tables[table], column)] if table in found.rows and column in \
            connected.tables[table].spec.columns else []
    return [(connected.tables[t], name) for t in found.rows if name in connected.tables[t].spec.columns]


def _erasures(connected: Connected, mapped: MappedTable, key: str) -> tuple[dict[str, ColumnElement[Any]], list[str]]:
    """The value each personal column takes when its row is kept; the columns that cannot be erased (not null,
    no strategy) are listed instead. Keys and the columns other rows point to stay."""
    pointed = {c for link in connected.links if link.parent == mapped.name for c in link.parent_columns}
    changes: dict[str, ColumnElement[Any]] = {}
    left = []
    for name, spec in mapped.personal:
        if name in mapped.key or name in pointed:
            continue
        column = mapped.column(name)
        strategy = spec.erase or _default(mapped, name)
        if strategy is None:
            left.append(name)
            continue
        chosen = spec if spec.erase else Column(erase=strategy, value="" if strategy is Erase.overwrite else None)
        changes[name] = erased_value(strategy, column, chosen, key)
    return changes, left


def _default(mapped: MappedTable, name: str) -> Erase | None:
    """The strategy for a column the annotation gives none: cleared; a required unique text pseudonymised (two
    erased rows must not collide), another required text overwritten with an empty string; None if neither fits."""
    column = mapped.column(name)
    if column.nullable:
        return Erase.clear
    if not hasattr(column.type, "length"):
        return None
    singles = [list(i.columns) for i in mapped.table.indexes if i.unique]
    singles += [list(c.columns) for c in mapped.table.constraints if isinstance(c, UniqueConstraint)]
    unique = bool(column.unique) or any(len(cols) == 1 and cols[0].name == name for cols in singles)
    return Erase.pseudonymise if unique else Erase.overwrite


def _shared(connected: Connected, found: Found, mapped: MappedTable, connection: Connection) -> set[Key]:
    """The keys of the reference rows found that a row which is not the person's points to (a shared address)."""
    rows = found.references[mapped.name]
    shared: set[Key] = set()
    for link in (x for x in connected.links if x.parent == mapped.name and len(x.child_columns) == 1):
        child = connected.live_table(link.child)
        column = child.c[link.child_columns[0]]
        by_value: dict[Any, list[Key]] = {}
        for key, row in rows.items():
            by_value.setdefault(row[link.parent_columns[0]], []).append(key)
        theirs = found.keys(link.child) if link.child in connected.tables else []
        own_keys = connected.tables[link.child].key if theirs else ()
        for chunk in chunks([v for v in by_value if v is not None]):
            query = select(distinct(column)).where(column.in_(chunk))
            if theirs:
                mine = tuple_(*(child.c[c] for c in own_keys)) if len(own_keys) > 1 else child.c[own_keys[0]]
                query = query.where(mine.not_in(theirs if len(own_keys) > 1 else [k[0] for k in theirs]))
            for (value,) in connection.execute(query):
                shared.update(by_value.get(value, []))
    return shared


def _still_pointed_to(connected: Connected, rows: dict[Key, dict[str, Any]], mapped: MappedTable,
                      keys: Sequence[Key], connection: Connection) -> list[Key]:
    """The keys of rows that other rows (kept, or not the person's) still point to, after the children went."""
    stay: set[Key] = set()
    for link in (x for x in connected.links if x.parent == mapped.name):
        if len(link.child_columns) != 1:
            continue
        column = connected.live_table(link.child).c[link.child_columns[0]]
        by_value: dict[Any, list[Key]] = {}
        for key in keys:
            by_value.setdefault(rows[key][link.parent_columns[0]], []).append(key)
        for chunk in chunks([v for v in by_value if v is not None]):
            for (value,) in connection.execute(select(distinct(column)).where(column.in_(chunk))):
                stay.update(by_value.get(value, []))
    return [k for k in keys if k in stay]


def _text(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else str(value)
