"""The legal tables, read on any day: adequacy in force exactly between its dates, durations in words."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from registre.declarations.describe import duration
from registre.declarations.schemas import Duration
from registre.law.adequacy import ADEQUACY, EEA, adequacy, in_eea

days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))


@given(days)
def test_the_uk_is_adequate_from_28_june_2021_to_27_december_2031(day: dt.date) -> None:
    assert (adequacy("GB", day) is not None) == (dt.date(2021, 6, 28) <= day <= dt.date(2031, 12, 27))


@given(days)
def test_the_us_decision_always_asks_for_dpf_certification(day: dt.date) -> None:
    found = adequacy("US", day)
    assert found is None or found.condition == "dpf"
    assert (found is not None) == (day >= dt.date(2023, 7, 10))


@given(st.sampled_from(sorted(ADEQUACY)), days)
def test_no_decision_applies_outside_its_dates(country: str, day: dt.date) -> None:
    decision = ADEQUACY[country]
    in_force = (decision.valid_from is None or day >= decision.valid_from) and (
        decision.valid_until is None or day <= decision.valid_until)
    assert (adequacy(country, day) is not None) == in_force


def test_no_adequacy_country_is_in_the_eea() -> None:
    assert not set(ADEQUACY) & EEA
    assert in_eea("FR")
    assert in_eea("NO")
    assert not in_eea("CH")


@given(st.integers(min_value=1, max_value=200), st.sampled_from(["years", "ans", "months", "mois", "days", "jours"]))
def test_a_written_duration_reads_back_in_both_languages(n: int, unit: str) -> None:
    parsed = Duration.model_validate(f"{n} {unit}")
    assert parsed.years + parsed.months + parsed.days == n
    for lang in ("fr", "en"):
        assert duration(parsed, lang).startswith(f"{n} ")
