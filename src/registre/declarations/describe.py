"""Retention rules and durations in plain French and English, for the notice and the register."""

from __future__ import annotations

import re

from registre.declarations.declared import Declared
from registre.declarations.labels import END_ACTIONS
from registre.declarations.schemas import Duration, EndAction, RetentionRule
from registre.i18n import Lang, Msg

_UNITS: dict[str, tuple[Msg, Msg]] = {
    "years": (Msg(en="{n} year", fr="{n} an"), Msg(en="{n} years", fr="{n} ans")),
    "months": (Msg(en="{n} month", fr="{n} mois"), Msg(en="{n} months", fr="{n} mois")),
    "days": (Msg(en="{n} day", fr="{n} jour"), Msg(en="{n} days", fr="{n} jours")),
}
AND = Msg(en=" and ", fr=" et ")
OR = Msg(en=" or ", fr=" ou ")
NONE = Msg(en="no time at all", fr="aucune durée")

FROM = Msg(en="{duration} from {event}", fr="{duration} à compter de {event}")
FROM_LATEST = Msg(en="{duration} from {events}, whichever is later",
                  fr="{duration} à compter de {events}, la date la plus tardive étant retenue")
FROM_FIRST = Msg(en="{duration} from {events}, whichever comes first",
                 fr="{duration} à compter de {events}, selon ce qui survient en premier")
UNTIL_FIRST = Msg(en="until {events}, whichever comes first", fr="jusqu'à {events}, selon ce qui survient en premier")
REQUIRED = Msg(en="kept for this period as required by {law}", fr="conservées pendant cette durée en application de "
                                                                 "{law}")
MINIMUM = Msg(en="a minimum the law requires", fr="durée minimale imposée par la loi")
FROM_YEAR_END = Msg(en="{duration} from the end of the financial year of {event}",
                    fr="{duration} à compter de la clôture de l'exercice de {event}")
FROM_ANY_YEAR_END = Msg(en="{duration} from the end of the financial year",
                        fr="{duration} à compter de la clôture de l'exercice")
DURING_THEN = Msg(en="{during}, then {duration}", fr="{during}, puis {duration}")
UNTIL = Msg(en="until {event}", fr="jusqu'à {event}")
NO_START = Msg(en="{duration} (starting point not stated)", fr="{duration} (point de départ non précisé)")
NOT_STATED = Msg(en="not stated", fr="non précisée")
WHEN = Msg(en="{condition}: {period}", fr="{condition} : {period}")
ARCHIVE = Msg(en="then archived with restricted access for {duration}", fr="puis archivées avec un accès restreint "
              "pendant {duration}")
ARCHIVE_FROM = Msg(en="then archived with restricted access for {duration} from {event}",
                   fr="puis archivées avec un accès restreint pendant {duration} à compter de {event}")
THEN = Msg(en="then {actions}", fr="puis {actions}")


def duration(value: Duration, lang: Lang) -> str:
    """A duration in words: `3 years`, `1 an et 6 mois`."""
    parts = []
    for unit in ("years", "months", "days"):
        n = getattr(value, unit)
        if n:
            one, many = _UNITS[unit]
            parts.append((one if n == 1 else many)(lang, n=n))
    return AND(lang).join(parts) if parts else NONE(lang)


def period(rule: RetentionRule, declared: Declared, lang: Lang) -> str:
    """How long a rule keeps the data, from when, under which condition: the whole rule in one sentence."""
    text = _core(rule, declared, lang)
    if rule.when is not None:
        text = WHEN(lang, condition=rule.when.label(lang), period=text)
    tail = []
    if rule.archive is not None:
        span = duration(rule.archive.duration, lang)
        if rule.archive.start is not None:
            tail.append(ARCHIVE_FROM(lang, duration=span, event=_event(rule.archive.start, declared, lang)))
        else:
            tail.append(ARCHIVE(lang, duration=span))
    if rule.law is not None:
        tail.append(REQUIRED(lang, law=rule.law(lang)))
    elif rule.obligation:
        tail.append(MINIMUM(lang))
    if rule.then:
        tail.append(THEN(lang, actions=actions(rule.then, lang)))
    if tail:
        text += ", " + ", ".join(tail)
    if rule.note is not None:
        text += f" ({rule.note(lang)})"
    return _contract(text, lang)


def actions(items: list[EndAction], lang: Lang) -> str:
    """End actions in words: `deleted or anonymised`."""
    return OR(lang).join(END_ACTIONS[a](lang) for a in items)


def _core(rule: RetentionRule, declared: Declared, lang: Lang) -> str:
    events = rule.events
    span = duration(rule.duration, lang) if rule.duration is not None else None
    if rule.anchor == "end_of_financial_year":
        if not events:
            return FROM_ANY_YEAR_END(lang, duration=span or NOT_STATED(lang))
        return FROM_YEAR_END(lang, duration=span or NOT_STATED(lang), event=_events(events, declared, lang))
    if not events:
        return NO_START(lang, duration=span) if span else NOT_STATED(lang)
    if span is None or (rule.duration is not None and rule.duration.is_zero):
        if len(events) == 1 and (during := declared.events[events[0]].during) is not None:
            return during(lang)
        if len(events) > 1 and rule.whichever == "first":
            return UNTIL_FIRST(lang, events=_events(events, declared, lang))
        return UNTIL(lang, event=_events(events, declared, lang))
    if len(events) == 1:
        during = declared.events[events[0]].during
        if during is not None:
            return DURING_THEN(lang, during=during(lang), duration=span)
        return FROM(lang, duration=span, event=_event(events[0], declared, lang))
    latest_or_first = FROM_FIRST if rule.whichever == "first" else FROM_LATEST
    return latest_or_first(lang, duration=span, events=_events(events, declared, lang))


def _event(name: str, declared: Declared, lang: Lang) -> str:
    return declared.events[name].name(lang)


def _events(names: list[str], declared: Declared, lang: Lang) -> str:
    joiner = " or " if lang == "en" else " ou de "
    return joiner.join(_event(n, declared, lang) for n in names)


_FR_CONTRACTIONS = ((re.compile(r"\bde le "), "du "), (re.compile(r"\bde les "), "des "),
                    (re.compile(r"\bà le "), "au "), (re.compile(r"\bà les "), "aux "))


def _contract(text: str, lang: Lang) -> str:
    """French article contractions: « à compter de le contrat » reads « à compter du contrat »."""
    if lang == "fr":
        for pattern, replacement in _FR_CONTRACTIONS:
            text = pattern.sub(replacement, text)
    return text
