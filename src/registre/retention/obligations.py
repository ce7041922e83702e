"""What an obligation to keep still holds, for an erasure (GDPR Art. 17(3)(b)): the store's records and the rows of
connected tables under a retention rule of `kind: obligation` (or citing a minimum of `registre.law.retention`)
whose period is not over. The decision is `combine.decide`'s, on the obligations alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from sqlalchemy.sql import ColumnElement

from registre.connectors.mapping import Connected, MappedTable
from registre.declarations.declared import Declared
from registre.declarations.schemas import Activity, RetentionRule
from registre.retention import combine, due


def obligations(declared: Declared, activity: Activity | None,
                categories: set[str] | None = None) -> list[RetentionRule]:
    """The activity's obligations to keep that concern any of `categories` (None: any data)."""
    if activity is None:
        return []
    return [p.rule for p in declared.rules(activity) if p.rule.obligation and (
        categories is None or any(combine.covers(p.rule, data=c) for c in categories))]


def holds(rules: list[RetentionRule], *, events: Mapping[str, dt.date | None], today: dt.date,
          financial_year_end: str = "12-31") -> bool:
    """Whether one of `rules` (obligations) may still hold a record with these events (its conditions unknown)."""
    return bool(rules) and combine.record(rules, attributes={}, events=events, today=today,
                                          financial_year_end=financial_year_end).minimum_holds


def holding(declared: Declared, today: dt.date) -> Callable[[Connected, MappedTable], ColumnElement[bool] | None]:
    """For a connected table, the rows an obligation to keep still holds on `today` (None: no obligation)."""
    year_end = declared.declaration.controller.financial_year_end

    def rows(connected: Connected, mapped: MappedTable) -> ColumnElement[bool] | None:
        categories = {spec.data for _, spec in mapped.personal if spec.data is not None}
        rules = obligations(declared, declared.activity(mapped.spec.activity), categories)
        if not rules:
            return None
        return due.verdict(connected, mapped, rules, today, due.Unmapped(),
                           financial_year_end=year_end).minimum_holds

    return rows
