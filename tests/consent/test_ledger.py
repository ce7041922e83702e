"""The consent ledger: proof kept with each event, withdrawal appended through the same door, minors, receipts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, func, select, update

from registre.audit.service import verify
from registre.consent import flows, service
from registre.consent.schemas import ConsentCreate, CookieChoice
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared
from registre.documents import notice
from registre.errors import Conflict, InvalidInput
from registre.models.audit import AuditEntry
from registre.models.consent import ConsentEvent, ConsentWording
from tests.fixtures.context import as_dpo
from tests.fixtures.factories import create_subject

WORDING = "J'accepte de recevoir la lettre d'information par courriel."


def give(**changes: object) -> ConsentCreate:
    values: dict[str, object] = {"subject": "jeanne@example.fr", "purpose": "newsletter", "channel": "email",
                                 "state": "given", "wording": WORDING, "location": "https://exemple.fr/inscription"}
    return ConsentCreate.model_validate({**values, **changes})


@pytest.fixture
def declared(declare: Callable[..., Declared]) -> Declared:
    return declare()


@pytest.fixture
def jeanne(engine: Engine) -> str:
    with unit_of_work(engine) as session:
        return create_subject(session).ref


def events(engine: Engine) -> list[ConsentEvent]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(ConsentEvent).order_by(ConsentEvent.id)))


def test_a_consent_keeps_its_proof_and_is_audited(engine: Engine, declared: Declared, jeanne: str) -> None:
    [read] = flows.record(as_dpo(engine, declared), give())
    [event] = events(engine)
    assert (event.state, event.purpose, event.channel, event.method) == ("given", "newsletter", "email", "web_form")
    assert event.notice_hash == notice.build(declared, "fr").hash
    assert event.notice_version == "1.0"
    assert event.location == "https://exemple.fr/inscription"
    assert abs(event.at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)  # the server's time
    assert read.receipt_ref == event.receipt_ref
    assert read.subject == jeanne
    with unit_of_work(engine) as session:
        assert session.get(ConsentWording, event.wording_hash).text == WORDING  # type: ignore[union-attr]
        actions = list(session.scalars(select(AuditEntry.action)))
        assert actions == ["consent.given"]
        assert verify(session).ok


def test_withdrawal_appends_an_event_with_fewer_questions(engine: Engine, declared: Declared, jeanne: str) -> None:
    flows.record(as_dpo(engine, declared), give())
    given = events(engine)[0]
    withdrawal = ConsentCreate(subject=jeanne, purpose="newsletter", channel="email", state="withdrawn")
    assert withdrawal.model_dump(exclude_defaults=True).keys() < give().model_dump(exclude_defaults=True).keys()
    flows.record(as_dpo(engine, declared), withdrawal)
    first, second = events(engine)
    assert (first.ref, first.state, first.digest) == (given.ref, "given", given.digest)  # never changed
    assert second.state == "withdrawn"
    shown = flows.show(as_dpo(engine, declared), jeanne)
    assert [e["state"] for e in shown["current"]] == ["withdrawn"]
    assert [e["state"] for e in shown["events"]] == ["given", "withdrawn"]
    assert shown["intact"] is True


@pytest.mark.parametrize(("changes", "error"), [
    ({"wording": None}, InvalidInput),
    ({"wording": "   "}, InvalidInput),
    ({"purpose": "orders_typo"}, InvalidInput),
    ({"channel": "sms"}, InvalidInput),  # no sms channel declared for the newsletter
    ({"age": 13}, InvalidInput),  # under 15 without a parent
])
def test_a_consent_without_its_proof_is_refused_and_nothing_is_written(
        engine: Engine, declared: Declared, jeanne: str, changes: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        flows.record(as_dpo(engine, declared), give(**changes))
    assert events(engine) == []


def test_a_minor_under_15_consents_jointly_with_a_parent(engine: Engine, declared: Declared, jeanne: str) -> None:
    parent = {"name": "Paul Martin", "contact": "paul@example.fr"}
    minor, joint = flows.record(as_dpo(engine, declared), give(age=14, parent=parent))
    assert (minor.given_by, minor.age, joint.given_by) == ("subject", 14, "parent")
    assert minor.receipt_ref == joint.receipt_ref
    stored = events(engine)
    assert stored[1].joint_id == stored[0].id
    receipt = flows.receipt(as_dpo(engine, declared), minor.receipt_ref)
    assert receipt["proof"]["parent"] == parent
    assert [e["entity_id"] for e in receipt["events"]] == ["subject", "parent"]


def test_at_15_a_minor_consents_alone(engine: Engine, declared: Declared, jeanne: str) -> None:
    assert len(flows.record(as_dpo(engine, declared), give(age=15))) == 1


def test_a_declaration_that_refuses_minors_refuses_their_consent(engine: Engine, declare: Callable[..., Declared],
                                                                 jeanne: str) -> None:
    def no_minors(data: dict[str, object]) -> None:
        data["subject_categories"] = [{"id": "customer", "minors": {"admitted": False}}, "prospect"]

    with pytest.raises(Conflict):
        flows.record(as_dpo(engine, declare(no_minors)), give(age=12, parent={"name": "P", "contact": "p@x.fr"}))


def test_an_altered_event_no_longer_matches_its_digest(engine: Engine, declared: Declared, jeanne: str) -> None:
    flows.record(as_dpo(engine, declared), give())
    assert flows.show(as_dpo(engine, declared), jeanne)["intact"] is True
    with unit_of_work(engine) as session:
        session.execute(update(ConsentEvent).values(location="https://elsewhere.example"))
    assert flows.show(as_dpo(engine, declared), jeanne)["intact"] is False


def test_the_receipt_has_the_iso_27560_parts_and_a_kantara_export(engine: Engine, declared: Declared,
                                                                   jeanne: str) -> None:
    [event] = flows.record(as_dpo(engine, declared), give())
    iso = flows.receipt(as_dpo(engine, declared), event.receipt_ref)
    assert {"schema_version", "record_id", "pii_principal_id", "processing", "parties", "events"} <= iso.keys()
    processing = iso["processing"]
    assert processing["privacy_notice"]["sha256"] == event.notice_hash
    [purpose] = processing["purposes"]
    assert purpose["withdrawal_method"] == "Lien de désinscription dans chaque message"
    assert purpose["retention_period"].startswith("3 ans")
    assert {"pii_information", "recipient_third_parties", "storage_locations", "lawful_basis"} <= purpose.keys()
    assert iso["parties"][0]["party_name"] == "Exemple SAS"
    assert iso["events"][0]["event_state"] == "given"
    assert iso["events"][0]["digest"] == event.digest
    assert iso["proof"]["wording"] == WORDING
    assert iso["intact"] is True
    kantara = flows.receipt(as_dpo(engine, declared), event.receipt_ref, fmt="kantara")
    required = {"version", "jurisdiction", "consentTimestamp", "collectionMethod", "consentReceiptID",
                "piiPrincipalId", "piiControllers", "policyUrl", "services", "sensitive", "spiCat"}
    assert required <= kantara.keys()
    assert kantara["version"] == "KI-CR-v1.1.0"
    assert kantara["consentReceiptID"] == event.receipt_ref
    assert kantara["consentTimestamp"] == int(event.at.timestamp())
    assert kantara["services"][0]["purposes"][0]["consentType"] == "EXPLICIT"


def test_purge_expires_lapsed_consents_and_deletes_old_cookie_proofs(engine: Engine, declared: Declared,
                                                                     jeanne: str) -> None:
    flows.record(as_dpo(engine, declared), give(valid_months=12))
    choice = CookieChoice(consent_id="a" * 32, choices={"audience_measurement": True}, notice_version="v",
                          action="accept_all")
    with engine.begin() as connection:
        service.record_choices(connection, choice=choice, notice_hash="h", wording_text="banner", keep_months=13,
                               now=dt.datetime(2026, 1, 10, tzinfo=dt.UTC))
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
    assert flows.purge(as_dpo(engine, declared), dry_run=True, now=later) == {"expired": 1, "deleted": 1}
    assert len(events(engine)) == 2
    assert flows.purge(as_dpo(engine, declared), now=later) == {"expired": 1, "deleted": 1}
    states = [(e.state, e.method) for e in events(engine)]
    assert states == [("given", "web_form"), ("expired", "expiry")]
    assert flows.purge(as_dpo(engine, declared), now=later) == {"expired": 0, "deleted": 0}
    with unit_of_work(engine) as session:
        assert session.scalar(select(func.count()).select_from(ConsentEvent).where(
            ConsentEvent.consent_id.is_not(None))) == 0


class TestStorageLocationsAreWhatTheDeclarationStates:
    def locations(self, engine: Engine, declared: Declared) -> list[str]:
        [event] = flows.record(as_dpo(engine, declared), give())
        iso = flows.receipt(as_dpo(engine, declared), event.receipt_ref)
        [purpose] = iso["processing"]["purposes"]
        kantara = flows.receipt(as_dpo(engine, declared), event.receipt_ref, fmt="kantara")
        assert kantara["services"][0]["purposes"][0]["purpose"] == purpose["description"]
        return list(purpose["storage_locations"])

    def test_no_transfer_stated_keeps_the_data_in_the_eea_with_the_host_s_country(
            self, engine: Engine, declared: Declared, jeanne: str) -> None:
        assert self.locations(engine, declared) == ["EEA", "FR"]

    def test_transfers_not_stated_are_recorded_as_not_stated(self, engine: Engine, declare: Callable[..., Declared],
                                                             jeanne: str) -> None:
        def silent(data: dict[str, object]) -> None:
            data.pop("transfers")
            data["recipients"][1].pop("country")  # type: ignore[index]

        assert self.locations(engine, declare(silent)) == ["non précisé"]

    def test_a_stated_transfer_is_named_and_the_rest_not_assumed_when_silent(
            self, engine: Engine, declare: Callable[..., Declared], jeanne: str) -> None:
        def partly(data: dict[str, object]) -> None:
            data.pop("transfers")
            data["activities"][1]["recipients"] = ["host"]  # type: ignore[index]

        assert self.locations(engine, declare(partly)) == ["FR", "autres lieux non précisés"]
        stated = declare(lambda d: d["activities"][1].update(transfers=[{"country": "US", "safeguards": ["scc"]}]))
        assert self.locations(engine, stated) == ["EEA", "FR", "US"]
