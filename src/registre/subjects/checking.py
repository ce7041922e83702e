"""Check raw rows against the declaration and against the rows before them in the file.

A row's problems are all reported at once, each at its line and column (CSV) or item and field (JSON). What depends
only on names (is this activity declared, does it process this data category, does it concern this subject
category) is worked out once per combination and reused; dates read once are reused too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from registre.declarations.declared import Declared
from registre.errors import RegistreError
from registre.i18n import Msg
from registre.subjects.reading import RawRow, RowProblem
from registre.subjects.schemas import ImportRow, PlainEvent, PlainRow, normalise_identifier, parse_moment

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

COLLECTED = "collected"
moment = lru_cache(maxsize=4096)(parse_moment)  # files repeat their dates; a bad one raises and is not kept


@dataclass(slots=True)
class Candidate:
    """A row that passed its checks: its category, identifiers normalised, the times of its events; then its subject."""

    raw: RawRow
    row: PlainRow
    category: str
    identifiers: list[tuple[str, str]]
    moments: list[dt.datetime]  # of row.events, in order
    subject_id: int | None = None
    known: Collection[tuple[str, str]] = frozenset()

    def events(self) -> Iterator[tuple[PlainEvent, dt.datetime]]:
        """The row's events with their times."""
        return zip(self.row.events, self.moments, strict=True)

    def collected(self, default: dt.datetime) -> dt.datetime:
        """When the row's data were collected: its `collected` event, else `default`."""
        return next((at for event, at in self.events() if event.event == COLLECTED), default)


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


Verdict = tuple[bool, tuple[tuple[str, Msg, dict[str, Any]], ...]]  # activity known; (field, message, params)…


class Checker:
    """Checks rows against the declaration, and their identifiers against the rows before them in the file."""

    def __init__(self, declared: Declared) -> None:
        self.activities = {activity.id: activity for activity in declared.declaration.activities}
        self.categories = list(declared.subjects)
        self.events = list(declared.events)
        self.known_categories, self.known_events = set(self.categories), set(self.events)
        # kind: {value: where it first appeared}; ints, not tuples, so that the garbage collector never walks it
        self.first_seen: dict[str, dict[str, int]] = {}
        self.verdicts: dict[tuple[str, str, str | None], Verdict] = {}
        self.fine: dict[str | None, set[tuple[str, str]]] = {}  # category: (activity, data category) with no problem

    def check(self, raw: RawRow) -> Candidate | list[RowProblem]:
        """The row ready to load, or every problem it has."""
        if raw.problems:
            return list(raw.problems)
        row = raw.row
        if raw.fields is not None or row is None:
            try:
                row = ImportRow.model_validate(raw.fields).plain()
            except ValidationError as error:
                return [_pydantic_problem(raw, detail) for detail in error.errors()]
        problems: list[RowProblem] = []
        category = row.category
        if category is None:
            problems.append(raw.problem(("category",), MISSING))
        elif category not in self.known_categories:
            problems.append(raw.problem(("category",), UNKNOWN_CATEGORY, name=category,
                                        known=_list(self.categories)))
        identifiers = self._identifiers(raw, row, problems)
        self._data(raw, row, problems)
        moments = self._events(raw, row, problems)
        if problems or category is None:
            return problems
        return Candidate(raw, row, category, identifiers, moments)

    def _identifiers(self, raw: RawRow, row: PlainRow, problems: list[RowProblem]) -> list[tuple[str, str]]:
        given = [(kind, value) for kind, value in row.identifiers.items() if value]
        if not given:
            problems.append(raw.problem(("identifiers",), NO_IDENTIFIER))
        out: list[tuple[str, str]] = []
        here = _place(raw.line, raw.item)
        for kind, value in given:
            try:
                normal = normalise_identifier(kind, value)
            except RegistreError as error:
                problems.append(raw.problem(("identifiers", kind), error.message, **error.params))
                continue
            seen = self.first_seen.get(kind)
            if seen is None:
                seen = self.first_seen[kind] = {}
            first = seen.setdefault(normal, here)
            if first != here:
                first, item = _unplace(first)
                problems.append(raw.problem(("identifiers", kind),
                                            DUPLICATE_IDENTIFIER if item is None else DUPLICATE_IDENTIFIER_ITEM,
                                            kind=kind, value=normal, first=first, item=item))
            out.append((kind, normal))
        return out

    def _events(self, raw: RawRow, row: PlainRow, problems: list[RowProblem]) -> list[dt.datetime]:
        moments: list[dt.datetime] = []
        for index, event in enumerate(row.events):
            if event.event not in self.known_events:
                problems.append(raw.problem(("events", index, "event"), UNKNOWN_EVENT, name=event.event,
                                            known=_list(self.events)))
            try:
                moments.append(moment(event.at))
            except RegistreError as error:
                problems.append(raw.problem(("events", index, "at"), error.message, **error.params))
        return moments

    def _data(self, raw: RawRow, row: PlainRow, problems: list[RowProblem]) -> None:
        fine = self.fine.get(row.category)
        if fine is None:
            fine = self.fine[row.category] = set()
        if all(item[:2] in fine for item in row.data) and len({item[:3] for item in row.data}) == len(row.data):
            return
        fields: set[tuple[str, str, str]] = set()
        for index, item in enumerate(row.data):
            activity, data_category, name = item[:3]
            key = (activity, data_category, row.category)
            verdict = self.verdicts.get(key)
            if verdict is None:
                verdict = self.verdicts[key] = self._verdict(*key)
            known, found = verdict
            if known and not found:
                fine.add(key[:2])
            for attribute, message, params in found:
                problems.append(raw.problem(("data", index, attribute), message, **params))
            if not known:
                continue
            if item[:3] in fields:
                problems.append(raw.problem(("data", index, "field"), REPEATED_FIELD, name=name, activity=activity,
                                            category=data_category))
            fields.add(item[:3])

    def _verdict(self, name: str, data_category: str, category: str | None) -> Verdict:
        """What is wrong with an item of this activity and data category in a row of this subject category."""
        activity = self.activities.get(name)
        if activity is None:
            return False, (("activity", UNKNOWN_ACTIVITY, {"name": name, "known": _list(self.activities)}),)
        found: list[tuple[str, Msg, dict[str, Any]]] = []
        if data_category not in activity.data:
            found.append(("data_category", DATA_NOT_IN_ACTIVITY,
                          {"activity": activity.id, "name": data_category, "known": _list(activity.data)}))
        if category in self.known_categories and category not in activity.subjects:
            found.append(("activity", SUBJECT_NOT_IN_ACTIVITY,
                          {"activity": activity.id, "name": category, "known": _list(activity.subjects)}))
        return True, tuple(found)


def _place(line: int, item: int | None) -> int:
    """A row's line and item in one int."""
    return line << 32 | (item or 0)


def _unplace(place: int) -> tuple[int, int | None]:
    return place >> 32, (place & 0xFFFFFFFF) or None


def _list(names: Iterable[str]) -> str:
    return ", ".join(names) or "—"
