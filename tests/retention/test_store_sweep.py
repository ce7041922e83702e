"""Retention in the built-in store: `registre retention` deletes the records whose period is over (Paris days,
the latest event, legal holds), and leaves the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, select

from registre.config import Settings
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.models.subjects import Identifier, LifecycleEvent, PersonalRecord, Restriction
from registre.retention import flows
from tests.fixtures.context import as_dpo
from tests.fixtures.factories import create_subject

PARIS = ZoneInfo("Europe/Paris")
TODAY = dt.date(2026, 11, 23)


def at(text: str) -> dt.datetime:
    """A Paris time."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=PARIS)


def person(engine: Engine, email: str, events: dict[str, str], *, newsletter_collected: str | None = None,
           held: str | None = None) -> None:
    """A customer with an order record, maybe a newsletter record collected on a given day, and events."""
    with unit_of_work(engine) as session:
        subject = create_subject(session, email=email, records=[("orders", "identification", "last_name", "X")])
        if newsletter_collected is not None:
            session.add(PersonalRecord(subject_id=subject.id, activity="newsletter", data_category="contact",
                                       field="email", value=email, collected_at=at(newsletter_collected)))
        for event, moment in events.items():
            session.add(LifecycleEvent(subject_id=subject.id, event=event, occurred_at=at(moment)))
        if held is not None:
            session.add(Restriction(subject_id=subject.id, kind="legal_hold", activity=held, ground="litige"))


def left(engine: Engine) -> set[tuple[str, str]]:
    """(email value of the subject's identifier, activity) of every record left."""
    with unit_of_work(engine) as session:
        rows = session.execute(select(Identifier.value, PersonalRecord.activity).join(
            PersonalRecord, PersonalRecord.subject_id == Identifier.subject_id)).all()
    return {(email, activity) for email, activity in rows}


def test_the_store_sweep_deletes_exactly_what_is_due(engine: Engine, declare: Callable[..., Declared],
                                                     tmp_path: Path) -> None:
    declared = declare()  # orders: 3 years from the end of the relationship; newsletter: 3 years from the
    # later of collection and the last contact
    person(engine, "ended-2022@x.fr", {"relationship_ended": "2022-06-01T10:00"},
           newsletter_collected="2019-01-01T10:00")
    person(engine, "contact-2024@x.fr", {"relationship_ended": "2024-01-01T10:00", "last_contact": "2024-01-01T10:00"},
           newsletter_collected="2019-01-01T10:00")
    person(engine, "late-evening@x.fr", {"relationship_ended": "2023-11-23T23:30"})  # the 23rd in Paris: due today
    person(engine, "after-midnight@x.fr", {"relationship_ended": "2023-11-24T00:30"})  # the 24th in Paris: kept
    person(engine, "held@x.fr", {"relationship_ended": "2020-01-01T10:00"}, held="orders")
    person(engine, "ongoing@x.fr", {})
    settings = Settings(data_dir=tmp_path, database_url=str(engine.url.render_as_string(hide_password=False)))

    [store] = flows.plan(as_dpo(engine, declared, settings=settings), TODAY)
    planned = {task["activity"]: task["due"] for task in store["tasks"]}
    assert planned == {"orders": 2, "newsletter": 1}
    assert left(engine) == {("ended-2022@x.fr", "orders"), ("ended-2022@x.fr", "newsletter"),
                            ("contact-2024@x.fr", "orders"), ("contact-2024@x.fr", "newsletter"),
                            ("late-evening@x.fr", "orders"), ("after-midnight@x.fr", "orders"),
                            ("held@x.fr", "orders"), ("ongoing@x.fr", "orders")}

    [done] = flows.run(as_dpo(engine, declared, settings=settings), TODAY)
    assert sum(task["rows"] for task in done["tasks"]) == 3
    assert left(engine) == {("contact-2024@x.fr", "orders"), ("contact-2024@x.fr", "newsletter"),
                            ("after-midnight@x.fr", "orders"), ("held@x.fr", "orders"), ("ongoing@x.fr", "orders")}
    [again] = flows.plan(as_dpo(engine, declared, settings=settings), TODAY)
    assert all(task["due"] == 0 for task in again["tasks"])


def test_the_store_keeps_what_an_obligation_or_an_exception_that_may_apply_keeps(
        engine: Engine, declare: Callable[..., Declared], tmp_path: Path) -> None:
    def rules(data: dict[str, object]) -> None:
        orders = data["activities"][0]  # type: ignore[index]
        orders["retention"] = [  # type: ignore[index]
            {"from": "relationship_ended", "duration": "1 year"},
            # an exception the store cannot tell (no attributes): it may apply, so it must be over too
            {"from": "relationship_ended", "duration": "4 years",
             "when": {"label": "disputed", "all": [{"attribute": "disputed", "value": True}]}},
            # an obligation on the order history: ten years, never replaced
            {"kind": "obligation", "data": ["order_history"], "from": "relationship_ended", "duration": "10 years"}]

    declared = declare(rules)
    with unit_of_work(engine) as session:
        for email, ended in (("2024@x.fr", "2024-06-01T10:00"), ("2021@x.fr", "2021-06-01T10:00")):
            subject = create_subject(session, email=email, records=[
                ("orders", "identification", "last_name", "X"), ("orders", "order_history", "order", "A-1")])
            session.add(LifecycleEvent(subject_id=subject.id, event="relationship_ended", occurred_at=at(ended)))
    settings = Settings(data_dir=tmp_path, database_url=str(engine.url.render_as_string(hide_password=False)))

    [plan] = flows.plan(as_dpo(engine, declared, settings=settings), TODAY)
    held = sum(task.get("minimum", 0) for task in plan["tasks"])
    assert held == 1  # the 2021 order history: its year and its four years are over, its ten are not
    flows.run(as_dpo(engine, declared, settings=settings), TODAY)
    with unit_of_work(engine) as session:
        left = set(session.execute(select(Identifier.value, PersonalRecord.field).join(
            PersonalRecord, PersonalRecord.subject_id == Identifier.subject_id)).all())
    # 2024: one year over, but the four years of the exception that may apply are not; 2021: only the history stays
    assert left == {("2024@x.fr", "last_name"), ("2024@x.fr", "order"), ("2021@x.fr", "order")}
