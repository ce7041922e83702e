"""How retention rules on the same data combine (`registre.retention.combine`): the worked examples of each
combination, and properties over random rules: no record goes while an obligation that may apply to it holds, and
the SQL decision over a whole table is the decision record by record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Date, Integer, MetaData, Table, create_engine, insert, select

from registre.connectors.mapping import Annotation, attach
from registre.connectors.schemas import Dataset
from registre.declarations.loader import SourceMap
from registre.declarations.schemas import RetentionRule
from registre.retention.combine import record
from registre.retention.due import Unmapped, verdict

D = dt.date


def rule(**fields: Any) -> RetentionRule:
    """A rule written as in a declaration."""
    return RetentionRule.model_validate(fields)


# Paris je t'aime: "Contracts concluded with customers | 5 years from their conclusion. 10 years for contracts
# concluded electronically for more than 120 euros." Code de la consommation L213-1 says 120 euros or more.
CONTRACTS = [
    rule(duration="5 years", **{"from": "contract_concluded"}),
    rule(duration="10 years", **{"from": "contract_concluded"},
         when={"label": {"en": "online, 120 EUR or more", "fr": "en ligne, 120 EUR ou plus"},
               "all": [{"attribute": "online", "op": "=", "value": True},
                       {"attribute": "amount_eur", "op": "≥", "value": 120}]}),
]
CONCLUDED = {"contract_concluded": D(2015, 3, 1)}


def due(rules: list[RetentionRule], today: dt.date, events: dict[str, dt.date | None],
        **attributes: Any) -> bool:
    """Whether a record with these attributes and events goes on `today`."""
    return record(rules, attributes=attributes, events=events, today=today).due


def test_an_exception_replaces_the_general_rule_for_the_records_it_matches() -> None:
    six_years_on = D(2021, 3, 2)
    assert not due(CONTRACTS, six_years_on, CONCLUDED, online=True, amount_eur=150)  # ten years
    assert not due(CONTRACTS, six_years_on, CONCLUDED, online=True, amount_eur=120)  # exactly 120: the law's "≥"
    assert due(CONTRACTS, six_years_on, CONCLUDED, online=True, amount_eur=119)
    assert due(CONTRACTS, six_years_on, CONCLUDED, online=False, amount_eur=150)
    assert due(CONTRACTS, D(2025, 3, 1), CONCLUDED, online=True, amount_eur=150)
    assert not due(CONTRACTS, D(2025, 2, 28), CONCLUDED, online=True, amount_eur=150)


def test_an_exception_that_cannot_be_told_keeps() -> None:
    six_years_on = D(2021, 3, 2)
    assert not due(CONTRACTS, six_years_on, CONCLUDED, amount_eur=150)  # online or not: unknown
    assert due(CONTRACTS, six_years_on, CONCLUDED, online=False)  # the amount does not matter offline
    assert due(CONTRACTS, D(2025, 3, 1), CONCLUDED, amount_eur=150)


def test_an_obligation_holds_past_a_shorter_limit_and_ends_after_its_last_day() -> None:
    rules = [rule(duration="3 years", **{"from": "invoice_issued"}),
             rule(kind="obligation", law={"en": "Code de commerce L123-22", "fr": "Code de commerce L123-22"},
                  duration="10 years", **{"from": "invoice_issued"}, anchor="end_of_financial_year")]
    issued = {"invoice_issued": D(2015, 6, 10)}
    assert not due(rules, D(2020, 1, 1), issued)
    assert not due(rules, D(2025, 12, 31), issued)  # the last day of the ten years is kept whole
    assert due(rules, D(2026, 1, 1), issued)


def test_an_obligation_is_not_replaced_by_an_exception() -> None:
    rules = [rule(kind="obligation", duration="10 years", **{"from": "contract_concluded"}),
             rule(duration="1 year", **{"from": "contract_concluded"},
                  when={"label": {"en": "cancelled", "fr": "annulé"},
                        "all": [{"attribute": "cancelled", "value": True}]})]
    assert not due(rules, D(2020, 1, 1), CONCLUDED, cancelled=True)


def test_an_obligation_on_other_records_does_not_hold() -> None:
    rules = [rule(duration="1 year", **{"from": "transaction_completed"}),
             rule(kind="obligation", duration="13 months", **{"from": "debit"},
                  when={"label": {"en": "disputed", "fr": "contesté"},
                        "all": [{"attribute": "disputed", "value": True}]})]
    events = {"transaction_completed": D(2024, 1, 10), "debit": D(2024, 1, 12)}
    assert due(rules, D(2025, 1, 11), events, disputed=False)
    assert not due(rules, D(2025, 1, 11), events, disputed=True)
    assert not due(rules, D(2025, 1, 11), events)  # not known whether disputed: kept
    assert due(rules, D(2025, 2, 13), events, disputed=True)


def test_the_latest_event_by_default_and_the_first_when_said() -> None:
    latest = rule(duration="3 years", **{"from": ["relationship_ended", "last_contact"]})
    first = rule(duration="3 years", **{"from": ["relationship_ended", "last_contact"]}, whichever="first")
    events = {"relationship_ended": D(2020, 1, 1), "last_contact": D(2022, 6, 1)}
    assert not due([latest], D(2024, 1, 1), events)
    assert due([latest], D(2025, 6, 1), events)
    assert due([first], D(2023, 1, 1), events)
    assert not due([first], D(2022, 12, 31), events)


def test_the_rule_that_keeps_longest_wins_among_limits() -> None:
    rules = [rule(duration="1 year", **{"from": "collected"}), rule(duration="3 years", **{"from": "collected"})]
    assert not due(rules, D(2022, 1, 1), {"collected": D(2020, 1, 1)})
    assert due(rules, D(2023, 1, 1), {"collected": D(2020, 1, 1)})


def test_a_rule_with_no_event_keeps_with_no_determinable_end() -> None:
    rules = [rule(duration="1 year", **{"from": "collected"}), rule(duration="2 years")]
    decided = record(rules, attributes={}, events={"collected": D(2000, 1, 1)}, today=D(2026, 1, 1))
    assert not decided.due
    assert decided.endless


def test_conditions_take_any_all_not_and_in() -> None:
    when = {"label": {"en": "x", "fr": "x"},
            "any": [{"attribute": "country", "op": "in", "value": ["FR", "BE"]},
                    {"not": {"attribute": "amount", "op": "<", "value": 50}}]}
    rules = [rule(duration="1 year", **{"from": "collected"}),
             rule(duration="5 years", **{"from": "collected"}, when=when)]
    events = {"collected": D(2020, 1, 1)}
    today = D(2022, 1, 1)
    assert not due(rules, today, events, country="FR", amount=10)
    assert not due(rules, today, events, country="DE", amount=80)
    assert due(rules, today, events, country="DE", amount=10)


# Properties: rules drawn at random on two attributes and two events.

EVENTS = ("opened", "closed")
days = st.one_of(st.none(), st.dates(D(2010, 1, 1), D(2026, 12, 31)))
clauses = st.fixed_dictionaries({"attribute": st.sampled_from(["a", "b"]),
                                 "op": st.sampled_from(["eq", "ne", "gt", "ge", "lt", "le"]),
                                 "value": st.integers(0, 3)})
conditions = st.one_of(
    st.none(),
    st.builds(lambda parts, mode: {"label": {"en": "c", "fr": "c"}, mode: parts},
              st.lists(clauses, min_size=1, max_size=2), st.sampled_from(["all", "any"])),
    st.builds(lambda part: {"label": {"en": "c", "fr": "c"}, "not": part}, clauses),
)
rules_drawn = st.lists(st.builds(
    lambda kind, years, start, whichever, when: rule(kind=kind, duration=f"{years} years", whichever=whichever,
                                                     when=when, **({"from": start} if start else {})),
    st.sampled_from(["limit", "obligation"]), st.integers(0, 6),
    st.one_of(st.none(), st.sampled_from(EVENTS), st.just(list(EVENTS))), st.sampled_from(["latest", "first"]),
    conditions), min_size=1, max_size=4)
values = st.one_of(st.none(), st.integers(0, 3))
records = st.lists(st.fixed_dictionaries({"a": values, "b": values, "opened": days, "closed": days}),
                   min_size=1, max_size=12)
TODAY = D(2026, 12, 6)


@given(rules_drawn, records)
def test_no_record_goes_while_an_obligation_that_may_apply_holds(rules: list[RetentionRule],
                                                                  rows: list[dict[str, Any]]) -> None:
    for row in rows:
        decided = record(rules, attributes={k: row[k] for k in "ab"}, events={e: row[e] for e in EVENTS},
                         today=TODAY)
        if not decided.due:
            continue
        for one in rules:
            if one.obligation:
                alone = record([one], attributes={k: row[k] for k in "ab"}, events={e: row[e] for e in EVENTS},
                               today=TODAY)
                assert not alone.minimum_holds, (one, row)


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A connected SQLite table with two attributes and two event columns."""
    path: Path = tmp_path_factory.mktemp("combine") / "records.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    Table("records", MetaData(), Column("id", Integer, primary_key=True), Column("a", Integer),
          Column("b", Integer), Column("opened", Date), Column("closed", Date)).create(engine)
    engine.dispose()
    dataset = Dataset.model_validate({
        "dataset": "records", "connection": {"url": f"sqlite:///{path}"},
        "tables": {"records": {"activity": "contracts", "columns": {
            "a": {"attribute": "a", "data": "contact"}, "b": {"attribute": "b"},
            "opened": {"event": "opened"}, "closed": {"event": "closed"}}}}})
    connected = attach(Annotation(dataset, SourceMap(str(path)), path.parent))
    yield connected
    connected.dispose()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rules_drawn, records)
def test_the_sql_decision_is_the_decision_record_by_record(table: Any, rules: list[RetentionRule],
                                                           rows: list[dict[str, Any]]) -> None:
    mapped = table.tables["records"]
    with table.engine.begin() as connection:
        connection.execute(mapped.table.delete())
        connection.execute(insert(mapped.table), [{"id": i, **row} for i, row in enumerate(rows)])
        judged = verdict(table, mapped, rules, TODAY, Unmapped())
        found = set(connection.scalars(select(mapped.table.c.id).where(judged.due)))
        endless = set(connection.scalars(select(mapped.table.c.id).where(judged.endless)))
    for i, row in enumerate(rows):
        decided = record(rules, attributes={k: row[k] for k in "ab"}, events={e: row[e] for e in EVENTS},
                         today=TODAY)
        assert (i in found) == decided.due, (rules, row)
        assert (i in endless) == decided.endless, (rules, row)
