"""`datasets check`: an annotation agrees with the database's live schema and with the declaration, and what a DBA
would want to know before registre writes there (links without an index, tables linked to people left out)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, DateTime, Integer, Numeric, PrimaryKeyConstraint, String, UniqueConstraint, func, select
from sqlalchemy import Table as SqlTable

from registre.connectors.mapping import Annotation, Connected, MappedTable, attach
from registre.connectors.schemas import Erase
from registre.declarations.declared import Declared
from registre.declarations.loader import FieldPath
from registre.declarations.schemas import LegalBasis
from registre.errors import DeclarationInvalid, Place
from registre.i18n import Lang, Msg
from registre.lint.engine import Severity

UNKNOWN = Msg(en="'{name}' is not a {kind} of the declaration.", fr="« {name} » n'est pas un(e) {kind_fr} de la "
                                                                     "déclaration.")
NOT_IN_ACTIVITY = Msg(en="Activity '{activity}' does not declare the data category '{name}'.",
                      fr="Le traitement « {activity} » ne déclare pas la catégorie de données « {name} ».")
WRONG_TYPE = Msg(en="'erase: {strategy}' does not fit a column of type {type}.",
                 fr="« erase: {strategy} » ne convient pas à une colonne de type {type}.")
REQUIRED = Msg(en="'erase: clear' sets NULL, and the column is NOT NULL: choose overwrite or pseudonymise.",
               fr="« erase: clear » met NULL, et la colonne est NOT NULL : choisissez overwrite ou pseudonymise.")
NO_LEGAL_OBLIGATION = Msg(
    en="'kept_by_law', but activity '{activity}' rests on no legal obligation: name the law in the declaration.",
    fr="« kept_by_law », mais le traitement « {activity} » ne repose sur aucune obligation légale : citez le texte "
       "dans la déclaration.")
LEFT_OUT = Msg(en="Table '{table}' points to '{parent}', which holds personal data: annotate it or list it under "
                  "'ignore' (an erasure there would be blocked or incomplete).",
               fr="La table « {table} » pointe vers « {parent} », qui contient des données personnelles : annotez-la "
                  "ou listez-la sous « ignore » (un effacement y serait bloqué ou incomplet).")
UNREACHABLE = Msg(en="No identity column leads to the rows of '{table}': rights requests will not find them.",
                  fr="Aucune colonne d'identité ne mène aux lignes de « {table} » : les demandes de droits ne les "
                     "trouveront pas.")
NO_INDEX = Msg(en="'{table}.{column}' links to '{parent}' without an index: finding and erasing a person's rows "
                  "will scan the table. {create}",
               fr="« {table}.{column} » pointe vers « {parent} » sans index : retrouver et effacer les lignes d'une "
                  "personne parcourra toute la table. {create}")
NO_LOOKUP_INDEX = Msg(en="'{table}.{column}' is where a person is looked up, without an index: every request will "
                         "scan the table. {create}",
                      fr="« {table}.{column} » sert à retrouver une personne et n'a pas d'index : chaque demande "
                         "parcourra toute la table. {create}")
LOWER_INDEX = Msg(en="'{table}.{column}' is compared in lower case (match: lower): the lookup needs an index on "
                     "lower({column}), which registre cannot see on every database; if there is none: {create} "
                     "(MariaDB: index a generated column holding lower({column}).)",
                  fr="« {table}.{column} » est comparée en minuscules (match: lower) : la recherche a besoin d'un "
                     "index sur lower({column}), que registre ne voit pas sur toutes les bases ; s'il n'existe "
                     "pas : {create} (MariaDB : indexez une colonne générée contenant lower({column}).)")
NOTHING_KEPT = Msg(en="Table '{table}' has no column with a data category: it is not in access answers and no "
                      "retention rule applies to it (give its free-text columns their category).",
                   fr="La table « {table} » n'a aucune colonne avec une catégorie de données : elle n'apparaît pas "
                      "dans les réponses d'accès et aucune règle de conservation ne s'y applique (donnez leur "
                      "catégorie à ses colonnes de texte libre).")
REVERSED = Msg(
    en="The relation from '{child}' to '{parent}' runs against the database's foreign key ({table}.{column} points to "
       "{target}): from a person's row it walks back down to the rows of '{table}' of everyone who shares it, and "
       "{shared} rows of '{table}' share their {column} with another (up to {largest} at once). Mark '{target_table}' "
       "'reference: true' and remove the relation: its rows are then read from the keys the person's rows hold.",
    fr="La relation de « {child} » vers « {parent} » va à rebours de la clé étrangère de la base ({table}.{column} "
       "pointe vers {target}) : depuis une ligne de la personne, elle redescend vers les lignes de « {table} » de "
       "tous ceux qui la partagent, et {shared} lignes de « {table} » partagent leur {column} avec une autre (jusqu'à "
       "{largest} à la fois). Marquez « {target_table} » « reference: true » et retirez la relation : ses lignes sont "
       "alors lues d'après les clés que portent les lignes de la personne.")

KINDS = {"activity": ("processing activity", "traitement"), "data": ("data category", "catégorie de données"),
         "event": ("lifecycle event", "événement"), "subject": ("subject category", "catégorie de personnes")}
TYPES: dict[Erase, tuple[type, ...]] = {Erase.year: (Date, DateTime), Erase.month: (Date, DateTime),
                                        Erase.departement: (String,), Erase.age_band: (Integer, Numeric),
                                        Erase.pseudonymise: (String,)}


@dataclass(frozen=True)
class Finding:
    """One thing to correct (error) or to look at (warning) in an annotation, and where."""

    severity: Severity
    place: Place
    message: Msg
    params: dict[str, Any]

    def text(self, lang: Lang) -> str:
        """The finding in plain words."""
        return self.message(lang, **self.params)

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The finding as JSON-ready data."""
        return {"severity": self.severity.value, "file": self.place.file, "line": self.place.line,
                "field": self.place.field, "message": self.text(lang)}


More = Callable[[Annotation, Connected, Declared, dt.date], list[Finding]]
"""A check made by a domain above connectors (retention's rules), given the attached dataset."""


def check(annotation: Annotation, declared: Declared, today: dt.date, more: More | None = None) -> list[Finding]:
    """Everything wrong or worth a look in one dataset's annotation (and what `more` finds), errors first."""
    try:
        connected = attach(annotation)
    except DeclarationInvalid as invalid:
        return [Finding(Severity.error, p.place, p.message, p.params) for p in invalid.problems]
    try:
        findings = _Checker(annotation, connected, declared).run(today)
        if more is not None:
            findings += more(annotation, connected, declared, today)
    finally:
        connected.dispose()
    return sorted(findings, key=lambda f: (f.severity is not Severity.error, f.place.line or 0))


def create_index(table: str, column: str, *, lower: bool = False) -> str:
    """The statement that creates the index a lookup on `table.column` needs (on lower(column) for `match: lower`)."""
    if lower:
        return f"CREATE INDEX ix_{table}_{column}_lower ON {table} ((lower({column})));"
    return f"CREATE INDEX ix_{table}_{column} ON {table} ({column});"


def _leads_an_index(table: SqlTable, column: str) -> bool:
    """Whether an index, a unique constraint or the primary key starts with `column`."""
    firsts = [[c.name for c in index.columns][:1] for index in table.indexes]
    firsts += [[c.name for c in constraint.columns][:1] for constraint in table.constraints
               if isinstance(constraint, PrimaryKeyConstraint | UniqueConstraint)]
    return [column] in firsts


class _Checker:
    def __init__(self, annotation: Annotation, connected: Connected, declared: Declared) -> None:
        self.annotation = annotation
        self.connected = connected
        self.declared = declared
        self.findings: list[Finding] = []

    def add(self, severity: Severity, path: FieldPath, message: Msg, **params: Any) -> None:
        self.findings.append(Finding(severity, self.annotation.sources.place(path), message, params))

    def unknown(self, path: FieldPath, kind: str, name: str) -> None:
        en, fr = KINDS[kind]
        self.add(Severity.error, path, UNKNOWN, name=name, kind=en, kind_fr=fr)

    def run(self, today: dt.date) -> list[Finding]:
        activities = {a.id: a for a in self.declared.declaration.activities}
        for mapped in self.connected.tables.values():
            self.table(mapped, activities)
        self.links()
        self.lookups()
        self.reversed_relations()
        return self.findings

    def table(self, mapped: MappedTable, activities: dict[str, Any]) -> None:
        base: FieldPath = ("tables", mapped.name)
        activity = activities.get(mapped.spec.activity)
        if activity is None:
            self.unknown((*base, "activity"), "activity", mapped.spec.activity)
        if mapped.spec.subjects is not None and mapped.spec.subjects not in self.declared.subjects:
            self.unknown((*base, "subjects"), "subject", mapped.spec.subjects)
        if mapped.spec.kept_by_law is not None and activity is not None and not any(
                b.basis is LegalBasis.legal_obligation for b in activity.legal_bases):
            self.add(Severity.warning, (*base, "kept_by_law"), NO_LEGAL_OBLIGATION, activity=activity.id)
        for name, spec in mapped.spec.columns.items():
            path: FieldPath = (*base, "columns", name)
            if spec.data is not None and spec.data not in self.declared.data:
                self.unknown((*path, "data"), "data", spec.data)
            elif spec.data is not None and activity is not None and spec.data not in activity.data:
                self.add(Severity.warning, (*path, "data"), NOT_IN_ACTIVITY, activity=activity.id, name=spec.data)
            if spec.event is not None and spec.event not in self.declared.events:
                self.unknown((*path, "event"), "event", spec.event)
            column = mapped.column(name)
            if spec.erase is Erase.clear and not column.nullable:
                self.add(Severity.error, (*path, "erase"), REQUIRED)
            allowed = TYPES.get(spec.erase) if spec.erase is not None else None
            if allowed is not None and not isinstance(column.type, allowed):
                self.add(Severity.error, (*path, "erase"), WRONG_TYPE, strategy=spec.erase, type=column.type)
        if mapped.personal and not self._reachable(mapped.name):
            self.add(Severity.warning, base, UNREACHABLE, table=mapped.name)
        if not any(spec.data for _, spec in mapped.personal):
            self.add(Severity.warning, base, NOTHING_KEPT, table=mapped.name)

    def links(self) -> None:
        ignored = set(self.annotation.dataset.ignore)
        tables = self.connected.metadata.tables
        for link in self.connected.links:
            if link.parent not in self.connected.tables:
                continue
            # a reference row (an address) is erased only when no row of another table points to it: no warning
            if link.child not in self.connected.tables and link.child not in ignored \
                    and not self.connected.tables[link.parent].reference:
                self.add(Severity.warning, ("tables",), LEFT_OUT, table=link.child, parent=link.parent)
                continue
            table = next((t for t in tables.values() if t.name == link.child), None)
            if table is None or link.child not in self.connected.tables:
                continue
            if not _leads_an_index(table, link.child_columns[0]):
                self.add(Severity.warning, ("tables", link.child), NO_INDEX, table=link.child,
                         column=link.child_columns[0], parent=link.parent,
                         create=create_index(link.child, link.child_columns[0]))

    def lookups(self) -> None:
        """Say which index each identity lookup needs, with the statement that creates it."""
        for mapped in self.connected.tables.values():
            for name, spec in mapped.identities:
                path: FieldPath = ("tables", mapped.name, "columns", name)
                if spec.match == "lower":
                    self.add(Severity.warning, path, LOWER_INDEX, table=mapped.name, column=name,
                             create=create_index(mapped.name, name, lower=True))
                elif not _leads_an_index(mapped.table, name):
                    self.add(Severity.warning, path, NO_LOOKUP_INDEX, table=mapped.name, column=name,
                             create=create_index(mapped.name, name))

    def reversed_relations(self) -> None:
        """Warn of each declared relation that goes from a key to the column pointing to it (a lookup reached the
        wrong way round), counting on the live database the rows it would wrongly reach."""
        live = {table.name: table for table in self.connected.metadata.tables.values()}
        for index, relation in enumerate(self.annotation.dataset.relations):
            key_table, _, key_column = relation.child.partition(".")
            table, _, column = relation.parent.partition(".")
            pointing = live.get(table)
            if pointing is None or key_table not in live or column not in pointing.c:
                continue
            against = any(fk.column.table.name == key_table and fk.column.name == key_column
                          for fk in pointing.c[column].foreign_keys)
            keys = [c.name for c in live[key_table].primary_key.columns]
            if not against and keys != [key_column]:
                continue
            target = pointing.c[column]
            groups = select(target, func.count().label("n")).where(target.is_not(None)).group_by(target).subquery()
            with self.connected.engine.connect() as connection:
                shared, largest = connection.execute(
                    select(func.coalesce(func.sum(groups.c.n), 0), func.coalesce(func.max(groups.c.n), 0))
                    .where(groups.c.n > 1)).one()
            self.add(Severity.warning, ("relations", index), REVERSED, child=relation.child, parent=relation.parent,
                     table=table, column=column, target=relation.child, target_table=key_table, shared=int(shared),
                     largest=int(largest))

    def _reachable(self, name: str) -> bool:
        reached = {t for t, mapped in self.connected.tables.items() if mapped.identities}
        grown = True
        while grown:
            grown = False
            for link in self.connected.links:
                if link.parent in reached and link.child in self.connected.tables and link.child not in reached \
                        and not self.connected.tables[link.child].reference:
                    reached.add(link.child)
                    grown = True
                elif link.child in reached and link.parent in self.connected.tables and link.parent not in reached \
                        and self.connected.tables[link.parent].reference:
                    reached.add(link.parent)  # up the keys the person's rows hold
                    grown = True
        return name in reached
