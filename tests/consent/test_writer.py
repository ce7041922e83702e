"""Group commit of the banner's proofs: every request's rows committed before it answers, or none."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError

from registre.consent import service
from registre.consent.schemas import CookieChoice
from registre.consent.writer import writer
from registre.db.session import unit_of_work
from registre.models.consent import ConsentEvent


def rows(group_wording: str, n: int) -> list[dict[str, object]]:
    choice = CookieChoice(consent_id=f"{n:032x}", choices={"advertising": False, "functional": True},
                          notice_version="v", action="customise")
    return service.choice_rows(choice=choice, notice_hash="h", wording_hash=group_wording, keep_months=13)[2]


def stored(engine: Engine, consent_id: str | None = None) -> int:
    with unit_of_work(engine) as session:
        query = select(func.count()).select_from(ConsentEvent)
        if consent_id is not None:
            query = query.where(ConsentEvent.consent_id == consent_id)
        return session.scalar(query) or 0


def test_concurrent_proofs_are_all_committed_before_they_answer(engine: Engine) -> None:
    group = writer(engine)
    assert writer(engine) is group
    key = group.wording("the banner's words")
    answered: list[int] = []

    def post(n: int) -> None:
        group.write(rows(key, n))
        answered.append(stored(engine, f"{n:032x}"))  # our own rows are in by the time we answer

    threads = [threading.Thread(target=post, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert stored(engine) == 40
    assert answered == [2] * 20


def test_a_failed_batch_writes_nothing_and_says_so(engine: Engine) -> None:
    group = writer(engine)
    key = group.wording("the banner's words")
    good, bad = rows(key, 1), rows(key, 2)
    bad[1]["ref"] = bad[0]["ref"]  # a duplicate reference: the transaction fails
    with pytest.raises(IntegrityError):
        group.write(good + bad)
    assert stored(engine) == 0
    group.write(good)  # the writer is not left locked
    assert stored(engine) == 2


def test_a_bad_proof_among_a_thousand_fails_alone(engine: Engine) -> None:
    """A NUL byte (refused by PostgreSQL's text) in one visitor's proof, posted with 1,000 others at once: every
    other proof is kept, and only that visitor hears of a failure."""
    group = writer(engine)
    key = group.wording("the banner's words")
    failed: list[int] = []
    gate = threading.Barrier(40)

    def post(first: int) -> None:
        gate.wait()
        for n in range(first, first + 25):
            batch = rows(key, n)
            if n == 500 and engine.dialect.name == "postgresql":
                batch[0]["notice_version"] = "v\x00"  # past the edge's check (web/limits.py), as a bug would let it
            elif n == 500:
                batch[1]["ref"] = batch[0]["ref"]  # SQLite keeps a NUL: a duplicate reference fails there instead
            try:
                group.write(batch)
            except Exception:  # the bad proof's own request
                failed.append(n)

    threads = [threading.Thread(target=post, args=(first,)) for first in range(0, 1000, 25)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == [500]
    assert stored(engine) == 2 * 999
