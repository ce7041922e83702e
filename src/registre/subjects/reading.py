"""Read a CSV or JSON file of data subjects into raw rows, each with its line; the problems an import reports.

A file is read twice: once whole, as bytes, for its SHA-256, to check that it is UTF-8 and to count its lines; then
row by row as it is loaded, so that memory holds one batch of rows, not the file (a JSON file is held as text while
it is read). A CSV row becomes a `PlainRow` at once; it goes through pydantic only if `fits` says that validation
could find something to say.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any, Literal

from registre.errors import InvalidInput, NotFound, Place, RegistreError
from registre.i18n import Lang, Msg
from registre.subjects.schemas import (
    BUILTIN_KINDS,
    KIND,
    NOT_RECORDED,
    PlainEvent,
    PlainItem,
    PlainRow,
    event_fits,
    names_fit,
    values_fit,
)

Format = Literal["csv", "json"]
Loc = tuple[int | str, ...]

FORMATS: dict[str, Format] = {".csv": "csv", ".json": "json"}
CHUNK = 1 << 20

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


# The file --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportFile:
    """A file to import, checked to be UTF-8: its name, the SHA-256 of its bytes, its format, where it is, its lines."""

    name: str
    sha256: str
    format: Format
    path: Path
    lines: int  # as counted for progress: line ends, plus one for a last line without one
    data: bytes | None = None  # a file received whole (an API request's body), not read from `path`

    def text(self) -> str:
        """The whole text of the file."""
        if self.data is not None:
            return self.data.decode("utf-8-sig")
        return self.path.read_text(encoding="utf-8-sig")

    def stream(self) -> Iterator[str]:
        """The lines of the file, each with its \\n."""
        if self.data is not None:
            yield from io.StringIO(self.text(), newline="\n")
            return
        with self.path.open(encoding="utf-8-sig", newline="\n") as stream:
            yield from stream


def read_file(path: Path) -> ImportFile:
    """Hash a .csv or .json file and check it is UTF-8 (a BOM is allowed); raises `NotFound` or `InvalidInput`."""
    form = FORMATS.get(path.suffix.lower())
    if form is None:
        raise InvalidInput(UNKNOWN_FORMAT, file=path)
    digest, decoder = hashlib.sha256(), codecs.getincrementaldecoder("utf-8-sig")()
    lines, last = 0, b""
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                decoder.decode(chunk)
                lines += chunk.count(b"\n")
                last = chunk[-1:]
            decoder.decode(b"", final=True)
    except FileNotFoundError:
        raise NotFound(NO_FILE, file=path) from None
    except OSError as error:
        raise InvalidInput(UNREADABLE, file=path, reason=error.strerror) from None
    except UnicodeDecodeError:
        data = path.read_bytes()
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InvalidInput(NOT_UTF8, file=path.name, line=data.count(b"\n", 0, error.start) + 1) from None
    return ImportFile(path.name, digest.hexdigest(), form, path, lines + (last != b"\n"))


def received(name: str, data: bytes, form: Format) -> ImportFile:
    """A file received whole, as bytes (an API request's body), hashed and checked to be UTF-8."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(NOT_UTF8, file=name, line=data.count(b"\n", 0, error.start) + 1) from None
    return ImportFile(name, hashlib.sha256(data).hexdigest(), form, Path(name),
                      data.count(b"\n") + (data[-1:] not in (b"\n", b"")), data)


# Raw rows --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CsvPlaces:
    """The header columns of a CSV file by what they hold, to name them in problems."""

    data: dict[tuple[str, str, str], str]  # (activity, data category, field): column
    events: dict[str, str]  # event: column
    identifiers: str  # the identifier columns, for a row that has none


@dataclass(slots=True)
class RawRow:
    """A row as read: its line (item for JSON), how far the file has been read, and its values.

    `fields` is what `ImportRow` validates: a JSON item, or a CSV row that `fits` does not vouch for. A CSV row also
    has its plain `row`, which is loaded as it is when `fields` is None.
    """

    line: int
    end: int
    fields: Any
    item: int | None = None
    places: CsvPlaces | None = None
    problems: Sequence[RowProblem] = ()
    row: PlainRow | None = None

    def column(self, loc: Loc) -> str:
        """The CSV column, or the JSON field path, that a location in the row's fields came from."""
        if self.places is None or self.row is None:
            return Place("", path=loc).field
        head = loc[0] if loc else ""
        if head in ("data", "events") and len(loc) > 1:
            if loc[-1] in ("source", "source_name"):
                return str(loc[-1])
            if head == "data":
                return self.places.data[self.row.data[int(loc[1])][:3]]
            return self.places.events[self.row.events[int(loc[1])].event]
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
        text = file.text()
        return len(text), json_items(file, text)
    return file.lines, _csv_rows(file)


# CSV -------------------------------------------------------------------------------------------------------------

Role = Literal["category", "identifier", "data", "event", "source", "source_name"]


@dataclass(frozen=True, slots=True)
class CsvColumn:
    """What a CSV header column holds."""

    index: int
    name: str
    role: Role
    key: str = ""  # identifier kind, event, or activity.data_category.field
    names: tuple[str, str, str] = ("", "", "")  # activity, data category, field


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
        return CsvColumn(index, name, "data", ".".join(parts), (parts[0], parts[1], parts[2]))
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


@dataclass(frozen=True, slots=True)
class CsvLayout:
    """What each column of a CSV file holds, and what is worked out once for every row."""

    columns: dict[int, CsvColumn]
    places: CsvPlaces
    names_fit: bool  # whether `ImportRow` takes every data and event column's names as they are
    source: int | None
    source_name: int | None

    @classmethod
    def of(cls, columns: list[CsvColumn]) -> CsvLayout:
        """The layout of a file's checked header columns."""
        index = {column.role: column.index for column in columns}
        data = [column for column in columns if column.role == "data"]
        events = [column for column in columns if column.role == "event"]
        places = CsvPlaces({column.names: column.name for column in data},
                           {column.key: column.name for column in events},
                           ", ".join(column.name for column in columns if column.role == "identifier"))
        fit = all(names_fit(*column.names) for column in data) and all(event_fits(c.key) for c in events)
        return cls({column.index: column for column in columns}, places, fit, index.get("source"),
                   index.get("source_name"))


def _csv_rows(file: ImportFile) -> Iterator[RawRow]:
    records = csv_records(file)
    _, _, header = next(records)
    layout = CsvLayout.of(_csv_layout(file, header))
    for line, end, cells in records:
        yield _csv_row(layout, cells, line, end)


def csv_records(file: ImportFile) -> Iterator[tuple[int, int, list[str]]]:
    """The header, then each row that is not empty, of a CSV file (its delimiter guessed from the header: comma,
    semicolon or tab), each with the line it starts on and the line it ends on."""
    lines = file.stream()
    first_line = next(lines, "")
    reader = csv.reader(chain([first_line], lines) if first_line else lines,
                        delimiter=max(",;\t", key=first_line.count))
    try:
        header = next(reader, None)
        if header is None:
            raise InvalidInput(EMPTY, file=file.name)
        yield 1, reader.line_num, header
        previous = reader.line_num
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            if "".join(cells).strip():  # a cell that is not blank
                yield line, previous, cells
    except csv.Error as error:
        raise InvalidInput(BAD_CSV, file=file.name, line=reader.line_num, reason=str(error)) from None


def _cell(cells: list[str], index: int | None) -> str | None:
    return (cells[index].strip() or None) if index is not None and index < len(cells) else None


def _csv_row(layout: CsvLayout, cells: list[str], line: int, end: int) -> RawRow:
    """A CSV row as a plain row; with fields for `ImportRow` too when `fits` cannot vouch for it."""
    source, source_name = _cell(cells, layout.source), _cell(cells, layout.source_name)
    kind = source or NOT_RECORDED
    category: str | None = None
    given: dict[str, str | None] = {}
    data: list[PlainItem] = []
    events: list[PlainEvent] = []
    problems: list[RowProblem] = []
    columns = layout.columns
    for index, cell in enumerate(cells):
        value = cell.strip()
        if not value:
            continue
        column = columns.get(index)
        if column is None:
            problems.append(RowProblem(line, f"#{index + 1}", UNNAMED_CELL))
        elif column.role == "data":
            data.append((*column.names, value, kind, source_name))
        elif column.role == "identifier":
            given[column.key] = value
        elif column.role == "event":
            events.append(PlainEvent(column.key, value, None))
        elif column.role == "category":
            category = value
    row = PlainRow(category, given, data, events)
    raw = RawRow(line, end, None, places=layout.places, problems=problems or (), row=row)
    if not (layout.names_fit and values_fit(category, kind, source_name)):
        given_source = {"source": source} if source else {}
        if source_name:
            given_source["source_name"] = source_name
        raw.fields = {"category": category, "identifiers": given,
                      "data": [{"activity": activity, "data_category": data_category, "field": name, "value": value,
                                **given_source} for activity, data_category, name, value, _, _ in data],
                      "events": [{"event": event.event, "at": event.at} for event in events]}
    return raw


# JSON ------------------------------------------------------------------------------------------------------------

_SPACE = re.compile(r"[ \t\n\r]*")


def json_items(file: ImportFile, text: str) -> Iterator[RawRow]:
    """The items of a JSON list, each as a row with its item number and the line it starts on."""
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
            _json_error(file, text, pos, "expected ',' or ']'")
    if _skip(text, pos + 1) < len(text):
        _json_error(file, text, _skip(text, pos + 1), "extra data after the list")


def _skip(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _json_error(file: ImportFile, text: str, pos: int, reason: str) -> None:
    line = text.count("\n", 0, pos) + 1
    raise InvalidInput(BAD_JSON, file=file.name, line=line, column=pos - text.rfind("\n", 0, pos), reason=reason)
