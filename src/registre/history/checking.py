"""Check the rows of a history import: every problem of a row at once, at its line and column (CSV) or item and
field (JSON), against the declaration. Who each row names is checked afterwards, for the whole file at once.

What depends only on names (a purpose and its channel, an activity, an event) is worked out once and reused.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from registre.consent.schemas import Method
from registre.consent.service import activity_or_raise
from registre.db.base import utcnow
from registre.declarations.declared import Declared
from registre.declarations.schemas import Channel
from registre.errors import InvalidInput, RegistreError
from registre.history.schemas import CONSENT_KINDS, FIELDS, MAX_LENGTH, NEEDS, REQUIRED, TAKES, Kind
from registre.i18n import Msg
from registre.subjects.checking import MISSING, NOT_AN_OBJECT, NOT_TEXT, TOO_LONG, UNKNOWN_ACTIVITY, UNKNOWN_EVENT
from registre.subjects.checking import moment as parse_moment
from registre.subjects.reading import (
    DUPLICATE_COLUMN,
    MISSING_COLUMN,
    ImportFile,
    ImportInvalid,
    RawRow,
    RowProblem,
    csv_records,
    json_items,
)

UNKNOWN_FIELD = Msg(en="'{name}' is not a field of a history row; fields: {known}.",
                    fr="« {name} » n'est pas un champ d'une ligne d'historique ; champs : {known}.")
UNKNOWN_COLUMN = Msg(en="Unknown column: use {known}.", fr="Colonne inconnue : utilisez {known}.")
NOT_A_LIST = Msg(en="{file}: a JSON history is a list [ … ] of rows.",
                 fr="{file} : un historique JSON est une liste [ … ] de lignes.")
BAD_KIND = Msg(en="'{value}' is not a kind of history row; kinds: {known}.",
               fr="« {value} » n'est pas un type de ligne d'historique ; types : {known}.")
NOT_FOR_KIND = Msg(en="A {kind} row does not take {name}; it takes: {known}.",
                   fr="Une ligne {kind} ne prend pas {name} ; elle prend : {known}.")
BAD_CHANNEL = Msg(en="'{value}' is not a channel: email, sms, phone, post or push.",
                  fr="« {value} » n'est pas un canal : email, sms, phone, post ou push.")
BAD_METHOD = Msg(en="'{value}' is not a way of collecting consent; known: {known}.",
                 fr="« {value} » n'est pas un mode de recueil du consentement ; connus : {known}.")
BAD_LANG = Msg(en="'{value}' is not a language: fr or en.", fr="« {value} » n'est pas une langue : fr ou en.")
FUTURE = Msg(en="{value} is in the future: a history records what has happened.",
             fr="{value} est dans le futur : un historique consigne ce qui s'est passé.")
LIFTED_BEFORE = Msg(en="The restriction is lifted ({value}) before it began.",
                    fr="La limitation est levée ({value}) avant d'avoir commencé.")
NOT_SMS = Msg(en="A STOP is a withdrawal by SMS: leave {name} empty, or write {expected}.",
              fr="Un STOP est un retrait par SMS : laissez {name} vide, ou écrivez {expected}.")
NO_SMS = Msg(en="The declaration has no SMS marketing channel: a STOP would withdraw nothing.",
             fr="La déclaration n'a pas de canal de prospection par SMS : un STOP ne retirerait rien.")

SLACK = dt.timedelta(minutes=5)  # a clock a little ahead is not the future
CHANNELS = frozenset(c.value for c in Channel)
METHODS = frozenset(m.value for m in Method)
KINDS = {k.value: k for k in Kind}
FIELD_SET = frozenset(FIELDS)
MAX_NAME = 80
KEPT_MOMENTS = 65_536


@dataclass(slots=True)
class Checked:
    """A row that passed its checks: when, and the values to write; the subject is found for the whole file."""

    raw: RawRow
    kind: Kind
    who: str
    at: dt.datetime
    values: dict[str, str]
    purposes: tuple[str, ...] = ()  # consent, STOP: the purposes it is about
    until: dt.datetime | None = None


ORDER = {name: index for index, name in enumerate(FIELDS)}


def _in_field_order(problems: list[RowProblem]) -> list[RowProblem]:
    """A row's problems in the order of the fields (those of unknown fields last)."""
    return sorted(problems, key=lambda problem: ORDER.get(problem.column, len(ORDER)))


def _list(names: Any) -> str:
    return ", ".join(sorted(names)) or "—"


class Checker:
    """Checks history rows against the declaration."""

    def __init__(self, declared: Declared, now: dt.datetime | None = None) -> None:
        self.declared = declared
        self.latest = (now or utcnow()) + SLACK
        self.activities = [activity.id for activity in declared.declaration.activities]
        self.known_activities = set(self.activities)
        self.events = list(declared.events)
        self.known_events = set(self.events)
        self.sms = tuple(sorted({c.activity for c in declared.declaration.marketing
                                 if c.channel is Channel.sms and c.activity}))
        self.purposes: dict[tuple[str, str | None], tuple[str, RegistreError] | None] = {}
        self.moments: dict[str, dt.datetime] = {}  # the times already read, and not in the future: files repeat them

    def check(self, raw: RawRow) -> Checked | list[RowProblem]:
        """The row ready to write, but for its subject; or every problem it has."""
        fields = raw.fields
        if not isinstance(fields, dict):
            return [raw.problem((), NOT_AN_OBJECT, item=raw.item)]  # a parameter, so that {{ }} is formatted
        problems: list[RowProblem] = []
        if raw.item is None and max(map(len, fields.values()), default=0) <= MAX_NAME:
            values: dict[str, str] = fields  # a CSV row: known names, stripped texts, none too long
        else:
            values = self._values(raw, fields, problems)
        for name in REQUIRED:
            if name not in values and not any(p.column == name for p in problems):
                problems.append(raw.problem((name,), MISSING))
        kind: Kind | None = None
        if "kind" in values:
            kind = KINDS.get(values["kind"])
            if kind is not None:
                self._fits(raw, kind, values, problems)
            else:
                problems.append(raw.problem(("kind",), BAD_KIND, value=values["kind"], known=_list(KINDS)))
        at = self._moment(raw, values, "at", problems) if "at" in values else None
        if kind is None or at is None or problems:
            return _in_field_order(problems)
        checked = Checked(raw, kind, values["who"], at, values)
        self._kind(raw, checked, problems)
        return _in_field_order(problems) if problems else checked

    def _values(self, raw: RawRow, fields: dict[Any, Any], problems: list[RowProblem]) -> dict[str, str]:
        values: dict[str, str] = {}
        for name, value in fields.items():
            if name not in FIELD_SET:
                problems.append(raw.problem((str(name),), UNKNOWN_FIELD, name=name, known=", ".join(FIELDS)))
            elif value is None:
                continue
            elif not isinstance(value, str):
                problems.append(raw.problem((name,), NOT_TEXT, value=json.dumps(value, default=str)[:60]))
            elif value := value.strip():
                longest = MAX_LENGTH.get(name, MAX_NAME)
                if len(value) > longest:
                    problems.append(raw.problem((name,), TOO_LONG, max=longest))
                else:
                    values[name] = value
        return values

    def _fits(self, raw: RawRow, kind: Kind, values: dict[str, str], problems: list[RowProblem]) -> None:
        """The fields given that the kind does not take, and those it needs that are missing."""
        takes = TAKES[kind]
        for name in values:
            if name not in takes and name not in REQUIRED:
                problems.append(raw.problem((name,), NOT_FOR_KIND, kind=kind.value, name=name,
                                            known=", ".join(n for n in FIELDS if n in takes or n in REQUIRED)))
        for name in NEEDS.get(kind, ()):
            if name not in values:
                problems.append(raw.problem((name,), MISSING))
        for name, allowed, message in (("channel", CHANNELS, BAD_CHANNEL), ("method", METHODS, BAD_METHOD)):
            if name in values and values[name] not in allowed:
                problems.append(raw.problem((name,), message, value=values[name], known=_list(allowed)))
        if "lang" in values and values["lang"] not in ("fr", "en"):
            problems.append(raw.problem(("lang",), BAD_LANG, value=values["lang"]))

    def _moment(self, raw: RawRow, values: dict[str, str], name: str,
                problems: list[RowProblem]) -> dt.datetime | None:
        known = self.moments.get(values[name])
        if known is not None:
            return known
        try:
            found = parse_moment(values[name])
        except InvalidInput as error:
            problems.append(raw.problem((name,), error.message, **error.params))
            return None
        if found > self.latest:
            problems.append(raw.problem((name,), FUTURE, value=values[name]))
            return None
        if len(self.moments) >= KEPT_MOMENTS:
            self.moments.clear()
        self.moments[values[name]] = found
        return found

    def _kind(self, raw: RawRow, checked: Checked, problems: list[RowProblem]) -> None:
        """What depends on the kind: the purpose and channel, the activity, the event, the end of a restriction."""
        values, kind = checked.values, checked.kind
        if kind is Kind.stop:
            for name, expected in (("channel", Channel.sms.value), ("method", Method.sms_stop.value)):
                if values.get(name, expected) != expected:
                    problems.append(raw.problem((name,), NOT_SMS, name=name, expected=expected))
            if "purpose" not in values and not self.sms:
                problems.append(raw.problem(("kind",), NO_SMS))
            checked.purposes = (values["purpose"],) if "purpose" in values else self.sms
            if "purpose" in values:
                self._purpose(raw, values["purpose"], Channel.sms.value, problems)
        elif kind in CONSENT_KINDS:
            checked.purposes = (values["purpose"],)
            self._purpose(raw, values["purpose"], values.get("channel"), problems)
        elif kind is Kind.event and values["event"] not in self.known_events:
            problems.append(raw.problem(("event",), UNKNOWN_EVENT, name=values["event"], known=_list(self.events)))
        if "activity" in values and values["activity"] not in self.known_activities:
            problems.append(raw.problem(("activity",), UNKNOWN_ACTIVITY, name=values["activity"],
                                        known=", ".join(self.activities)))
        if "until" in values:
            until = self._moment(raw, values, "until", problems)
            if until is not None and until <= checked.at:
                problems.append(raw.problem(("until",), LIFTED_BEFORE, value=values["until"]))
            checked.until = until

    def _purpose(self, raw: RawRow, purpose: str, channel: str | None, problems: list[RowProblem]) -> None:
        key = (purpose, channel)
        if key not in self.purposes:
            try:
                activity_or_raise(self.declared, purpose, channel)
                self.purposes[key] = None
            except RegistreError as error:
                self.purposes[key] = ("purpose" if purpose not in self.known_activities else "channel", error)
        found = self.purposes[key]
        if found is not None:
            problems.append(raw.problem((found[0],), found[1].message, **found[1].params))


# Reading ---------------------------------------------------------------------------------------------------------


def rows(file: ImportFile) -> tuple[int, Iterator[RawRow]]:
    """The rows of a history file, and the position the last one ends at, for progress."""
    if file.format == "json":
        text = file.text()
        if not text.lstrip().startswith("["):
            raise InvalidInput(NOT_A_LIST, file=file.name)
        return len(text), json_items(file, text)
    return file.lines, _csv_rows(file)


def _csv_rows(file: ImportFile) -> Iterator[RawRow]:
    records = csv_records(file)
    _, _, header = next(records)
    names = _header(file, header)
    width = max((index for index, _ in names), default=-1) + 1
    if [index for index, _ in names] == list(range(width)):  # no column left out: a row's cells are its fields
        columns = [name for _, name in names]
        for line, end, cells in records:
            yield RawRow(line, end, {name: value for name, cell in zip(columns, cells, strict=False)
                                     if (value := cell.strip())})
        return
    for line, end, cells in records:
        count = len(cells)
        yield RawRow(line, end, {name: value for index, name in names
                                 if index < count and (value := cells[index].strip())})


def _header(file: ImportFile, header: list[str]) -> list[tuple[int, str]]:
    """The columns of a history CSV, by position; a column unknown, repeated or missing refuses the file."""
    problems: list[RowProblem] = []
    names: list[tuple[int, str]] = []
    first: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = cell.strip()
        if not name:
            continue
        if name not in FIELD_SET:
            problems.append(RowProblem(1, name, UNKNOWN_COLUMN, {"known": ", ".join(FIELDS)}))
        elif name in first:
            problems.append(RowProblem(1, name, DUPLICATE_COLUMN, {"first": first[name]}))
        else:
            first[name] = index + 1
            names.append((index, name))
    problems.extend(RowProblem(1, name, MISSING_COLUMN, {"name": name}) for name in REQUIRED if name not in first)
    if problems:
        raise ImportInvalid(file.name, problems)
    return names
