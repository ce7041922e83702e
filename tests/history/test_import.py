"""Importing a dated history: each kind written as the store keeps it, a bad row refusing the whole file, and
eligibility on a past day reading what was imported."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from registre.consent import service as consent
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.history import flows
from registre.history.service import ImportInvalid, _evidence_writer
from registre.law.calendar import PARIS
from registre.models.audit import AuditEntry
from registre.models.consent import ConsentEvent, ConsentWording
from registre.models.subjects import Identifier, LifecycleEvent, Restriction
from registre.subjects.loading import Store
from tests.fixtures.context import as_dpo
from tests.marketing.conftest import People

HEADER = "who,kind,at,purpose,channel,method,wording,lang,activity,until,ground,event\n"


def write(tmp_path: Path, text: str, name: str = "history.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def counts(engine: Engine) -> dict[str, int]:
    with unit_of_work(engine) as session:
        return {model.__table__.name: session.scalar(select(func.count()).select_from(model)) or 0
                for model in (ConsentEvent, ConsentWording, Restriction, LifecycleEvent, AuditEntry)}


def paris(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=PARIS)


def test_each_kind_is_written_as_the_store_keeps_it_and_audited_once(engine: Engine, declared: Declared,
                                                                      people: People, tmp_path: Path) -> None:
    anne = people.add("anne", phone="+33611111111")
    people.add("bruno", "customer", phone="+33622222222")
    path = write(tmp_path, HEADER + (
        "anne@example.fr,consent_given,2025-03-01T10:30,newsletter,email,web_form,Je veux la lettre.,fr,,,,\n"
        f"{anne},consent_withdrawn,2025-06-01,newsletter,email,,,,,,,\n"
        "phone:06 22 22 22 22,stop,2025-04-02T08:00:00+00:00,,sms,,,,,,,\n"
        "email:Bruno@Example.fr,objection,2025-05-01,,,,,,,,par courrier,\n"
        "id:email:bruno@example.fr,objection,2025-05-02,,,,,,newsletter,,,\n"
        "anne@example.fr,restriction,2025-07-01,,,,,,newsletter,2025-08-01,,\n"
        "anne@example.fr,event,2025-01-15,,,,,,,,,contract_concluded\n"))
    report = flows.import_file(as_dpo(engine, declared), path)
    assert report.kinds == {"consent_given": 1, "consent_withdrawn": 1, "event": 1, "objection": 2,
                            "restriction": 1, "stop": 1}
    assert (report.rows, report.consent_events) == (7, 3)
    with unit_of_work(engine) as session:
        bruno_id = session.scalar(select(Identifier.subject_id).where(Identifier.value == "bruno@example.fr"))
        events = list(session.scalars(select(ConsentEvent).order_by(ConsentEvent.subject_id, ConsentEvent.id)))
        assert [(e.state, e.channel, e.method, e.lang, e.at) for e in events] == [
            ("given", "email", "web_form", "fr", paris("2025-03-01T10:30")),
            ("withdrawn", "email", "not_recorded", None, paris("2025-06-01T00:00")),
            ("withdrawn", "sms", "sms_stop", None, dt.datetime(2025, 4, 2, 8, tzinfo=dt.UTC))]
        assert events[2].subject_id == bruno_id
        assert all(consent.intact(e) for e in events)
        assert len({e.receipt_ref for e in events}) == 3
        assert events[0].wording_hash == consent.wording_key("Je veux la lettre.")
        assert (events[1].wording_hash, events[1].notice_hash) == (None, None)
        assert events[0].evidence == {"imported": hashlib.sha256(path.read_bytes()).hexdigest(), "line": 2}
        restrictions = list(session.scalars(select(Restriction).order_by(Restriction.since)))
        assert [(r.kind, r.activity, r.ground, r.since, r.lifted_at) for r in restrictions] == [
            ("objection_marketing", None, "par courrier", paris("2025-05-01T00:00"), None),
            ("objection", "newsletter", None, paris("2025-05-02T00:00"), None),
            ("restriction", "newsletter", None, paris("2025-07-01T00:00"), paris("2025-08-01T00:00"))]
        [event] = session.scalars(select(LifecycleEvent))
        assert (event.event, event.occurred_at) == ("contract_concluded", paris("2025-01-15T00:00"))
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.action == "history.import"))
        assert entry.target_ref == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry.details["kinds"] == report.kinds
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1


def test_a_bad_row_refuses_the_whole_file_with_every_problem_and_writes_nothing(
        engine: Engine, declared: Declared, people: People, tmp_path: Path) -> None:
    people.add("anne")
    before = counts(engine)
    path = write(tmp_path, HEADER + (
        "anne@example.fr,consent_given,2025-03-01,newsletter,email,,Oui,,,,,\n"
        "anne@example.fr,consent_lent,2025-03-01,newsletter,,,,,,,,\n"
        "anne@example.fr,consent_given,2025-13-01,billing,fax,,,de,,,,\n"
        "nobody@example.fr,consent_given,2025-03-01,newsletter,email,,,,,,,\n"
        "anne@example.fr,restriction,2025-03-01,newsletter,,,,,,2025-02-01,,\n"
        "anne@example.fr,event,2099-01-01,,,,,,,,,moved_house\n"
        ",objection,,,,,,,,,,\n"))
    with pytest.raises(ImportInvalid) as refused:
        flows.import_file(as_dpo(engine, declared), path)
    problems = [(p.line, p.column, p.detail("en")) for p in refused.value.problems]
    assert problems == [
        (3, "kind", "'consent_lent' is not a kind of history row; kinds: consent_given, consent_refused, "
                    "consent_withdrawn, event, objection, restriction, stop."),
        (4, "at", "'2025-13-01' is not a date; write YYYY-MM-DD or YYYY-MM-DDTHH:MM (Paris time unless a time zone "
                  "is given)."),
        (4, "channel", "'fax' is not a channel: email, sms, phone, post or push."),
        (4, "lang", "'de' is not a language: fr or en."),
        (6, "purpose", "A restriction row does not take purpose; it takes: who, kind, at, activity, until, ground."),
        (7, "at", "2099-01-01 is in the future: a history records what has happened."),
        (8, "who", "A value is required."),
        (8, "at", "A value is required."),
    ]
    assert refused.value.text("fr") == "history.csv : 8 problème(s) ; rien n'a été chargé."
    assert refused.value.problems[0].text("fr").startswith("Ligne 3, colonne kind : « consent_lent » n'est pas")
    assert counts(engine) == before
    # Once each row is right, who they name is checked for the whole file: nobody is written either.
    path = write(tmp_path, HEADER + (
        "anne@example.fr,consent_given,2025-03-01,newsletter,email,,Oui,,,,,\n"
        "nobody@example.fr,consent_given,2025-03-01,newsletter,email,,,,,,,\n"
        "phone:12,stop,2025-03-01,,,,,,,,,\n"
        "anne@example.fr,restriction,2025-03-01,,,,,,newsletter,2025-02-01,,\n"
        "anne@example.fr,consent_given,2025-03-01,billing,,,,,,,,\n"))
    with pytest.raises(ImportInvalid) as refused:
        flows.import_file(as_dpo(engine, declared), path)
    assert [(p.line, p.column, p.detail("fr")) for p in refused.value.problems] == [
        (5, "until", "La limitation est levée (2025-02-01) avant d'avoir commencé."),
        (6, "purpose", "« billing » n'est pas un traitement déclaré ; traitements déclarés : orders, newsletter."),
    ]
    fixed = path.read_text(encoding="utf-8").replace("2025-02-01", "2025-04-01").replace(",billing,", ",newsletter,")
    with pytest.raises(ImportInvalid) as refused:
        flows.import_file(as_dpo(engine, declared), write(tmp_path, fixed))
    assert [(p.line, p.column, p.detail("en")) for p in refused.value.problems] == [
        (3, "who", "No data subject has the email 'nobody@example.fr'."),
        (4, "who", "'12' is not a valid phone number (a French number, or any number with its +country code)."),
    ]
    assert counts(engine) == before


def test_a_json_file_names_each_problem_by_item_and_line(engine: Engine, declared: Declared, people: People,
                                                        tmp_path: Path) -> None:
    people.add("anne")
    rows: list[Any] = [{"who": "anne@example.fr", "kind": "consent_refused", "at": "2025-01-01",
                        "purpose": "newsletter", "channel": "email"},
                       {"who": "anne@example.fr", "kind": "event", "at": 20250101, "colour": "red"},
                       "anne"]
    path = write(tmp_path, json.dumps(rows, indent=1), "history.json")
    with pytest.raises(ImportInvalid) as refused:
        flows.import_file(as_dpo(engine, declared), path)
    assert [p.text("en") for p in refused.value.problems] == [
        "Item 2 (line 9), at: A text is expected here, not 20250101.",
        "Item 2 (line 9), event: A value is required.",
        "Item 2 (line 9), colour: 'colour' is not a field of a history row; fields: who, kind, at, purpose, "
        "channel, method, location, wording, lang, activity, until, ground, event.",
        "Item 3 (line 15): An object { … } is expected here.",
    ]


def test_a_csv_header_is_checked_before_any_row(engine: Engine, declared: Declared, tmp_path: Path) -> None:
    path = write(tmp_path, "who;when;kind;kind\nanne@example.fr;2025-01-01;event;event\n")
    with pytest.raises(ImportInvalid) as refused:
        flows.import_file(as_dpo(engine, declared), path)
    assert [(p.line, p.column, p.detail("en")) for p in refused.value.problems] == [
        (1, "when", "Unknown column: use who, kind, at, purpose, channel, method, location, wording, lang, activity, "
                    "until, ground, event."),
        (1, "kind", "The same column as column 3."),
        (1, "at", "The column 'at' is missing."),
    ]


def test_the_evidence_of_an_imported_event_is_stored_as_the_json_column_writes_it(engine: Engine) -> None:
    sha256 = hashlib.sha256(b"history").hexdigest()
    with unit_of_work(engine) as session:
        store = Store(session, writes=[ConsentEvent])
        written = _evidence_writer(store, sha256)
        for line, item in [(2, None), (9, None), (10, None), (123_456_789, None), (3, 1), (40, 17), (7, 1_000_000)]:
            evidence = {"imported": sha256, "line": line, **({} if item is None else {"item": item})}
            given, expected = written(line, item), store.json(evidence)
            assert getattr(given, "obj", given) == getattr(expected, "obj", expected)  # PostgreSQL: psycopg's Json
        store.close(False)
