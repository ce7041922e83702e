"""How the retention rules on the same data combine: one decision, used by the store's sweep, the connected
databases' sweep, the plan, marketing eligibility and erasure.

- **An exception replaces the general rule.** A limit with a condition (`when`) replaces the unconditional limits
  for the records it matches: "contracts 5 years; 10 years for contracts concluded electronically for 120 euros or
  more" keeps a 150 EUR online contract 10 years.
- **An obligation is never replaced.** A rule of `kind: obligation` (a minimum: Code de commerce L123-22, Code de la
  consommation L213-1, a legal hold) keeps the records it matches until it is over, whatever else applies.
- **The rule that keeps wins.** A record goes when every rule that applies to it is over: the longest of its
  limits, and each obligation. A record no rule gives an end to stays, with no determinable end, and is reported.
- **What cannot be told keeps.** A condition that cannot be evaluated for a record (its attribute unknown, or not
  recorded at all) may hold: an exception that may apply must be over too, and an obligation that may apply holds.

The decision is written once over a small boolean algebra, so that the same code gives SQL predicates (a whole table
at a time, set-based) and plain Python booleans (one record, for tests and answers). Conditions are evaluated in
Kleene's three-valued logic as a pair of two-valued predicates (`Maybe`), so that no NULL ever reaches the result.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import Connection, and_, case, false, func, not_, or_, select, true
from sqlalchemy.sql import ColumnElement

from registre.declarations.schemas import Clause, Group, RetentionRule
from registre.retention.expiry import expiry

B = TypeVar("B")
OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    "eq": operator.eq, "ne": operator.ne, "gt": operator.gt, "ge": operator.ge, "lt": operator.lt, "le": operator.le,
}


class Logic(Protocol[B]):
    """The operations the decision needs: SQL expressions or Python booleans."""

    true: B
    false: B

    def all(self, items: Sequence[B]) -> B:
        """Every item holds (true for none)."""
        ...

    def any(self, items: Sequence[B]) -> B:
        """At least one item holds (false for none)."""
        ...

    def negate(self, item: B) -> B:
        """The item does not hold."""
        ...


class Python:
    """Plain booleans: the decision for one record."""

    true = True
    false = False

    def all(self, items: Sequence[bool]) -> bool:
        """Every item holds."""
        return all(items)

    def any(self, items: Sequence[bool]) -> bool:
        """At least one item holds."""
        return any(items)

    def negate(self, item: bool) -> bool:
        """The item does not hold."""
        return not item


PYTHON = Python()

Predicate = ColumnElement[bool]


class Sql:
    """SQL predicates: the decision for every row of a table at once."""

    true: Predicate = true()
    false: Predicate = false()

    def all(self, items: Sequence[Predicate]) -> Predicate:
        """Every item holds."""
        return and_(true(), *items)

    def any(self, items: Sequence[Predicate]) -> Predicate:
        """At least one item holds."""
        return or_(false(), *items)

    def negate(self, item: Predicate) -> Predicate:
        """The item does not hold."""
        return not_(item)


SQL = Sql()


def evaluate(value: Any, clause: Clause) -> Maybe[bool]:
    """A clause on one record's value, in three-valued logic: an unknown value (None) may match."""
    if value is None:
        return unknown(PYTHON)
    if clause.op == "in":
        return known(PYTHON, value in (clause.value if isinstance(clause.value, list) else [clause.value]))
    return known(PYTHON, bool(OPERATORS[clause.op](value, clause.value)))


def comparison(column: Any, clause: Clause) -> Maybe[Predicate]:
    """A clause on a column, in three-valued logic: an empty column may match."""
    value = clause.value
    if clause.op == "in":
        test = column.in_(value if isinstance(value, list) else [value])
    else:
        test = OPERATORS[clause.op](column, value)
    return Maybe(and_(column.is_not(None), test), or_(column.is_(None), test))


@dataclass(frozen=True)
class Maybe(Generic[B]):
    """A condition in three-valued logic: `sure` when it certainly holds, `maybe` when it may (true or unknown)."""

    sure: B
    maybe: B


def always(logic: Logic[B]) -> Maybe[B]:
    """A condition that holds."""
    return Maybe(logic.true, logic.true)


def unknown(logic: Logic[B]) -> Maybe[B]:
    """A condition that cannot be told."""
    return Maybe(logic.false, logic.true)


def known(logic: Logic[B], value: B) -> Maybe[B]:
    """A condition whose value is known."""
    return Maybe(value, value)


def condition(test: Clause | Group, logic: Logic[B], clause: Callable[[Clause], Maybe[B]]) -> Maybe[B]:
    """A `when` (or any group of tests) in three-valued logic, from the value of each clause."""
    if isinstance(test, Clause):
        return clause(test)
    parts = [condition(item, logic, clause) for item in test.all]
    if test.any is not None:
        options = [condition(item, logic, clause) for item in test.any]
        parts.append(Maybe(logic.any([o.sure for o in options]), logic.any([o.maybe for o in options])))
    if test.not_ is not None:
        negated = condition(test.not_, logic, clause)
        parts.append(Maybe(logic.negate(negated.maybe), logic.negate(negated.sure)))
    return Maybe(logic.all([p.sure for p in parts]), logic.all([p.maybe for p in parts]))


@dataclass(frozen=True)
class Verdict(Generic[B]):
    """What the rules on one piece of data decide for a record.

    `due`: every rule that applies is over, the record goes. `governs[i]`: rule i is one of those that apply (its
    end action is the one taken). `limits_over`: the limits that apply are over. `minimum_holds`: an obligation that
    may apply is not over. `endless`: no rule that applies can ever end (no rule, or one with no event to count
    from).
    """

    due: B
    governs: tuple[B, ...]
    limits_over: B
    minimum_holds: B
    endless: B


def decide(rules: Sequence[RetentionRule], logic: Logic[B], *, applies: Callable[[RetentionRule], Maybe[B]],
           over: Callable[[RetentionRule], B], never: Callable[[RetentionRule], bool] | None = None) -> Verdict[B]:
    """Combine `rules` (all of them on the same data) for a record: `applies` tells whether a rule's conditions and
    categories match the record, `over` whether its period is over (false while it has not started), `never` which
    rules can never be over (by default those that name no event to count from)."""
    matches = [applies(rule) for rule in rules]
    periods = [over(rule) for rule in rules]
    exceptions = [i for i, r in enumerate(rules) if not r.obligation and r.when is not None]
    general = [i for i, r in enumerate(rules) if not r.obligation and r.when is None]
    obligations = [i for i, r in enumerate(rules) if r.obligation]
    replaced = logic.any([matches[i].sure for i in exceptions])

    def over_if_may_apply(i: int) -> B:
        return logic.any([logic.negate(matches[i].maybe), periods[i]])

    general_over = logic.all([logic.any([logic.negate(matches[i].maybe), periods[i]]) for i in general])
    limits_over = logic.all([logic.any([replaced, general_over]), *[over_if_may_apply(i) for i in exceptions]])
    minimum_holds = logic.negate(logic.all([over_if_may_apply(i) for i in obligations]))
    determined = logic.any([m.sure for m in matches])
    governs = tuple(logic.all([matches[i].maybe, logic.negate(replaced)]) if i in general else matches[i].maybe
                    for i in range(len(rules)))
    endless = never or (lambda rule: not rule.events)
    unending = [governs[i] for i in range(len(rules)) if endless(rules[i])]
    return Verdict(
        due=logic.all([determined, limits_over, logic.negate(minimum_holds)]),
        governs=governs,
        limits_over=limits_over,
        minimum_holds=minimum_holds,
        endless=logic.any([logic.negate(determined), *unending]),
    )


def record(rules: Sequence[RetentionRule], *, attributes: Mapping[str, Any], events: Mapping[str, dt.date | None],
           today: dt.date, financial_year_end: str = "12-31") -> Verdict[bool]:
    """The decision for one record, from its attributes (a missing one is unknown) and the days of its events."""

    def applies(rule: RetentionRule) -> Maybe[bool]:
        if rule.when is None:
            return always(PYTHON)
        return condition(rule.when, PYTHON, lambda clause: evaluate(attributes.get(clause.attribute), clause))

    def over(rule: RetentionRule) -> bool:
        end = expiry(rule, events, financial_year_end=financial_year_end)
        return end is not None and end <= today

    return decide(rules, PYTHON, applies=applies, over=over)


def covers(rule: RetentionRule, *, data: str | None = None, subject: str | None = None) -> bool:
    """Whether a rule concerns a data category and a subject category (None: not known, so it may)."""
    return (data is None or rule.data is None or data in rule.data) and \
        (subject is None or rule.subjects is None or subject in rule.subjects)


def label(rule: RetentionRule, index: int, activity: str) -> str:
    """The name a plan and an audit entry give a rule: its id, or its place in the activity."""
    return rule.id or f"{activity}.retention[{index}]"


def tally(connection: Connection, table: Any, tests: dict[str, ColumnElement[bool]]) -> dict[str, int]:
    """The rows of `table` that pass each test, in one scan."""
    sums = [func.coalesce(func.sum(case((test, 1), else_=0)), 0).label(name) for name, test in tests.items()]
    row = connection.execute(select(*sums).select_from(table)).one()
    return {name: int(value) for name, value in row._mapping.items()}
