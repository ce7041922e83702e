"""Breaches on the store, on SQLite and PostgreSQL: the record, the counts, triage, notifications, the register."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from odf.opendocument import load as load_ods
from odf.table import Table, TableCell, TableRow
from sqlalchemy import Engine, select

from registre.audit.service import verify
from registre.breaches import affected, flows, service
from registre.breaches.schemas import (
    Answers,
    Assessment,
    BreachCreate,
    BreachUpdate,
    Clock,
    NotificationCreate,
    ProcessorReport,
    Risk,
)
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.errors import Conflict, InvalidInput
from registre.models.audit import AuditEntry
from registre.models.breaches import Breach
from tests.fixtures.context import as_dpo
from tests.fixtures.factories import create_subject

PARIS = ZoneInfo("Europe/Paris")
ACTOR = "dpo@exemple.fr"
FRIDAY_1730 = dt.datetime(2026, 11, 13, 17, 30, tzinfo=PARIS)
FRIDAY_1800 = dt.datetime(2026, 11, 13, 18, 0, tzinfo=PARIS)

Declare = Callable[..., Declared]


@pytest.fixture
def declared(declare: Declare) -> Declared:
    return declare()


def stolen_laptop(**changes: Any) -> BreachCreate:
    return BreachCreate.model_validate({
        "title": "Sales laptop stolen", "aware_at": FRIDAY_1730, "discovered_at": FRIDAY_1730,
        "nature": ["confidentiality"], "cause": "external_malicious", "origin": "lost_equipment",
        "activities": ["orders"], "description": "A sales laptop was stolen from a car.",
        "consequences": "Phishing using order details.", "measures_taken": "Sessions revoked.", **changes})


def customers(engine: Engine) -> None:
    with unit_of_work(engine) as session:
        create_subject(session, email="jeanne@example.fr")
        create_subject(session, email="paul@example.fr", records=[
            ("orders", "identification", "last_name", "Durand"), ("orders", "contact", "city", "Lyon")])
        create_subject(session, email="zoe@example.fr", category="prospect",
                       records=[("newsletter", "contact", "email", "zoe@example.fr")])


def test_a_breach_is_recorded_with_its_deadline_and_counts_from_the_store(engine: Engine, declared: Declared) -> None:
    customers(engine)
    with unit_of_work(engine) as session:
        breach = service.create(session, breach_in=stolen_laptop(), declared=declared, actor=ACTOR, now=FRIDAY_1800)
        shown = service.read(session, breach, now=FRIDAY_1800)
    assert shown.deadline == dt.datetime(2026, 11, 16, 16, 30, tzinfo=dt.UTC)
    assert shown.deadline_local == "Monday 16 November 2026 17:30 (Paris time)"
    assert (shown.hours_left, shown.clock) == (71.5, Clock.running)
    assert (shown.subjects_count, shown.records_count, shown.subjects_count_source) == (2, 3, "store")
    assert shown.contact == {"name": "Jeanne Martin", "email": "dpo@exemple.fr", "dpo": True}
    with unit_of_work(engine) as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.target_type == "breach")).all()
        assert entry.action == "breach.recorded"
        assert verify(session).ok


def test_counts_follow_categories_and_the_collection_window(engine: Engine, declared: Declared) -> None:
    customers(engine)
    with unit_of_work(engine) as session:
        contact = affected.count(session, affected.Scope(data_categories=("contact",)))
        prospects = affected.count(session, affected.Scope(subject_categories=("prospect",)))
        later = affected.count(session, affected.Scope(activities=("orders",),
                                                       collected_from=dt.datetime.now(dt.UTC) + dt.timedelta(days=1)))
        unknown = affected.count(session, affected.Scope())
        people = sorted(p.email or "" for p in affected.people(session, affected.Scope(activities=("orders",))))
    assert (contact, prospects) == (affected.Counts(2, 2), affected.Counts(1, 1))
    assert later == affected.Counts(0, 0)
    assert unknown is None
    assert people == ["jeanne@example.fr", "paul@example.fr"]


def test_entered_counts_win_and_undeclared_names_or_impossible_times_are_refused(engine: Engine,
                                                                                declared: Declared) -> None:
    customers(engine)
    with unit_of_work(engine) as session:
        breach = service.create(session, breach_in=stolen_laptop(subjects_count=1200, records_count=None),
                                declared=declared, actor=ACTOR, now=FRIDAY_1800)
        assert (breach.subjects_count, breach.subjects_count_source) == (1200, "entered")
        assert (breach.records_count, breach.records_count_source) == (3, "store")
    for bad, match in [({"data_categories": ["health"]}, "not a declared data category"),
                       ({"started_at": FRIDAY_1800}, "cannot come before"),
                       ({"aware_at": FRIDAY_1800 + dt.timedelta(days=1)}, "future")]:
        with pytest.raises(InvalidInput, match=match), unit_of_work(engine) as session:
            service.create(session, breach_in=stolen_laptop(**bad), declared=declared, actor=ACTOR, now=FRIDAY_1800)
    with unit_of_work(engine) as session:
        assert len(session.scalars(select(Breach)).all()) == 1


def test_a_late_notification_needs_the_reasons_for_the_delay(engine: Engine, declared: Declared) -> None:
    monday_late = dt.datetime(2026, 11, 16, 17, 31, tzinfo=PARIS)
    with unit_of_work(engine) as session:
        ref = service.create(session, breach_in=stolen_laptop(), declared=declared, actor=ACTOR, now=FRIDAY_1800).ref
    with pytest.raises(InvalidInput, match="reasons for the delay"), unit_of_work(engine) as session:
        service.notify(session, service.get_or_raise(session, ref), declared=declared, actor=ACTOR, now=monday_late,
                       notification_in=NotificationCreate(kind="initial"))
    with unit_of_work(engine) as session:
        breach = service.get_or_raise(session, ref)
        assert service.read(session, breach, now=monday_late).clock is Clock.overdue
        done = service.notify(session, breach, declared=declared, actor=ACTOR, now=monday_late,
                              notification_in=NotificationCreate(kind="initial", lang="en",
                                                                 delay_reasons="The intruder was still inside.",
                                                                 authority_ref="CNIL-42"))
        shown = service.read(session, breach, now=monday_late + dt.timedelta(days=3))
    assert "after the 72 hours" in done.text
    assert "Reasons for the delay: The intruder was still inside." in done.text
    assert shown.clock is Clock.notified_late
    assert shown.hours_left == -0.1  # frozen at the notification
    assert shown.notifications[0].late
    assert shown.notifications[0].authority_ref == "CNIL-42"


def test_the_cnil_notification_has_every_article_33_3_item(engine: Engine, declared: Declared) -> None:
    customers(engine)
    with unit_of_work(engine) as session:
        breach = service.create(session, breach_in=stolen_laptop(data_categories=["identification", "contact"]),
                                declared=declared, actor=ACTOR, now=FRIDAY_1800)
        service.assess(session, breach, assessment=Assessment(), declared=declared, actor=ACTOR)
        done = service.notify(session, breach, declared=declared, actor=ACTOR, now=FRIDAY_1800,
                              notification_in=NotificationCreate(kind="initial", draft=True))
        assert service.notifications_of(session, breach) == []  # a draft records nothing
    text = done.text
    for expected in ["notification initiale", "art. 33.3.a", "Perte de confidentialité", "Équipement perdu ou volé",
                     "Acte externe malveillant", "Nombre approximatif de personnes concernées : 2",
                     "Nombre approximatif d'enregistrements concernés : 3", "Gestion des commandes",
                     "art. 33.3.b", "Jeanne Martin, dpo@exemple.fr", "art. 33.3.c", "Phishing using order details.",
                     "art. 33.3.d", "Sessions revoked.", "lundi 16 novembre 2026 17:30 (heure de Paris)",
                     "dans le délai de 72 heures", "Exemple SAS"]:
        assert expected in text, expected


def test_complementary_needs_an_initial_and_the_people_get_a_letter(engine: Engine, declared: Declared) -> None:
    customers(engine)
    with unit_of_work(engine) as session:
        breach = service.create(session, breach_in=stolen_laptop(advice="Beware of emails about your orders."),
                                declared=declared, actor=ACTOR, now=FRIDAY_1800)
        with pytest.raises(Conflict, match="no initial notification"):
            service.notify(session, breach, declared=declared, actor=ACTOR, now=FRIDAY_1800,
                           notification_in=NotificationCreate(kind="complementary"))
        service.notify(session, breach, declared=declared, actor=ACTOR, now=FRIDAY_1800,
                       notification_in=NotificationCreate(kind="initial", authority_ref="CNIL-7"))
        with pytest.raises(Conflict, match="already notified"):
            service.notify(session, breach, declared=declared, actor=ACTOR, now=FRIDAY_1800,
                           notification_in=NotificationCreate(kind="initial"))
        more = service.notify(session, breach, declared=declared, actor=ACTOR, now=FRIDAY_1800,
                              notification_in=NotificationCreate(kind="complementary", lang="en"))
        letters = service.notify(session, breach, declared=declared, actor=ACTOR, now=FRIDAY_1800,
                                 notification_in=NotificationCreate(kind="subjects", lang="en"))
    assert "complementary notification" in more.text
    assert "(CNIL number CNIL-7)" in more.text
    assert sorted(p.email or "" for p in letters.people) == ["jeanne@example.fr", "paul@example.fr"]
    assert letters.notification is not None
    assert letters.notification.recipients == 2
    assert "Beware of emails about your orders." in letters.text
    assert "dpo@exemple.fr" in letters.text
    assert "CNIL" in letters.text


def test_a_breach_judged_riskless_stays_in_the_register_with_its_reasons(engine: Engine, declared: Declared,
                                                                         tmp_path: Path) -> None:
    with unit_of_work(engine) as session:
        breach = service.create(session, breach_in=stolen_laptop(title="Email to the wrong colleague"),
                                declared=declared, actor=ACTOR, now=FRIDAY_1800)
        service.assess(session, breach, declared=declared, actor=ACTOR,
                       assessment=Assessment(answers=Answers(contained=True)))
        assert service.read(session, breach).clock is Clock.not_required
        assert service.due_alerts(session, breach.deadline) == []
    for fmt in ("csv", "ods"):
        path = tmp_path / f"breaches.{fmt}"
        assert flows.export(as_dpo(engine, declared), fmt, path, lang="fr") == 1
        rows = read_csv(path) if fmt == "csv" else read_ods(path)
        header, row = rows[0], rows[1]
        got = dict(zip(header, row, strict=False))
        assert got["Intitulé"] == "Email to the wrong colleague"
        assert got["Risque"] == "aucun"
        assert got["Motifs de la décision"] == "Les données ont été récupérées ou supprimées avant toute utilisation."
        assert got["Notification CNIL"] == "non requise (pas de risque probable)"
        assert got["Échéance (72 h)"] == "2026-11-16 17:30"


def test_a_processor_report_starts_the_clock_at_its_receipt(engine: Engine, declared: Declared) -> None:
    received = dt.datetime(2026, 11, 14, 9, 0, tzinfo=PARIS)
    report = ProcessorReport(processor="Hébergeur Exemple", received_at=received,
                             processor_aware_at=received - dt.timedelta(hours=20), title="Backup bucket left public",
                             nature=["confidentiality"], data_categories=["contact"], subjects_count=300)
    with unit_of_work(engine) as session:
        breach = service.receive_report(session, report=report, declared=declared, actor="api:host", now=received)
        assert (breach.processor, breach.aware_at, breach.subjects_count) == ("host", received, 300)
        assert service.read(session, breach, now=received).hours_left == 72.0
        with pytest.raises(InvalidInput, match="not a declared processor"):
            service.receive_report(session, report=report.model_copy(update={"processor": "sales"}),
                                   declared=declared, actor="api", now=received)


def test_updates_recount_and_are_audited(engine: Engine, declared: Declared) -> None:
    customers(engine)
    with unit_of_work(engine) as session:
        breach = service.create(session, breach_in=stolen_laptop(), declared=declared, actor=ACTOR, now=FRIDAY_1800)
        changed = service.update(session, breach, declared=declared, actor=ACTOR,
                                 changes=BreachUpdate(activities=["orders", "newsletter"], ongoing=False,
                                                      measures_planned="Disk encryption on every laptop."))
        assert changed == ["activities", "measures_planned"]
        assert (breach.subjects_count, breach.records_count) == (3, 4)
        risk = service.assess(session, breach, declared=declared, actor=ACTOR,
                              assessment=Assessment(risk=Risk.high, reasons="Order history reveals habits."))
        assert risk.suggested is Risk.risk
        assert breach.risk == "high"
        actions = session.scalars(select(AuditEntry.action).where(AuditEntry.target_ref == breach.ref)).all()
    assert actions == ["breach.recorded", "breach.updated", "breach.assessed"]


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=";"))


def read_ods(path: Path) -> list[list[str]]:
    doc = load_ods(str(path))
    [table] = doc.spreadsheet.getElementsByType(Table)
    return [[str(cell) for cell in row.getElementsByType(TableCell)] for row in table.getElementsByType(TableRow)]


def test_the_register_exports_a_title_pasted_with_control_characters(engine: Engine, declared: Declared,
                                                                     tmp_path: Path) -> None:
    with unit_of_work(engine) as session:
        service.create(session, breach_in=stolen_laptop(title="Log line\x07\x1b[31m pasted"), declared=declared,
                       actor=ACTOR, now=FRIDAY_1800)
    for fmt in ("ods", "xlsx"):
        path = tmp_path / f"breaches.{fmt}"
        assert flows.export(as_dpo(engine, declared), fmt, path, lang="en") == 1
        if fmt == "ods":
            assert "Log line[31m pasted" in {cell for row in read_ods(path) for cell in row}


MANY = 1_050  # more than the 1,000 the lists were once cut at


def many_breaches(engine: Engine, declared: Declared, count: int = MANY) -> list[str]:
    """`count` breaches recorded through the service in one transaction, each aware a minute after the one
    before (the last at 17:30 on Friday), with their counts entered; the first and every 100th judged riskless.
    Their references, in order."""
    riskless = Assessment(answers=Answers(contained=True))
    refs = []
    with unit_of_work(engine) as session:
        for number in range(count):
            aware = FRIDAY_1730 - dt.timedelta(minutes=count - 1 - number)
            breach = service.create(session, breach_in=stolen_laptop(
                title=f"Breach {number}", aware_at=aware, discovered_at=aware, activities=[], subjects_count=1,
                records_count=1),
                declared=declared, actor=ACTOR, now=FRIDAY_1800)
            if number % 100 == 0:
                service.assess(session, breach, declared=declared, actor=ACTOR, assessment=riskless)
            refs.append(breach.ref)
    return refs


def test_more_than_a_thousand_breaches_are_all_listed_page_after_page_and_exported(
        engine: Engine, declared: Declared, tmp_path: Path) -> None:
    refs = many_breaches(engine, declared)
    riskless = refs[::100]
    seen, offset = [], 0
    while True:
        page = flows.page_breaches(as_dpo(engine, declared), lang="en", offset=offset)
        assert page.total == MANY
        seen += [b.ref for b in page.items]
        if page.next_offset is None:
            break
        offset = page.next_offset
    # every one once: those whose clock runs first (nearest deadline first), the riskless ones last
    assert seen == [r for r in refs if r not in riskless] + riskless
    assert flows.page_breaches(as_dpo(engine, declared), lang="en", offset=MANY - 10).more == 0
    current = flows.page_breaches(as_dpo(engine, declared), lang="en", current=True, limit=500)
    assert current.total == MANY  # none has ended: all ongoing
    path = tmp_path / "breaches.csv"
    assert flows.export(as_dpo(engine, declared), "csv", path, lang="en") == MANY
    rows = read_csv(path)
    assert [row[rows[0].index("Title")] for row in rows[1:]] == [f"Breach {n}" for n in range(MANY)]
