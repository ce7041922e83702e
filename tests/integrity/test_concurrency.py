"""Sixteen people at once, on SQLite and PostgreSQL: one request is completed, extended or refused once, and one
confirmation link clicked sixteen times files one request."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from registre.config import Settings, get_settings
from registre.db.base import utcnow
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.declarations.service import load
from registre.errors import Conflict
from registre.models.audit import AuditEntry
from registre.models.journal import DatasetBatch
from registre.models.requests import RightsRequest
from registre.rights import flows, service
from registre.rights.schemas import RequestCreate, RequestDetails, RequestKind
from registre.web.center import flows as center
from registre.web.center.schemas import RequestForm
from tests.connectors.test_retention import env
from tests.connectors.test_rights import DECLARATION
from tests.fixtures.context import as_dpo
from tests.fixtures.factories import create_subject
from tests.fixtures.shop import Shop
from tests.web.center.test_flows import link, mails

__all__ = ["env"]  # the shop's settings, shared with the connectors' tests

CLIENTS = 16
ACTOR = "dpo@exemple.fr"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, lang="en")


@pytest.fixture
def declared(declare: Callable[..., Declared]) -> Declared:
    return declare()


def at_once(call: Callable[[], Any], clients: int = CLIENTS) -> tuple[list[Any], list[BaseException]]:
    """Run `call` in `clients` threads released together; what each returned, and what each raised."""
    gate = threading.Barrier(clients)
    results: list[Any] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run() -> None:
        gate.wait()
        try:
            value = call()
        except BaseException as error:  # collected and checked by the test
            with lock:
                errors.append(error)
        else:
            with lock:
                results.append(value)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def filed(engine: Engine, settings: Settings, declared: Declared, kind: str) -> str:
    with unit_of_work(engine) as session:
        create_subject(session, records=[("orders", "identification", "last_name", "Martin"),
                                         ("orders", "contact", "email", "jeanne@example.fr")])
    request_in = RequestCreate.model_validate({"kind": kind, "channel": "email",
                                               "requester": {"email": "jeanne@example.fr"},
                                               "subject": "email:jeanne@example.fr"})
    return flows.file_request(as_dpo(engine, declared, ACTOR, settings=settings), request_in).request.ref


def audited(engine: Engine, action: str) -> int:
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action)) or 0


@pytest.mark.parametrize("kind", ["erasure", "access"])
def test_sixteen_completes_of_one_request_succeed_once(engine: Engine, settings: Settings, declared: Declared,
                                                       kind: str) -> None:
    ref = filed(engine, settings, declared, kind)
    done, errors = at_once(lambda: flows.complete(as_dpo(engine, declared, ACTOR, settings=settings), ref))
    assert len(done) == 1
    assert len(errors) == CLIENTS - 1
    assert all(isinstance(e, Conflict) for e in errors), errors
    assert audited(engine, f"request.completed.{kind}") == 1


def test_sixteen_extends_of_one_request_succeed_once(engine: Engine, settings: Settings, declared: Declared) -> None:
    ref = filed(engine, settings, declared, "access")
    done, errors = at_once(lambda: flows.extend(as_dpo(engine, declared, ACTOR, settings=settings), ref,
                                                reasons="Many databases to search."))
    assert len(done) == 1
    assert all(isinstance(e, Conflict) for e in errors), errors
    assert audited(engine, "request.extended") == 1


def test_sixteen_refusals_of_one_request_succeed_once(engine: Engine, settings: Settings, declared: Declared) -> None:
    ref = filed(engine, settings, declared, "erasure")
    done, errors = at_once(lambda: flows.refuse(as_dpo(engine, declared, ACTOR, settings=settings), ref,
                                                reasons="Kept for a claim.", partial=False))
    assert len(done) == 1
    assert all(isinstance(e, Conflict) for e in errors), errors
    assert audited(engine, "request.refused") == 1


def test_sixteen_confirmations_of_one_form_file_one_request(engine: Engine, settings: Settings,
                                                            declared: Declared) -> None:
    with unit_of_work(engine) as session:
        create_subject(session)
    form = RequestForm(kind=RequestKind.access, email="jeanne@example.fr", name="Jeanne Martin", lang="en",
                       details=RequestDetails())
    center.submit(settings, declared, form, "http://center.test")
    token = link(mails(settings)[-1], "confirm")
    done, errors = at_once(lambda: center.confirm(engine, settings, declared, token, "http://center.test"))
    assert errors == []
    assert len({f.ref for f in done}) == 1
    assert sum(f.new for f in done) == 1
    with unit_of_work(engine) as session:
        assert session.scalar(select(func.count()).select_from(RightsRequest)) == 1
    assert audited(engine, "request.received") == 1


@pytest.mark.parametrize("shop_url", ["sqlite", "postgresql"], indirect=True)
def test_eight_completes_of_one_erasure_act_on_the_connected_database_once(
        engine: Engine, env: dict[str, str], shop: tuple[str, Shop], monkeypatch: pytest.MonkeyPatch) -> None:
    """The request is claimed before the connected database is touched: the seven completions that lose do nothing
    there (no statement run, nothing journalled), on a store in SQLite or PostgreSQL."""
    for name, value in {**env, "REGISTRE_DATABASE_URL": engine.url.render_as_string(hide_password=False)}.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    settings, declared = get_settings(), load(DECLARATION)
    who = shop[1].jeanne.email
    request_in = RequestCreate.model_validate({"kind": "erasure", "channel": "email", "requester": {"email": who},
                                               "subject": f"email:{who}"})
    ref = flows.file_request(as_dpo(engine, declared, ACTOR, settings=settings), request_in).request.ref
    done, errors = at_once(lambda: flows.complete(as_dpo(engine, declared, ACTOR, settings=settings), ref), clients=8)
    assert len(done) == 1
    assert len(errors) == 7
    assert all(isinstance(e, Conflict) for e in errors), errors
    with unit_of_work(engine) as session:
        batches = session.scalars(select(DatasetBatch).where(DatasetBatch.request_ref == ref)).all()
        statements = session.scalars(select(AuditEntry.details).where(AuditEntry.action == "dataset.statement")).all()
        claimed = session.scalar(select(RightsRequest.claimed_until).where(RightsRequest.ref == ref))
    assert [(b.dataset, b.outcome) for b in batches] == [("shop", "done")]  # one completion acted, once
    assert {s["batch"] for s in statements} == {batches[0].id}
    assert sum(s["rows"] for s in statements) >= 3 + 4  # her payments and logs, deleted by the winner
    assert claimed is None  # released with the completion
    assert audited(engine, "request.completed.erasure") == 1


def test_a_claim_left_by_a_completion_that_died_holds_the_request_until_it_expires(
        engine: Engine, settings: Settings, declared: Declared) -> None:
    ref = filed(engine, settings, declared, "erasure")
    with unit_of_work(engine) as session:  # a completion claims the request, and its process dies
        service.claim(session, service.get_or_raise(session, ref, for_update=True))
    for attempt in (lambda: flows.complete(as_dpo(engine, declared, ACTOR, settings=settings), ref),
                    lambda: flows.refuse(as_dpo(engine, declared, ACTOR, settings=settings), ref, reasons="Kept.",
                                         partial=False)):
        with pytest.raises(Conflict) as refused:
            attempt()
        assert "is being completed just now" in refused.value.text("en")
        assert "in 10 minutes at most" in refused.value.text("en")
    with unit_of_work(engine) as session:  # ten minutes later
        service.get_or_raise(session, ref).claimed_until = utcnow() - dt.timedelta(seconds=1)
    assert flows.complete(as_dpo(engine, declared, ACTOR, settings=settings), ref).request.status == "completed"
