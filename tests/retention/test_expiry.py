"""Retention expiry on the worked examples of the seeds and the regulation reference (§5.6), and its inverse."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registre.declarations.schemas import RetentionRule
from registre.retention.expiry import archive_end, end_from, expiry, latest_start, year_end

D = dt.date


def rule(**fields: Any) -> RetentionRule:
    return RetentionRule.model_validate(fields)


@pytest.mark.parametrize(("fields", "events", "expected"), [
    # Wimi: "retained for a maximum of 3 years after the cancellation of their subscription"
    ({"from": "subscription_cancelled", "duration": "3 years"}, {"subscription_cancelled": D(2024, 3, 31)},
     D(2027, 3, 31)),
    # Wimi: "retained throughout their entire use": kept until the cancellation, not before it happens
    ({"from": "subscription_cancelled"}, {"subscription_cancelled": D(2025, 2, 1)}, D(2025, 2, 1)),
    ({"from": "subscription_cancelled"}, {}, None),
    # Prospects (référentiel): 3 years from collection or the last contact from the prospect, the later
    ({"from": ["collected", "last_contact"], "duration": "3 years"},
     {"collected": D(2022, 1, 10), "last_contact": D(2023, 5, 2)}, D(2026, 5, 2)),
    ({"from": ["collected", "last_contact"], "duration": "3 years"}, {"collected": D(2022, 1, 10)}, D(2025, 1, 10)),
    # Bank card proof: 13 months after the debit date (CMF L133-24); 31 January lands on the end of February
    ({"from": "debit", "duration": "13 months"}, {"debit": D(2025, 1, 31)}, D(2026, 2, 28)),
    ({"from": "debit", "duration": "13 months"}, {"debit": D(2023, 1, 31)}, D(2024, 2, 29)),
    # One year after a 29 February
    ({"from": "last_connection", "duration": "1 year"}, {"last_connection": D(2024, 2, 29)}, D(2025, 2, 28)),
    # Accounting documents: 10 years from the close of the financial year (C. com. L123-22)
    ({"from": "invoice_issued", "duration": "10 years", "anchor": "end_of_financial_year"},
     {"invoice_issued": D(2024, 6, 15)}, D(2034, 12, 31)),
    # CCTV: one month at most (CSI L252-5)
    ({"from": "recorded", "duration": "1 month"}, {"recorded": D(2026, 8, 31)}, D(2026, 9, 30)),
    # No event named: the period cannot start
    ({"duration": "13 months"}, {"collected": D(2026, 1, 1)}, None),
])
def test_worked_examples(fields: dict[str, Any], events: dict[str, dt.date], expected: dt.date | None) -> None:
    assert expiry(rule(**fields), events) == expected


def test_financial_year_ending_in_june() -> None:
    invoices = rule(**{"from": "invoice_issued", "duration": "10 years", "anchor": "end_of_financial_year"})
    assert expiry(invoices, {"invoice_issued": D(2024, 6, 30)}, financial_year_end="06-30") == D(2034, 6, 30)
    assert expiry(invoices, {"invoice_issued": D(2024, 7, 1)}, financial_year_end="06-30") == D(2035, 6, 30)
    assert year_end(D(2023, 3, 1), "02-29") == D(2024, 2, 29)
    assert year_end(D(2022, 3, 1), "02-29") == D(2023, 2, 28)


def test_archive_after_the_active_period_or_from_its_own_event() -> None:
    # Wimi: banking data deleted once the transaction is done, archived 13 months from the last transaction
    banking = rule(**{"from": "transaction_completed",
                      "archive": {"duration": "13 months", "from": "last_transaction"}})
    events = {"transaction_completed": D(2026, 1, 5), "last_transaction": D(2026, 3, 31)}
    assert expiry(banking, events) == D(2026, 1, 5)
    assert archive_end(banking, events) == D(2027, 4, 30)
    contracts = rule(**{"from": "contract_ended", "duration": "3 years", "archive": {"duration": "5 years"}})
    assert archive_end(contracts, {"contract_ended": D(2020, 12, 31)}) == D(2028, 12, 31)
    assert archive_end(rule(**{"from": "collected", "duration": "1 year"}), {"collected": D(2020, 1, 1)}) is None


DURATIONS = st.builds(lambda y, m, d: {"years": y, "months": m, "days": d},
                      st.integers(0, 12), st.integers(0, 14), st.integers(0, 40))
DAYS = st.dates(D(1990, 1, 1), D(2090, 12, 31))
YEAR_ENDS = st.sampled_from(["12-31", "06-30", "03-31", "02-29", "09-30"])


@given(DURATIONS, st.booleans(), YEAR_ENDS, DAYS, DAYS)
def test_a_row_is_due_exactly_when_its_event_is_on_or_before_the_latest_start(
        duration: dict[str, int], anchored: bool, year_end_day: str, event: dt.date, today: dt.date) -> None:
    fields: dict[str, Any] = {"from": "collected", "duration": duration}
    if anchored:
        fields["anchor"] = "end_of_financial_year"
    end = end_from(rule(**fields), year_end_day)
    assert (end(event) <= today) == (event <= latest_start(end, today))


@given(DURATIONS, DAYS, DAYS, DAYS)
def test_the_latest_event_counts_and_expiry_never_precedes_it(duration: dict[str, int], a: dt.date, b: dt.date,
                                                              today: dt.date) -> None:
    both = rule(**{"from": ["collected", "last_contact"], "duration": duration})
    ends = expiry(both, {"collected": a, "last_contact": b})
    assert ends == expiry(rule(**{"from": "collected", "duration": duration}), {"collected": max(a, b)})
    assert ends is not None
    assert ends >= max(a, b)
