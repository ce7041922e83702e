"""Read a declaration from YAML, one file or a folder of files, keeping the file and line of every field."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

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
    try:
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
