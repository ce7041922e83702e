"""When data under a retention rule stop being kept, from the person's events, and the inverse that selects the rows
due with one comparison per event column.

A period runs from the latest of the rule's events that has happened (`from: [collected, last_contact]`), or the
first of them with `whichever: first`; with no event yet, or none named, it has not started. `anchor:
end_of_financial_year` counts from the end of the financial year in which that event falls. A period of one month
from 31 January ends on 28 (or 29) February: months and years are added as calendar units and clamped to the end of
the month (Regulation 1182/71's rule for a missing day). The expiry date is the first day the data are no longer
kept: the rule is due on that day. A limit (a maximum) is due on the last day of its period, so that no sweep keeps
data beyond it; an obligation (a minimum) ends with the expiry of the last hour of its last day (Regulation 1182/71
Art. 3(2)(c)), so it is over the day after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from registre.declarations.schemas import Duration, RetentionRule
from registre.law.calendar import add_months

NONE = Duration()


def add(day: dt.date, period: Duration) -> dt.date:
    """The day `period` after `day`, months clamped to the month's last day."""
    return add_months(day, 12 * period.years + period.months) + dt.timedelta(days=period.days)


def year_end(day: dt.date, financial_year_end: str = "12-31") -> dt.date:
    """The last day of the financial year in which `day` falls; the year ends on `MM-DD` (29 February: the 28th
    in common years)."""
    month, mday = (int(part) for part in financial_year_end.split("-"))

    def end_in(year: int) -> dt.date:
        return dt.date(year, month, min(mday, 28)) if (month, mday) == (2, 29) and not _leap(year) else \
            dt.date(year, month, mday)

    end = end_in(day.year)
    return end if day <= end else end_in(day.year + 1)


def start(rule: RetentionRule, events: Mapping[str, dt.date | None]) -> dt.date | None:
    """The day the rule's period runs from: the latest of its events that has happened (the first, with
    `whichever: first`), or None."""
    return _pick(rule, [day for name in rule.events if (day := events.get(name)) is not None])


def end_from(rule: RetentionRule, financial_year_end: str = "12-31") -> Callable[[dt.date], dt.date]:
    """The function from a start day to the rule's expiry date; non-decreasing, which makes `latest_start` exact."""
    period = rule.duration or NONE
    after = dt.timedelta(days=1 if rule.obligation else 0)  # a minimum is over once its last day has passed
    if rule.anchor == "end_of_financial_year":
        return lambda day: add(year_end(day, financial_year_end), period) + after
    return lambda day: add(day, period) + after


def expiry(rule: RetentionRule, events: Mapping[str, dt.date | None], *,
           financial_year_end: str = "12-31") -> dt.date | None:
    """The first day the data are no longer kept for the rule's purpose (then archived, if the rule archives, or
    ended), or None while the period has not started."""
    began = start(rule, events)
    return None if began is None else end_from(rule, financial_year_end)(began)


Ending = tuple[list[str], Callable[[dt.date], dt.date]]


def kept_until(rule: RetentionRule, financial_year_end: str = "12-31") -> Ending:
    """When data are no longer kept at all: the events that end runs from, and the function from their latest to
    it. With an archive, that is the archive's own event plus its duration, or the end of the active period plus
    it; without, the active period's end."""
    active = end_from(rule, financial_year_end)
    archive = rule.archive
    if archive is None:
        return rule.events, active
    if archive.start is not None:
        return [archive.start], lambda day: add(day, archive.duration)
    return rule.events, lambda day: add(active(day), archive.duration)


def archive_end(rule: RetentionRule, events: Mapping[str, dt.date | None], *,
                financial_year_end: str = "12-31") -> dt.date | None:
    """The first day archived data are no longer kept; None if the rule does not archive or has not started."""
    if rule.archive is None:
        return None
    names, end = kept_until(rule, financial_year_end)
    began = _pick(rule, [day for name in names if (day := events.get(name)) is not None])
    return None if began is None else end(began)


def latest_start(end: Callable[[dt.date], dt.date], today: dt.date) -> dt.date:
    """The latest start day whose expiry is on or before `today`: a row is due exactly when its event is on or
    before this day. `end` must be non-decreasing and never earlier than its argument."""
    low = today - dt.timedelta(days=1)
    step = 366
    while end(low) > today:  # widen until the expiry of `low` is past
        low -= dt.timedelta(days=step)
        step *= 2
    high = today  # end(today) >= today; the answer lies in [low, today]
    if end(high) <= today:
        return high
    while high.toordinal() - low.toordinal() > 1:
        middle = dt.date.fromordinal((low.toordinal() + high.toordinal()) // 2)
        if end(middle) <= today:
            low = middle
        else:
            high = middle
    return low


def _pick(rule: RetentionRule, happened: list[dt.date]) -> dt.date | None:
    if not happened:
        return None
    return min(happened) if rule.whichever == "first" else max(happened)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
