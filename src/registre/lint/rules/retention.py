"""Storage limitation: every activity says how long its data are kept (GDPR Art. 5(1)(e), 13(2)(a), 30(1)(f))."""

from __future__ import annotations

from collections.abc import Iterator

from registre.declarations.describe import duration
from registre.i18n import Msg
from registre.lint.engine import Context, Hit, Severity, each_activity, rule

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
    for _, activity in each_activity(context):
        for placed in context.declared.rules(activity):
            if placed.rule.duration is None and not placed.rule.events:
                yield Hit(placed.path, {"activity": activity.id})


@rule("RET-NO-START", W, "GDPR Art. 13(2)(a)",
      Msg(en="Retention period without a starting point", fr="Durée de conservation sans point de départ"),
      Msg(en="A retention rule of '{activity}' gives a duration ({duration}) but not the event it runs from.",
          fr="Une règle de conservation de « {activity} » donne une durée ({duration}) mais pas l'événement "
             "à partir duquel elle court."))
def no_start(context: Context) -> Iterator[Hit]:
    """A duration says what it counts from."""
    for _, activity in each_activity(context):
        for placed in context.declared.rules(activity):
            rule_ = placed.rule
            if rule_.duration is not None and not rule_.events and rule_.anchor is None:
                yield Hit(placed.path, {"activity": activity.id, "duration": duration(rule_.duration, "en")})


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
