"""The 72-hour clock (GDPR Art. 33(1)): worked examples, summer-time changes, and its properties."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registre.breaches import clock

PARIS = ZoneInfo("Europe/Paris")


def paris(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)


def test_aware_on_friday_evening_the_deadline_is_monday_same_time() -> None:
    # The example: recorded Friday 18:00 for an awareness at 17:30; weekends count.
    aware = paris(2026, 11, 13, 17, 30)
    deadline = clock.deadline(aware)
    assert clock.local(deadline) == paris(2026, 11, 16, 17, 30)
    assert clock.local(deadline).strftime("%A") == "Monday"
    assert clock.hours_left(deadline, paris(2026, 11, 13, 18, 0)) == 71.5
    assert clock.remaining(deadline, paris(2026, 11, 13, 18, 0)) == "71 h 30 min"
    assert clock.shown(deadline, "en") == "Monday 16 November 2026 17:30 (Paris time)"
    assert clock.shown(deadline, "fr") == "lundi 16 novembre 2026 17:30 (heure de Paris)"


def test_when_paris_puts_its_clocks_back_the_deadline_is_an_hour_earlier_on_the_wall() -> None:
    # 25 October 2026 is the last Sunday of October: 03:00 CEST becomes 02:00 CET. 72 real hours from Friday
    # 17:30 CEST (15:30 UTC) end on Monday 15:30 UTC, which is 16:30 in Paris.
    deadline = clock.deadline(paris(2026, 10, 23, 17, 30))
    assert deadline == dt.datetime(2026, 10, 26, 15, 30, tzinfo=dt.UTC)
    assert clock.local(deadline) == paris(2026, 10, 26, 16, 30)


def test_when_paris_puts_its_clocks_forward_the_deadline_is_an_hour_later_on_the_wall() -> None:
    # 29 March 2026: 02:00 CET becomes 03:00 CEST. Friday 17:30 CET (16:30 UTC) + 72 h = Monday 18:30 CEST.
    deadline = clock.deadline(paris(2026, 3, 27, 17, 30))
    assert clock.local(deadline) == paris(2026, 3, 30, 18, 30)


def test_python_wall_clock_arithmetic_would_be_wrong_here() -> None:
    # The trap the clock avoids: adding hours to a zoned datetime moves the wall clock, not real time.
    aware = paris(2026, 10, 23, 17, 30)
    assert aware + dt.timedelta(hours=72) != clock.deadline(aware)


def test_late_and_alert_boundaries() -> None:
    deadline = clock.deadline(paris(2026, 11, 13, 17, 30))
    assert not clock.is_late(deadline, deadline)
    assert clock.is_late(deadline, deadline + dt.timedelta(seconds=1))
    assert clock.alert_due(deadline, deadline - dt.timedelta(hours=24))
    assert not clock.alert_due(deadline, deadline - dt.timedelta(hours=24, seconds=1))
    assert clock.hours_left(deadline, deadline + dt.timedelta(hours=2, minutes=5)) == -2.1
    assert clock.remaining(deadline, deadline + dt.timedelta(hours=2, minutes=5)) == "-2 h 05 min"


def test_a_time_without_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        clock.deadline(dt.datetime(2026, 11, 13, 17, 30))


moments = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1),
                       timezones=st.sampled_from([PARIS, dt.UTC, ZoneInfo("America/New_York")]))


@given(moments)
def test_the_deadline_is_72_real_hours_after_awareness(aware: dt.datetime) -> None:
    deadline = clock.deadline(aware)
    assert deadline - aware == dt.timedelta(hours=72)
    assert deadline.utcoffset() == dt.timedelta(0)
    assert clock.hours_left(deadline, aware) == 72.0


@given(moments, st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=10)),
       st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=10)))
def test_hours_left_never_grow_as_time_passes(aware: dt.datetime, first: dt.timedelta, more: dt.timedelta) -> None:
    deadline = clock.deadline(aware)
    earlier, later = aware + first, aware + first + more
    assert clock.hours_left(deadline, later) <= clock.hours_left(deadline, earlier)
    assert clock.is_late(deadline, later) == (later > deadline)


@given(st.integers(min_value=-2000, max_value=2000))
def test_a_clock_is_pressing_exactly_when_the_dpo_is_alerted(tenths: int) -> None:
    # One threshold for the alert mail, the back office's colours and the CLI's: `soon` or `late` when alerted
    # (to the tenth of an hour the clock counts in).
    now = paris(2026, 11, 13, 17, 30)
    deadline = now + dt.timedelta(minutes=6 * tenths)
    pressing = clock.urgency(clock.hours_left(deadline, now))
    assert (pressing is not None) == clock.alert_due(deadline, now)
    assert (pressing == "late") == (deadline < now)


def test_a_day_left_is_soon_and_a_minute_more_is_not() -> None:
    now = paris(2026, 11, 13, 17, 30)
    assert clock.urgency(clock.hours_left(now + dt.timedelta(hours=24), now)) == "soon"
    assert clock.urgency(clock.hours_left(now + dt.timedelta(hours=24, minutes=6), now)) is None
    assert clock.urgency(clock.hours_left(now - dt.timedelta(minutes=1), now)) == "late"
