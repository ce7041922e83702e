"""Importing data subjects from CSV and JSON: what is loaded, what is refused and where, on every database."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from registre.audit.service import verify
from registre.cli import app as root
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.declarations.service import load
from registre.errors import InvalidInput
from registre.models.audit import AuditEntry
from registre.models.subjects import DataSubject, Identifier, LifecycleEvent, PersonalRecord
from registre.subjects import importing, service
from registre.subjects.cli import app
from registre.subjects.importing import ImportInvalid, ImportReport
from tests.conftest import MINIMAL

HEADER = "category,email,phone,customer_number,orders.contact.email,orders.identification.last_name,event:collected," \
         "event:last_purchase"
GOOD = [
    "customer,Jean.Dupont@Exemple.FR,06 12 34 56 78,C-001,jean.dupont@exemple.fr,Dupont,2024-01-15T10:30,2025-03-01",
    "prospect,marie@exemple.fr,,,,,2024-06-01,",
]


@pytest.fixture(scope="module")
def declared() -> Declared:
    """The minimal declaration: activities orders (customers) and newsletter (customers, prospects)."""
    return load(MINIMAL)


def csv_file(folder: Path, *lines: str, header: str = HEADER, name: str = "people.csv") -> Path:
    """A CSV file with a header and rows."""
    path = folder / name
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def json_file(folder: Path, items: Any, name: str = "people.json") -> Path:
    """A JSON file, one item per line block."""
    path = folder / name
    path.write_text(json.dumps(items, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def run(engine: Engine, declared: Declared, path: Path, skip_errors: bool = False) -> ImportReport:
    """Import a file in a unit of work of its own."""
    with unit_of_work(engine) as session:
        return service.import_file(session, declared=declared, path=path, skip_errors=skip_errors, actor="tests")


def count(engine: Engine, model: type[Any]) -> int:
    """How many rows a table holds."""
    with unit_of_work(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def refused(engine: Engine, declared: Declared, path: Path) -> list[tuple[int, str]]:
    """Import a file that must be refused; check nothing was written; the (line, column) of each problem."""
    with pytest.raises(ImportInvalid) as caught:
        run(engine, declared, path)
    for model in (DataSubject, Identifier, PersonalRecord, LifecycleEvent, AuditEntry):
        assert count(engine, model) == 0
    return [(p.line, p.column) for p in caught.value.problems]


class TestLoading:
    def test_csv_loads_subjects_identifiers_records_and_events(self, engine: Engine, declared: Declared,
                                                                tmp_path: Path) -> None:
        report = run(engine, declared, csv_file(tmp_path, *GOOD))
        assert report.counts() == {"rows": 2, "created": 2, "updated": 0, "records": 2, "records_updated": 0,
                                   "events": 3, "skipped": 0}
        with unit_of_work(engine) as session:
            subject = service.find(session, kind="email", value="JEAN.dupont@exemple.fr")
            assert subject is not None
            assert subject.category == "customer"
            assert [(i.kind, i.value) for i in service.identifiers(session, subject)] == [
                ("customer_number", "C-001"), ("email", "jean.dupont@exemple.fr"), ("phone", "+33612345678")]
            found_records = service.records(session, subject)
            assert [(r.activity, r.data_category, r.field, r.value, r.source) for r in found_records] == [
                ("orders", "contact", "email", "jean.dupont@exemple.fr", "not_recorded"),
                ("orders", "identification", "last_name", "Dupont", "not_recorded")]
            found = [(e.event, e.occurred_at) for e in service.events(session, subject)]
            # Naive times and dates are Paris time: 10:30 in January is 09:30 UTC, midnight in March 23:00 UTC.
            assert found == [("collected", dt.datetime(2024, 1, 15, 9, 30, tzinfo=dt.UTC)),
                             ("last_purchase", dt.datetime(2025, 2, 28, 23, 0, tzinfo=dt.UTC))]
            # A record's collection time is the row's `collected` event when there is one.
            assert found_records[0].collected_at == found[0][1]
            prospect = service.find(session, kind="phone", value="+33612345678")
            assert prospect is not None
            assert prospect.id == subject.id
            assert service.find(session, kind="email", value="nobody@exemple.fr") is None

    def test_json_loads_identifiers_data_with_sources_and_events_with_details(
            self, engine: Engine, declared: Declared, tmp_path: Path) -> None:
        items = [{
            "category": "customer",
            "identifiers": {"email": "Anne@Exemple.fr", "customer_number": 42, "loyalty_card": "LC-9"},
            "data": [
                {"activity": "orders", "data_category": "identification", "field": "last_name", "value": "Martin"},
                {"activity": "newsletter", "data_category": "contact", "field": "email", "value": "anne@exemple.fr",
                 "source": "indirect", "source_name": "Partner list"},
            ],
            "events": [{"event": "transaction", "at": "2025-05-02T08:00:00Z", "details": {"amount": "12.50"}}],
        }]
        report = run(engine, declared, json_file(tmp_path, items))
        assert (report.format, report.created, report.records, report.events) == ("json", 1, 2, 1)
        with unit_of_work(engine) as session:
            subject = service.locate(session, "loyalty_card:LC-9")
            assert service.locate(session, "customer_number:42").id == subject.id
            assert service.locate(session, "anne@exemple.fr").id == subject.id
            assert service.get_or_raise(session, subject.ref).id == subject.id
            newsletter = service.records(session, subject)[0]
            assert (newsletter.activity, newsletter.source, newsletter.source_name) == (
                "newsletter", "indirect", "Partner list")
            [event] = service.events(session, subject)
            assert event.occurred_at == dt.datetime(2025, 5, 2, 8, tzinfo=dt.UTC)
            assert event.details == {"amount": "12.50"}

    def test_semicolons_and_a_byte_order_mark_are_read(self, engine: Engine, declared: Declared,
                                                       tmp_path: Path) -> None:
        path = tmp_path / "excel.csv"
        path.write_bytes("\ufeffcategory;email;newsletter.identification.first_name\r\nprospect;léa@exemple.fr;Léa\r\n"
                         .encode())
        assert run(engine, declared, path).records == 1

    def test_batches_match_rows_with_subjects_loaded_by_earlier_ones(
            self, engine: Engine, declared: Declared, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(importing, "BATCH", 2)
        rows = [f"prospect,p{n}@exemple.fr,,,,,2024-06-0{n}," for n in range(1, 6)]
        report = run(engine, declared, csv_file(tmp_path, *rows))
        assert (report.rows, report.created, report.events) == (5, 5, 5)
        assert count(engine, Identifier) == 5


class TestReimport:
    def test_the_same_file_again_updates_and_adds_nothing(self, engine: Engine, declared: Declared,
                                                          tmp_path: Path) -> None:
        path = csv_file(tmp_path, *GOOD)
        run(engine, declared, path)
        again = run(engine, declared, path)
        assert again.counts() == {"rows": 2, "created": 0, "updated": 2, "records": 0, "records_updated": 0,
                                  "events": 0, "skipped": 0}
        assert (count(engine, DataSubject), count(engine, Identifier), count(engine, PersonalRecord),
                count(engine, LifecycleEvent)) == (2, 4, 2, 3)

    def test_an_existing_identifier_adds_data_identifiers_and_events_to_its_subject(
            self, engine: Engine, declared: Declared, tmp_path: Path) -> None:
        run(engine, declared, csv_file(tmp_path, *GOOD))
        later = csv_file(tmp_path, "customer,,0698765432,C-001,,Dupont-Durand,,2025-06-01", name="later.csv")
        report = run(engine, declared, later)
        assert (report.created, report.updated, report.records, report.records_updated, report.events) == (
            0, 1, 0, 1, 1)
        with unit_of_work(engine) as session:
            subject = service.locate(session, "phone:06 98 76 54 32")
            assert subject.id == service.locate(session, "jean.dupont@exemple.fr").id
            names = [r for r in service.records(session, subject) if r.field == "last_name"]
            assert [(r.value, r.updated_at is not None) for r in names] == [("Dupont-Durand", True)]
            assert [e.event for e in service.events(session, subject)] == ["collected", "last_purchase",
                                                                           "last_purchase"]
        assert count(engine, DataSubject) == 2

    def test_identifiers_of_two_different_subjects_on_one_row_are_refused(
            self, engine: Engine, declared: Declared, tmp_path: Path) -> None:
        run(engine, declared, csv_file(tmp_path, *GOOD))
        with pytest.raises(ImportInvalid) as caught:
            run(engine, declared, csv_file(tmp_path, "prospect,marie@exemple.fr,0612345678,,,,,", name="mix.csv"))
        [problem] = caught.value.problems
        assert (problem.line, problem.column) == (2, "phone")
        assert "marie@exemple.fr" in problem.text("en")


BAD_ROWS = [  # a row, a column added for it (and its value there), the column named, the message
    pytest.param("customer,b@exemple.fr,,,,,,", "shop.contact.email", "x", "shop.contact.email",
                 "is not a processing activity", id="unknown-activity"),
    pytest.param("customer,not-an-email,,,,,,", "", "", "email", "is not a valid email address", id="bad-email"),
    pytest.param("customer,b@exemple.fr,,,,,,", "event:bogus", "2025-01-01", "event:bogus", "is not a lifecycle event",
                 id="unknown-event"),
    pytest.param("customer,b@exemple.fr,,,,,01/03/2025,", "", "", "event:collected", "is not a date", id="bad-date"),
    pytest.param("prospect,b@exemple.fr,,,b@exemple.fr,,,", "", "", "orders.contact.email",
                 "does not concern the subject category", id="activity-not-for-category"),
    pytest.param("customer,b@exemple.fr,,,,,,", "newsletter.order_history.total", "12",
                 "newsletter.order_history.total", "does not process the data category", id="data-not-in-activity"),
    pytest.param("customer,JEAN.DUPONT@exemple.fr,,,,,,", "", "", "email", "already appears on line 2",
                 id="duplicate-identifier"),
    pytest.param(",b@exemple.fr,,,,,,", "", "", "category", "A value is required", id="no-category"),
    pytest.param("visitor,b@exemple.fr,,,,,,", "", "", "category", "is not a subject category", id="unknown-category"),
    pytest.param("customer,,,,,,,2025-01-01", "", "", "email, phone, customer_number", "No identifier",
                 id="no-identifier"),
    pytest.param("customer,b@exemple.fr,123,,,,,", "", "", "phone", "is not a valid phone number", id="bad-phone"),
]


class TestRefusal:
    @pytest.mark.parametrize(("row", "extra_column", "extra_value", "column", "message"), BAD_ROWS)
    def test_one_bad_row_loads_nothing_and_is_named_by_line_and_column(
            self, engine: Engine, declared: Declared, tmp_path: Path,
            row: str, extra_column: str, extra_value: str, column: str, message: str) -> None:
        header = HEADER + (f",{extra_column}" if extra_column else "")
        extra = "," if extra_column else ""
        path = csv_file(tmp_path, GOOD[0] + extra, row + (f",{extra_value}" if extra_column else ""), GOOD[1] + extra,
                        header=header)
        with pytest.raises(ImportInvalid) as caught:
            run(engine, declared, path)
        [problem] = caught.value.problems
        assert (problem.line, problem.column) == (3, column)
        assert message in problem.text("en")
        assert problem.text("en").startswith(f"Line 3, column {column}:")
        assert problem.text("fr").startswith(f"Ligne 3, colonne {column} :")
        assert refused(engine, declared, path) == [(3, column)]

    def test_every_bad_row_is_listed(self, engine: Engine, declared: Declared, tmp_path: Path) -> None:
        rows = [GOOD[0], "customer,x,,,,,,", GOOD[1], "customer,y@exemple.fr,12,,,,,", "customer,z@,,,,,bad,"]
        assert refused(engine, declared, csv_file(tmp_path, *rows)) == [
            (3, "email"), (5, "phone"), (6, "email"), (6, "event:collected")]

    def test_a_multi_line_cell_keeps_physical_line_numbers(self, engine: Engine, declared: Declared,
                                                           tmp_path: Path) -> None:
        rows = ['customer,a@exemple.fr,,,,"Dupont\nsur deux lignes",,', "customer,bad,,,,,,"]
        assert refused(engine, declared, csv_file(tmp_path, *rows)) == [(4, "email")]

    def test_json_problems_name_the_item_its_line_and_the_field(self, engine: Engine, declared: Declared,
                                                                tmp_path: Path) -> None:
        path = tmp_path / "people.json"
        path.write_text("""[
  {"category": "customer", "identifiers": {"email": "a@exemple.fr"}},
  {"category": "customer", "identifiers": {"email": "b@exemple.fr"},
   "data": [{"activity": "shop", "data_category": "contact", "field": "email", "value": "b"}],
   "events": [{"event": "bogus", "at": "yesterday"}]},
  {"category": "customer", "identifiers": {"email": "c@exemple.fr"}, "colour": "blue"},
  "not an object"
]""", encoding="utf-8")
        assert refused(engine, declared, path) == [(3, "data[0].activity"), (3, "events[0].event"),
                                                   (3, "events[0].at"), (6, "colour"), (7, "")]
        with pytest.raises(ImportInvalid) as caught:
            run(engine, declared, path)
        assert [p.item for p in caught.value.problems] == [2, 2, 2, 3, 4]
        texts = [p.text("en") for p in caught.value.problems]
        assert texts[0] == ("Item 2 (line 3), data[0].activity: 'shop' is not a processing activity of the "
                            "declaration; declared: orders, newsletter.")
        assert texts[3] == "Item 3 (line 6), colour: 'colour' is not a field of an import item."
        assert texts[4] == "Item 4 (line 7): An object { … } is expected here."

    def test_duplicates_in_minified_json_name_the_first_item(self, engine: Engine, declared: Declared,
                                                             tmp_path: Path) -> None:
        path = tmp_path / "people.json"
        path.write_text(json.dumps([{"category": "prospect", "identifiers": {"phone": "+33 6 12 34 56 78"}},
                                    {"category": "prospect", "identifiers": {"phone": "0612345678"}}]))
        with pytest.raises(ImportInvalid) as caught:
            run(engine, declared, path)
        [problem] = caught.value.problems
        assert problem.text("en") == ("Item 2 (line 1), identifiers.phone: phone '+33612345678' already appears in "
                                      "item 1 (line 1).")

    def test_empty_header_cells_are_ignored_but_not_values_under_them(self, engine: Engine, declared: Declared,
                                                                      tmp_path: Path) -> None:
        path = csv_file(tmp_path, "prospect,a@exemple.fr,,", "prospect,b@exemple.fr,,lost", "prospect,c@exemple.fr,,,x",
                        header="category,email,,")
        assert refused(engine, declared, path) == [(3, "#4"), (4, "#5")]

    def test_unknown_columns_refuse_the_file_even_when_skipping_errors(self, engine: Engine, declared: Declared,
                                                                       tmp_path: Path) -> None:
        path = csv_file(tmp_path, GOOD[0] + ",x,y", header=HEADER + ",colour,id:Bad Kind")
        with pytest.raises(ImportInvalid) as caught:
            run(engine, declared, path, skip_errors=True)
        assert [(p.line, p.column) for p in caught.value.problems] == [(1, "colour"), (1, "id:Bad Kind")]
        assert count(engine, DataSubject) == 0

    @pytest.mark.parametrize(("name", "content", "message"), [
        ("people.json", '[{"category": "customer"},\n  {oops}]', "line 2, column 4"),
        ("people.json", '{"category": "customer"}', "a JSON import is a list"),
        ("people.csv", "", "is empty"),
        ("people.xlsx", "", "neither a .csv nor a .json"),
    ])
    def test_a_file_that_cannot_be_read_is_refused_in_plain_words(
            self, engine: Engine, declared: Declared, tmp_path: Path, name: str, content: str, message: str) -> None:
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        with pytest.raises(InvalidInput, match=message):
            run(engine, declared, path)

    def test_a_file_that_is_not_utf8_is_named_with_its_line(self, engine: Engine, declared: Declared,
                                                            tmp_path: Path) -> None:
        path = tmp_path / "latin1.csv"
        path.write_bytes(f"{HEADER}\ncustomer,zoé@exemple.fr,,,,,,\n".encode("latin-1"))
        with pytest.raises(InvalidInput, match="line 2: the file is not UTF-8"):
            run(engine, declared, path)


class TestSkipErrors:
    def test_good_rows_load_and_bad_ones_are_reported(self, engine: Engine, declared: Declared,
                                                      tmp_path: Path) -> None:
        rows = [GOOD[0], "customer,x,,,,,,", GOOD[1], "customer,jean.dupont@exemple.fr,,,,,,"]
        report = run(engine, declared, csv_file(tmp_path, *rows), skip_errors=True)
        assert (report.rows, report.created, report.skipped) == (4, 2, 2)
        assert [(p.line, p.column) for p in report.problems] == [(3, "email"), (5, "email")]
        assert count(engine, DataSubject) == 2


class TestAudit:
    def test_one_entry_per_import_in_the_same_transaction_and_the_chain_verifies(
            self, engine: Engine, declared: Declared, tmp_path: Path) -> None:
        path = csv_file(tmp_path, *GOOD)
        report = run(engine, declared, path)
        with unit_of_work(engine) as session:
            [entry] = session.scalars(select(AuditEntry)).all()
            assert (entry.action, entry.actor, entry.target_type, entry.target_ref) == (
                "subjects.import", "tests", "file", report.sha256)
            assert entry.details == {"file": "people.csv", "sha256": report.sha256, "format": "csv",
                                     **report.counts()}
            subject = service.locate(session, "email:marie@exemple.fr")
            service.read(session, subject, actor="tests")
        with unit_of_work(engine) as session:
            assert [e.action for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))] == [
                "subjects.import", "subject.read"]
            assert verify(session).ok


# The command line ------------------------------------------------------------------------------------------------


@pytest.fixture
def cli_env(tmp_path: Path) -> dict[str, str]:
    """Environment of a CLI run: a fresh SQLite store in a temporary folder, English, the minimal declaration."""
    return {"REGISTRE_DATA_DIR": str(tmp_path / "data"), "REGISTRE_LANG": "en",
           "REGISTRE_DECLARATION": str(MINIMAL)}


def subjects(env: dict[str, str], *args: str) -> Any:
    """Run `registre subjects ARGS`."""
    return CliRunner().invoke(app, list(args), env=env)


class TestCli:
    def test_import_shows_its_progress_and_summary(self, cli_env: dict[str, str], tmp_path: Path) -> None:
        result = subjects(cli_env, "import", str(csv_file(tmp_path, *GOOD)))
        assert result.exit_code == 0, result.output
        assert "people.csv" in result.output
        assert "100%" in result.output
        assert "2 row(s) read; 2 subject(s) created, 0 updated; 2 record(s) added" in result.output

    def test_the_declaration_option_wins_over_the_environment(self, cli_env: dict[str, str], tmp_path: Path) -> None:
        env = {**cli_env, "REGISTRE_DECLARATION": str(tmp_path / "missing.yaml")}
        assert subjects(env, "import", str(csv_file(tmp_path, *GOOD))).exit_code == 1
        result = subjects(env, "import", str(csv_file(tmp_path, *GOOD)), "--declaration", str(MINIMAL))
        assert result.exit_code == 0, result.output

    def test_a_bad_file_exits_1_with_its_lines_and_no_traceback(self, cli_env: dict[str, str],
                                                               tmp_path: Path) -> None:
        result = subjects(cli_env, "import", str(csv_file(tmp_path, GOOD[0], "customer,x,,,,,,")))
        assert result.exit_code == 1
        assert isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        assert isinstance(result.exception, SystemExit)  # reported, not raised
        assert "nothing was loaded" in result.output
        assert "Line 3, column email: 'x' is not a valid email address." in result.output
        assert "--skip-errors" in result.output

    def test_in_french(self, cli_env: dict[str, str], tmp_path: Path) -> None:
        result = subjects({**cli_env, "REGISTRE_LANG": "fr"}, "import", str(csv_file(tmp_path, "customer,x,,,,,,")))
        assert result.exit_code == 1
        assert "Ligne 2, colonne email : « x » n'est pas une adresse électronique valide." in result.output

    def test_the_printed_list_stops_at_50(self, cli_env: dict[str, str], tmp_path: Path) -> None:
        rows = [f"customer,bad{n},,,,,," for n in range(60)]
        result = subjects(cli_env, "import", str(csv_file(tmp_path, *rows)))
        assert result.exit_code == 1
        assert "Line 51, column email" in result.output
        assert "Line 52, column email" not in result.output
        assert "… and 10 more problem(s)." in result.output

    def test_json_output_lists_every_problem(self, cli_env: dict[str, str], tmp_path: Path) -> None:
        rows = [f"customer,bad{n},,,,,," for n in range(60)]
        result = subjects(cli_env, "import", str(csv_file(tmp_path, *rows)), "--json")
        assert result.exit_code == 1
        data = json.loads(result.stdout)
        assert data["error"] == "import_invalid"
        assert len(data["problems"]) == 60

    def test_skip_errors_loads_the_rest_and_reports(self, cli_env: dict[str, str], tmp_path: Path) -> None:
        result = subjects(cli_env, "import", str(csv_file(tmp_path, GOOD[0], "customer,x,,,,,,")), "--skip-errors",
                          "--json")
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert (data["created"], data["skipped"], data["problems"][0]["line"]) == (1, 1, 3)

    def test_show_finds_a_subject_by_email(self, cli_env: dict[str, str], tmp_path: Path) -> None:
        subjects(cli_env, "import", str(csv_file(tmp_path, *GOOD)))
        result = subjects(cli_env, "show", "email:JEAN.DUPONT@exemple.fr")
        assert result.exit_code == 0, result.output
        assert "+33612345678" in result.output
        assert "Dupont" in result.output
        assert "last_purchase" in result.output
        data = json.loads(subjects(cli_env, "show", "jean.dupont@exemple.fr", "--json").stdout)
        assert [r["field"] for r in data["records"]] == ["email", "last_name"]
        events = json.loads(subjects(cli_env, "events", data["ref"], "--json").stdout)
        assert [e["event"] for e in events["events"]] == ["collected", "last_purchase"]
        assert "records" not in events

    def test_an_unknown_subject_is_a_plain_error(self, cli_env: dict[str, str]) -> None:
        assert CliRunner().invoke(root, ["db", "upgrade"], env=cli_env).exit_code == 0
        result = subjects(cli_env, "show", "email:nobody@exemple.fr")
        assert result.exit_code == 1
        assert "No data subject has the email 'nobody@exemple.fr'." in result.output
        result = subjects(cli_env, "show", "email:not-an-email")
        assert result.exit_code == 1
        assert "is not a valid email address" in result.output
