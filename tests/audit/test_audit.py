"""The audit chain holds, and breaks at the first entry altered, removed or reordered."""

from __future__ import annotations

from sqlalchemy import Engine, delete, select, text, update

from registre.audit.service import record, verify
from registre.db.session import unit_of_work
from registre.models.audit import AuditEntry


def fill(engine: Engine, count: int = 5) -> list[int]:
    """Append `count` entries, one transaction each, and return their ids."""
    ids = []
    for n in range(count):
        with unit_of_work(engine) as session:
            ids.append(record(session, actor="dpo@example.fr", action="subject.read", target_type="subject",
                              target_ref=f"s{n}", subject_ref=f"s{n}", details={"n": n, "note": "é"}).id)
    return ids


def check(engine: Engine) -> tuple[bool, int | None, str | None]:
    with unit_of_work(engine) as session:
        result = verify(session)
    return result.ok, result.first_bad, result.problem


def test_an_untouched_chain_verifies(engine: Engine) -> None:
    fill(engine)
    with unit_of_work(engine) as session:
        result = verify(session)
    assert result.ok
    assert result.checked == 5


def test_an_empty_log_verifies(engine: Engine) -> None:
    assert check(engine) == (True, None, None)


def test_an_entry_rolled_back_with_its_change_leaves_no_trace(engine: Engine) -> None:
    fill(engine, 2)
    try:
        with unit_of_work(engine) as session:
            record(session, actor="x", action="subject.erase", target_type="subject")
            raise RuntimeError("the change failed")
    except RuntimeError:
        pass
    with unit_of_work(engine) as session:
        assert session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1)) == 2
    assert check(engine)[0]
    # the next entry may take a later id (PostgreSQL does not reuse the rolled-back one): the log still holds
    fill(engine, 1)
    assert check(engine) == (True, None, None)


def test_an_altered_entry_is_named(engine: Engine) -> None:
    ids = fill(engine)
    with engine.begin() as connection:
        connection.execute(update(AuditEntry).where(AuditEntry.id == ids[2]).values(actor="someone else"))
    assert check(engine) == (False, ids[2], "altered")


def test_altered_details_are_named(engine: Engine) -> None:
    ids = fill(engine)
    with engine.begin() as connection:
        connection.execute(update(AuditEntry).where(AuditEntry.id == ids[1]).values(details={"n": 99}))
    assert check(engine) == (False, ids[1], "altered")


def test_a_removed_entry_is_named_by_the_one_after_it(engine: Engine) -> None:
    ids = fill(engine)
    with engine.begin() as connection:
        connection.execute(delete(AuditEntry).where(AuditEntry.id == ids[2]))
    assert check(engine) == (False, ids[3], "removed")


def test_reordered_entries_are_named(engine: Engine) -> None:
    ids = fill(engine)
    columns = ("at", "actor", "action", "target_type", "target_ref", "subject_ref", "details", "prev_hash", "hash")
    with engine.begin() as connection:
        a, b = (connection.execute(select(*(getattr(AuditEntry, c) for c in columns))
                                   .where(AuditEntry.id == i)).one() for i in (ids[1], ids[2]))
        connection.execute(text("UPDATE audit_entry SET hash = substr('x' || hash, 1, 64) WHERE id IN (:a, :b)"),
                           {"a": ids[1], "b": ids[2]})  # free the unique hashes for the swap
        connection.execute(update(AuditEntry).where(AuditEntry.id == ids[1]).values(dict(zip(columns, b, strict=True))))
        connection.execute(update(AuditEntry).where(AuditEntry.id == ids[2]).values(dict(zip(columns, a, strict=True))))
    assert check(engine) == (False, ids[1], "reordered")
