"""The deadlines of a rights request, against the worked examples of regulation.md §1.3 and §1.5 and the law."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from dateutil.easter import easter
from hypothesis import given
from hypothesis import strategies as st

from registre.errors import InvalidInput
from registre.law.calendar import (
    CALENDARS,
    Region,
    add_months,
    calendar_of,
    is_working_day,
    next_working_day,
    public_holidays,
)
from registre.rights.deadlines import (
    IDENTITY_REQUEST_PROMPT_DAYS,
    can_extend,
    deadlines,
    extended_deadline,
    initial_deadline,
    local_date,
)
from registre.rights.schemas import RequestRead, Status

PARIS = ZoneInfo("Europe/Paris")
UTC = dt.UTC
D = dt.date

regions = st.sampled_from((None, *CALENDARS))
receipts = st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 12, 31))
MAX_ROLL = dt.timedelta(days=4)  # e.g. Good Friday in Alsace-Moselle, or a Saturday before Easter Monday


def paris(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=PARIS)


# --- regulation.md §1.5 point 7 and EDPB 01/2022 §160 -----------------------------------------------------


@pytest.mark.parametrize(
    ("received", "initial", "extended"),
    [
        # 5 Apr 2026 is a Sunday and 6 Apr is Easter Monday.
        (D(2026, 3, 5), D(2026, 4, 7), D(2026, 6, 5)),
        # September has no 31st.
        (D(2026, 8, 31), D(2026, 9, 30), D(2026, 11, 30)),
        # 28 Feb 2026 is a Saturday; min(30 Apr, 28 Apr) for the extension.
        (D(2026, 1, 31), D(2026, 3, 2), D(2026, 4, 28)),
    ],
)
def test_the_worked_examples_of_the_reference(received: dt.date, initial: dt.date, extended: dt.date) -> None:
    assert initial_deadline(received, None) == initial
    assert initial_deadline(received, "metropole") == initial
    assert extended_deadline(received, None) == extended


def test_the_worked_examples_fall_on_the_days_the_reference_names() -> None:
    assert D(2026, 4, 7).strftime("%a") == "Tue"
    assert D(2026, 9, 30).strftime("%a") == "Wed"
    assert D(2026, 3, 2).strftime("%a") == "Mon"
    assert D(2026, 4, 28).strftime("%a") == "Tue"


def test_the_extension_keeps_the_earlier_of_the_two_readings() -> None:
    assert add_months(D(2026, 1, 31), 3) == D(2026, 4, 30)
    assert add_months(add_months(D(2026, 1, 31), 1), 2) == D(2026, 4, 28)


@pytest.mark.parametrize(
    ("received", "end"),
    [
        (D(2026, 3, 5), D(2026, 4, 5)),  # EDPB example 32: the day of receipt is not counted
        (D(2026, 8, 31), D(2026, 9, 30)),  # EDPB example 33: no 31 September, so the last day of the month
        (D(2024, 1, 31), D(2024, 2, 29)),
        (D(2026, 12, 31), D(2027, 1, 31)),
    ],
)
def test_the_edpb_examples_before_rolling(received: dt.date, end: dt.date) -> None:
    assert add_months(received, 1) == end


# --- the regional calendars -------------------------------------------------------------------------------


def test_good_friday_moves_the_deadline_in_alsace_moselle_only() -> None:
    received = D(2026, 3, 3)  # one month later is Friday 3 April 2026, Good Friday
    assert initial_deadline(received, None) == D(2026, 4, 3)
    # Good Friday, Saturday, Sunday, Easter Monday: Tuesday.
    assert initial_deadline(received, "alsace-moselle") == D(2026, 4, 7)
    assert initial_deadline(received, "57") == initial_deadline(received, "67") == D(2026, 4, 7)


def test_26_december_moves_the_deadline_in_alsace_moselle_only() -> None:
    received = D(2025, 11, 26)  # one month later is Friday 26 December 2025
    assert initial_deadline(received, None) == D(2025, 12, 26)
    assert initial_deadline(received, "alsace-moselle") == D(2025, 12, 29)


def test_the_abolition_of_slavery_moves_the_deadline_overseas_only() -> None:
    received = D(2027, 11, 20)  # one month later is Monday 20 December 2027, the day in La Réunion
    assert initial_deadline(received, None) == D(2027, 12, 20)
    assert initial_deadline(received, "la-reunion") == initial_deadline(received, "974") == D(2027, 12, 21)


def _reference_days(year: int) -> set[dt.date]:
    """Code du travail L3133-1, computed here independently of the `holidays` package."""
    sunday = easter(year)
    return {
        D(year, 1, 1), sunday + dt.timedelta(days=1), D(year, 5, 1), D(year, 5, 8),
        sunday + dt.timedelta(days=39), sunday + dt.timedelta(days=50), D(year, 7, 14), D(year, 8, 15),
        D(year, 11, 1), D(year, 11, 11), D(year, 12, 25),
    }  # fmt: skip


@pytest.mark.parametrize("year", range(2000, 2102))
def test_the_holiday_tables_are_those_of_the_reference(year: int) -> None:
    national = _reference_days(year)
    assert set(public_holidays(None, year)) == national
    good_friday = easter(year) - dt.timedelta(days=2)
    assert set(public_holidays("alsace-moselle", year)) == national | {good_friday, D(year, 12, 26)}
    for overseas in ("guadeloupe", "martinique", "guyane", "la-reunion", "mayotte"):
        table = public_holidays(overseas, year)
        added = set(table) - national
        # One day more, the abolition of slavery (L3422-2), unless it falls on a national holiday that year.
        assert len(added) <= 1
        assert national <= set(table)
        assert any("Abolition of Slavery" in names for names in table.values())


def test_the_package_days_the_reference_does_not_list_are_dropped() -> None:
    guadeloupe = public_holidays("971", 2026)
    assert D(2026, 3, 12) not in guadeloupe  # Mi-Carême
    assert D(2026, 4, 3) not in guadeloupe  # Good Friday
    assert D(2026, 7, 21) not in guadeloupe  # Victor Schœlcher day
    assert guadeloupe[D(2026, 5, 27)] == "Abolition of Slavery"


def test_whit_monday_stays_a_holiday_in_2005_to_2007() -> None:
    assert public_holidays(None, 2006)[D(2006, 6, 5)] == "Pentecost Monday"
    assert not is_working_day(D(2006, 6, 5), None)


def test_weekends_are_never_working_days_and_a_working_day_rolls_to_itself() -> None:
    assert not is_working_day(D(2026, 4, 4), None)
    assert not is_working_day(D(2026, 4, 5), None)
    assert next_working_day(D(2026, 4, 8), None) == D(2026, 4, 8)
    assert next_working_day(D(2026, 4, 4), None) == D(2026, 4, 7)


def test_regions_are_named_by_name_or_code_and_an_unknown_one_is_refused() -> None:
    assert calendar_of(None) == calendar_of("metropole") == "metropole"
    assert calendar_of("57") == calendar_of("68") == "alsace-moselle"
    assert calendar_of("976") == "mayotte"
    with pytest.raises(InvalidInput):
        calendar_of("atlantis")


# --- the time zone ----------------------------------------------------------------------------------------


def test_a_request_at_2330_utc_on_31_january_is_received_on_1_february_in_paris() -> None:
    found = deadlines(dt.datetime(2026, 1, 31, 23, 30, tzinfo=UTC), region=None, extended=True)
    assert found.received == D(2026, 2, 1)
    assert found.initial == D(2026, 3, 2)  # 1 March 2026 is a Sunday
    assert found.extended == D(2026, 5, 4)  # 1 May is a holiday, then a weekend; not 28 April
    before = deadlines(dt.datetime(2026, 1, 31, 22, 59, tzinfo=UTC), region=None, extended=True)
    assert before.received == D(2026, 1, 31)
    assert before.extended == D(2026, 4, 28)


def test_the_paris_day_boundary_in_summer_time_changes_the_deadline() -> None:
    # 22:30 UTC on 9 June is 00:30 on 10 June in Paris (UTC+2).
    after = deadlines(dt.datetime(2026, 6, 9, 22, 30, tzinfo=UTC), region=None, extended=False)
    before = deadlines(dt.datetime(2026, 6, 9, 21, 59, tzinfo=UTC), region=None, extended=False)
    assert (after.received, after.initial) == (D(2026, 6, 10), D(2026, 7, 10))
    assert (before.received, before.initial) == (D(2026, 6, 9), D(2026, 7, 9))


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="time zone"):
        local_date(dt.datetime(2026, 1, 31, 23, 30))
    with pytest.raises(ValueError, match="time zone"):
        deadlines(dt.datetime(2026, 1, 31, 23, 30), region=None, extended=False)


# --- strict and paused deadlines --------------------------------------------------------------------------


def test_without_identity_check_the_paused_deadline_is_the_strict_one() -> None:
    found = deadlines(paris(2026, 3, 5, 9), region=None, extended=False)
    assert found.strict == found.initial == found.paused == found.extension_notice_by == D(2026, 4, 7)
    assert found.extended is None
    assert found.pause_days == 0


def test_identity_pending_ten_days_moves_the_paused_deadline_ten_days() -> None:
    # Received Wednesday 10 June 2026: strict deadline Friday 10 July.
    found = deadlines(
        paris(2026, 6, 10, 9),
        region=None,
        extended=False,
        identity_requested_at=paris(2026, 6, 12, 10),
        identity_received_at=paris(2026, 6, 22, 10),
    )
    assert found.strict == D(2026, 7, 10)
    assert found.pause_days == 10
    assert found.paused == D(2026, 7, 20)


def test_the_paused_deadline_is_rolled_to_a_working_day() -> None:
    found = deadlines(
        paris(2026, 6, 10, 9),
        region=None,
        extended=False,
        identity_requested_at=paris(2026, 6, 12, 10),
        identity_received_at=paris(2026, 6, 20, 10),
    )
    assert found.pause_days == 8
    assert found.paused == D(2026, 7, 20)  # 18 July is a Saturday


def test_only_whole_days_of_pause_count() -> None:
    found = deadlines(
        paris(2026, 6, 10, 9),
        region=None,
        extended=False,
        identity_requested_at=paris(2026, 6, 12, 10),
        identity_received_at=paris(2026, 6, 16, 9),  # 3 days and 23 hours
    )
    assert found.pause_days == 3
    assert found.paused == D(2026, 7, 13)  # 13 July is a Monday


def test_the_pause_moves_the_end_of_the_period_then_rolls() -> None:
    # Received 5 March 2026: the period ends on Sunday 5 April, rolled to Tuesday 7 April. One day of pause
    # ends it on Easter Monday 6 April, which rolls to the same Tuesday.
    found = deadlines(
        paris(2026, 3, 5, 9),
        region=None,
        extended=False,
        identity_requested_at=paris(2026, 3, 5, 10),
        identity_received_at=paris(2026, 3, 6, 10),
    )
    assert found.pause_days == 1
    assert found.paused == found.strict == D(2026, 4, 7)


def test_identity_asked_late_earns_no_pause() -> None:
    late = paris(2026, 6, 10 + IDENTITY_REQUEST_PROMPT_DAYS + 1, 10)
    found = deadlines(
        paris(2026, 6, 10, 9),
        region=None,
        extended=False,
        identity_requested_at=late,
        identity_received_at=late + dt.timedelta(days=10),
    )
    assert found.paused == found.strict == D(2026, 7, 10)
    assert found.pause_days == 0
    pending = deadlines(paris(2026, 6, 10, 9), region=None, extended=False, identity_requested_at=late)
    assert pending.paused == pending.strict


def test_identity_asked_on_the_last_prompt_day_earns_the_pause() -> None:
    asked = paris(2026, 6, 10 + IDENTITY_REQUEST_PROMPT_DAYS, 23)
    found = deadlines(
        paris(2026, 6, 10, 9),
        region=None,
        extended=False,
        identity_requested_at=asked,
        identity_received_at=asked + dt.timedelta(days=10),
    )
    assert found.pause_days == 10


def test_identity_still_pending_stops_the_clock() -> None:
    asked = paris(2026, 6, 12, 10)
    found = deadlines(paris(2026, 6, 10, 9), region=None, extended=False, identity_requested_at=asked)
    assert found.paused is None
    assert found.pause_days is None
    assert found.strict == D(2026, 7, 10)


def test_the_pause_applies_to_the_extended_deadline_when_extended() -> None:
    found = deadlines(
        paris(2026, 6, 10, 9),
        region=None,
        extended=True,
        identity_requested_at=paris(2026, 6, 12, 10),
        identity_received_at=paris(2026, 6, 22, 10),
    )
    assert found.strict == found.extended == D(2026, 9, 10)
    assert found.paused == D(2026, 9, 21)  # 20 September 2026 is a Sunday
    assert found.extension_notice_by == found.initial == D(2026, 7, 10)


@pytest.mark.parametrize(
    ("asked", "got"),
    [
        (None, paris(2026, 6, 12, 10)),  # received without being asked
        (paris(2026, 6, 9, 10), None),  # asked before the request arrived
        (paris(2026, 6, 12, 10), paris(2026, 6, 11, 10)),  # received before being asked
    ],
)
def test_impossible_identity_times_are_refused(asked: dt.datetime | None, got: dt.datetime | None) -> None:
    with pytest.raises(ValueError, match="identity"):
        deadlines(
            paris(2026, 6, 10, 9), region=None, extended=False, identity_requested_at=asked, identity_received_at=got
        )


# --- the extension notice ---------------------------------------------------------------------------------


def test_an_extension_may_be_notified_until_the_initial_deadline_and_only_once() -> None:
    found = deadlines(paris(2026, 3, 5, 9), region=None, extended=False)
    assert can_extend(paris(2026, 3, 20, 12), found)
    assert can_extend(paris(2026, 4, 7, 23, 59), found)  # the last day, local time
    assert not can_extend(paris(2026, 4, 8, 0, 1), found)
    assert not can_extend(dt.datetime(2026, 4, 7, 22, 30, tzinfo=UTC), found)  # 00:30 on 8 April in Paris
    once = deadlines(paris(2026, 3, 5, 9), region=None, extended=True)
    assert not can_extend(paris(2026, 3, 20, 12), once)


# --- properties -------------------------------------------------------------------------------------------


@given(receipts, regions)
def test_the_initial_deadline_is_a_working_day_within_a_short_roll_of_one_month(
    received: dt.date, region: Region
) -> None:
    naive = add_months(received, 1)
    initial = initial_deadline(received, region)
    assert is_working_day(initial, region)
    assert received < naive <= initial <= naive + MAX_ROLL


@given(receipts, regions)
def test_the_extended_deadline_is_a_working_day_after_the_initial_one(received: dt.date, region: Region) -> None:
    naive = min(add_months(received, 3), add_months(add_months(received, 1), 2))
    initial = initial_deadline(received, region)
    extended = extended_deadline(received, region)
    assert is_working_day(extended, region)
    assert received < naive <= extended <= naive + MAX_ROLL
    assert initial <= extended <= add_months(received, 3) + MAX_ROLL


@given(receipts, st.integers(min_value=-1200, max_value=1200))
def test_add_months_moves_the_month_count_by_exactly_n(day: dt.date, n: int) -> None:
    later = add_months(day, n)
    assert later.year * 12 + later.month == day.year * 12 + day.month + n
    assert later.day == day.day or (later.day < day.day and (later + dt.timedelta(days=1)).day == 1)


@given(
    st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 12, 1), timezones=st.just(UTC)),
    regions,
    st.booleans(),
    st.integers(min_value=0, max_value=30),
    st.integers(min_value=0, max_value=120 * 24),
)
def test_the_deadlines_keep_their_invariants(
    received_at: dt.datetime, region: Region, extended: bool, ask_after_hours: int, pending_hours: int
) -> None:
    asked = received_at + dt.timedelta(hours=ask_after_hours * 12)
    found = deadlines(
        received_at,
        region=region,
        extended=extended,
        identity_requested_at=asked,
        identity_received_at=asked + dt.timedelta(hours=pending_hours),
    )
    assert found.received < found.initial == found.extension_notice_by
    assert found.strict == (found.extended if extended else found.initial)
    assert found.extended is None or found.initial <= found.extended
    assert found.paused is not None
    assert found.strict <= found.paused
    assert is_working_day(found.paused, region)
    if (local_date(asked) - found.received).days > IDENTITY_REQUEST_PROMPT_DAYS:
        assert found.paused == found.strict


@pytest.mark.parametrize(("status", "days_left", "late", "soon"), [
    ("open", -1, True, False), ("awaiting_identity", 0, False, True), ("open", 7, False, True),
    ("open", 8, False, False), ("completed", -3, False, False), ("refused", 2, False, False)])
def test_a_request_is_late_or_soon_only_while_it_waits_for_an_answer(status: str, days_left: int, late: bool,
                                                                      soon: bool) -> None:
    shown = RequestRead.model_construct(status=Status(status), days_left=days_left)
    assert (shown.late, shown.soon, shown.pending) == (late, soon, status in ("open", "awaiting_identity"))
