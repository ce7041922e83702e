"""Lint rules, their registry and the run that turns a declaration into findings."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from registre.declarations.declared import Declared
from registre.declarations.loader import FieldPath
from registre.errors import Place
from registre.i18n import Lang, Msg


class Severity(StrEnum):
    """How bad a finding is: an error breaks the law as written; a warning is a risk or a gap to look at."""

    error = "error"
    warning = "warning"

    @property
    def rank(self) -> int:
        """0 for the gravest: errors come first."""
        return 0 if self is Severity.error else 1

    def at_least(self, floor: Severity) -> bool:
        """Whether this severity is `floor` or graver."""
        return self.rank <= floor.rank


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule looks at: the declaration, and the day the law is read on."""

    declared: Declared
    on: dt.date


@dataclass(frozen=True, slots=True)
class Hit:
    """A place where a rule is broken, with the values its message names."""

    path: FieldPath
    params: dict[str, Any] = field(default_factory=dict)
    apart: str = ""  # hits on the same line with different `apart` values make separate findings


Check = Callable[[Context], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule: a stable code, a severity, the article or law it rests on, and its check."""

    code: str
    severity: Severity
    basis: str
    title: Msg
    message: Msg
    check: Check


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a declaration breaks, where, and why; once per rule and line, naming every activity concerned."""

    rule: Rule
    place: Place
    params: dict[str, Any]
    activities: tuple[str, ...] = ()
    fingerprint: str = ""  # of what the finding points to: a waiver lapses when it changes

    @property
    def code(self) -> str:
        """The rule's stable code."""
        return self.rule.code

    @property
    def severity(self) -> Severity:
        """The rule's severity."""
        return self.rule.severity

    def text(self, lang: Lang) -> str:
        """The finding in plain words."""
        return self.rule.message(lang, **self.params)

    def as_dict(self, lang: Lang) -> dict[str, Any]:
        """The finding as JSON-ready data."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "basis": self.rule.basis,
            "title": self.rule.title(lang),
            "message": self.text(lang),
            "file": self.place.file,
            "line": self.place.line,
            "column": self.place.column,
            "field": self.place.field,
            "activities": list(self.activities),
            "fingerprint": self.fingerprint,
        }


RULES: dict[str, Rule] = {}


def rule(code: str, severity: Severity, basis: str, title: Msg, message: Msg) -> Callable[[Check], Check]:
    """Register a check as a lint rule under a stable code."""

    def register(check: Check) -> Check:
        if code in RULES:
            raise RuntimeError(f"lint rule {code} is registered twice")
        RULES[code] = Rule(code, severity, basis, title, message, check)
        return check

    return register


def run(declared: Declared, on: dt.date) -> list[Finding]:
    """Every finding of every rule on a declaration, errors first, then in file order."""
    from registre.lint import rules  # noqa: F401  (registers the rules)

    context = Context(declared, on)
    findings = [finding for r in RULES.values() for finding in once_per_line(r, r.check(context), declared)]
    findings.sort(key=lambda f: (f.severity.rank, f.place.file, f.place.line or 0, f.code))
    return findings


def each_activity(context: Context) -> Iterator[tuple[FieldPath, Any]]:
    """Each activity of the declaration with its path."""
    for index, activity in enumerate(context.declared.declaration.activities):
        yield ("activities", index), activity


def once_per_line(rule_: Rule, hits: Iterable[Hit], declared: Declared) -> list[Finding]:
    """The rule's hits as findings, one per line of the declaration: hits on the same line (an activity's subject
    categories, a shared rule, a flow list) become one finding whose parameters list every value, activities
    included."""
    groups: dict[tuple[str, int | str, str], tuple[Place, list[dict[str, Any]]]] = {}
    for hit in hits:
        place = declared.place(hit.path)
        key = (place.file, place.line if place.line is not None else place.field, hit.apart)
        groups.setdefault(key, (place, []))[1].append(hit.params)
    return [Finding(rule_, place, _merged(params), _activities(params), fingerprint(declared, place.path))
            for place, params in groups.values()]


def fingerprint(declared: Declared, path: FieldPath) -> str:
    """A short hash of what the declaration states at `path` (as written, defaults left out): it changes when that
    part of the declaration changes."""
    node: Any = declared.declaration
    for part in path:
        if isinstance(node, BaseModel) and isinstance(part, str):
            name = next((n for n, f in type(node).model_fields.items() if part in (n, f.alias)), None)
            if name is None:
                break
            node = getattr(node, name)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            break
    text = json.dumps(_plain(node), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _plain(node: Any) -> Any:
    if isinstance(node, BaseModel):
        return node.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(node, list):
        return [_plain(item) for item in node]
    return to_jsonable_python(node)


_ACTIVITY_SEPARATOR = "', '"  # messages quote '{activity}' (« {activity} » in French): 'a', 'b' / « a », « b »
_ACTIVITY_SEPARATOR_FR = " », « "


def several(activities: Iterable[str]) -> str | Msg:
    """Several activities as one `activity` parameter, quoted in each language's way: 'a', 'b' / « a », « b »."""
    names = list(dict.fromkeys(activities))
    if len(names) == 1:
        return names[0]
    return Msg(en=_ACTIVITY_SEPARATOR.join(names), fr=_ACTIVITY_SEPARATOR_FR.join(names))


def _names(value: Any) -> list[str]:
    """The activities an `activity` parameter names."""
    if isinstance(value, Msg):
        return value.en.split(_ACTIVITY_SEPARATOR)
    return value.split(_ACTIVITY_SEPARATOR) if isinstance(value, str) else []


def _merged(params: list[dict[str, Any]]) -> dict[str, Any]:
    """The parameters of several hits as one: each value once, several values joined."""
    if len(params) == 1:
        return params[0]
    out: dict[str, Any] = {}
    for key in params[0]:
        if key == "activity":
            out[key] = several(name for one in params for name in _names(one.get(key)))
            continue
        values: list[Any] = []
        for one in params:
            if key in one and one[key] not in values:
                values.append(one[key])
        out[key] = values[0] if len(values) == 1 else _join(values)
    return out


def _join(values: list[Any]) -> Any:
    if any(isinstance(v, Msg) for v in values):
        return Msg(en=", ".join(v("en") if isinstance(v, Msg) else str(v) for v in values),
                   fr=", ".join(v("fr") if isinstance(v, Msg) else str(v) for v in values))
    return ", ".join(str(v) for v in values)


def _activities(params: list[dict[str, Any]]) -> tuple[str, ...]:
    """The activities the hits name, each once, in order."""
    return tuple(dict.fromkeys(name for one in params for name in _names(one.get("activity"))))
