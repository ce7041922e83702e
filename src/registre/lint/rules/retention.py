"""Storage limitation: every activity says how long its data are kept (GDPR Art. 5(1)(e), 13(2)(a), 30(1)(f))."""

from __future__ import annotations

from collections.abc import Iterator

from registre.declarations.describe import duration
from registre.declarations.loader import FieldPath
from registre.declarations.schemas import Clause, Duration, Group, RetentionRule
from registre.i18n import Msg
from registre.law.retention import Bound, KeepingPeriod, cited, with_threshold
from registre.lint.engine import Context, Hit, Severity, each_activity, rule, several

E, W = Severity.error, Severity.warning


@rule("RET-MISSING", E, "GDPR Art. 5(1)(e), 13(2)(a), 14(2)(a)",
      Msg(en="Retention period missing", fr="Durée de conservation absente"),
      Msg(en="Activity '{activity}' says nothing of how long its data are kept.",
          fr="Le traitement « {activity} » ne dit rien de la durée de conservation de ses données."))
def missing(context: Context) -> Iterator[Hit]:
    """Every activity has at least one retention rule."""
    for path, activity in each_activity(context):
        if not activity.retention:
            yield Hit(path, {"activity": activity.id})


@rule("RET-UNDETERMINED", E, "GDPR Art. 13(2)(a), 14(2)(a)",
      Msg(en="Retention not determinable", fr="Durée de conservation indéterminable"),
      Msg(en="A retention rule of '{activity}' gives neither a duration nor an event to count from.",
          fr="Une règle de conservation de « {activity} » ne donne ni durée ni événement de départ."))
def undetermined(context: Context) -> Iterator[Hit]:
    """A rule gives a duration or an event (or both)."""
    for path, activities, rule_ in _each_rule(context):
        if rule_.duration is None and not rule_.events:
            yield Hit(path, {"activity": activities})


@rule("RET-NO-START", W, "GDPR Art. 13(2)(a)",
      Msg(en="Retention period without a starting point", fr="Durée de conservation sans point de départ"),
      Msg(en="A retention rule of '{activity}' gives a duration ({duration}) but not the event it runs from.",
          fr="Une règle de conservation de « {activity} » donne une durée ({duration}) mais pas l'événement "
             "à partir duquel elle court."))
def no_start(context: Context) -> Iterator[Hit]:
    """A duration says what it counts from."""
    for path, activities, rule_ in _each_rule(context):
        if rule_.duration is not None and not rule_.events and rule_.anchor is None:
            yield Hit(path, {"activity": activities, "duration": Msg(
                en=duration(rule_.duration, "en"), fr=duration(rule_.duration, "fr"))})


@rule("RET-GAP", W, "GDPR Art. 5(1)(e), 30(1)(f)",
      Msg(en="Data without a retention rule", fr="Données sans règle de conservation"),
      Msg(en="In '{activity}', no unconditional rule covers {pairs}.",
          fr="Dans « {activity} », aucune règle sans condition ne couvre : {pairs}."))
def gap(context: Context) -> Iterator[Hit]:
    """Every data category of every subject category of an activity is covered by a rule with no condition."""
    for path, activity in each_activity(context):
        rules = [p.rule for p in context.declared.rules(activity) if p.rule.when is None]
        if not activity.retention:
            continue  # RET-MISSING says it
        uncovered = [
            f"{data} / {subject}"
            for data in activity.data
            for subject in activity.subjects
            if not any((r.data is None or data in r.data) and (r.subjects is None or subject in r.subjects)
                       for r in rules)
        ]
        if uncovered:
            yield Hit((*path, "retention"), {"activity": activity.id, "pairs": ", ".join(uncovered)})


def _each_rule(context: Context) -> Iterator[tuple[FieldPath, str | Msg, RetentionRule]]:
    """Each retention rule once, at its own place (a shared rule too), with the activities it applies to."""
    found: dict[FieldPath, tuple[list[str], RetentionRule]] = {}
    for _, activity in each_activity(context):
        for placed in context.declared.rules(activity):
            found.setdefault(placed.path, ([], placed.rule))[0].append(activity.id)
    for path, (activities, rule_) in found.items():
        yield path, several(activities), rule_


def _laws(context: Context) -> Iterator[tuple[FieldPath, str | Msg, RetentionRule, list[KeepingPeriod]]]:
    """Each retention rule once, with the periods of law/retention it cites: by its `law`, its label or note, or an
    amount threshold in its condition."""
    for path, activities, rule_ in _each_rule(context):
        texts = [t for part in (rule_.law, rule_.label, rule_.note) if part is not None for t in (part.fr, part.en)]
        found = cited(texts)
        found += [p for clause in _clauses(rule_.when) if isinstance(clause.value, int | float)
                  for p in with_threshold(float(clause.value)) if p not in found]
        yield path, activities, rule_, found


def _clauses(test: Clause | Group | None) -> Iterator[Clause]:
    if test is None:
        return
    if isinstance(test, Clause):
        yield test
        return
    for part in [*test.all, *(test.any or []), *([test.not_] if test.not_ is not None else [])]:
        yield from _clauses(part)


def _kept_months(rule_: RetentionRule) -> float | None:
    """How long the rule keeps data in all, archive included (None: no duration given)."""
    if rule_.duration is None:
        return None if not rule_.events else 0.0
    return rule_.duration.total_months + (rule_.archive.duration.total_months if rule_.archive else 0.0)


def _months(months: float) -> Msg:
    """A number of months in words, in both languages."""
    whole = round(months)
    period = Duration(years=whole // 12, months=whole % 12)
    return Msg(en=duration(period, "en"), fr=duration(period, "fr"))


@rule("RET-BELOW-MINIMUM", E, "GDPR Art. 17(3)(b); the law cited (registre.law.retention)",
      Msg(en="Retention shorter than the law requires", fr="Conservation plus courte que ce que la loi impose"),
      Msg(en="A retention rule of '{activity}' keeps the data {declared}, but {source} requires {period} "
             "({title}).",
          fr="Une règle de conservation de « {activity} » garde les données {declared}, mais {source} impose "
             "{period} ({title})."))
def below_minimum(context: Context) -> Iterator[Hit]:
    """A rule that cites a keeping obligation keeps at least as long as it."""
    yield from _beyond(context, Bound.minimum)


@rule("RET-ABOVE-MAXIMUM", W, "GDPR Art. 5(1)(e); the law cited (registre.law.retention)",
      Msg(en="Retention longer than the law allows", fr="Conservation plus longue que ce que la loi permet"),
      Msg(en="A retention rule of '{activity}' keeps the data {declared}, but {source} allows at most {period} "
             "({title}).",
          fr="Une règle de conservation de « {activity} » garde les données {declared}, mais {source} permet au "
             "plus {period} ({title})."))
def above_maximum(context: Context) -> Iterator[Hit]:
    """A rule that cites a maximum keeps no longer than it."""
    yield from _beyond(context, Bound.maximum)


def _beyond(context: Context, bound: Bound) -> Iterator[Hit]:
    """The rules that keep data shorter than a minimum they cite, or longer than a maximum."""
    for path, activity, rule_, periods in _laws(context):
        kept = _kept_months(rule_)
        for period in periods:
            if period.bound is not bound or kept is None:
                continue
            if kept < period.months if bound is Bound.minimum else kept > period.months:
                yield Hit(path, {"activity": activity, "declared": _months(kept), "source": period.source,
                                 "period": _months(period.months), "title": period.title})


_MISSES = {"ge": {"gt", "le"}, "le": {"lt", "ge"}}
_SYMBOLS = {"eq": "=", "ne": "≠", "gt": ">", "ge": "≥", "lt": "<", "le": "≤"}
_INCLUSIVE = {"ge": Msg(en="{value} {unit} or more", fr="{value} {unit} ou plus"),
              "le": Msg(en="{value} {unit} or less", fr="{value} {unit} ou moins")}


@rule("RET-THRESHOLD", E, "The law cited (registre.law.retention)",
      Msg(en="Threshold written differently from the law's", fr="Seuil écrit autrement que celui de la loi"),
      Msg(en="A condition of '{activity}' tests {attribute} {written} {value}, but {source} applies to {law}: the "
             "records at exactly {value} fall under the wrong rule.",
          fr="Une condition de « {activity} » teste {attribute} {written} {value}, mais {source} s'applique à "
             "{law} : les enregistrements à exactement {value} relèvent de la mauvaise règle."))
def threshold(context: Context) -> Iterator[Hit]:
    """An amount threshold of the law is written with the law's own comparison (L213-1: 120 euros or more)."""
    for path, activity, rule_, _ in _laws(context):
        for clause in _clauses(rule_.when):
            if not isinstance(clause.value, int | float) or isinstance(clause.value, bool):
                continue
            for period in with_threshold(float(clause.value)):
                assert period.threshold is not None
                if clause.op in _MISSES.get(period.threshold.op, set()):
                    yield Hit((*path, "when"), {"activity": activity, "attribute": clause.attribute,
                                                "written": _SYMBOLS[clause.op], "value": f"{clause.value:g}",
                                                "source": period.source, "law": _bound(period)})


def _bound(period: KeepingPeriod) -> Msg:
    """The law's threshold in words, in both languages ("120 EUR or more")."""
    assert period.threshold is not None
    words = _INCLUSIVE[period.threshold.op]
    value, unit = f"{period.threshold.value:g}", period.threshold.unit
    return Msg(en=words("en", value=value, unit=unit), fr=words("fr", value=value, unit=unit))
