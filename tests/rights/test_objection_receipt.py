"""An objection to direct marketing takes effect from its receipt (GDPR Art. 21(3)), not from the request's
completion: marketing eligibility on the days after receipt already leaves the person out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import Engine

from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.declarations.schemas import Channel
from registre.marketing import eligibility
from registre.rights import service
from registre.rights.schemas import RequestCreate
from tests.fixtures.factories import create_subject


def test_an_objection_received_stops_marketing_before_it_is_answered(engine: Engine,
                                                                      declare: Callable[..., Declared]) -> None:
    declared = declare()
    received = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    with unit_of_work(engine) as session:
        subject = create_subject(session, email="jeanne@example.fr")
        ref = subject.ref
        service.create(session, request_in=RequestCreate.model_validate({
            "kind": "objection", "channel": "email", "subject": "email:jeanne@example.fr",
            "requester": {"email": "jeanne@example.fr"},
            "received_at": received.isoformat(), "details": {"objection": "direct_marketing"}}),
            region="metropole", actor="test", now=received + dt.timedelta(days=3))

    def code(day: dt.date) -> str:
        with unit_of_work(engine) as session:
            answer = eligibility.decide(session, declared=declared, channel=Channel.email, purpose="newsletter",
                                        at=day, audience=[ref])
        return answer.decisions[0].code

    assert code(dt.date(2026, 11, 1)) != "objection_marketing"  # the day before receipt
    assert code(dt.date(2026, 11, 2)) == "objection_marketing"  # the request is still open
