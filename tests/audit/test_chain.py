"""The keyed chain and its signed checkpoints: every tampering of the log is found, on SQLite and PostgreSQL, and a
damaged row is reported, never a traceback."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, delete, select, text, update
from typer.testing import CliRunner

from registre.audit import chain, service
from registre.audit.service import SPLIT_FROM, Checkpoint, checkpoint, record, verify
from registre.cli import app
from registre.config import get_settings
from registre.db.session import make_engine, unit_of_work, upgrade
from registre.models.audit import AuditEntry
from tests.audit.test_audit import fill

COLUMNS = ("at", "actor", "action", "target_type", "target_ref", "subject_ref", "details", "prev_hash", "hash")


def signed(engine: Engine) -> Checkpoint:
    with unit_of_work(engine) as session:
        result, point = checkpoint(session, actor="dpo@example.fr")
    assert result.ok
    assert point is not None
    return point


def head(connection: Connection) -> tuple[int, str]:
    row = connection.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).one()
    return row[0], row[1]


def append_forged(connection: Connection, digest: Callable[..., str], scheme: int) -> None:
    """Someone with write access to the database but not the key appends an entry and computes its hash."""
    _, last = head(connection)
    at = "2026-11-25T10:00:00+00:00"
    values = ("intruder", "subject.read", "subject", "s1", "s1", {})
    connection.execute(AuditEntry.__table__.insert().values(
        at=chain.dt.datetime.fromisoformat(at), actor=values[0], action=values[1], target_type=values[2],
        target_ref=values[3], subject_ref=values[4], details=values[5], prev_hash=last, scheme=scheme,
        hash=digest(last, at, *values)))


def recompute_from(connection: Connection, first: int, digest: Callable[..., str], scheme: int) -> None:
    """Someone edits entry `first` and recomputes the chain after it, as the old unkeyed log allowed."""
    rows = connection.execute(select(AuditEntry.id, *(getattr(AuditEntry, c) for c in COLUMNS))
                              .where(AuditEntry.id >= first).order_by(AuditEntry.id)).all()
    prev = rows[0].prev_hash
    for row in rows:
        actor = "someone else" if row.id == first else row.actor
        new_hash = digest(prev, chain.iso(row.at), actor, row.action, row.target_type, row.target_ref,
                          row.subject_ref, row.details)
        connection.execute(update(AuditEntry).where(AuditEntry.id == row.id).values(
            actor=actor, prev_hash=prev, hash=new_hash, scheme=scheme))
        prev = new_hash


def wrong_key(*values: object) -> str:
    return chain.keyed(b"a guessed key", *values)  # type: ignore[arg-type]


def swap(connection: Connection, a: int, b: int) -> None:
    rows = [connection.execute(select(*(getattr(AuditEntry, c) for c in COLUMNS)).where(AuditEntry.id == i)).one()
            for i in (a, b)]
    connection.execute(text("UPDATE audit_entry SET hash = substr('x' || hash, 1, 64) WHERE id IN (:a, :b)"),
                       {"a": a, "b": b})
    connection.execute(update(AuditEntry).where(AuditEntry.id == a).values(dict(zip(COLUMNS, rows[1], strict=True))))
    connection.execute(update(AuditEntry).where(AuditEntry.id == b).values(dict(zip(COLUMNS, rows[0], strict=True))))


TAMPERINGS: dict[str, tuple[Callable[[Connection, list[int]], object], str]] = {
    "field edit": (lambda c, ids: c.execute(update(AuditEntry).where(AuditEntry.id == ids[3]).values(
        details={"n": 99})), "altered"),
    "middle deletion": (lambda c, ids: c.execute(delete(AuditEntry).where(AuditEntry.id == ids[4])), "removed"),
    "first deletion": (lambda c, ids: c.execute(delete(AuditEntry).where(AuditEntry.id == ids[0])), "removed"),
    "last deletion": (lambda c, ids: c.execute(delete(AuditEntry).where(AuditEntry.id == head(c)[0])), "truncated"),
    "truncation": (lambda c, ids: c.execute(delete(AuditEntry).where(AuditEntry.id >= ids[5])), "truncated"),
    "deletion of all": (lambda c, ids: c.execute(delete(AuditEntry)), "truncated"),
    "swap": (lambda c, ids: swap(c, ids[2], ids[3]), "reordered"),
    "swap near the end": (lambda c, ids: swap(c, ids[6], ids[7]), "reordered"),
    "field edit near the end": (lambda c, ids: c.execute(update(AuditEntry).where(AuditEntry.id == ids[7]).values(
        target_ref="s0")), "altered"),
    "forged append, unkeyed hash": (lambda c, ids: append_forged(c, chain.legacy, chain.LEGACY), "altered"),
    "forged append, guessed key": (lambda c, ids: append_forged(c, wrong_key, chain.KEYED), "altered"),
    "edit, chain recomputed with a guessed key": (
        lambda c, ids: recompute_from(c, ids[2], wrong_key, chain.KEYED), "altered"),
    "edit, whole chain recomputed unkeyed": (
        lambda c, ids: recompute_from(c, ids[0], chain.legacy, chain.LEGACY), "rewritten"),
}


SPLITS = {"one process": SPLIT_FROM, "two processes": 2}  # 2: the log's second half goes to a worker process


@pytest.mark.parametrize("name", list(TAMPERINGS))
def test_every_tampering_is_found_against_the_last_checkpoint(engine: Engine, name: str,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    ids = fill(engine, 8)
    point = signed(engine)
    tamper, problem = TAMPERINGS[name]
    with engine.begin() as connection:
        tamper(connection, ids)
    with unit_of_work(engine) as session:
        whole, halves = (verify(session, against=point, split_from=split) for split in SPLITS.values())
    assert whole.problem == problem, name
    assert halves == whole, name  # the same entry named, the same count of entries checked before it
    assert "checked in this process" not in caplog.text  # the worker did its half


def test_the_halves_of_an_intact_log_add_up(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    fill(engine, 6)
    point = signed(engine)
    with unit_of_work(engine) as session:
        whole, split = verify(session, against=point), verify(session, against=point, split_from=2)
    assert whole.ok
    assert split == whole
    assert (split.checked, split.head_hash) == (7, point.head_hash)
    assert "checked in this process" not in caplog.text


def test_entries_not_committed_yet_are_verified_too(engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    fill(engine, 6)
    with unit_of_work(engine) as session:  # the worker's connection does not see this entry
        entry = record(session, actor="dpo@example.fr", action="audit.read", target_type="audit_log")
        whole, halves = (verify(session, split_from=split) for split in SPLITS.values())
    assert (whole.ok, whole.checked, whole.head_id, whole.head_hash) == (True, 7, entry.id, entry.hash)
    assert halves == whole
    assert "checked in this process" not in caplog.text


def test_without_a_worker_the_second_half_is_checked_here(engine: Engine, monkeypatch: pytest.MonkeyPatch,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    ids = fill(engine, 6)
    with engine.begin() as connection:
        connection.execute(update(AuditEntry).where(AuditEntry.id == ids[4]).values(actor="someone else"))
    monkeypatch.setattr(sys, "executable", "/bin/false")  # a worker that exits at once, having done nothing
    with unit_of_work(engine) as session:
        result = verify(session, split_from=2)
    assert (result.problem, result.first_bad, result.checked) == ("altered", ids[4], 4)
    assert "checked in this process" in caplog.text


def test_a_worker_that_does_not_answer_is_left(engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                              caplog: pytest.LogCaptureFixture) -> None:
    ids = fill(engine, 6)
    stuck = tmp_path / "stuck"
    stuck.write_text("#!/bin/sh\nexec sleep 60\n")
    stuck.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(stuck))
    monkeypatch.setattr(service, "_PATIENCE", 0.5)
    with unit_of_work(engine) as session:
        result = verify(session, split_from=2)
    assert (result.ok, result.checked, result.head_id) == (True, 6, ids[-1])
    assert "checked in this process" in caplog.text


def test_the_log_goes_on_after_a_checkpoint(engine: Engine) -> None:
    fill(engine, 3)
    point = signed(engine)
    fill(engine, 2)
    with unit_of_work(engine) as session:
        result = verify(session, against=point)
    assert result.ok
    assert (point.count, result.checked) == (4, 6)  # the checkpoint covers its own entry in the log


def test_a_checkpoint_signed_with_another_key_is_refused(engine: Engine) -> None:
    fill(engine, 2)
    point = signed(engine)
    with unit_of_work(engine) as session:
        assert verify(session, against=point, key=b"another installation").problem == "foreign_checkpoint"


def test_a_checkpoint_altered_after_signing_does_not_parse() -> None:
    point = chain.sign(b"k", count=3, head_id=3, head_hash="a" * 64, at=chain.dt.datetime.now(chain.dt.UTC))
    data = point.as_dict()
    assert chain.parse(json.dumps(data).encode()) == point
    with pytest.raises(chain.BadCheckpoint):
        chain.parse(json.dumps({**data, "count": 2}).encode())
    with pytest.raises(chain.BadCheckpoint):
        chain.parse(b"{not json")


def test_entries_of_the_unkeyed_chain_still_verify_as_the_head_of_the_log(engine: Engine) -> None:
    with engine.begin() as connection:  # two entries written before the keyed chain existed
        prev = chain.GENESIS
        for n in range(2):
            at = chain.dt.datetime(2026, 1, 1, 10, n, tzinfo=chain.dt.UTC)
            digest = chain.legacy(prev, chain.iso(at), "dpo", "subject.read", "subject", f"s{n}", None, {"n": n})
            connection.execute(AuditEntry.__table__.insert().values(
                at=at, actor="dpo", action="subject.read", target_type="subject", target_ref=f"s{n}",
                subject_ref=None, details={"n": n}, prev_hash=prev, hash=digest, scheme=chain.LEGACY))
            prev = digest
    fill(engine, 3)
    with unit_of_work(engine) as session:
        results = [verify(session, split_from=split) for split in SPLITS.values()]
    assert [(result.ok, result.checked, result.legacy) for result in results] == [(True, 5, 2)] * 2


def damaged(engine: Engine, damage: str) -> str | None:
    ids = fill(engine, 4)
    with engine.begin() as connection:
        connection.execute(text(damage), {"id": ids[2]})
    with unit_of_work(engine) as session:
        results = [verify(session, split_from=split) for split in SPLITS.values()]  # in the worker's half
    assert [result.first_bad for result in results] == [ids[2]] * 2
    assert results[0].problem == results[1].problem
    return results[0].problem


def test_a_row_of_an_unknown_scheme_is_reported_not_raised(engine: Engine) -> None:
    assert damaged(engine, "UPDATE audit_entry SET scheme = 7 WHERE id = :id") == "damaged"


@pytest.mark.parametrize("damage", ["UPDATE audit_entry SET details = 'not json' WHERE id = :id",
                                    "UPDATE audit_entry SET at = 'yesterday' WHERE id = :id"])
def test_unreadable_values_are_reported_not_raised(tmp_path: Path, damage: str) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite3'}")  # SQLite keeps what PostgreSQL's types refuse
    upgrade(engine)
    assert damaged(engine, damage) == "damaged"
    engine.dispose()


def test_the_cli_writes_a_checkpoint_and_verifies_against_it(engine: Engine, tmp_path: Path) -> None:
    fill(engine, 3)
    env = {"REGISTRE_DATABASE_URL": engine.url.render_as_string(hide_password=False), "REGISTRE_LANG": "en",
           "REGISTRE_DATA_DIR": str(tmp_path)}
    target = tmp_path / "checkpoint.json"
    get_settings.cache_clear()  # filling the log read the settings of the test process: the CLI reads its own
    written = CliRunner().invoke(app, ["audit", "checkpoint", "-o", str(target)], env=env)
    assert written.exit_code == 0, written.output
    assert str(target) in written.output
    assert "development key" in written.output  # the warning: the chain is keyed with a public value
    assert CliRunner().invoke(app, ["audit", "verify", "--checkpoint", str(target)], env=env).exit_code == 0
    with engine.begin() as connection:
        connection.execute(delete(AuditEntry).where(AuditEntry.id >= 3))
    broken = CliRunner().invoke(app, ["audit", "verify", "--checkpoint", str(target)], env=env)
    assert broken.exit_code == 1
    assert "deleted from its end" in " ".join(broken.output.split())
    assert "Traceback" not in broken.output
    target.write_text("{}")
    unusable = CliRunner().invoke(app, ["audit", "verify", "--checkpoint", str(target)], env=env)
    assert unusable.exit_code == 1
    assert "cannot be used" in unusable.output


def test_an_entry_records_details_as_they_read_back(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        record(session, actor="x", action="a", target_type="t", details={1: ("tuple", 2.5), "when": chain.dt.date(
            2026, 1, 1)})
    with unit_of_work(engine) as session:
        assert verify(session).ok


def test_a_page_checks_the_new_entries_at_once_and_the_whole_chain_in_its_time(engine: Engine) -> None:
    fill(engine, 4)
    with unit_of_work(engine) as session:
        assert service.verify_for_page(session).checked == 4  # the first view walks the whole log
    fill(engine, 2)
    with unit_of_work(engine) as session:
        assert service.verify_for_page(session).checked == 6  # the next, the two entries since
    with engine.begin() as connection:
        append_forged(connection, lambda *values: chain.keyed(b"not the key", *values), chain.KEYED)
    with unit_of_work(engine) as session:
        forged = service.verify_for_page(session)
    assert (forged.ok, forged.problem, forged.first_bad) == (False, "altered", 7)
    with engine.begin() as connection:  # the forgery removed, an old entry edited: the next whole walk sees it
        connection.execute(delete(AuditEntry).where(AuditEntry.id == 7))
        connection.execute(update(AuditEntry).where(AuditEntry.id == 2).values(actor="someone else"))
    with unit_of_work(engine) as session:
        edited = service.verify_for_page(session, whole_every=0)
    assert (edited.ok, edited.first_bad) == (False, 2)
