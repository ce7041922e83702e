"""How an import writes: in batches through the driver, all or nothing, under the caller's transaction, on every
database; and on PostgreSQL with its foreign key checks done once per batch when it may."""

from __future__ import annotations

import datetime as dt
import gc
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import IntegrityError

from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.declarations.service import load
from registre.errors import Conflict
from registre.models.audit import AuditEntry
from registre.models.subjects import DataSubject, Identifier, LifecycleEvent, PersonalRecord
from registre.subjects import importing, loading, service
from registre.subjects.importing import ImportInvalid, ImportReport
from tests.conftest import MINIMAL

HEADER = "category,email,customer_number,orders.identification.last_name,orders.contact.phone,source,source_name," \
         "event:collected,event:last_purchase"


@pytest.fixture(scope="module")
def declared() -> Declared:
    """The minimal declaration."""
    return load(MINIMAL)


def csv_file(folder: Path, *lines: str, name: str = "people.csv", header: str = HEADER) -> Path:
    """A CSV file with a header and rows."""
    path = folder / name
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def people(start: int, count: int, *, name: str = "Nom") -> list[str]:
    """Rows of customers with an email, a customer number, two records and two events."""
    return [f"customer,p{n}@exemple.fr,C{n:05d},{name}{n},06 12 34 {n % 100:02d} 00,,,2024-01-0{1 + n % 9}T10:00,"
            f"2025-02-0{1 + n % 9}" for n in range(start, start + count)]


def run(engine: Engine, declared: Declared, path: Path, skip_errors: bool = False) -> ImportReport:
    """Import a file in a unit of work of its own."""
    with unit_of_work(engine) as session:
        return service.import_file(session, declared=declared, path=path, skip_errors=skip_errors, actor="tests")


def counts(engine: Engine) -> tuple[int, ...]:
    """How many subjects, identifiers, records, events and audit entries the store holds."""
    with unit_of_work(engine) as session:
        return tuple(session.scalar(select(func.count()).select_from(model)) or 0
                     for model in (DataSubject, Identifier, PersonalRecord, LifecycleEvent, AuditEntry))


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of three rows, so that a small file goes through several."""
    monkeypatch.setattr(importing, "BATCH", 3)


@pytest.fixture(params=["by batch", "by row"])
def foreign_keys(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """On PostgreSQL, foreign keys checked once per batch (when the role may) or by the database for every row."""
    if request.param == "by row":
        monkeypatch.setattr(loading.Store, "_may_check_by_batch", lambda self, driver: False)
    return str(request.param)


class TestBatches:
    def test_many_batches_load_what_one_does(self, engine: Engine, declared: Declared, tmp_path: Path,
                                             small_batches: None, foreign_keys: str) -> None:
        report = run(engine, declared, csv_file(tmp_path, *people(0, 11)))
        assert (report.rows, report.created, report.records, report.events) == (11, 11, 22, 22)
        assert counts(engine) == (11, 22, 22, 22, 1)
        with unit_of_work(engine) as session:
            subject = service.find(session, kind="customer_number", value="C00007")
            assert subject is not None
            assert [(i.kind, i.value) for i in service.identifiers(session, subject)] == [
                ("customer_number", "C00007"), ("email", "p7@exemple.fr")]
            records = service.records(session, subject)
            assert [(r.field, r.value, r.collected_at) for r in records] == [
                ("phone", "06 12 34 07 00", dt.datetime(2024, 1, 8, 9, tzinfo=dt.UTC)),
                ("last_name", "Nom7", dt.datetime(2024, 1, 8, 9, tzinfo=dt.UTC))]
            assert [(e.event, e.occurred_at, e.details) for e in service.events(session, subject)] == [
                ("collected", dt.datetime(2024, 1, 8, 9, tzinfo=dt.UTC), None),
                ("last_purchase", dt.datetime(2025, 2, 7, 23, tzinfo=dt.UTC), None)]

    def test_rows_of_one_stored_subject_in_different_batches_update_it_once(
            self, engine: Engine, declared: Declared, tmp_path: Path, small_batches: None, foreign_keys: str) -> None:
        run(engine, declared, csv_file(tmp_path, *people(0, 2)))
        # Rows 5 and 8 are the same stored subject, found by its email, then by its customer number: its name
        # changes twice.
        rows = [*people(10, 3), "customer,p0@exemple.fr,,Martin,,,,,", *people(20, 2),
                "customer,,C00000,Martin-Durand,,indirect,CRM,,2025-06-01", *people(30, 2)]
        report = run(engine, declared, csv_file(tmp_path, *rows, name="later.csv"))
        assert (report.created, report.updated, report.records, report.records_updated, report.events) == (
            7, 1, 14, 2, 15)
        with unit_of_work(engine) as session:
            subject = service.locate(session, "p0@exemple.fr")
            names = [(r.value, r.source, r.source_name) for r in service.records(session, subject)
                     if r.field == "last_name"]
            assert names == [("Martin-Durand", "indirect", "CRM")]
            assert [e.event for e in service.events(session, subject)] == ["collected", "last_purchase",
                                                                           "last_purchase"]

    def test_a_bad_row_in_a_late_batch_leaves_nothing(self, engine: Engine, declared: Declared, tmp_path: Path,
                                                      small_batches: None, foreign_keys: str) -> None:
        path = csv_file(tmp_path, *people(0, 10), "customer,not-an-email,,,,,,,", *people(10, 4))
        with pytest.raises(ImportInvalid) as caught:
            run(engine, declared, path)
        assert [(p.line, p.column) for p in caught.value.problems] == [(12, "email")]
        assert counts(engine) == (0, 0, 0, 0, 0)

    def test_skipping_errors_loads_every_batch_but_the_bad_rows(
            self, engine: Engine, declared: Declared, tmp_path: Path, small_batches: None, foreign_keys: str) -> None:
        path = csv_file(tmp_path, *people(0, 4), "customer,p1@exemple.fr,,,,,,,", *people(10, 4),
                        "visitor,v@x.fr,,,,,,,")
        report = run(engine, declared, path, skip_errors=True)
        assert (report.rows, report.created, report.skipped) == (10, 8, 2)
        assert [(p.line, p.column) for p in report.problems] == [(6, "email"), (11, "category")]
        assert counts(engine) == (8, 16, 16, 16, 1)


class TestTransaction:
    def test_the_load_writes_in_the_callers_transaction_and_commits_nothing(
            self, engine: Engine, declared: Declared, tmp_path: Path, foreign_keys: str) -> None:
        def import_then_fail() -> None:
            with unit_of_work(engine) as session:
                service.import_file(session, declared=declared, path=csv_file(tmp_path, *people(0, 5)),
                                    actor="tests")
                assert session.scalar(select(func.count()).select_from(PersonalRecord)) == 10
                raise RuntimeError("the caller fails after the import")

        with pytest.raises(RuntimeError):
            import_then_fail()
        assert counts(engine) == (0, 0, 0, 0, 0)

    def test_database_errors_are_sqlalchemys_and_leave_nothing(
            self, engine: Engine, declared: Declared, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            small_batches: None, foreign_keys: str) -> None:
        run(engine, declared, csv_file(tmp_path, *people(0, 5)))
        # As if another import had stored the same people between this one's lookup and its insert.
        monkeypatch.setattr(loading.Store, "lookup", lambda self, kind, values: [])
        with pytest.raises(IntegrityError):
            run(engine, declared, csv_file(tmp_path, *people(3, 4), name="again.csv"))
        assert counts(engine) == (5, 10, 10, 10, 1)

    def test_a_subject_deleted_during_the_import_refuses_it(
            self, engine: Engine, declared: Declared, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            foreign_keys: str) -> None:
        run(engine, declared, csv_file(tmp_path, *people(0, 2)))
        # As if the subject the row was matched with had been erased in between.
        monkeypatch.setattr(loading.Store, "lookup", lambda self, kind, values: [(values[0], 10**6)])
        expected: Any = Conflict if engine.dialect.name == "postgresql" and foreign_keys == "by batch" else \
            IntegrityError
        with pytest.raises(expected):
            run(engine, declared, csv_file(tmp_path, *people(0, 1), name="again.csv"))
        assert counts(engine) == (2, 4, 4, 4, 1)

    def test_the_garbage_collector_is_as_it_was(self, engine: Engine, declared: Declared, tmp_path: Path) -> None:
        run(engine, declared, csv_file(tmp_path, *people(0, 2)))
        assert gc.isenabled()
        gc.disable()
        try:
            run(engine, declared, csv_file(tmp_path, *people(2, 2), name="more.csv"))
            assert not gc.isenabled()
        finally:
            gc.enable()

    def test_the_generic_path_of_sqlalchemy_core_loads_the_same(
            self, engine: Engine, declared: Declared, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            small_batches: None) -> None:
        monkeypatch.setattr(loading.Store, "driver", staticmethod(lambda session: None))
        path = csv_file(tmp_path, *people(0, 7))
        assert run(engine, declared, path).counts() == {"rows": 7, "created": 7, "updated": 0, "records": 14,
                                                        "records_updated": 0, "events": 14, "skipped": 0}
        assert run(engine, declared, path).counts()["updated"] == 7
        with unit_of_work(engine) as session:
            event = session.scalars(select(LifecycleEvent).order_by(LifecycleEvent.id)).first()
            assert event is not None
            assert (event.occurred_at, event.details) == (dt.datetime(2024, 1, 1, 9, tzinfo=dt.UTC), None)


def stored(engine: Engine) -> list[Any]:
    """Every stored row but the generated ids and references, as the database gives them."""
    with engine.connect() as connection:
        subjects = [tuple(row) for row in connection.execute(text(
            "SELECT category, created_at FROM data_subject ORDER BY id"))]
        rows = [tuple(row) for row in connection.execute(text(
            "SELECT s.id - (SELECT min(id) FROM data_subject), i.kind, i.value FROM identifier i "
            "JOIN data_subject s ON s.id = i.subject_id ORDER BY i.id"))]
        records = [tuple(row) for row in connection.execute(text(
            "SELECT activity, data_category, field, value, source, source_name, collected_at, updated_at "
            "FROM personal_record ORDER BY id"))]
        events = [(e, at, json.dumps(d) if isinstance(d, dict) else d) for e, at, d in connection.execute(text(
            "SELECT event, occurred_at, details FROM lifecycle_event ORDER BY id"))]
    return [subjects, rows, records, events]


class TestStoredValues:
    def test_the_driver_stores_what_sqlalchemy_core_stores(
            self, engine: Engine, declared: Declared, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        items = [{"category": "customer", "identifiers": {"email": f"J{n}@ex.fr", "loyalty": f"L{n}"},
                  "data": [{"activity": "orders", "data_category": "contact", "field": "email",
                            "value": f"j{n}@ex.fr\tand\\more\n", "source": "indirect", "source_name": "Partner"}],
                  "events": [{"event": "transaction", "at": "2025-05-02T08:00:00.123456Z",
                              "details": {"amount": n, "note": "é\t\"q\""}},
                             {"event": "collected", "at": "2024-03-31T02:30"}]} for n in range(4)]
        path = tmp_path / "people.json"
        path.write_text(json.dumps(items), encoding="utf-8")
        monkeypatch.setattr(loading, "utcnow", lambda: dt.datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=dt.UTC))
        run(engine, declared, path)
        fast = stored(engine)
        with unit_of_work(engine) as session:
            for model in (Identifier, PersonalRecord, LifecycleEvent, DataSubject, AuditEntry):
                session.execute(model.__table__.delete())
        monkeypatch.setattr(loading.Store, "driver", staticmethod(lambda session: None))
        run(engine, declared, path)
        assert stored(engine) == fast


@pytest.fixture
def postgres(postgres_engine: Engine) -> Engine:
    """The store, on PostgreSQL only (what only PostgreSQL does: COPY, the role setting)."""
    return postgres_engine


class TestForeignKeysByBatch:
    def test_the_role_setting_is_back_before_the_audit_entry(self, postgres: Engine, declared: Declared,
                                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        used: list[bool] = []
        close = loading.Store.close
        monkeypatch.setattr(loading.Store, "close", lambda self, failing: (used.append(self.by_batch),
                                                                          close(self, failing))[1])
        with unit_of_work(postgres) as session:
            service.import_file(session, declared=declared, path=csv_file(tmp_path, *people(0, 3)), actor="tests")
            assert session.scalar(text("SELECT current_setting('session_replication_role')")) == "origin"
        assert used == [True]

    def test_a_user_trigger_keeps_the_checks_by_row_and_fires(self, postgres: Engine, declared: Declared,
                                                              tmp_path: Path) -> None:
        with postgres.begin() as connection:
            connection.execute(text("CREATE TABLE record_log (record_id integer)"))
            connection.execute(text("CREATE FUNCTION log_record() RETURNS trigger LANGUAGE plpgsql AS "
                                    "$$ BEGIN INSERT INTO record_log VALUES (NEW.id); RETURN NEW; END $$"))
            connection.execute(text("CREATE TRIGGER log_record AFTER INSERT ON personal_record "
                                    "FOR EACH ROW EXECUTE FUNCTION log_record()"))
        try:
            with unit_of_work(postgres) as session:
                assert not loading.Store(session).by_batch
            run(postgres, declared, csv_file(tmp_path, *people(0, 3)))
            with postgres.connect() as connection:
                assert connection.scalar(text("SELECT count(*) FROM record_log")) == 6
        finally:
            with postgres.begin() as connection:
                connection.execute(text("DROP TRIGGER log_record ON personal_record"))
                connection.execute(text("DROP FUNCTION log_record()"))
                connection.execute(text("DROP TABLE record_log"))

    def test_matched_subjects_are_locked_as_a_foreign_key_check_locks_them(
            self, postgres: Engine, declared: Declared, tmp_path: Path, foreign_keys: str) -> None:
        run(postgres, declared, csv_file(tmp_path, *people(0, 2)))
        with unit_of_work(postgres) as session:
            service.import_file(session, declared=declared, actor="tests",
                                path=csv_file(tmp_path, "customer,p1@exemple.fr,,,,,,,2026-01-01", name="later.csv"))
            with postgres.connect() as other:
                free = other.execute(text("SELECT id FROM data_subject ORDER BY id FOR UPDATE SKIP LOCKED")).all()
                other.rollback()
            found = session.scalar(select(DataSubject.id).join(Identifier).where(Identifier.value == "p1@exemple.fr"))
            assert found is not None
            assert found not in {row.id for row in free}
            assert len(free) == 1
