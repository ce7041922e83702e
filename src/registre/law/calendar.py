"""French working days: the public holidays of metropolitan France, Alsace-Moselle and the overseas departments.

A period of Regulation (EEC, Euratom) No 1182/71 that ends on a Saturday, a Sunday or a public holiday ends
on the next working day (Art. 3(4)); the public holidays are those of the Member State where the act is done
(Art. 2(1)): for France, Code du travail L3133-1, with the additions of L3134-13 (Alsace-Moselle) and
L3422-2 (overseas). Sources: `shared/reference/regulation.md` §1.2.

The dates come from the `holidays` package; where it differs from the reference, the reference wins and
the difference is corrected in `_reference_corrections`, and nowhere else. The package's answers for the years
around today are kept in `french_holidays.py`, written from the package by `python -m registre.law.calendar` (a test
compares the two), because importing the package's France imports its 250 countries: a command that shows a
deadline would spend longer on that than on everything else it does.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from registre.errors import InvalidInput
from registre.i18n import Msg

# The calendars registre knows, by their canonical names.
Calendar = Literal["metropole", "alsace-moselle", "guadeloupe", "martinique", "guyane", "la-reunion", "mayotte"]
CALENDARS: tuple[Calendar, ...] = get_args(Calendar)

# What a caller may name a calendar by: None or "metropole" for metropolitan France, "alsace-moselle" (or
# one of its three départements, 57, 67 and 68), and the overseas departments by name or INSEE code.
Region = (
    Literal[
        "metropole",
        "alsace-moselle",
        "57",
        "67",
        "68",
        "guadeloupe",
        "971",
        "martinique",
        "972",
        "guyane",
        "973",
        "la-reunion",
        "974",
        "mayotte",
        "976",
    ]
    | None
)

_ALIASES: dict[str, Calendar] = {
    "57": "alsace-moselle",  # Moselle
    "67": "alsace-moselle",  # Bas-Rhin
    "68": "alsace-moselle",  # Haut-Rhin
    "971": "guadeloupe",
    "972": "martinique",
    "973": "guyane",
    "974": "la-reunion",
    "976": "mayotte",
}

# The subdivision of `holidays.France` each calendar reads. "57" (Moselle) and "6AE" (Alsace) both give
# Good Friday and 26 December, which L3134-13 grants to the three départements alike.
_SUBDIVISION: dict[Calendar, str | None] = {
    "metropole": None,
    "alsace-moselle": "57",
    "guadeloupe": "971",
    "martinique": "972",
    "guyane": "973",
    "la-reunion": "974",
    "mayotte": "976",
}

# Code du travail L3133-1: the eleven legal public holidays of all France, by their names in the
# `holidays` package (read in en_US, whose names are stable across its translations).
_L3133_1 = frozenset(
    {
        "New Year's Day",  # 1 January
        "Easter Monday",
        "Labor Day",  # 1 May
        "Victory Day",  # 8 May
        "Ascension Day",
        "Pentecost Monday",  # Whit Monday
        "National Day",  # 14 July
        "Assumption Day",  # 15 August
        "All Saints' Day",  # 1 November
        "Armistice Day",  # 11 November
        "Christmas Day",  # 25 December
    }
)

_ADDED: dict[Calendar, frozenset[str]] = {
    "metropole": frozenset(),
    # Code du travail L3134-13: Good Friday and 26 December in Moselle, Bas-Rhin and Haut-Rhin.
    "alsace-moselle": frozenset({"Good Friday", "Saint Stephen's Day"}),
    # Code du travail L3422-2: the day commemorating the abolition of slavery in each overseas department.
    "guadeloupe": frozenset({"Abolition of Slavery"}),
    "martinique": frozenset({"Abolition of Slavery"}),
    "guyane": frozenset({"Abolition of Slavery"}),
    "la-reunion": frozenset({"Abolition of Slavery"}),
    "mayotte": frozenset({"Abolition of Slavery"}),
}

UNKNOWN_REGION = Msg(
    en="Unknown calendar region {region!r}; known: {known}.",
    fr="Région de calendrier inconnue {region!r} ; connues : {known}.",
)

_SATURDAY = 5


def calendar_of(region: Region | str) -> Calendar:
    """The canonical calendar a region names (None and "metropole" are metropolitan France)."""
    if region is None:
        return "metropole"
    key = region.strip().lower()
    for calendar in CALENDARS:
        if key == calendar:
            return calendar
    if key in _ALIASES:
        return _ALIASES[key]
    known = ", ".join((*CALENDARS, *_ALIASES))
    raise InvalidInput(UNKNOWN_REGION, region=region, known=known)


def _package_days(calendar: Calendar, year: int) -> list[tuple[dt.date, str]]:
    """The `holidays` package's days of one calendar and year, each with its name (en_US), in date order."""
    from holidays.countries.france import France

    class _France(France):
        """`holidays.France` without its year limit.

        The package stops at its `end_year` (2100 in version 0.109) and then answers with no holidays at all,
        silently; its rules for France (fixed dates and Easter) hold for any year, so the limit is lifted.
        """

        end_year = dt.MAXYEAR

    # The package's France.__init__ takes untyped *args and **kwargs.
    found = _France(subdiv=_SUBDIVISION[calendar], years=year, language="en_US")  # type: ignore[no-untyped-call]
    return [(day, name) for day in sorted(found) for name in found.get_list(day)]


def _days(calendar: Calendar, year: int) -> Iterable[tuple[dt.date, str]]:
    """The package's days of one calendar and year: from the copy kept of its answers, or from the package."""
    from registre.law.french_holidays import DAYS, FIRST, LAST

    if FIRST <= year <= LAST:
        return ((dt.date(year, int(day[:2]), int(day[3:])), name) for day, name in DAYS[calendar][year - FIRST])
    return _package_days(calendar, year)


def _reference_corrections(calendar: Calendar, found: Iterable[tuple[dt.date, str]]) -> dict[dt.date, str]:
    """The package's days for one year, corrected to the reference: the one place where the two may differ."""
    allowed = _L3133_1 | _ADDED[calendar]
    named: dict[dt.date, list[str]] = {}
    for day, name in found:
        named.setdefault(day, []).append(name)
    table: dict[dt.date, str] = {}
    for day in sorted(named):
        # The reference wins. The package adds days the reference does not list (in Guadeloupe: Mi-Carême,
        # Good Friday and 21 July, Victor Schœlcher day; in Martinique: 21 July); they are not among the days
        # of L3133-1, L3134-13 or L3422-2 and are dropped here. Dropping a day can only make a deadline
        # earlier, never later: the safe direction. Correct `_ADDED` if a source shows them to be legal.
        names = [name for name in named[day] if name in allowed]
        if names:
            table[day] = "; ".join(names)
    # The reference wins. The package leaves Whit Monday out in 2005, 2006 and 2007 (loi 2004-626 made it
    # the default "journée de solidarité", a day worked); the reference lists it in L3133-1 with no
    # exception of years, so it is put back here. (Only past years are concerned.)
    easter_monday = next((day for day, names in table.items() if "Easter Monday" in names.split("; ")), None)
    whit_monday = easter_monday + dt.timedelta(days=49) if easter_monday is not None else None
    if whit_monday is not None and "Pentecost Monday" not in table.get(whit_monday, ""):
        table[whit_monday] = "; ".join(filter(None, (table.get(whit_monday), "Pentecost Monday")))
    return dict(sorted(table.items()))


@cache
def _holidays(calendar: Calendar, year: int) -> Mapping[dt.date, str]:
    """The corrected public holidays of one calendar and year, computed once."""
    return MappingProxyType(_reference_corrections(calendar, _days(calendar, year)))


def public_holidays(region: Region, year: int) -> Mapping[dt.date, str]:
    """The public holidays of `region` in `year`, each with its name (in English), in date order."""
    return _holidays(calendar_of(region), year)


def is_working_day(day: dt.date, region: Region) -> bool:
    """Whether `day` is a working day: neither a Saturday nor a Sunday (Reg. 1182/71 Art. 3(4)) nor a holiday."""
    return day.weekday() < _SATURDAY and day not in _holidays(calendar_of(region), day.year)


def next_working_day(day: dt.date, region: Region) -> dt.date:
    """`day` itself if it is a working day, otherwise the first working day after it (Reg. 1182/71 Art. 3(4))."""
    calendar = calendar_of(region)
    while day.weekday() >= _SATURDAY or day in _holidays(calendar, day.year):
        day += dt.timedelta(days=1)
    return day


def add_months(day: dt.date, n: int) -> dt.date:
    """The same day number `n` months later, or the month's last day if it has no such day (1182/71 Art. 3(2)(c)).

    Invariant: the month count (year * 12 + month) moves by exactly `n`; 31 Jan + 1 month is 28 or 29 Feb.
    """
    months = day.year * 12 + (day.month - 1) + n
    year, month = divmod(months, 12)
    last = monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


# The legal time of metropolitan France (and of Alsace-Moselle): the days of notices, periods and clocks.
PARIS = ZoneInfo("Europe/Paris")


def first_moment_after(day: dt.date, zone: ZoneInfo = PARIS) -> dt.datetime:
    """The first instant after `day` in `zone`, in UTC: what happened before it happened by that day."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), zone).astimezone(dt.UTC)


def today() -> dt.date:
    """Today's date in France (a server in UTC is a day behind Paris for an hour or two before midnight)."""
    return dt.datetime.now(PARIS).date()


# The years whose days `french_holidays.py` keeps: the requests of recent years and the deadlines to come.
CACHED_YEARS = range(2015, 2051)


def french_holidays_source() -> str:
    """The text of `french_holidays.py`: the `holidays` package's days of every calendar in CACHED_YEARS."""
    from importlib.metadata import version

    lines = [f'"""The `holidays` package\'s public holidays of France ({version("holidays")}), each calendar\'s '
             "by year (days and names",
             "in en_US), written by `python -m registre.law.calendar` and compared with the package by",
             "tests/law/test_calendar.py: never edit it by hand; `calendar._reference_corrections` corrects it to the",
             'reference."""',
             "", f"FIRST, LAST = {CACHED_YEARS[0]}, {CACHED_YEARS[-1]}",
             "DAYS: dict[str, tuple[tuple[tuple[str, str], ...], ...]] = {"]
    for calendar in CALENDARS:
        lines.append(f"    {calendar!r}: (")
        for year in CACHED_YEARS:
            line = "        ("
            for day, name in _package_days(calendar, year):
                entry = f"({day.strftime('%m-%d')!r}, {name!r}), "
                if len(line) + len(entry) > 118:
                    lines.append(line.rstrip())
                    line = "         "
                line += entry
            lines.append(f"{line.rstrip()}),  # {year}")
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (Path(__file__).parent / "french_holidays.py").write_text(french_holidays_source(), encoding="utf-8")
