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
    AutomatedStatement,
    DataCategory,
    Declaration,
    LegalBasisEntry,
    Measure,
    Minors,
    Recipient,
    RetentionRule,
    Source,
    StatedNone,
    SubjectCategory,
    Transfer,
    listed,
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
    subjects: list[str] | None = None  # whose data these are; None: the activity's people


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

    def measures(self, activity: Activity) -> list[Measure]:
        """The activity's own security measures, or the declaration's when it names none (`[]`: none at all)."""
        if activity.security_measures is not None:
            return activity.security_measures
        return self.declaration.security_measures

    def pairs(self, activity: Activity) -> list[tuple[Recipient, list[str] | None]]:
        """Each recipient attached to the activity with the data it receives (None: the policy does not say
        which of the activity's data)."""
        return [(self.recipients[use.id], use.data) for use in listed(activity.recipients)]

    def receives(self, recipient: str, activity: Activity, data: str | None = None) -> bool:
        """Whether a recipient may receive the activity's data (that category, when given): attached to it and, if
        the policy names its data, among them; a recipient listed for all activities receives them all."""
        found = self.recipients.get(recipient)
        if found is not None and found.all_activities:
            return data is None or data in activity.data
        return any(use.id == recipient and (data is None or use.data is None or data in use.data)
                   for use in listed(activity.recipients))

    def for_all_activities(self) -> list[Recipient]:
        """The recipients the policy lists for all its purposes together, without saying who receives what."""
        return [r for r in self.declaration.recipients if r.all_activities]

    def unattached(self) -> list[Recipient]:
        """The declared recipients attached to no activity and not listed for all of them."""
        used = {r for a in self.declaration.activities for r in a.recipient_ids}
        used |= {t.recipient for a in self.declaration.activities for t in a.transfer_list if t.recipient}
        return [r for r in self.declaration.recipients if r.id not in used and not r.all_activities]

    def sources_of(self, activity: Activity) -> list[Source] | None:
        """Where the activity's data come from: its own sources, else the policy's for every activity; None when
        the policy does not say."""
        return activity.sources if activity.sources is not None else self.declaration.sources

    def transfers(self, activity: Activity) -> list[Transfer] | StatedNone | None:
        """The activity's transfers: its list, `none` when it or the whole policy states there is none, or None
        when the policy does not say."""
        if activity.transfers is not None:
            return activity.transfers
        return self.declaration.transfers

    def automated(self, activity: Activity) -> AutomatedStatement:
        """Whether the activity profiles and takes decisions based solely on automated processing: its own
        statement, else the policy's for every activity; None where neither says."""
        own, policy = activity.automated, self.declaration.automated
        profiling = own.profiling if own is not None and own.profiling is not None else None
        solely = own.solely_automated if own is not None and own.solely_automated is not None else None
        if policy is not None:
            profiling = policy.profiling if profiling is None else profiling
            solely = policy.solely_automated if solely is None else solely
        return AutomatedStatement(profiling=profiling, solely_automated=solely)

    def markets(self, activity: Activity) -> bool:
        """Whether the activity prospects or profiles for direct marketing: it says so, or a marketing channel
        belongs to it."""
        return activity.direct_marketing or any(c.activity == activity.id for c in self.declaration.marketing)

    def data_subjects(self, activity: Activity, data: str) -> list[str]:
        """The people of the activity whose data of that category are processed."""
        whose = self.data[data].subjects
        return [s for s in activity.subjects if whose is None or s in whose]

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
ALL_AND_ATTACHED = Msg(
    en="'{name}' is listed for all activities ('all_activities') and also attached to an activity: say one or the "
       "other.",
    fr="« {name} » est indiqué pour tous les traitements (« all_activities ») et rattaché aussi à un traitement : "
       "choisissez l'un ou l'autre.",
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
    _measures(declaration.security_measures, ("security_measures",), check)
    for index, recipient in enumerate(declaration.recipients):
        if recipient.all_activities and any(recipient.id in a.recipient_ids for a in declaration.activities):
            check.add(("recipients", index, "all_activities"), ALL_AND_ATTACHED, name=recipient.id)
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
    for index, clause in enumerate(declaration.clauses.consent_by_use):
        check.known(clause.activities or [], activity_ids, "activity",
                    ("clauses", "consent_by_use", index, "activities"))
    for index, item in enumerate(declaration.data_categories):
        if not isinstance(item, str) and item.subjects is not None:
            check.known(item.subjects, subjects, "subject", ("data_categories", index, "subjects"))
    if check.problems:
        raise DeclarationInvalid(check.problems)
    return Declared(declaration, sources, subjects, data, events, authorities, recipients, rules_by_activity)


def _measures(items: list[Measure], path: FieldPath, check: _Checker) -> None:
    """Report each catalogue id that is not one; a measure in the policy's own words is taken as it is."""
    for index, item in enumerate(items):
        if isinstance(item, str):
            check.one(item, catalog.SECURITY_MEASURES, "measure", (*path, index))


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
        out[category.id] = DataInfo(category.id, label, category.examples, kind, special, origin, category.subjects)
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
    for index, use in enumerate(listed(activity.recipients)):
        check.one(use.id, recipients, "recipient", (*path, "recipients", index))
        check.within(use.data or [], activity.data, "data", (*path, "recipients", index, "data"))
    for index, basis in enumerate(activity.legal_bases):
        check.within(basis.subjects or [], activity.subjects, "subjects", (*path, "legal_bases", index, "subjects"))
    for index, source in enumerate(activity.sources or []):
        check.within(source.data or [], activity.data, "data", (*path, "sources", index, "data"))
        check.within(source.subjects or [], activity.subjects, "subjects", (*path, "sources", index, "subjects"))
    if activity.provision is not None:
        check.within(listed(activity.provision.mandatory), activity.data, "data", (*path, "provision", "mandatory"))
    for index, transfer in enumerate(activity.transfer_list):
        if transfer.recipient is not None:
            check.one(transfer.recipient, recipients, "recipient", (*path, "transfers", index, "recipient"))
    if activity.security_measures is not None:
        _measures(activity.security_measures, (*path, "security_measures"), check)
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
