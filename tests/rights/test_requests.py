"""Rights requests on the built-in store, on SQLite and PostgreSQL: deadlines, identity, and what each right does."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from registre.audit.service import verify
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.errors import Conflict, InvalidInput
from registre.models.audit import AuditEntry
from registre.models.consent import ConsentEvent
from registre.models.subjects import DataSubject, Directive, Identifier, PersonalRecord, Restriction
from registre.rights import service
from registre.rights.schemas import RequestCreate
from tests.fixtures.factories import create_subject

PARIS = dt.timezone(dt.timedelta(hours=1))
SECRET = "test-secret"
ACTOR = "dpo@exemple.fr"


def add_legal_obligation(data: dict[str, Any]) -> None:
    """Invoices kept 10 years for the accounts: a legal obligation erasure cannot override."""
    data["activities"].append({
        "id": "invoicing", "name": {"fr": "Facturation", "en": "Invoicing"},
        "purpose": {"fr": "Tenir la comptabilité", "en": "Keep the accounts"},
        "subjects": ["customer"], "data": ["identification", "order_history"],
        "legal_bases": [{"basis": "legal_obligation", "law": "Code de commerce L123-22"}],
        "recipients": ["sales"],
        "retention": [{"from": "invoice_issued", "anchor": "end_of_financial_year", "duration": "10 years"}]})


@pytest.fixture
def declared(declare: Callable[..., Declared]) -> Declared:
    return declare(add_legal_obligation)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A unit of work on the store with one customer, Jeanne, and her data in three activities."""
    with unit_of_work(engine) as session:
        create_subject(session, records=[
            ("orders", "identification", "last_name", "Martin"),
            ("orders", "contact", "email", "jeanne@example.fr"),
            ("orders", "order_history", "last_order", "A-42"),
            ("newsletter", "contact", "email", "jeanne@example.fr"),
            ("invoicing", "identification", "last_name", "Martin"),
            ("invoicing", "order_history", "invoice", "F-2026-001"),
        ])
        yield session


def new(session: Session, kind: str, received_at: dt.datetime | None = None, **details: Any) -> Any:
    request_in = RequestCreate.model_validate({
        "kind": kind, "channel": "email", "requester": {"email": "jeanne@example.fr"},
        "subject": "email:jeanne@example.fr", "details": details,
        **({"received_at": received_at.isoformat()} if received_at else {})})
    return service.create(session, request_in=request_in, region="metropole", actor=ACTOR,
                          now=received_at + dt.timedelta(hours=1) if received_at else None)


def records(session: Session, activity: str) -> int:
    return session.scalar(select(func.count()).select_from(PersonalRecord).where(
        PersonalRecord.activity == activity)) or 0


class TestDeadlines:
    def test_the_deadline_runs_from_receipt_on_the_channel(self, session: Session) -> None:
        request = new(session, "access", dt.datetime(2026, 3, 5, 10, tzinfo=PARIS))
        assert request.deadline == dt.date(2026, 4, 7)  # 5 April is a Sunday, 6 April Easter Monday

    def test_one_extension_with_reasons_before_the_deadline(self, session: Session) -> None:
        request = new(session, "access", dt.datetime(2026, 1, 31, 10, tzinfo=PARIS))
        extended = service.extend(session, request, reasons="Ten years of orders to gather.", region="metropole",
                                  actor=ACTOR, now=dt.datetime(2026, 2, 20, tzinfo=PARIS))
        assert extended.strict == dt.date(2026, 4, 28)
        with pytest.raises(Conflict):
            service.extend(session, request, reasons="Again.", region="metropole", actor=ACTOR,
                           now=dt.datetime(2026, 2, 21, tzinfo=PARIS))

    def test_no_extension_after_the_first_deadline(self, session: Session) -> None:
        request = new(session, "access", dt.datetime(2026, 1, 31, 10, tzinfo=PARIS))
        with pytest.raises(Conflict):
            service.extend(session, request, reasons="Too late.", region="metropole", actor=ACTOR,
                           now=dt.datetime(2026, 3, 3, 9, tzinfo=PARIS))

    def test_an_extension_needs_reasons(self, session: Session) -> None:
        request = new(session, "access", dt.datetime(2026, 1, 31, 10, tzinfo=PARIS))
        with pytest.raises(InvalidInput):
            service.extend(session, request, reasons="  ", region="metropole", actor=ACTOR,
                           now=dt.datetime(2026, 2, 1, tzinfo=PARIS))

    def test_a_request_cannot_be_received_in_the_future(self, session: Session) -> None:
        request_in = RequestCreate.model_validate({
            "kind": "access", "channel": "post", "requester": {"name": "Jeanne Martin"},
            "received_at": (dt.datetime.now(dt.UTC) + dt.timedelta(days=2)).isoformat()})
        with pytest.raises(InvalidInput):
            service.create(session, request_in=request_in, region="metropole", actor=ACTOR)


class TestIdentity:
    def test_an_id_checked_without_asking_first_confirms_without_pausing_the_clock(self, session: Session) -> None:
        received = dt.datetime(2026, 3, 5, 10, tzinfo=PARIS)
        request = new(session, "access", received)
        service.confirm_identity(session, request, actor=ACTOR, id_checked=True, secret=SECRET,
                                 now=received + dt.timedelta(days=3))
        shown = service.read(session, request, "metropole")
        assert shown.identity_method == "id_checked"
        assert shown.paused_deadline == shown.strict_deadline == dt.date(2026, 4, 7)

    def test_a_code_sent_to_the_known_address_confirms_identity_and_pauses_the_clock(self, session: Session) -> None:
        received = dt.datetime(2026, 3, 5, 10, tzinfo=PARIS)
        request = new(session, "access", received)
        code, to = service.ask_identity(session, request, actor=ACTOR, secret=SECRET,
                                        now=received + dt.timedelta(days=1))
        assert to == "jeanne@example.fr"
        assert service.read(session, request, "metropole").paused_deadline is None  # the clock is stopped
        with pytest.raises(Conflict):
            service.complete(session, request, declared=None, actor=ACTOR)  # type: ignore[arg-type]
        with pytest.raises(InvalidInput):
            service.confirm_identity(session, request, actor=ACTOR, code="000000" if code != "000000" else "111111",
                                     secret=SECRET, now=received + dt.timedelta(days=2))
        service.confirm_identity(session, request, actor=ACTOR, code=code, secret=SECRET,
                                 now=received + dt.timedelta(days=6))
        shown = service.read(session, request, "metropole")
        assert shown.strict_deadline == dt.date(2026, 4, 7)
        assert shown.paused_deadline == dt.date(2026, 4, 10)  # the end of the month, 5 April, + 5 days
        assert shown.identity_method == "code"
        assert "identity_code" not in shown.details

    def test_staff_record_that_an_id_was_checked_and_keep_no_copy(self, session: Session) -> None:
        request = new(session, "access")
        service.confirm_identity(session, request, actor=ACTOR, id_checked=True, secret=SECRET)
        assert request.identity_method == "id_checked"


class TestRights:
    def test_access_gives_the_data_and_every_art_15_item(self, session: Session, declared: Declared) -> None:
        request = new(session, "access")
        done = service.complete(session, request, declared=declared, actor=ACTOR)
        package = json.loads(done.files["access.json"])
        assert package["confirmation"] is True
        assert len(package["data"]) == 6
        assert {p["activity"] for p in package["purposes"]} == {"Gestion des commandes", "Lettre d'information",
                                                                "Facturation"}
        assert "Hébergeur Exemple" in package["recipients"]
        assert any("10 ans" in period for r in package["retention"] for period in r["periods"])
        assert "CNIL" in package["rights"]
        assert "<html lang=\"fr\">" in done.files["access.html"].decode()
        assert request.answer == done.answer
        assert "Martin" not in json.dumps(request.answer)  # the answer kept with the request holds no copy

    def test_access_names_the_countries_of_transfers_or_says_they_are_not_stated(
            self, session: Session, declare: Callable[..., Declared]) -> None:
        def transfers(data: dict[str, Any]) -> None:
            add_legal_obligation(data)
            data["activities"][0]["transfers"] = [{"country": "MA", "safeguards": ["scc"]},
                                                  {"recipient": "host", "safeguards": ["scc"]}]

        done = service.complete(session, new(session, "access"), declared=declare(transfers), actor=ACTOR)
        page = done.files["access.html"].decode()
        assert "Gestion des commandes</strong>\u00a0: Maroc —" in page
        assert "Gestion des commandes</strong>\u00a0: Pays non précisé —" in page

    def test_access_says_what_the_policy_leaves_unsaid_instead_of_none(
            self, session: Session, declare: Callable[..., Declared]) -> None:
        def silent(data: dict[str, Any]) -> None:
            add_legal_obligation(data)
            del data["transfers"], data["automated"]

        page = html.unescape(service.complete(session, new(session, "access"), declared=declare(silent),
                                              actor=ACTOR).files["access.html"].decode())
        assert "Aucun transfert" not in page
        assert "Aucun des traitements" not in page
        assert "Notre politique ne précise pas si les données de ces traitements sont transférées hors de l'Espace " \
               "économique européen : Gestion des commandes, Lettre d'information, Facturation." in page
        assert "Notre politique ne précise pas si ces traitements comportent un profilage" in page
        assert "Source non enregistrée" in page  # imported with no source
        assert "Auprès de vous" not in page

        stated = html.unescape(service.complete(session, new(session, "access"), declared=declare(add_legal_obligation),
                                                actor=ACTOR).files["access.html"].decode())
        assert "Aucun transfert de vos données hors de l'Espace économique européen n'est déclaré." in stated
        assert "ne précise pas" not in stated

    def test_a_closed_request_says_how_it_was_closed_in_words(self, session: Session, declared: Declared) -> None:
        request = new(session, "access")
        service.complete(session, request, declared=declared, actor=ACTOR)
        with pytest.raises(Conflict) as caught:
            service.complete(session, request, declared=declared, actor=ACTOR)
        assert caught.value.text("fr") == f"La demande {request.ref} est déjà close : elle a été traitée."
        assert caught.value.text("en") == f"Request {request.ref} is already closed: it was answered."

    def test_portability_gives_only_consent_and_contract_data_as_json_and_csv(self, session: Session,
                                                                              declared: Declared) -> None:
        done = service.complete(session, new(session, "portability"), declared=declared, actor=ACTOR)
        with zipfile.ZipFile(io.BytesIO(done.files["portability.zip"])) as archive:
            rows = json.loads(archive.read("data.json"))
            assert archive.read("data.csv").decode().startswith("activity,data_category,field,value")
        assert {r["activity"] for r in rows} == {"orders", "newsletter"}  # invoicing rests on a legal obligation

    def test_erasure_keeps_what_the_law_keeps_restricted_and_says_until_when(self, session: Session,
                                                                              declared: Declared) -> None:
        done = service.complete(session, new(session, "erasure"), declared=declared, actor=ACTOR)
        assert records(session, "orders") == 0
        assert records(session, "newsletter") == 0
        assert records(session, "invoicing") == 2
        kept = done.answer["summary"]["kept"]["invoicing"]
        assert kept["exception"] == "Art. 17(3)(b)"
        assert "10 ans à compter de la clôture de l'exercice" in kept["until"][0]
        assert session.scalar(select(Restriction.activity).where(Restriction.kind == "restriction")) == "invoicing"
        assert "Hébergeur Exemple" in done.answer["inform_recipients"]

    def test_erasure_keeps_the_records_an_obligation_to_keep_still_holds(self, session: Session,
                                                                         declare: Callable[..., Declared]) -> None:
        def keep_orders(data: dict[str, Any]) -> None:
            add_legal_obligation(data)
            orders = next(a for a in data["activities"] if a["id"] == "orders")
            orders["retention"].append({"kind": "obligation", "data": ["order_history"], "from": "collected",
                                        "duration": "10 years", "law": "Code de la consommation L213-1"})

        done = service.complete(session, new(session, "erasure"), declared=declare(keep_orders), actor=ACTOR)
        assert set(session.scalars(select(PersonalRecord.field).where(PersonalRecord.activity == "orders"))) == {
            "last_order"}  # the order history is kept ten years from its collection; the rest of the orders go
        assert done.answer["summary"]["kept"]["orders"]["exception"] == "Art. 17(3)(b)"

    def test_erasure_of_everything_leaves_no_identifier(self, session: Session, declare: Callable[..., Declared],
                                                        ) -> None:
        session.execute(PersonalRecord.__table__.delete().where(PersonalRecord.activity == "invoicing"))
        service.complete(session, new(session, "erasure"), declared=declare(add_legal_obligation), actor=ACTOR)
        assert session.scalar(select(func.count()).select_from(Identifier)) == 0

    def test_rectification_changes_the_data_and_lists_the_recipients_to_inform(self, session: Session,
                                                                                declared: Declared) -> None:
        request = new(session, "rectification", changes=[{"field": "last_name", "value": "Martin-Durand"}])
        done = service.complete(session, request, declared=declared, actor=ACTOR)
        assert done.answer["summary"]["changed"] == 2
        assert set(session.scalars(select(PersonalRecord.value).where(PersonalRecord.field == "last_name"))) == {
            "Martin-Durand"}
        assert done.answer["inform_recipients"] == ["Hébergeur Exemple", "Service commercial"]

    def test_restricted_data_cannot_be_changed(self, session: Session, declared: Declared) -> None:
        service.complete(session, new(session, "restriction", activities=["orders"], ground="accuracy contested"),
                         declared=declared, actor=ACTOR)
        request = new(session, "rectification", changes=[{"field": "last_name", "value": "X", "activity": "orders"}])
        with pytest.raises(Conflict):
            service.complete(session, request, declared=declared, actor=ACTOR)

    def test_objection_to_direct_marketing_is_recorded_for_good(self, session: Session, declared: Declared) -> None:
        service.complete(session, new(session, "objection", objection="direct_marketing"), declared=declared,
                         actor=ACTOR)
        kinds = set(session.scalars(select(Restriction.kind)))
        assert kinds == {"objection_marketing"}

    def test_consent_withdrawal_erases_what_rests_on_consent_alone(self, session: Session, declared: Declared) -> None:
        done = service.complete(session, new(session, "consent_withdrawal", activities=["newsletter"]),
                                declared=declared, actor=ACTOR)
        assert done.answer["summary"]["erased"] == ["newsletter"]
        assert records(session, "newsletter") == 0
        assert records(session, "orders") == 3
        # the withdrawal is in the consent ledger, with its proof, like one made through a link or the banner
        [event] = session.scalars(select(ConsentEvent))
        assert (event.purpose, event.state, event.method) == ("newsletter", "withdrawn", "email")
        assert event.location is not None
        assert event.location.startswith("rights request ")

    def test_consent_withdrawal_covers_a_person_whose_category_is_not_known(self, session: Session,
                                                                           declared: Declared) -> None:
        session.execute(update(DataSubject).values(category=None))  # as for someone found only in a database
        done = service.complete(session, new(session, "consent_withdrawal"), declared=declared, actor=ACTOR)
        assert done.answer["summary"]["withdrawn"] == ["newsletter"]
        assert done.answer["summary"]["erased"] == ["newsletter"]

    def test_post_mortem_directives_replace_earlier_ones(self, session: Session, declared: Declared) -> None:
        for text in ("Delete everything.", "Give my data to my daughter."):
            service.complete(session, new(session, "post_mortem", directives=text, executor="Claire Martin"),
                             declared=declared, actor=ACTOR)
        live = list(session.scalars(select(Directive.instructions).where(Directive.revoked_at.is_(None))))
        assert live == ["Give my data to my daughter."]

    def test_a_refusal_carries_reasons_and_remedies_and_closes(self, session: Session, declared: Declared) -> None:
        request = new(session, "erasure")
        service.refuse(session, request, reasons="Manifestly excessive: the same request every week.",
                       partial=False, actor=ACTOR)
        assert request.answer == {"remedies": ["complaint_cnil", "judicial_remedy"]}
        with pytest.raises(Conflict):
            service.complete(session, request, declared=declared, actor=ACTOR)

    def test_every_state_change_is_audited_and_the_chain_holds(self, session: Session, declared: Declared) -> None:
        request = new(session, "access")
        service.complete(session, request, declared=declared, actor=ACTOR)
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        assert actions == ["request.received", "request.completed.access"]
        assert verify(session).ok


class TestExcessive:
    def test_a_request_a_year_after_the_last_cannot_be_refused_as_excessive(self, session: Session) -> None:
        new(session, "access", dt.datetime(2025, 3, 1, 10, tzinfo=PARIS))
        request = new(session, "access", dt.datetime(2026, 3, 2, 10, tzinfo=PARIS))
        with pytest.raises(Conflict):
            service.refuse(session, request, reasons="Repetitive.", partial=False, actor=ACTOR, excessive=True)

    def test_a_first_request_cannot_be_excessive(self, session: Session) -> None:
        with pytest.raises(Conflict):
            service.refuse(session, new(session, "access"), reasons="Repetitive.", partial=False, actor=ACTOR,
                           excessive=True)

    def test_the_same_request_every_week_may_be(self, session: Session) -> None:
        new(session, "access", dt.datetime(2026, 3, 1, 10, tzinfo=PARIS))
        request = new(session, "access", dt.datetime(2026, 3, 8, 10, tzinfo=PARIS))
        service.refuse(session, request, reasons="The same request every week.", partial=False, actor=ACTOR,
                       excessive=True)
        assert request.outcome == "refused"


class TestDeath:
    def test_directives_to_erase_are_applied_when_a_death_is_notified(self, session: Session,
                                                                      declared: Declared) -> None:
        service.complete(session, new(session, "post_mortem", directives="Erase my data.", directive_action="erase"),
                         declared=declared, actor=ACTOR)
        subject = session.scalar(select(DataSubject))
        assert subject is not None
        done = service.notify_death(session, subject, declared=declared, at=dt.datetime(2026, 6, 1, tzinfo=PARIS),
                                    actor=ACTOR)
        assert done.answer["summary"]["action"] == "erase"
        assert records(session, "orders") == 0
        assert records(session, "invoicing") == 2  # the legal obligation outlives the person

    def test_directives_to_communicate_give_the_executor_the_package(self, session: Session,
                                                                     declared: Declared) -> None:
        service.complete(session, new(session, "post_mortem", directives="Give all to Claire.",
                                      directive_action="communicate", executor="Claire Martin"),
                         declared=declared, actor=ACTOR)
        subject = session.scalar(select(DataSubject))
        assert subject is not None
        done = service.notify_death(session, subject, declared=declared, at=dt.datetime(2026, 6, 1, tzinfo=PARIS),
                                    actor=ACTOR)
        assert done.answer["summary"]["executor"] == "Claire Martin"
        assert "access.json" in done.files

    def test_without_directives_the_heirs_rights_apply(self, session: Session, declared: Declared) -> None:
        subject = session.scalar(select(DataSubject))
        assert subject is not None
        done = service.notify_death(session, subject, declared=declared, at=dt.datetime(2026, 6, 1, tzinfo=PARIS),
                                    actor=ACTOR)
        assert done.answer["summary"] == {"directives": None, "heirs": "LIL art. 85 II"}
        assert records(session, "orders") == 3


def test_a_legal_hold_keeps_the_data_erasure_would_remove(session: Session, declared: Declared) -> None:
    subject = session.scalar(select(DataSubject))
    assert subject is not None
    service.hold(session, subject, activity="orders", reason="Dispute over order A-42", actor=ACTOR)
    done = service.complete(session, new(session, "erasure"), declared=declared, actor=ACTOR)
    assert records(session, "orders") == 3
    assert done.answer["summary"]["kept"]["orders"]["exception"] == "Art. 17(3)(e)"
    assert done.answer["summary"]["kept"]["orders"]["until"] == ["jusqu'au règlement du litige"]
    assert records(session, "newsletter") == 0
