"""French working days: the public holidays of metropolitan France, Alsace-Moselle and the overseas departments.

A period of Regulation (EEC, Euratom) No 1182/71 that ends on a Saturday, a Sunday or a public holiday ends
on the next working day (Art. 3(4)); the public holidays are those of the Member State where the act is done
(Art. 2(1)): for France, Code du travail L3133-1, with the additions of L3134-13 (Alsace-Moselle) and
L3422-2 (overseas). Sources: `shared/reference/regulation.md` §1.2.

The dates come from the `holidays` package; where it differs from the reference, the reference wins and
the difference is corrected in `_reference_corrections`, and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Literal, get_args
from zoneinfo import ZoneInfo

from holidays.countries.france import France

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


class _France(France):
    """`holidays.France` without its year limit.

    The package stops at its `end_year` (2100 in version 0.109) and then answers with no holidays at all,
    silently; its rules for France (fixed dates and Easter) hold for any year, so the limit is lifted.
    """

    end_year = dt.MAXYEAR


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


def _reference_corrections(calendar: Calendar, found: France) -> dict[dt.date, str]:
    """The package's days for one year, corrected to the reference: the one place where the two may differ."""
    allowed = _L3133_1 | _ADDED[calendar]
    table: dict[dt.date, str] = {}
    for day in sorted(found):
        # The reference wins. The package adds days the reference does not list (in Guadeloupe: Mi-Carême,
        # Good Friday and 21 July, Victor Schœlcher day; in Martinique: 21 July); they are not among the days
        # of L3133-1, L3134-13 or L3422-2 and are dropped here. Dropping a day can only make a deadline
        # earlier, never later: the safe direction. Correct `_ADDED` if a source shows them to be legal.
        names = [name for name in found.get_list(day) if name in allowed]
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
    # The package's France.__init__ takes untyped *args and **kwargs.
    found = _France(subdiv=_SUBDIVISION[calendar], years=year, language="en_US")  # type: ignore[no-untyped-call]
    return MappingProxyType(_reference_corrections(calendar, found))


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
