"""A validated declaration with its names resolved: built-in categories, events and authorities looked up,
shared retention rules put in place, and every reference between parts checked."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from registre.declarations import catalog
from registre.declarations.catalog import DataKind, Origin, Special, SubjectKind
from registre.declarations.loader import FieldPath, SourceMap
from registre.declarations.schemas import (
    Activity,
    Authority,
    DataCategory,
    Declaration,
    LegalBasisEntry,
    Minors,
    Recipient,
    RetentionRule,
    SubjectCategory,
)
from registre.errors import DeclarationInvalid, Place, Problem
from registre.i18n import Lang, Msg

Label = Callable[[Lang], str]


@dataclass(frozen=True, slots=True)
class SubjectInfo:
    """A subject category, built in or declared."""

    id: str
    label: Label
    kind: SubjectKind
    minors: Minors | None


@dataclass(frozen=True, slots=True)
class DataInfo:
    """A data category, built in or declared."""

    id: str
    label: Label
    examples: Label | None
    kind: DataKind
    special: Special | None
    origin: Origin


@dataclass(frozen=True, slots=True)
class EventInfo:
    """A lifecycle event, built in or declared."""

    id: str
    name: Label
    during: Label | None


@dataclass(frozen=True, slots=True)
class AuthorityInfo:
    """A supervisory authority, built in or declared."""

    id: str
    name: Label
    country: str
    address: str | None
    phone: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class PlacedRule:
    """A retention rule that applies to an activity, and the path where it is written."""

    rule: RetentionRule
    path: FieldPath
    from_default: bool = False  # the rule had no `from`: it runs from `retention_defaults.from`


@dataclass(frozen=True)
class Declared:
    """A declaration ready to be read: validated, references resolved, each part's place known."""

    declaration: Declaration
    sources: SourceMap
    subjects: dict[str, SubjectInfo]
    data: dict[str, DataInfo]
    events: dict[str, EventInfo]
    authorities: list[AuthorityInfo]
    recipients: dict[str, Recipient]
    rules_by_activity: dict[str, list[PlacedRule]]

    def place(self, path: FieldPath) -> Place:
        """The file, line and column of a field."""
        return self.sources.place(path)

    def rules(self, activity: Activity) -> list[PlacedRule]:
        """The retention rules that apply to an activity, shared ones included."""
        return self.rules_by_activity[activity.id]

    def activity(self, name: str | None) -> Activity | None:
        """The declared processing activity of that id, or None."""
        return next((a for a in self.declaration.activities if a.id == name), None)

    def measures(self, activity: Activity) -> list[str]:
        """The activity's own security measures, or the declaration's when it names none (`[]`: none at all)."""
        if activity.security_measures is not None:
            return activity.security_measures
        return self.declaration.security_measures

    def bases_for(self, activity: Activity, subject: str | None) -> list[LegalBasisEntry]:
        """The legal bases an activity rests on for one subject category (all of them when the category is not
        known, as for a person found only by an identifier)."""
        return [b for b in activity.legal_bases if subject is None or b.subjects is None or subject in b.subjects]


UNKNOWN = Msg(
    en="'{name}' is not a declared {kind}; declared: {known}.",
    fr="« {name} » n'est pas un(e) {kind_fr} déclaré(e) ; déclaré(e)s : {known}.",
)
DUPLICATE = Msg(en="'{name}' is declared twice.", fr="« {name} » est déclaré deux fois.")
NEEDS_LABEL = Msg(
    en="'{name}' is not built in: give it a label (fr and en).",
    fr="« {name} » n'est pas prédéfini : donnez-lui un libellé (label, fr et en).",
)
NEEDS_KIND = Msg(
    en="'{name}' is not built in: say which register row it belongs to with 'kind' ({kinds}).",
    fr="« {name} » n'est pas prédéfini : indiquez sa rubrique du registre avec « kind » ({kinds}).",
)
NOT_IN_ACTIVITY = Msg(
    en="'{name}' is not among this activity's {field} ({known}).",
    fr="« {name} » ne figure pas dans les {field} de ce traitement ({known}).",
)
SHARED_RULE_NEEDS_ID = Msg(
    en="A shared retention rule needs an 'id' so that activities can name it.",
    fr="Une règle de conservation partagée a besoin d'un « id » pour que les traitements la nomment.",
)

_KINDS: dict[str, tuple[str, str]] = {
    "subject": ("subject category", "catégorie de personnes"),
    "data": ("data category", "catégorie de données"),
    "recipient": ("recipient", "destinataire"),
    "event": ("lifecycle event", "événement"),
    "rule": ("shared retention rule", "règle de conservation partagée"),
    "authority": ("supervisory authority", "autorité de contrôle"),
    "activity": ("processing activity", "traitement"),
    "measure": ("security measure", "mesure de sécurité"),
}


class _Checker:
    """Collects the problems of references between the parts of a declaration."""

    def __init__(self, sources: SourceMap) -> None:
        self.sources = sources
        self.problems: list[Problem] = []

    def add(self, path: FieldPath, message: Msg, **params: Any) -> None:
        self.problems.append(Problem(self.sources.place(path), message, params))

    def known(self, names: Iterable[str], known: Iterable[str], kind: str, path: FieldPath) -> None:
        """Report each name that is not among `known`."""
        known_set = list(known)
        for index, name in enumerate(names):
            if name not in known_set:
                en, fr = _KINDS[kind]
                self.add((*path, index), UNKNOWN, name=name, kind=en, kind_fr=fr, known=", ".join(known_set) or "—")

    def one(self, name: str, known: Iterable[str], kind: str, path: FieldPath) -> None:
        """Report `name`, at `path`, if it is not among `known`."""
        known_list = list(known)
        if name not in known_list:
            en, fr = _KINDS[kind]
            self.add(path, UNKNOWN, name=name, kind=en, kind_fr=fr, known=", ".join(known_list) or "—")

    def within(self, names: Iterable[str], allowed: list[str], field: str, path: FieldPath) -> None:
        """Report each name that is not among the activity's own `allowed` names."""
        for index, name in enumerate(names):
            if name not in allowed:
                self.add((*path, index), NOT_IN_ACTIVITY, name=name, field=field, known=", ".join(allowed))

    def unique(self, ids: list[str], path: FieldPath, sub: str | None = "id") -> None:
        seen: set[str] = set()
        for index, name in enumerate(ids):
            if name in seen:
                self.add((*path, index, sub) if sub else (*path, index), DUPLICATE, name=name)
            seen.add(name)


def resolve(declaration: Declaration, sources: SourceMap) -> Declared:
    """Look up every name the declaration uses; raise `DeclarationInvalid` naming each unknown one."""
    check = _Checker(sources)
    subjects = _subjects(declaration.subject_categories, check)
    data = _data(declaration.data_categories, check)
    events = _events(declaration, check)
    authorities = _authorities(declaration.authorities, check)
    recipients = {r.id: r for r in declaration.recipients}
    check.unique([r.id for r in declaration.recipients], ("recipients",))
    check.unique([a.id for a in declaration.activities], ("activities",))
    shared: dict[str, tuple[RetentionRule, FieldPath]] = {}
    for index, rule in enumerate(declaration.retention):
        path: FieldPath = ("retention", index)
        if rule.id is None:
            check.add(path, SHARED_RULE_NEEDS_ID)
            continue
        if rule.id in shared:
            check.add((*path, "id"), DUPLICATE, name=rule.id)
        shared[rule.id] = (rule, path)
        _rule(rule, path, list(data), list(subjects), events, check)
    check.known(declaration.security_measures, catalog.SECURITY_MEASURES, "measure", ("security_measures",))
    default = declaration.retention_defaults.start
    if default is not None:
        check.one(default, events, "event", ("retention_defaults", "from"))
    rules_by_activity = {
        a.id: [_from_default(p, default) for p in
               _activity(a, ("activities", i), subjects, data, events, recipients, shared, check)]
        for i, a in enumerate(declaration.activities)
    }
    activity_ids = [a.id for a in declaration.activities]
    for index, channel in enumerate(declaration.marketing):
        path = ("marketing", index)
        if channel.activity is not None:
            check.one(channel.activity, activity_ids, "activity", (*path, "activity"))
        for r_index, marketing_rule in enumerate(channel.rules):
            check.known(marketing_rule.subjects or [], subjects, "subject", (*path, "rules", r_index, "subjects"))
    if check.problems:
        raise DeclarationInvalid(check.problems)
    return Declared(declaration, sources, subjects, data, events, authorities, recipients, rules_by_activity)


def _subjects(items: list[str | SubjectCategory], check: _Checker) -> dict[str, SubjectInfo]:
    out: dict[str, SubjectInfo] = {}
    for index, item in enumerate(items):
        category = SubjectCategory(id=item) if isinstance(item, str) else item
        builtin = catalog.SUBJECT_CATEGORIES.get(category.id)
        path: FieldPath = ("subject_categories", index)
        if category.id in out:
            check.add(path, DUPLICATE, name=category.id)
        label: Label | None = category.label or (builtin[0] if builtin else None)
        if label is None:
            check.add(path, NEEDS_LABEL, name=category.id)
            continue
        kind = category.kind or (builtin[1] if builtin else SubjectKind.other)
        out[category.id] = SubjectInfo(category.id, label, kind, category.minors)
    return out


def _data(items: list[str | DataCategory], check: _Checker) -> dict[str, DataInfo]:
    out: dict[str, DataInfo] = {}
    for index, item in enumerate(items):
        category = DataCategory(id=item) if isinstance(item, str) else item
        builtin = catalog.DATA_CATEGORIES.get(category.id)
        path: FieldPath = ("data_categories", index)
        if category.id in out:
            check.add(path, DUPLICATE, name=category.id)
        label: Label | None = category.label or (builtin.label if builtin else None)
        kind = category.kind or (builtin.kind if builtin else None)
        if label is None:
            check.add(path, NEEDS_LABEL, name=category.id)
        if kind is None:
            check.add(path, NEEDS_KIND, name=category.id, kinds=", ".join(k.value for k in DataKind))
        if label is None or kind is None:
            continue
        special = category.special or (builtin.special if builtin else None)
        if special is None and kind is DataKind.special:
            special = Special.art9
        if special is None and kind is DataKind.criminal:
            special = Special.art10
        origin = category.origin or (builtin.origin if builtin else Origin.provided)
        out[category.id] = DataInfo(category.id, label, category.examples, kind, special, origin)
    return out


def _events(declaration: Declaration, check: _Checker) -> dict[str, EventInfo]:
    out = {key: EventInfo(key, e.name, e.during) for key, e in catalog.EVENTS.items()}
    check.unique([e.id for e in declaration.events], ("events",))
    for event in declaration.events:
        out[event.id] = EventInfo(event.id, event.name, event.during)
    return out


def _authorities(items: list[str | Authority], check: _Checker) -> list[AuthorityInfo]:
    out = []
    for index, item in enumerate(items):
        if isinstance(item, Authority):
            out.append(AuthorityInfo(item.id, item.name, item.country, item.address, item.phone, item.url))
        elif (builtin := catalog.AUTHORITIES.get(item)) is not None:
            out.append(AuthorityInfo(item, builtin.name, builtin.country, builtin.address, builtin.phone, builtin.url))
        else:
            check.one(item, catalog.AUTHORITIES, "authority", ("authorities", index))
    return out


def _from_default(placed: PlacedRule, default: str | None) -> PlacedRule:
    """A rule with a duration and no event runs from the declaration's default event, when it names one."""
    rule = placed.rule
    if default is None or rule.duration is None or rule.events:
        return placed
    return PlacedRule(rule.model_copy(update={"start": default}), placed.path, from_default=True)


def _rule(rule: RetentionRule, path: FieldPath, data: list[str], subjects: list[str],
          events: dict[str, EventInfo], check: _Checker) -> None:
    check.known(rule.data or [], data, "data", (*path, "data"))
    check.known(rule.subjects or [], subjects, "subject", (*path, "subjects"))
    if isinstance(rule.start, list):
        check.known(rule.start, events, "event", (*path, "from"))
    elif rule.start is not None:
        check.one(rule.start, events, "event", (*path, "from"))
    if rule.archive is not None and rule.archive.start is not None:
        check.one(rule.archive.start, events, "event", (*path, "archive", "from"))


def _activity(
    activity: Activity,
    path: FieldPath,
    subjects: dict[str, SubjectInfo],
    data: dict[str, DataInfo],
    events: dict[str, EventInfo],
    recipients: dict[str, Recipient],
    shared: dict[str, tuple[RetentionRule, FieldPath]],
    check: _Checker,
) -> list[PlacedRule]:
    check.known(activity.subjects, subjects, "subject", (*path, "subjects"))
    check.known(activity.data, data, "data", (*path, "data"))
    check.known(activity.recipients, recipients, "recipient", (*path, "recipients"))
    for index, basis in enumerate(activity.legal_bases):
        check.within(basis.subjects or [], activity.subjects, "subjects", (*path, "legal_bases", index, "subjects"))
    for index, source in enumerate(activity.sources):
        check.within(source.data or [], activity.data, "data", (*path, "sources", index, "data"))
    if activity.provision is not None:
        check.within(activity.provision.mandatory, activity.data, "data", (*path, "provision", "mandatory"))
    for index, transfer in enumerate(activity.transfers):
        if transfer.recipient is not None:
            check.one(transfer.recipient, recipients, "recipient", (*path, "transfers", index, "recipient"))
    if activity.security_measures is not None:
        check.known(activity.security_measures, catalog.SECURITY_MEASURES, "measure", (*path, "security_measures"))
    placed: list[PlacedRule] = []
    for index, item in enumerate(activity.retention):
        rule_path: FieldPath = (*path, "retention", index)
        if isinstance(item, str):
            check.one(item, shared, "rule", rule_path)
            if item in shared:
                placed.append(PlacedRule(*shared[item]))
            continue
        _rule(item, rule_path, activity.data, activity.subjects, events, check)
        placed.append(PlacedRule(item, rule_path))
    return placed
