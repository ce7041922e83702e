"""Drafting a dataset's annotation from a live database: `registre datasets scan URL`.

The database is reflected; each column is guessed from its name (French and English) and, when the name says
nothing, from up to `sample` non-null values per table (one `SELECT ... LIMIT` per table, never the whole table).
The values read are never written into the draft. What cannot be guessed is left for the user: the processing
activity of each table (a placeholder id that `datasets check` reports), and the columns listed at the top as not
classified. Comments are written in English then French.
"""

from __future__ import annotations

import ipaddress
import re
import textwrap
from dataclasses import dataclass, field, replace
from io import StringIO
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from sqlalchemy import Engine, distinct, func, inspect, or_, select
from sqlalchemy import Table as SqlTable
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.sql.schema import Column as SqlColumn

from registre.connectors.connection import connect, reflect
from registre.connectors.schemas import IdentityKind
from registre.connectors.vocabulary import Guess, guess_by_name, guess_by_values, plain_ascii, table_kinds, type_family
from registre.errors import InvalidInput
from registre.i18n import Msg
from registre.kit.urls import driver_url

PLACEHOLDER_ACTIVITY = "unclassified"  # a valid id that no declaration defines: `datasets check` reports it
INVOICE_LAW = "Code de commerce L123-22"  # shared/reference/regulation.md: accounting documents, 10 years

NOT_A_URL = Msg(en="This is not a database URL SQLAlchemy can read; give one like "
                   "postgresql://user@host/database or sqlite:///path/to/file.db.",
                fr="Ce n'est pas une URL de base de données lisible par SQLAlchemy ; donnez-en une comme "
                   "postgresql://utilisateur@hôte/base ou sqlite:///chemin/du/fichier.db.")
BAD_NAME = Msg(en="'{name}' cannot name a dataset: use lower-case letters, digits, '_' and '-', starting with a "
                  "letter.",
               fr="« {name} » ne peut pas nommer un jeu de données : utilisez des minuscules, des chiffres, « _ » "
                  "et « - », en commençant par une lettre.")

HEADER = Msg(en="Draft annotation of {url}, by `registre datasets scan`: guessed from column names and up to {sample} "
                "sample values per table (no value is copied here). Check every line.\n"
                "Replace each 'activity: {placeholder}' with the declaration's processing activity the table "
                "serves.",
             fr="Brouillon d'annotation de {url}, par `registre datasets scan` : deviné d'après les noms de colonnes "
                "et au plus {sample} valeurs d'exemple par table (aucune valeur n'est recopiée ici). Vérifiez "
                "chaque ligne.\nRemplacez chaque « activity: {placeholder} » par l'activité de traitement de la "
                "déclaration que sert la table.")
NOT_CLASSIFIED = Msg(en="Not classified: do they hold personal data? If so, add them to their table's columns.",
                     fr="Non classées : contiennent-elles des données personnelles ? Si oui, ajoutez-les aux "
                        "colonnes de leur table.")
ACTIVITY = Msg(en="which processing activity? name it", fr="quelle activité de traitement ? nommez-la")
PASSWORD = Msg(en="the password is not written here: give it in the environment variable {name}",
               fr="le mot de passe n'est pas écrit ici : donnez-le dans la variable d'environnement {name}")
PASSWORD_IF_NEEDED = Msg(en="if the database needs a password, add 'password_env: {name}' and give it in that "
                            "environment variable",
                         fr="si la base demande un mot de passe, ajoutez « password_env: {name} » et donnez-le "
                            "dans cette variable d'environnement")
KEPT_BY_LAW = Msg(en="invoices are kept 10 years from the close of the financial year: uncomment if the table "
                     "holds them",
                  fr="les factures sont conservées 10 ans à compter de la clôture de l'exercice : décommentez si "
                     "la table en contient")
LINKED = Msg(en="no personal column found, but its rows point to {parents}: they are about a person",
             fr="aucune colonne personnelle trouvée, mais ses lignes renvoient à {parents} : elles concernent une "
                "personne")
OWN_REFERENCE = Msg(en="the person's rows point here (a foreign key, one row each): read for access, and erased with "
                       "them unless someone else's row points to it",
                    fr="les lignes de la personne pointent ici (clé étrangère, une ligne chacune) : lues pour l'accès, "
                       "et effacées avec elles sauf si la ligne d'un autre y pointe")
SHARED_REFERENCE = Msg(en="reference data the person's rows point to, shared by many: read for access, never erased",
                       fr="données de référence vers lesquelles pointent les lignes de la personne, partagées : lues "
                          "pour l'accès, jamais effacées")
RESTRICTION = Msg(en="registre sets this flag on the rows of a person whose data are restricted (Art. 18)",
                  fr="registre lève ce drapeau sur les lignes d'une personne dont les données sont limitées "
                     "(art. 18)")
IGNORED = Msg(en="no personal data found in these tables: check them",
              fr="aucune donnée personnelle trouvée dans ces tables : vérifiez-les")
CHECK = Msg(en="check: {columns}", fr="à vérifier : {columns}")
SAMPLE_FAILED = Msg(en="sample rows could not be read ({reason}): guessed from names only",
                    fr="les lignes d'exemple n'ont pu être lues ({reason}) : deviné d'après les noms seulement")

COMMENT_WIDTH = 100



@dataclass
class Draft:
    """A drafted annotation: its YAML text, what was classified (table -> column -> identity kind or data
    category) and the `table.column`s that were not."""

    yaml: str
    classified: dict[str, dict[str, str]] = field(default_factory=dict)
    unclassified: list[str] = field(default_factory=list)


def draft(url: str, *, dataset: str | None = None, sample: int = 50, schema: str | None = None) -> Draft:
    """Reflect the database at `url` and draft its annotation from column names and sample values."""
    try:
        parsed = driver_url(make_url(url))
    except (ArgumentError, ValueError):  # a bad port raises ValueError; no message shown: it may hold the password
        raise InvalidInput(NOT_A_URL) from None
    name = _dataset_name(dataset, parsed)
    sample = max(sample, 0)
    engine = connect(parsed, name)
    try:
        names = inspect(engine).get_table_names(schema=schema)
        metadata = reflect(engine, schema)
        tables = [metadata.tables[f"{schema}.{table}" if schema else table] for table in names]
        scans = [_scan(engine, table, sample) for table in tables]
        references = _references(engine, scans)
    finally:
        engine.dispose()
    return _write(scans, name, parsed, schema, sample, references)


@dataclass
class _TableScan:
    """What was guessed about one table."""

    table: SqlTable
    guesses: dict[str, Guess]  # column -> guess, in the table's order
    unclassified: list[str]
    note: Msg | None = None


def _scan(engine: Engine, table: SqlTable, sample: int) -> _TableScan:
    kinds = table_kinds(table.name)
    guesses: dict[str, Guess] = {}
    unclassified: list[str] = []
    sampled: list[SqlColumn[Any]] = []
    for column in table.columns:
        guess = guess_by_name(column, kinds)
        if guess is not None:
            guesses[column.name] = guess
            if guess.identity is IdentityKind.email:
                sampled.append(column)
        elif not column.primary_key and not column.foreign_keys:
            unclassified.append(str(column.name))
            if type_family(column) in ("text", "other"):
                sampled.append(column)
    note = None
    if sampled and sample:
        try:
            values = _samples(engine, table, sampled, sample)
        except SQLAlchemyError as error:
            values = {}
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            note = Msg(en=SAMPLE_FAILED.en.format(reason=reason), fr=SAMPLE_FAILED.fr.format(reason=reason))
        for column in sampled:
            found = values.get(column.name, [])
            guess = guesses.get(column.name)
            if guess is not None:
                if any(value != value.lower() for value in found):
                    guesses[column.name] = replace(guess, match_lower=True)
                continue
            by_values = guess_by_values(column, found)
            if by_values is not None:
                guesses[column.name] = by_values
                unclassified.remove(column.name)
    guesses = {str(column.name): guesses[column.name] for column in table.columns if column.name in guesses}
    return _TableScan(table, _one_event_each(guesses, unclassified, table), unclassified, note)


PERSON_KEYS = (IdentityKind.email, IdentityKind.customer_id, IdentityKind.account)


def _references(engine: Engine, scans: list[_TableScan]) -> dict[str, bool]:
    """The tables to propose as reference data, each with whether its rows are the person's own: those the rows of a
    person's table point to (a foreign key up, many-to-one) that identify nobody themselves, and have something to
    show (a classified column, or one named as the table: `city.city`). A row is the person's own when its table is
    reached straight from the person's table and no two of their rows share one (measured on the live database:
    Sakila's addresses); a lookup further up (a city, a country) or shared in practice is nobody's."""
    by_name = {str(scan.table.name): scan for scan in scans}

    def identifies(scan: _TableScan) -> bool:
        return any(guess.identity in PERSON_KEYS for guess in scan.guesses.values())

    def shown(scan: _TableScan) -> bool:
        return any(guess.personal for guess in scan.guesses.values()) or _named_column(scan.table) is not None

    found: dict[str, bool] = {}
    fresh = [scan for scan in scans if identifies(scan)]
    first = True
    while fresh:
        reached = []
        for scan in fresh:
            for fk in scan.table.foreign_keys:
                parent = by_name.get(str(fk.column.table.name))
                if parent is None or parent is scan or identifies(parent) or parent.table.name in found \
                        or not shown(parent):
                    continue
                own = first and any(guess.personal for guess in parent.guesses.values()) \
                    and _one_each(engine, fk.parent)
                found[str(parent.table.name)] = own
                reached.append(parent)
        fresh, first = reached, False
    return found


def _one_each(engine: Engine, column: SqlColumn[Any]) -> bool:
    """Whether no two rows share a value of the column (a unique index says so; else the live rows are counted)."""
    table = column.table
    if column.unique or column.primary_key or any(
            index.unique and [c.name for c in index.columns] == [column.name] for index in table.indexes):
        return True
    try:
        with engine.connect() as connection:
            total, distinct_ = connection.execute(
                select(func.count(column), func.count(distinct(column))).select_from(table)).one()
    except SQLAlchemyError:
        return False
    return bool(total == distinct_)


def _named_column(table: SqlTable) -> str | None:
    """A text column named as its table or `name` (`city.city`, `country.name`): what a lookup row shows."""
    for column in table.columns:
        if type_family(column) == "text" and column.name.lower() in (str(table.name).lower(), "name"):
            return str(column.name)
    return None


def _one_event_each(guesses: dict[str, Guess], unclassified: list[str], table: SqlTable) -> dict[str, Guess]:
    """The guesses with each event on the first column that records it, the others left unclassified."""
    seen: set[str] = set()
    kept: dict[str, Guess] = {}
    for name, guess in guesses.items():
        if guess.event is not None and guess.event in seen:
            unclassified.append(name)
            continue
        if guess.event is not None:
            seen.add(guess.event)
        kept[name] = guess
    order = [column.name for column in table.columns]
    unclassified.sort(key=order.index)
    return kept


def _samples(engine: Engine, table: SqlTable, columns: list[SqlColumn[Any]], limit: int) -> dict[str, list[str]]:
    """Up to `limit` rows of the table with any of those columns set: the columns' non-null values, as text."""
    query = select(*columns).where(or_(*(column.is_not(None) for column in columns))).limit(limit)
    values: dict[str, list[str]] = {column.name: [] for column in columns}
    with engine.connect() as connection:
        for row in connection.execute(query):
            for column, value in zip(columns, row, strict=True):
                if isinstance(value, str | ipaddress.IPv4Address | ipaddress.IPv6Address
                              | ipaddress.IPv4Interface | ipaddress.IPv6Interface):
                    values[column.name].append(str(value).strip())
    return values


def _write(scans: list[_TableScan], name: str, url: URL, schema: str | None, sample: int,
           references: dict[str, bool]) -> Draft:
    personal = _personal_tables(scans, references)
    root = CommentedMap()
    root["dataset"] = name
    root["connection"] = _connection(url, name, schema)
    tables = CommentedMap()
    root["tables"] = tables
    ignored = CommentedSeq()
    classified: dict[str, dict[str, str]] = {}
    unclassified: list[str] = []
    for scan in scans:
        table_name = str(scan.table.name)  # reflected names are `quoted_name`s, which YAML cannot write
        if table_name not in personal:
            ignored.append(table_name)
            weak = [column for column, guess in scan.guesses.items() if guess.weak]
            if weak:
                columns = ", ".join(weak)  # on one line: the comment ends a line of YAML
                check = f"{CHECK('en', columns=columns)} / {CHECK('fr', columns=columns)}"
                ignored.yaml_add_eol_comment(check, len(ignored) - 1)
            continue
        tables[table_name] = _table(scan, personal[table_name], references.get(table_name))
        # as drafted: a reference table's name column (a city's name) is classified there, not by the scan
        drafted = {str(column): entry for column, entry in tables[table_name].get("columns", {}).items()}
        classified[table_name] = {column: str(entry.get("identity") or entry["data"])
                                  for column, entry in drafted.items() if "identity" in entry or "data" in entry}
        free_text = {column for column, guess in scan.guesses.items() if guess.free_text}
        unclassified += [f"{table_name}.{column.name}" for column in scan.table.columns
                         if (column.name in scan.unclassified and column.name not in classified[table_name])
                         or column.name in free_text]
    if ignored:
        root["ignore"] = ignored
        root.yaml_set_comment_before_after_key("ignore", before=bilingual(IGNORED))
    header = bilingual(HEADER, url=_shown(url), sample=sample, placeholder=PLACEHOLDER_ACTIVITY)
    if unclassified:
        by_table: dict[str, list[str]] = {}
        for item in unclassified:
            table_name, _, column = item.partition(".")
            by_table.setdefault(table_name, []).append(column)
        listing = "\n".join(f"  {table_name}: {', '.join(columns)}" for table_name, columns in by_table.items())
        header += "\n" + bilingual(NOT_CLASSIFIED) + "\n" + listing
    root.yaml_set_start_comment(header)
    return Draft(dump(root), classified, unclassified)


def dump(root: CommentedMap) -> str:
    """An annotation drafted with its comments, as YAML text."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    out = StringIO()
    yaml.dump(root, out)
    return out.getvalue()


def _personal_tables(scans: list[_TableScan], references: dict[str, bool]) -> dict[str, list[str]]:
    """The tables holding personal data (reference tables included), each with the personal tables its rows point
    to (for those holding none in their own columns); pointing to a reference row (a store's address) says nothing
    of a person."""
    found: dict[str, list[str]] = {str(scan.table.name): [] for scan in scans
                                   if any(guess.personal for guess in scan.guesses.values())
                                   or scan.table.name in references}
    changed = True
    while changed:
        changed = False
        for scan in scans:
            if scan.table.name in found:
                continue
            parents = sorted({str(fk.column.table.name) for fk in scan.table.foreign_keys} & set(found)
                             - set(references))
            if parents:
                found[str(scan.table.name)] = parents
                changed = True
    return found


def _table(scan: _TableScan, parents: list[str], own: bool | None) -> CommentedMap:
    """A table's draft; `own` is None for a table of the person's rows, else whether its reference rows are theirs."""
    table = CommentedMap()
    table["activity"] = PLACEHOLDER_ACTIVITY
    notes = [ACTIVITY]
    if own is not None:
        notes.insert(0, OWN_REFERENCE if own else SHARED_REFERENCE)
    if scan.note is not None:
        notes.insert(0, scan.note)
    if parents:
        notes.insert(0, Msg(en=LINKED.en.format(parents=", ".join(parents)),
                            fr=LINKED.fr.format(parents=", ".join(parents))))
    before = [bilingual(note) for note in notes]
    if "invoice" in table_kinds(scan.table.name):
        before.insert(-1, bilingual(KEPT_BY_LAW) + f"\nkept_by_law: {INVOICE_LAW}")
    table.yaml_set_comment_before_after_key("activity", before="\n".join(before), indent=4)
    flag = next((column for column, guess in scan.guesses.items() if guess.restriction), None)
    if flag is not None:
        restriction = CommentedMap(column=flag)
        restriction.fa.set_flow_style()
        table["restriction"] = restriction
        table.yaml_set_comment_before_after_key("restriction", before=bilingual(RESTRICTION), indent=4)
    if own is not None:
        table["reference"] = True
    columns = CommentedMap()
    guesses = dict(scan.guesses)
    named = _named_column(scan.table) if own is not None else None
    if named is not None and named not in guesses:
        guesses[named] = Guess(data="contact")
    for column, guess in guesses.items():
        if guess.restriction:
            continue
        if own is not None:  # a reference row is read from the person's rows, never searched for
            guess = replace(guess, identity=None, match_lower=False)
        columns[column] = column_entry(guess, own=bool(own) and guess.personal)
        if guess.note is not None:
            columns.yaml_set_comment_before_after_key(column, before=bilingual(guess.note), indent=6)
    if columns:
        table["columns"] = columns
    return table


def column_entry(guess: Guess, *, own: bool = False) -> CommentedMap:
    """A column of an annotation drafted from what it is guessed to hold, on one line."""
    column = CommentedMap()
    if guess.data is not None:
        column["data"] = guess.data
    if guess.identity is not None:
        column["identity"] = guess.identity.value
        if guess.match_lower:
            column["match"] = "lower"
    if guess.event is not None:
        column["event"] = guess.event
        if guess.of_person:
            column["of"] = "person"
    if guess.erase is not None:
        column["erase"] = guess.erase.value
    if guess.quasi:
        column["quasi_identifier"] = True
    if own:
        column["own"] = True
    column.fa.set_flow_style()
    return column


def _connection(url: URL, name: str, schema: str | None) -> CommentedMap:
    """The connection as the annotation must hold it: the URL without its password, which the environment gives."""
    connection = CommentedMap()
    connection["url"] = _shown(url)
    variable = f"{name.upper().replace('-', '_')}_DB_PASSWORD"
    if url.password is not None:
        connection["password_env"] = variable
        connection.yaml_set_comment_before_after_key("password_env", before=bilingual(PASSWORD, name=variable),
                                                     indent=2)
    elif url.get_backend_name() != "sqlite":
        connection.yaml_set_comment_before_after_key("url", before=bilingual(PASSWORD_IF_NEEDED, name=variable),
                                                     indent=2)
    if schema is not None:
        connection["schema"] = schema
    return connection


SECRET_PARAMETERS = ("password", "passwd", "pwd", "sslpassword", "secret", "token")


def _shown(url: URL) -> str:
    """The URL without any secret, a relative SQLite path made absolute (the annotation may be written anywhere)."""
    query = {key: value for key, value in url.query.items() if key.lower() not in SECRET_PARAMETERS}
    bare = URL.create(url.drivername, url.username, None, url.host, url.port, url.database, query)
    if bare.get_backend_name() == "sqlite" and bare.database and bare.database != ":memory:":
        bare = bare.set(database=str(Path(bare.database).resolve()))
    return bare.render_as_string(hide_password=False)


def _dataset_name(given: str | None, url: URL) -> str:
    if given is not None:
        if not re.fullmatch(r"[a-z][a-z0-9_-]*", given) or len(given) > 80:
            raise InvalidInput(BAD_NAME, name=given)
        return given
    database = url.database or ""
    return dataset_id(Path(database).stem if url.get_backend_name() == "sqlite" else database)


def dataset_id(text: str) -> str:
    """A dataset's name made from any text (a database's, a Fides key): lower-case ASCII, digits, '_' and '-'."""
    name = re.sub(r"[^a-z0-9_-]+", "_", plain_ascii(text).lower()).strip("_-")[:80]
    if not name or name == "memory":
        return "database"
    return name if name[0].isalpha() else f"db_{name}"[:80]


def bilingual(message: Msg, **params: Any) -> str:
    """A comment in English, then in French, in lines a reader can take in."""
    texts = dict.fromkeys((message("en", **params), message("fr", **params)))
    return "\n".join(textwrap.fill(line, COMMENT_WIDTH, break_on_hyphens=False, break_long_words=False)
                     for text in texts for line in text.splitlines())


