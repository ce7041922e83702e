"""The 72-hour clock of a breach, as pure functions (GDPR Art. 33(1); `shared/reference/regulation.md` §4.1).

The controller notifies the CNIL "not later than 72 hours after having become aware" of the breach. The period
is expressed in hours, so the weekend roll of Regulation 1182/71 Art. 3(4) (for periods "expressed otherwise
than in hours") does not apply: weekends and holidays count. It is 72 real hours, counted in UTC: across a
change of summer time the local hour of the deadline moves (awareness Friday 23 October 2026 17:30 in Paris
gives Monday 26 October 16:30, Paris having put its clocks back on the Sunday).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Literal

from babel.dates import format_datetime

from registre.i18n import Lang
from registre.law.calendar import PARIS

# GDPR Art. 33(1) [TEXT]: "where feasible, not later than 72 hours after having become aware of it".
NOTIFICATION_WINDOW = dt.timedelta(hours=72)

# JUDGEMENT: ours, not the law's. The DPO is alerted when this much time or less is left to notify.
ALERT_BEFORE = dt.timedelta(hours=24)


def _aware(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"a time zone is needed to count hours from {moment.isoformat()}")
    return moment


def deadline(aware_at: dt.datetime) -> dt.datetime:
    """The last moment to notify the CNIL: awareness + 72 real hours, in UTC (Art. 33(1)).

    Invariant: `deadline(a) - a == 72 hours` exactly, whatever the zone of `a` (arithmetic on a zoned datetime
    in Python moves the wall clock, so the sum is made in UTC).
    """
    return _aware(aware_at).astimezone(dt.UTC) + NOTIFICATION_WINDOW


def hours_left(deadline_at: dt.datetime, now: dt.datetime) -> float:
    """Hours from `now` to the deadline, to the tenth below (negative once it has passed)."""
    seconds = (_aware(deadline_at) - _aware(now)).total_seconds()
    return math.floor(seconds / 360) / 10


def is_late(deadline_at: dt.datetime, made_at: dt.datetime) -> bool:
    """Whether a notification made at `made_at` comes after the deadline."""
    return _aware(made_at) > _aware(deadline_at)


def alert_from(now: dt.datetime) -> dt.datetime:
    """The latest deadline the DPO is alerted of at `now`: `ALERT_BEFORE` or less left, or passed."""
    return _aware(now) + ALERT_BEFORE


def alert_due(deadline_at: dt.datetime, now: dt.datetime) -> bool:
    """Whether the DPO should be alerted of a breach with this deadline at `now`."""
    return _aware(deadline_at) <= alert_from(now)


def urgency(hours_left: float) -> Literal["late", "soon"] | None:
    """How pressing a running clock is: `late` once the deadline has passed, `soon` when the DPO is alerted
    (`ALERT_BEFORE` or less left), else None."""
    if hours_left < 0:
        return "late"
    return "soon" if hours_left <= ALERT_BEFORE.total_seconds() / 3600 else None


def local(moment: dt.datetime) -> dt.datetime:
    """The moment in Paris time."""
    return _aware(moment).astimezone(PARIS)


def shown(moment: dt.datetime | None, lang: Lang) -> str:
    """The moment as a person reads it, in Paris time: `lundi 16 novembre 2026 à 17:30 (heure de Paris)`."""
    if moment is None:
        return ""
    text = format_datetime(local(moment), "EEEE d MMMM y HH:mm", locale=lang)
    return f"{text} (heure de Paris)" if lang == "fr" else f"{text} (Paris time)"


def remaining(deadline_at: dt.datetime, now: dt.datetime) -> str:
    """The time left as a person reads it: `23 h 30 min`, or `-2 h 05 min` once the deadline has passed."""
    seconds = (_aware(deadline_at) - _aware(now)).total_seconds()
    minutes = math.floor(abs(seconds) / 60) if seconds >= 0 else math.ceil(abs(seconds) / 60)
    return f"{'-' if seconds < 0 else ''}{minutes // 60} h {minutes % 60:02d} min"
