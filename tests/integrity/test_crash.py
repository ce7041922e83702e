"""A run stopped between a dataset's commit and the store's (fault injection at that exact point, not chance) loses
no change: resumed, it puts every row it deleted in the audit log, and an interrupted erasure is answered with what
it did, not with "0 rows deleted". On the shop's database in SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from registre.audit import journal
from registre.audit.service import verify
from registre.config import Settings, get_settings
from registre.db.session import make_engine, unit_of_work, upgrade
from registre.declarations.declared import Declared
from registre.declarations.service import load
from registre.models.audit import AuditEntry
from registre.retention import flows as retention
from registre.rights import flows as rights
from registre.rights.schemas import RequestCreate
from tests.connectors.test_retention import counts, env
from tests.connectors.test_rights import DECLARATION
from tests.fixtures.context import as_dpo
from tests.fixtures.shop import TODAY, Shop

__all__ = ["env"]  # the shop's settings, shared with the connectors' tests


class Crash(BaseException):
    """The process dies: nothing after this point runs (not an error anything catches)."""


def crash_after(calls: int) -> Callable[[], None]:
    """A fault that lets `calls` batches settle, then kills the run between the next dataset commit and the store's."""
    seen = Counter[str]()

    def fault() -> None:
        seen["settle"] += 1
        if seen["settle"] > calls:
            raise Crash

    return fault


@pytest.fixture
def setup(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Engine, Settings, Declared]]:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    settings = get_settings()
    engine = make_engine(settings.store_url)
    upgrade(engine)
    yield engine, settings, load(DECLARATION)
    engine.dispose()


def audited(engine: Engine, *actions: str) -> list[dict[str, Any]]:
    with unit_of_work(engine) as session:
        return [dict(details) for details in session.scalars(select(AuditEntry.details).where(
            AuditEntry.action.in_(actions)).order_by(AuditEntry.id))]


@pytest.mark.parametrize("settled", [0, 3])
def test_a_retention_run_killed_between_the_commits_has_every_change_audited_after_resume(
        setup: tuple[Engine, Settings, Declared], shop: tuple[str, Shop], monkeypatch: pytest.MonkeyPatch,
        settled: int) -> None:
    engine, settings, declared = setup
    url, _ = shop
    before = counts(url)
    monkeypatch.setattr(journal, "between_commits", crash_after(settled))
    with pytest.raises(Crash):
        retention.run(as_dpo(engine, declared, "cron", settings=settings), TODAY)
    assert journal.unsettled(engine) == 1  # the batch its dataset committed, not yet audited
    monkeypatch.setattr(journal, "between_commits", lambda: None)

    report = retention.run(as_dpo(engine, declared, "cron", settings=settings), TODAY)
    [interrupted] = report[0]["interrupted"]
    assert interrupted["outcome"] == "interrupted_run"
    assert journal.unsettled(engine) == 0
    after = counts(url)
    removed: Counter[str] = Counter()
    for details in audited(engine, "retention.batch", "dataset.batch_interrupted"):
        if details["action"] in ("delete", "archive"):
            removed[details["table"]] += details["rows"]
    for table in ("customers", "addresses", "payments", "invoices", "support_tickets", "newsletter_subscriptions",
                  "web_logs"):
        assert before[table] - after[table] == removed[table], table  # every row gone is in the log
    with unit_of_work(engine) as session:
        assert verify(session).ok


def test_an_erasure_killed_between_the_commits_is_audited_and_answered_with_what_it_did(
        setup: tuple[Engine, Settings, Declared], shop: tuple[str, Shop], monkeypatch: pytest.MonkeyPatch) -> None:
    engine, settings, declared = setup
    _, built = shop
    who = built.jeanne.email
    request_in = RequestCreate.model_validate({"kind": "erasure", "channel": "email", "requester": {"email": who},
                                               "subject": f"email:{who}"})
    ref = rights.file_request(as_dpo(engine, declared, "dpo", settings=settings), request_in).request.ref
    monkeypatch.setattr(journal, "between_commits", crash_after(0))
    with pytest.raises(Crash):
        rights.complete(as_dpo(engine, declared, "dpo", settings=settings), ref)
    monkeypatch.setattr(journal, "between_commits", lambda: None)

    done = rights.complete(as_dpo(engine, declared, "dpo", settings=settings), ref)
    datasets = done.request.answer["datasets"] if done.request.answer else []
    deleted = sum(t.get("deleted", 0) for d in datasets for t in d["tables"].values())
    assert deleted >= 3 + 4  # her payments and logs: what the interrupted run did is in the answer
    [interrupted] = audited(engine, "dataset.batch_interrupted")
    assert interrupted["request"] == ref
    assert interrupted["outcome"] == "interrupted_run"
    assert sum(s["rows"] for s in interrupted["statements"]) >= 3 + 4
    assert who not in json.dumps(interrupted)  # statements, not values
    with unit_of_work(engine) as session:
        assert verify(session).ok


def test_nothing_is_journalled_twice(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    upgrade(engine)
    batch = journal.intend(engine, dataset="shop", operation="retention", intent={"rows": 2}, actor="cron")
    assert journal.reconcile(engine, actor="cron", operation="retention")[0]["rows"] == 2
    assert journal.settle(engine, batch, [journal.Entry("retention.batch", {"rows": 2})]) is False
    assert journal.reconcile(engine, actor="cron") == []
    engine.dispose()
