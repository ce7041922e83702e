"""A declaration with every marketing channel, and a helper that puts people with their histories in the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine

from registre.consent import service
from registre.consent.schemas import ConsentCreate
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.models.consent import ConsentEvent
from registre.models.subjects import DataSubject, Identifier, LifecycleEvent, Restriction, new_ref

EMAIL_RULES = [
    {"subjects": ["prospect"], "rule": "consent"},
    {"subjects": ["customer"], "rule": "soft_opt_in", "analogous_products": True, "opt_out_at_collection": True,
     "opt_out_in_each_message": True},
    {"subjects": ["pro_contact"], "rule": "opt_out", "professional": True},
]
OPT_OUT = {"fr": "Lien dans chaque message", "en": "Link in each message"}


def with_channels(data: dict[str, Any]) -> None:
    """The minimal declaration, its newsletter sent by every channel."""
    data["subject_categories"] = ["customer", "prospect", {
        "id": "pro_contact", "label": {"fr": "Contacts professionnels", "en": "Business contacts"}, "kind": "supplier"}]
    data["activities"][1]["subjects"] = ["customer", "prospect", "pro_contact"]
    data["marketing"] = [
        {"channel": "email", "activity": "newsletter", "rules": EMAIL_RULES, "opt_out": OPT_OUT},
        {"channel": "sms", "activity": "newsletter", "rules": [{"rule": "consent"}], "opt_out": OPT_OUT},
        {"channel": "phone", "activity": "newsletter", "rules": [{"rule": "bloctel"}], "opt_out": OPT_OUT},
        {"channel": "post", "activity": "newsletter", "rules": [{"rule": "opt_out"}], "opt_out": OPT_OUT},
        {"channel": "push", "activity": "newsletter", "rules": [{"rule": "consent"}], "opt_out": OPT_OUT},
    ]


@pytest.fixture
def declared(declare: Callable[..., Declared]) -> Declared:
    return declare(with_channels)


def at(day: str, hour: int = 12) -> dt.datetime:
    """A moment of a day, in UTC."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), dt.UTC)


class People:
    """Put people in the store, each with what the test says of them."""

    def __init__(self, engine: Engine, declared: Declared) -> None:
        self.engine = engine
        self.declared = declared

    def add(self, name: str, category: str = "prospect", *, email: bool = True, phone: str | None = None,
            consent: tuple[tuple[str, str], ...] = (), channel: str = "email", events: dict[str, str] | None = None,
            restrictions: tuple[str, ...] = (), minor_alone: bool = False, age: int | None = None,
            parent: dict[str, str] | None = None) -> str:
        """A person; `consent` is a list of (state, day) recorded in order; returns their ref."""
        with unit_of_work(self.engine) as session:
            subject = DataSubject(category=category, ref=new_ref())
            session.add(subject)
            session.flush()
            if email:
                session.add(Identifier(subject_id=subject.id, kind="email", value=f"{name}@example.fr"))
            if phone:
                session.add(Identifier(subject_id=subject.id, kind="phone", value=phone))
            session.flush()
            for state, day in consent:
                service.record(session, declared=self.declared, actor="test", now=at(day), consent_in=ConsentCreate(
                    subject=subject.ref, purpose="newsletter", channel=channel, state=state, wording="Oui ?",
                    age=age if state == "given" else None, parent=parent if state == "given" else None))
            if minor_alone:  # as an import from an older system might hold it: no parent beside the minor
                values: dict[str, Any] = {"ref": new_ref(), "receipt_ref": new_ref(), "subject_id": subject.id,
                                          "purpose": "newsletter", "channel": channel, "state": "given",
                                          "at": at("2026-01-05"), "method": "paper", "lang": "fr", "age": 13}
                session.add(ConsentEvent(**values, digest=service.digest(values)))
            for event, day in (events or {}).items():
                session.add(LifecycleEvent(subject_id=subject.id, event=event, occurred_at=at(day, 10)))
            for kind in restrictions:
                session.add(Restriction(subject_id=subject.id, kind=kind, activity=None, since=at("2026-01-02")))
            return subject.ref


@pytest.fixture
def people(engine: Engine, declared: Declared) -> People:
    return People(engine, declared)
