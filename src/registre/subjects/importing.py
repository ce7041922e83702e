"""Read a CSV or JSON file of data subjects into checked rows, each with its line, and load them in batches.

Each batch is checked against the declaration and against the rows before it, matched with the subjects already
in the store by their identifiers, then loaded set-based: one INSERT … RETURNING for the batch's new subjects and
one executemany per table for identifiers, records and events. The whole load runs in a savepoint: a file that
is refused (a row in error without `skip_errors`, a file that cannot be read to its end) leaves nothing behind.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from sqlalchemy import Table, insert, select, text, update
from sqlalchemy.orm import Session

from registre.db.base import Base, utcnow
from registre.declarations.declared import Declared
from registre.errors import InvalidInput, NotFound, Place, RegistreError
from registre.i18n import Lang, Msg
from registre.models.subjects import DataSubject, Identifier, LifecycleEvent, PersonalRecord, new_ref
from registre.subjects.schemas import BUILTIN_KINDS, KIND, EventItem, ImportRow, normalise_identifier, parse_moment

Progress = Callable[[int, int], None]
Format = Literal["csv", "json"]
Loc = tuple[int | str, ...]
T = TypeVar("T")

BATCH = 1000
FORMATS: dict[str, Format] = {".csv": "csv", ".json": "json"}

AT_LINE = Msg(en="Line {line}, column {column}:", fr="Ligne {line}, colonne {column} :")
AT_ITEM = Msg(en="Item {item} (line {line}), {column}:", fr="Élément {item} (ligne {line}), {column} :")
AT_WHOLE_ITEM = Msg(en="Item {item} (line {line}):", fr="Élément {item} (ligne {line}) :")
REFUSED = Msg(en="{file}: {count} problem(s); nothing was loaded.",
              fr="{file} : {count} problème(s) ; rien n'a été chargé.")
UNKNOWN_FORMAT = Msg(en="'{file}' is neither a .csv nor a .json file.",
                     fr="« {file} » n'est ni un fichier .csv ni un fichier .json.")
NO_FILE = Msg(en="There is no file '{file}'.", fr="Le fichier « {file} » n'existe pas.")
UNREADABLE = Msg(en="'{file}' cannot be read: {reason}.", fr="« {file} » ne peut pas être lu : {reason}.")
NOT_UTF8 = Msg(en="{file}, line {line}: the file is not UTF-8 text; save it as CSV UTF-8.",
               fr="{file}, ligne {line} : le fichier n'est pas en UTF-8 ; enregistrez-le en CSV UTF-8.")
EMPTY = Msg(en="'{file}' is empty.", fr="« {file} » est vide.")
BAD_CSV = Msg(en="{file}, line {line}: the CSV cannot be read ({reason}).",
              fr="{file}, ligne {line} : le CSV ne peut pas être lu ({reason}).")
BAD_JSON = Msg(en="{file}, line {line}, column {column}: this is not valid JSON ({reason}).",
               fr="{file}, ligne {line}, colonne {column} : ce n'est pas du JSON valide ({reason}).")
NOT_A_LIST = Msg(en="{file}: a JSON import is a list [ … ] of subjects.",
                 fr="{file} : un import JSON est une liste [ … ] de personnes.")

UNKNOWN_COLUMN = Msg(
    en="Unknown column: use category, email, phone, customer_number, id:<kind>, event:<event>, source, source_name "
       "or <activity>.<data category>.<field>.",
    fr="Colonne inconnue : utilisez category, email, phone, customer_number, id:<type>, event:<événement>, source, "
       "source_name ou <traitement>.<catégorie de données>.<champ>.")
DUPLICATE_COLUMN = Msg(en="The same column as column {first}.", fr="Même colonne que la colonne {first}.")
MISSING_COLUMN = Msg(en="The column '{name}' is missing.", fr="La colonne « {name} » manque.")
NO_IDENTIFIER_COLUMN = Msg(en="No identifier column: add email, phone, customer_number or id:<kind>.",
                           fr="Aucune colonne d'identifiant : ajoutez email, phone, customer_number ou id:<type>.")
UNNAMED_CELL = Msg(en="A value in a column that has no name in the header.",
                   fr="Une valeur dans une colonne qui n'a pas de nom dans l'en-tête.")

MISSING = Msg(en="A value is required.", fr="Une valeur est requise.")
UNKNOWN_FIELD = Msg(en="'{name}' is not a field of an import item.",
                    fr="« {name} » n'est pas un champ d'un élément d'import.")
NOT_AN_OBJECT = Msg(en="An object {{ … }} is expected here.", fr="Un objet {{ … }} est attendu ici.")
NOT_A_LIST_HERE = Msg(en="A list [ … ] is expected here.", fr="Une liste [ … ] est attendue ici.")
NOT_TEXT = Msg(en="A text is expected here, not {value}.", fr="Un texte est attendu ici, pas {value}.")
TOO_LONG = Msg(en="At most {max} characters.", fr="{max} caractères au plus.")
BAD_SOURCE = Msg(en="'{value}' is not a source: use direct, indirect or public.",
                 fr="« {value} » n'est pas une source : direct, indirect ou public.")
BAD_VALUE = Msg(en="'{value}' does not fit here ({detail}).", fr="« {value} » ne convient pas ici ({detail}).")

UNKNOWN_CATEGORY = Msg(en="'{name}' is not a subject category of the declaration; declared: {known}.",
                       fr="« {name} » n'est pas une catégorie de personnes de la déclaration ; déclarées : {known}.")
NO_IDENTIFIER = Msg(en="No identifier: give at least one (email, phone, customer number…).",
                    fr="Aucun identifiant : donnez-en au moins un (courriel, téléphone, numéro client…).")
UNKNOWN_ACTIVITY = Msg(en="'{name}' is not a processing activity of the declaration; declared: {known}.",
                       fr="« {name} » n'est pas un traitement de la déclaration ; déclarés : {known}.")
DATA_NOT_IN_ACTIVITY = Msg(
    en="The activity '{activity}' does not process the data category '{name}'; it processes: {known}.",
    fr="Le traitement « {activity} » ne porte pas sur la catégorie de données « {name} » ; il porte sur : {known}.")
SUBJECT_NOT_IN_ACTIVITY = Msg(
    en="The activity '{activity}' does not concern the subject category '{name}'; it concerns: {known}.",
    fr="Le traitement « {activity} » ne concerne pas la catégorie de personnes « {name} » ; il concerne : {known}.")
REPEATED_FIELD = Msg(en="The field '{name}' of {activity}.{category} is given twice.",
                     fr="Le champ « {name} » de {activity}.{category} est donné deux fois.")
UNKNOWN_EVENT = Msg(en="'{name}' is not a lifecycle event, built in or declared; known: {known}.",
                    fr="« {name} » n'est pas un événement, prédéfini ou déclaré ; connus : {known}.")
DUPLICATE_IDENTIFIER = Msg(en="{kind} '{value}' already appears on line {first}.",
                           fr="{kind} « {value} » figure déjà à la ligne {first}.")
DUPLICATE_IDENTIFIER_ITEM = Msg(en="{kind} '{value}' already appears in item {item} (line {first}).",
                                fr="{kind} « {value} » figure déjà dans l'élément {item} (ligne {first}).")
SPLIT_SUBJECT = Msg(
    en="{kind} '{value}' belongs to another data subject in the store than {other_kind} '{other}'.",
    fr="{kind} « {value} » appartient, dans le registre, à une autre personne que {other_kind} « {other} ».")


# Problems --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One thing wrong in an import file: its line, its column (CSV) or item and field (JSON), in both languages."""

    line: int
    column: str
    message: Msg
    params: dict[str, Any] = field(default_factory=dict)
    item: int | None = None

    def text(self, lang: Lang) -> str:
        """The problem in plain words, after its place."""
        where = AT_LINE if self.item is None else AT_ITEM if self.column else AT_WHOLE_ITEM
        return f"{where(lang, line=self.line, item=self.item, column=self.column)} {self.detail(lang)}"

    def detail(self, lang: Lang) -> str:
        """What is wrong, without the place."""
        return self.message(lang, **self.params)

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The problem as JSON-ready data."""
        return {"line": self.line, "item": self.item, "column": self.column, "message": self.detail(lang)}


def in_file_order(problems: Iterable[RowProblem]) -> list[RowProblem]:
    """Problems sorted by line and item, each row's in the order they were found."""
    return sorted(problems, key=lambda p: (p.line, p.item or 0))


class ImportInvalid(InvalidInput):
    """A file refused as a whole: `problems` names each bad row (or header column), and nothing was loaded."""

    code = "import_invalid"

    def __init__(self, file: str, problems: list[RowProblem]) -> None:
        self.problems = in_file_order(problems)
        super().__init__(REFUSED, file=file, count=len(problems))

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The error and each of its problems as JSON-ready data."""
        return {**super().as_dict(lang), "problems": [p.as_dict(lang) for p in self.problems]}


# Reading ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportFile:
    """A file to import, read whole: its name, the SHA-256 of its bytes, its format and its text."""

    name: str
    sha256: str
    format: Format
    text: str


def read_file(path: Path) -> ImportFile:
    """Read a .csv or .json file as UTF-8 (a BOM is allowed); raises `NotFound` or `InvalidInput`."""
    form = FORMATS.get(path.suffix.lower())
    if form is None:
        raise InvalidInput(UNKNOWN_FORMAT, file=path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(NO_FILE, file=path) from None
    except OSError as error:
        raise InvalidInput(UNREADABLE, file=path, reason=error.strerror) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(NOT_UTF8, file=path.name, line=data.count(b"\n", 0, error.start) + 1) from None
    return ImportFile(path.name, hashlib.sha256(data).hexdigest(), form, text)


@dataclass(frozen=True, slots=True)
class CsvPlaces:
    """The header columns a CSV row's values came from, to name them in problems."""

    data: list[str]
    events: list[str]
    identifiers: str


@dataclass(slots=True)
class RawRow:
    """A row as read, before checking: its line (item for JSON), its fields, and how far the file has been read."""

    line: int
    end: int
    fields: Any
    item: int | None = None
    places: CsvPlaces | None = None
    problems: list[RowProblem] = field(default_factory=list)

    def column(self, loc: Loc) -> str:
        """The CSV column, or the JSON field path, that a location in the row's fields came from."""
        if self.places is None:
            return Place("", path=loc).field
        head = loc[0] if loc else ""
        if head in ("data", "events") and len(loc) > 1:
            if loc[-1] in ("source", "source_name"):
                return str(loc[-1])
            return (self.places.data if head == "data" else self.places.events)[int(loc[1])]
        if head == "identifiers":
            return identifier_column(str(loc[1])) if len(loc) > 1 else self.places.identifiers
        return str(head)

    def problem(self, loc: Loc, message: Msg, **params: Any) -> RowProblem:
        """A problem at a location in this row."""
        return RowProblem(self.line, self.column(loc), message, params, self.item)


def identifier_column(kind: str) -> str:
    """The CSV column of an identifier kind: its name for the built-in ones, `id:<kind>` for the others."""
    return kind if kind in BUILTIN_KINDS else f"id:{kind}"


def rows(file: ImportFile) -> tuple[int, Iterator[RawRow]]:
    """The rows of a file, and the position (`RawRow.end`) the last one ends at, for progress."""
    if file.format == "json":
        return len(file.text), _json_rows(file)
    return file.text.count("\n") + (not file.text.endswith("\n")), _csv_rows(file)


Role = Literal["category", "identifier", "data", "event", "source", "source_name"]


@dataclass(frozen=True, slots=True)
class CsvColumn:
    """What a CSV header column holds."""

    index: int
    name: str
    role: Role
    key: str = ""  # identifier kind, event, or activity.data_category.field


_FIXED_COLUMNS: dict[str, Role] = {"category": "category", "source": "source", "source_name": "source_name"}


def _csv_column(index: int, name: str) -> CsvColumn:
    if name in _FIXED_COLUMNS:
        return CsvColumn(index, name, _FIXED_COLUMNS[name])
    if name in BUILTIN_KINDS or name.startswith("id:"):
        kind = name.removeprefix("id:").strip()
        if not KIND.match(kind):
            raise InvalidInput(UNKNOWN_COLUMN)
        return CsvColumn(index, name, "identifier", kind)
    if name.startswith("event:") and name[6:].strip():
        return CsvColumn(index, name, "event", name[6:].strip())
    parts = [part.strip() for part in name.split(".", 2)]
    if len(parts) == 3 and all(parts):
        return CsvColumn(index, name, "data", ".".join(parts))
    raise InvalidInput(UNKNOWN_COLUMN)


def _csv_layout(file: ImportFile, header: list[str]) -> list[CsvColumn]:
    problems: list[RowProblem] = []
    columns: list[CsvColumn] = []
    first: dict[tuple[str, str], int] = {}
    for index, cell in enumerate(header):
        name = cell.strip()
        if not name:
            continue  # spreadsheets often end rows with empty columns
        try:
            column = _csv_column(index, name)
        except RegistreError as error:
            problems.append(RowProblem(1, name, error.message, error.params))
            continue
        if (column.role, column.key) in first:
            problems.append(RowProblem(1, name, DUPLICATE_COLUMN, {"first": first[column.role, column.key]}))
        first.setdefault((column.role, column.key), index + 1)
        columns.append(column)
    roles = {column.role for column in columns}
    if "category" not in roles:
        problems.append(RowProblem(1, "category", MISSING_COLUMN, {"name": "category"}))
    if "identifier" not in roles:
        problems.append(RowProblem(1, "email", NO_IDENTIFIER_COLUMN))
    if problems:
        raise ImportInvalid(file.name, problems)
    return columns


def _csv_rows(file: ImportFile) -> Iterator[RawRow]:
    first_line = file.text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(file.text), delimiter=max(",;\t", key=first_line.count))
    try:
        header = next(reader, None)
        if header is None:
            raise InvalidInput(EMPTY, file=file.name)
        columns = {column.index: column for column in _csv_layout(file, header)}
        identifiers = ", ".join(c.name for c in columns.values() if c.role == "identifier")
        previous = reader.line_num
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            if any(cell.strip() for cell in cells):
                yield _csv_row(columns, identifiers, cells, line, previous)
    except csv.Error as error:
        raise InvalidInput(BAD_CSV, file=file.name, line=reader.line_num, reason=str(error)) from None


def _csv_row(columns: dict[int, CsvColumn], identifiers: str, cells: list[str], line: int, end: int) -> RawRow:
    fields: dict[str, Any] = {"identifiers": {}, "data": [], "events": []}
    places = CsvPlaces([], [], identifiers)
    raw = RawRow(line, end, fields, places=places)
    source: dict[str, str] = {}
    for index, cell in enumerate(cells):
        value = cell.strip()
        column = columns.get(index)
        if not value:
            continue
        if column is None:
            raw.problems.append(RowProblem(line, f"#{index + 1}", UNNAMED_CELL))
        elif column.role == "identifier":
            fields["identifiers"][column.key] = value
        elif column.role == "data":
            activity, data_category, name = column.key.split(".", 2)
            fields["data"].append({"activity": activity, "data_category": data_category, "field": name,
                                   "value": value})
            places.data.append(column.name)
        elif column.role == "event":
            fields["events"].append({"event": column.key, "at": value})
            places.events.append(column.name)
        elif column.role == "category":
            fields["category"] = value
        else:
            source[column.role] = value
    for item in fields["data"]:
        item.update(source)
    return raw


_SPACE = re.compile(r"[ \t\n\r]*")


def _json_rows(file: ImportFile) -> Iterator[RawRow]:
    text = file.text
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    if not text.startswith("[", pos):
        raise InvalidInput(NOT_A_LIST, file=file.name)
    pos = _skip(text, pos + 1)
    line, counted, item = 1, 0, 0
    while not text.startswith("]", pos):
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as error:
            raise InvalidInput(BAD_JSON, file=file.name, line=error.lineno, column=error.colno,
                               reason=error.msg) from None
        line, counted, item = line + text.count("\n", counted, pos), pos, item + 1
        yield RawRow(line, end, value, item=item)
        pos = _skip(text, end)
        if text.startswith(",", pos):
            pos = _skip(text, pos + 1)
        elif not text.startswith("]", pos):
            _json_error(file, pos, "expected ',' or ']'")
    if _skip(text, pos + 1) < len(text):
        _json_error(file, _skip(text, pos + 1), "extra data after the list")


def _skip(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _json_error(file: ImportFile, pos: int, reason: str) -> None:
    line = file.text.count("\n", 0, pos) + 1
    raise InvalidInput(BAD_JSON, file=file.name, line=line, column=pos - file.text.rfind("\n", 0, pos), reason=reason)


# Checking --------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Candidate:
    """A row that passed its checks: its category, identifiers normalised, the times of its events; then its subject."""

    raw: RawRow
    row: ImportRow
    category: str
    identifiers: list[tuple[str, str]]
    moments: list[dt.datetime]  # of row.events, in order
    subject_id: int | None = None
    known: set[tuple[str, str]] = field(default_factory=set)

    def events(self) -> Iterator[tuple[EventItem, dt.datetime]]:
        """The row's events with their times."""
        return zip(self.row.events, self.moments, strict=True)


_PYDANTIC: dict[str, Msg] = {
    "missing": MISSING, "string_too_short": MISSING, "extra_forbidden": UNKNOWN_FIELD, "enum": BAD_SOURCE,
    "string_too_long": TOO_LONG, "model_type": NOT_AN_OBJECT, "dict_type": NOT_AN_OBJECT,
    "list_type": NOT_A_LIST_HERE, "string_type": NOT_TEXT,
}


def _pydantic_problem(raw: RawRow, error: ErrorDetails) -> RowProblem:
    value = error.get("input")
    shown = value if isinstance(value, str) else json.dumps(value, default=str)[:60]
    params = {"value": shown, "name": error["loc"][-1] if error["loc"] else "", "detail": error["msg"],
              "max": error.get("ctx", {}).get("max_length")}
    return raw.problem(error["loc"], _PYDANTIC.get(error["type"], BAD_VALUE), **params)


class Checker:
    """Checks rows against the declaration, and their identifiers against the rows before them in the file."""

    def __init__(self, declared: Declared) -> None:
        self.activities = {activity.id: activity for activity in declared.declaration.activities}
        self.categories = list(declared.subjects)
        self.events = list(declared.events)
        self.first_seen: dict[tuple[str, str], tuple[int, int | None]] = {}  # identifier: (line, item)

    def check(self, raw: RawRow) -> Candidate | list[RowProblem]:
        """The row ready to load, or every problem it has."""
        if raw.problems:
            return raw.problems
        try:
            row = ImportRow.model_validate(raw.fields)
        except ValidationError as error:
            return [_pydantic_problem(raw, detail) for detail in error.errors()]
        problems: list[RowProblem] = []
        if row.category is None:
            problems.append(raw.problem(("category",), MISSING))
        elif row.category not in self.categories:
            problems.append(raw.problem(("category",), UNKNOWN_CATEGORY, name=row.category,
                                        known=_list(self.categories)))
        identifiers = self._identifiers(raw, row, problems)
        self._data(raw, row, problems)
        moments = self._events(raw, row, problems)
        if problems or row.category is None:
            return problems
        return Candidate(raw, row, row.category, identifiers, moments)

    def _identifiers(self, raw: RawRow, row: ImportRow, problems: list[RowProblem]) -> list[tuple[str, str]]:
        given = {kind: value for kind, value in row.identifiers.items() if value}
        if not given:
            problems.append(raw.problem(("identifiers",), NO_IDENTIFIER))
        out: list[tuple[str, str]] = []
        for kind, value in given.items():
            loc: Loc = ("identifiers", kind)
            try:
                key = (kind, normalise_identifier(kind, value))
            except RegistreError as error:
                problems.append(raw.problem(loc, error.message, **error.params))
                continue
            first, item = self.first_seen.setdefault(key, (raw.line, raw.item))
            if (first, item) != (raw.line, raw.item):
                problems.append(raw.problem(loc, DUPLICATE_IDENTIFIER if item is None else DUPLICATE_IDENTIFIER_ITEM,
                                            kind=kind, value=key[1], first=first, item=item))
            out.append(key)
        return out

    def _events(self, raw: RawRow, row: ImportRow, problems: list[RowProblem]) -> list[dt.datetime]:
        moments: list[dt.datetime] = []
        for index, event in enumerate(row.events):
            loc: Loc = ("events", index)
            if event.event not in self.events:
                problems.append(raw.problem((*loc, "event"), UNKNOWN_EVENT, name=event.event, known=_list(self.events)))
            try:
                moments.append(parse_moment(event.at))
            except RegistreError as error:
                problems.append(raw.problem((*loc, "at"), error.message, **error.params))
        return moments

    def _data(self, raw: RawRow, row: ImportRow, problems: list[RowProblem]) -> None:
        fields: set[tuple[str, str, str]] = set()
        for index, item in enumerate(row.data):
            loc: Loc = ("data", index)
            activity = self.activities.get(item.activity)
            if activity is None:
                problems.append(raw.problem((*loc, "activity"), UNKNOWN_ACTIVITY, name=item.activity,
                                            known=_list(self.activities)))
                continue
            if item.data_category not in activity.data:
                problems.append(raw.problem((*loc, "data_category"), DATA_NOT_IN_ACTIVITY, activity=activity.id,
                                            name=item.data_category, known=_list(activity.data)))
            if row.category in self.categories and row.category not in activity.subjects:
                problems.append(raw.problem((*loc, "activity"), SUBJECT_NOT_IN_ACTIVITY, activity=activity.id,
                                            name=row.category, known=_list(activity.subjects)))
            key = (item.activity, item.data_category, item.field)
            if key in fields:
                problems.append(raw.problem((*loc, "field"), REPEATED_FIELD, name=item.field,
                                            activity=item.activity, category=item.data_category))
            fields.add(key)


def _list(names: Iterable[str]) -> str:
    return ", ".join(names) or "—"


# Loading ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Counts:
    """What a load did so far."""

    created: int = 0
    updated: set[int] = field(default_factory=set)
    records: int = 0
    records_updated: int = 0
    events: int = 0
    loaded_rows: int = 0


class Loader:
    """Matches checked rows with the subjects already in the store, and writes them set-based."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.now = utcnow()
        self.counts = Counts()

    def match(self, candidates: list[Candidate]) -> tuple[list[Candidate], list[RowProblem]]:
        """Find each row's subject by its identifiers; a row whose identifiers name two subjects is a problem."""
        values: dict[str, set[str]] = defaultdict(set)
        for candidate in candidates:
            for kind, value in candidate.identifiers:
                values[kind].add(value)
        owner: dict[tuple[str, str], int] = {}
        for kind, kind_values in values.items():
            for chunk in _batches(sorted(kind_values), BATCH):
                query = select(Identifier.value, Identifier.subject_id).where(Identifier.kind == kind,
                                                                             Identifier.value.in_(chunk))
                owner.update(((kind, value), subject_id) for value, subject_id in self.session.execute(query))
        good: list[Candidate] = []
        problems: list[RowProblem] = []
        for candidate in candidates:
            found = [key for key in candidate.identifiers if key in owner]
            other = next((key for key in found if owner[key] != owner[found[0]]), None)
            if other is not None:
                problems.append(candidate.raw.problem(("identifiers", other[0]), SPLIT_SUBJECT, kind=other[0],
                                                      value=other[1], other_kind=found[0][0], other=found[0][1]))
                continue
            if found:
                candidate.subject_id, candidate.known = owner[found[0]], set(found)
            good.append(candidate)
        return good, problems

    def load(self, candidates: list[Candidate]) -> None:
        """Write a batch of matched rows: new subjects, new identifiers, records (added or updated), new events."""
        new = [c for c in candidates if c.subject_id is None]
        existing = [c.subject_id for c in candidates if c.subject_id is not None]
        if new:
            ids = self.session.execute(
                insert(_table(DataSubject)).returning(_table(DataSubject).c.id, sort_by_parameter_order=True),
                [{"ref": new_ref(), "category": c.category, "created_at": self.now} for c in new],
            ).scalars().all()
            for candidate, subject_id in zip(new, ids, strict=True):
                candidate.subject_id = subject_id
        placed = [(c, c.subject_id) for c in candidates if c.subject_id is not None]
        self._execute(insert(_table(Identifier)), [{"subject_id": subject_id, "kind": kind, "value": value}
                                           for c, subject_id in placed for kind, value in c.identifiers
                                           if (kind, value) not in c.known])
        if existing:
            self._categories(placed, set(existing))
        self._records(placed, existing)
        self._events(placed, existing)
        self.counts.created += len(new)
        self.counts.updated.update(existing)
        self.counts.loaded_rows += len(placed)

    def _execute(self, statement: Any, parameters: list[dict[str, Any]]) -> None:
        if parameters:
            self.session.execute(statement, parameters)

    def _categories(self, placed: list[tuple[Candidate, int]], existing: set[int]) -> None:
        """A subject stored without a category takes the row's."""
        by_category: dict[str, list[int]] = defaultdict(list)
        for candidate, subject_id in placed:
            if subject_id in existing:
                by_category[candidate.category].append(subject_id)
        for category, ids in by_category.items():
            self.session.execute(update(DataSubject).where(DataSubject.id.in_(ids), DataSubject.category.is_(None))
                                 .values(category=category))

    def _records(self, placed: list[tuple[Candidate, int]], existing: list[int]) -> None:
        current: dict[tuple[int, str, str, str], tuple[int, tuple[str | None, str, str | None]]] = {}
        if existing:
            query = select(PersonalRecord.id, PersonalRecord.subject_id, PersonalRecord.activity,
                           PersonalRecord.data_category, PersonalRecord.field, PersonalRecord.value,
                           PersonalRecord.source, PersonalRecord.source_name).where(
                PersonalRecord.subject_id.in_(existing))
            for rid, sid, activity, category, name, value, source, source_name in self.session.execute(query):
                current[sid, activity, category, name] = (rid, (value, source, source_name))
        added: dict[tuple[int, str, str, str], dict[str, Any]] = {}
        changed: dict[int, dict[str, Any]] = {}
        for candidate, subject_id in placed:
            collected = next((at for event, at in candidate.events() if event.event == "collected"), self.now)
            for item in candidate.row.data:
                if not item.value:
                    continue
                key = (subject_id, item.activity, item.data_category, item.field)
                state = (item.value, item.source.value, item.source_name)
                values = {"value": state[0], "source": state[1], "source_name": state[2]}
                if key not in current:
                    added[key] = {"subject_id": subject_id, "activity": item.activity,
                                  "data_category": item.data_category, "field": item.field,
                                  "collected_at": collected, **values}
                elif current[key][1] != state:
                    changed[current[key][0]] = {"id": current[key][0], "updated_at": self.now, **values}
        self._execute(insert(_table(PersonalRecord)), list(added.values()))
        self._execute(update(PersonalRecord), list(changed.values()))
        self.counts.records += len(added)
        self.counts.records_updated += len(changed)

    def _events(self, placed: list[tuple[Candidate, int]], existing: list[int]) -> None:
        seen: set[tuple[int, str, Any]] = set()
        if existing:
            query = select(LifecycleEvent.subject_id, LifecycleEvent.event, LifecycleEvent.occurred_at).where(
                LifecycleEvent.subject_id.in_(existing))
            seen.update(tuple(row) for row in self.session.execute(query))
        new: list[dict[str, Any]] = []
        for candidate, subject_id in placed:
            for event, at in candidate.events():
                if (subject_id, event.event, at) not in seen:
                    seen.add((subject_id, event.event, at))
                    new.append({"subject_id": subject_id, "event": event.event, "occurred_at": at,
                                "details": event.details})
        self._execute(insert(_table(LifecycleEvent)), new)
        self.counts.events += len(new)


def _table(model: type[Base]) -> Table:
    """The table of a model: inserts on it run as Core executemany, without the ORM's per-row bookkeeping."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# The whole import ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows read, subjects created or updated, records and events written, rows skipped."""

    file: str
    sha256: str
    format: Format
    rows: int
    created: int
    updated: int
    records: int
    records_updated: int
    events: int
    skipped: int
    problems: Sequence[RowProblem] = ()

    def counts(self) -> dict[str, int]:
        """The figures of the import."""
        return {"rows": self.rows, "created": self.created, "updated": self.updated, "records": self.records,
                "records_updated": self.records_updated, "events": self.events, "skipped": self.skipped}

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {"file": self.file, "sha256": self.sha256, "format": self.format, **self.counts(),
                "problems": [p.as_dict(lang) for p in self.problems]}


def load(session: Session, *, declared: Declared, file: ImportFile, skip_errors: bool,
         progress: Progress | None = None) -> ImportReport:
    """Check and load every row of a file; without `skip_errors` a single bad row refuses it (`ImportInvalid`)."""
    total, raw_rows = rows(file)
    checker, loader = Checker(declared), Loader(session)
    problems: list[RowProblem] = []
    read = 0
    with session.begin_nested():
        if session.get_bind().dialect.name == "postgresql":
            # psycopg prepares a statement run five times; its generic plan for `value IN (…1000 parameters)`
            # filters every identifier of a kind linearly, so each batch's lookup grows with the store.
            session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
        for batch in _batches(raw_rows, BATCH):
            checked = [checker.check(raw) for raw in batch]
            for result in checked:
                if isinstance(result, list):
                    problems.extend(result)
            good, conflicts = loader.match([c for c in checked if isinstance(c, Candidate)])
            problems.extend(conflicts)
            if skip_errors or not problems:
                loader.load(good)
            read += len(batch)
            if progress is not None:
                progress(min(batch[-1].end, total), total)
        if problems and not skip_errors:
            raise ImportInvalid(file.name, problems)
    counts = loader.counts
    return ImportReport(file.name, file.sha256, file.format, read, counts.created, len(counts.updated),
                        counts.records, counts.records_updated, counts.events, read - counts.loaded_rows,
                        in_file_order(problems))
