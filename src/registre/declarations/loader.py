"""Read a declaration from YAML, one file or a folder of files, keeping the file and line of every field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from registre.errors import DeclarationInvalid, NotFound, Place, Problem
from registre.i18n import Msg

FieldPath = tuple[str | int, ...]

NO_DECLARATION = Msg(
    en="No declaration at {path}: give a YAML file or a folder of YAML files.",
    fr="Aucune déclaration à {path} : indiquez un fichier YAML ou un dossier de fichiers YAML.",
)
EMPTY_FOLDER = Msg(
    en="The folder holds no .yaml or .yml file.", fr="Le dossier ne contient aucun fichier .yaml ou .yml."
)
NOT_A_MAPPING = Msg(
    en="The file must hold a mapping of fields (controller:, activities:, …), not {found}.",
    fr="Le fichier doit contenir des champs (controller:, activities:, …), et non {found}.",
)
YAML_SYNTAX = Msg(en="This is not valid YAML: {problem}.", fr="Ce n'est pas du YAML valide : {problem}.")
UNREADABLE = Msg(en="The file cannot be read: {reason}.", fr="Le fichier ne peut pas être lu : {reason}.")
TOO_DEEP = Msg(en="The YAML is nested more than {depth} levels deep here: a declaration never needs as many.",
               fr="Le YAML est imbriqué sur plus de {depth} niveaux ici : une déclaration n'en a jamais besoin.")
TOO_BIG = Msg(en="The aliases (*name) here make the file expand to more than {nodes} values: a declaration never "
                 "needs as many (an alias bomb?).",
              fr="Les alias (*nom) ici font dépasser au fichier {nodes} valeurs une fois développé : une déclaration "
                 "n'en a jamais besoin (une bombe d'alias ?).")
NUL_BYTE = Msg(en="This text holds a NUL character (\\0): remove it.", fr="Ce texte contient un caractère NUL "
               "(\\0) : supprimez-le.")
MERGE_CONFLICT = Msg(
    en="'{field}' is given twice, here and in {other}; give it in one file only.",
    fr="« {field} » est donné deux fois, ici et dans {other} ; ne le donnez que dans un seul fichier.",
)


@dataclass
class SourceMap:
    """The place of every field of a declaration, by its path."""

    root: str
    places: dict[FieldPath, Place] = field(default_factory=dict)

    def place(self, path: FieldPath) -> Place:
        """The place of `path`, or of its nearest ancestor that has one, with the full path kept."""
        for end in range(len(path), -1, -1):
            found = self.places.get(path[:end])
            if found is not None:
                return Place(found.file, found.line, found.column, path)
        return Place(self.root, None, None, path)


@dataclass
class Source:
    """The raw data of a declaration and where each part of it came from."""

    data: dict[str, Any]
    sources: SourceMap


def read(path: Path) -> Source:
    """Read the YAML of a declaration file or folder; raise `DeclarationInvalid` on unreadable YAML."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise DeclarationInvalid([Problem(Place(str(path)), EMPTY_FOLDER)])
    elif path.is_file():
        files = [path]
    else:
        raise NotFound(NO_DECLARATION, path=str(path))
    sources = SourceMap(str(path))
    merged: dict[str, Any] = {}
    problems: list[Problem] = []
    for file in files:
        try:
            data, places = _read_file(file)
        except _FileProblem as bad:
            problems.append(bad.problem)
            continue
        offsets: dict[FieldPath, int] = {}
        problems.extend(_merge(merged, data, (), offsets, sources, places))
        for old, place in places.items():
            sources.places[_shift(old, offsets)] = place
    if problems:
        raise DeclarationInvalid(problems)
    return Source(merged, sources)


class _FileProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


def _read_file(file: Path) -> tuple[dict[str, Any], dict[FieldPath, Place]]:
    name = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _FileProblem(Problem(Place(name), UNREADABLE, {"reason": str(error)})) from None
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    try:
        _within_bounds(yaml, text, name)  # on the events, before anything is built
        raw = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Place(name, mark.line + 1, mark.column + 1) if mark else Place(name)
        problem = error.problem or error.context or "syntax error"
        raise _FileProblem(Problem(where, YAML_SYNTAX, {"problem": problem})) from None
    except YAMLError as error:
        raise _FileProblem(Problem(Place(name), YAML_SYNTAX, {"problem": str(error)})) from None
    if not isinstance(raw, CommentedMap):
        found = "nothing" if raw is None else type(raw).__name__
        raise _FileProblem(Problem(Place(name, 1, 1), NOT_A_MAPPING, {"found": found}))
    places: dict[FieldPath, Place] = {}
    data = _plain(raw, (), name, places)
    assert isinstance(data, dict)
    return data, places


MAX_DEPTH = 64
MAX_NODES = 100_000
_OPEN = (MappingStartEvent, SequenceStartEvent)
_CLOSE = (MappingEndEvent, SequenceEndEvent)


def _within_bounds(yaml: YAML, text: str, file: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, and aliases that expand the file beyond MAX_NODES values, from the
    parser's events (no node is built, nothing recurses), at the line where the bound is crossed."""
    _flow_within_bounds(text, file)
    sizes: dict[str, int] = {}  # each anchor: how many values it stands for, its aliases expanded
    open_sizes: list[int] = [0]
    open_anchors: list[str | None] = [None]
    for event in yaml.parse(text):
        if isinstance(event, _OPEN):
            if len(open_sizes) > MAX_DEPTH:
                raise _FileProblem(Problem(_mark(file, event), TOO_DEEP, {"depth": MAX_DEPTH}))
            open_sizes.append(1)
            open_anchors.append(event.anchor)
            continue
        if isinstance(event, _CLOSE):
            size = open_sizes.pop()
            anchor = open_anchors.pop()
            if anchor:
                sizes[anchor] = size
            open_sizes[-1] += size
        elif isinstance(event, ScalarEvent):
            if event.anchor:
                sizes[event.anchor] = 1
            open_sizes[-1] += 1
        elif isinstance(event, AliasEvent):
            open_sizes[-1] += sizes.get(event.anchor, 1)
        else:
            continue
        if sum(open_sizes) > MAX_NODES:
            raise _FileProblem(Problem(_mark(file, event), TOO_BIG, {"nodes": f"{MAX_NODES:,}"}))


_BRACKETS = re.compile(r"[\[\]{}\n]")


def _flow_within_bounds(text: str, file: str) -> None:
    """Refuse flow brackets ([ {) opened more than MAX_DEPTH deep, from the text itself: ruamel's scanner reads a
    flow collection to its end before the parser says a word, in time that grows with the square of its depth."""
    depth = 0
    line = 1
    for found in _BRACKETS.finditer(text):
        char = found.group()
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                column = found.start() - text.rfind("\n", 0, found.start())
                raise _FileProblem(Problem(Place(file, line, column), TOO_DEEP, {"depth": MAX_DEPTH}))
        else:
            depth = max(depth - 1, 0)


def _mark(file: str, event: Any) -> Place:
    mark = event.start_mark
    return Place(file, mark.line + 1, mark.column + 1) if mark is not None else Place(file)


class _Constructor(RoundTripConstructor):
    """ruamel's round-trip constructor, with dates and integers beyond 64 bits left as the text they were: the
    schema then checks them and says which field is wrong (an impossible date, a number out of range), where
    building them would raise without a place."""

    def construct_text(self, node: Any) -> str:
        """A scalar as its text."""
        return str(self.construct_scalar(node))

    def construct_bounded_int(self, node: Any) -> Any:
        """An integer, or its text when it has more digits than a 64-bit integer."""
        digits = str(self.construct_scalar(node)).lstrip("+-").replace("_", "")
        if len(digits) > 19:
            return self.construct_text(node)
        return self.construct_yaml_int(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_text)
_Constructor.add_constructor("tag:yaml.org,2002:int", _Constructor.construct_bounded_int)


def _plain(node: Any, path: FieldPath, file: str, places: dict[FieldPath, Place]) -> Any:
    """Turn ruamel's nodes into plain dicts and lists, recording each child's line and column."""
    if isinstance(node, CommentedMap):
        out: dict[str, Any] = {}
        for key, value in node.items():
            line, col = node.lc.key(key)
            places[(*path, str(key))] = Place(file, line + 1, col + 1)
            out[str(key)] = _plain(value, (*path, str(key)), file, places)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for index, value in enumerate(node):
            line, col = node.lc.item(index)
            places[(*path, index)] = Place(file, line + 1, col + 1)
            items.append(_plain(value, (*path, index), file, places))
        return items
    if isinstance(node, str):
        if "\x00" in node:  # no text of a declaration has one; a database or a document would choke on it
            where = places.get(path, Place(file))
            raise _FileProblem(Problem(Place(where.file, where.line, where.column, path), NUL_BYTE))
        return str(node)  # ruamel's scalar string subclasses carry styles we do not want
    return node


def _merge(
    into: dict[str, Any],
    data: dict[str, Any],
    path: FieldPath,
    offsets: dict[FieldPath, int],
    sources: SourceMap,
    places: dict[FieldPath, Place],
) -> list[Problem]:
    """Merge one file's fields into the declaration: lists add up, mappings merge, scalars must not clash."""
    problems = []
    for key, value in data.items():
        here = (*path, key)
        if key not in into:
            into[key] = value
        elif isinstance(into[key], list) and isinstance(value, list):
            offsets[here] = len(into[key])
            into[key].extend(value)
        elif isinstance(into[key], dict) and isinstance(value, dict):
            problems.extend(_merge(into[key], value, here, offsets, sources, places))
        else:
            mine = places.get(here)
            where = mine if mine is not None else Place(sources.root)
            problems.append(Problem(Place(where.file, where.line, where.column, here), MERGE_CONFLICT,
                                    {"field": ".".join(map(str, here)), "other": sources.place(here).file}))
    return problems


def _shift(path: FieldPath, offsets: dict[FieldPath, int]) -> FieldPath:
    """Where a field of a merged file ends up once its lists are appended to the earlier files' lists."""
    for i, part in enumerate(path):
        if isinstance(part, int) and path[:i] in offsets:
            return (*path[:i], part + offsets[path[:i]], *path[i + 1:])
    return path
