"""Marketing eligibility: worked examples per channel, a mixed audience, and properties of the set-based decision."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, event

from registre.db.session import make_engine, unit_of_work, upgrade
from registre.declarations.declared import Declared
from registre.declarations.schemas import Channel
from registre.errors import Conflict, InvalidInput
from registre.marketing import bloctel, eligibility
from registre.marketing.eligibility import Answer
from registre.marketing.reasons import TEXTS, Basis
from tests.marketing.conftest import People, with_channels

PARENT = {"name": "Paul Martin", "contact": "paul@example.fr"}


def decide(engine: Engine, declared: Declared, channel: str, day: str, audience: list[str] | None = None) -> Answer:
    with unit_of_work(engine) as session:
        return eligibility.decide(session, declared=declared, channel=Channel(channel), purpose="newsletter",
                                  at=dt.date.fromisoformat(day), audience=audience)


def codes(answer: Answer) -> dict[str, str]:
    return {d.who: d.code for d in answer.decisions}


def test_a_mixed_email_audience_gets_an_answer_and_a_reason_for_everyone(engine: Engine, declared: Declared,
                                                                         people: People) -> None:
    expected = {
        people.add("customer", "customer"): "soft_opt_in",
        people.add("customer-refused", "customer", consent=(("refused", "2026-01-03"),)): "consent_refused",
        people.add("customer-unsubscribed", "customer",
                   consent=(("given", "2026-01-03"), ("withdrawn", "2026-02-01"))): "unsubscribed",
        people.add("prospect"): "no_consent",
        people.add("prospect-consenting", consent=(("given", "2026-01-03"),)): "consent",
        people.add("prospect-withdrawn", consent=(("given", "2026-01-03"), ("withdrawn", "2026-02-01"))):
            "consent_withdrawn",
        people.add("objector", consent=(("given", "2026-01-03"),), restrictions=("objection_marketing",)):
            "objection_marketing",
        people.add("objector-customer", "customer", restrictions=("objection_marketing",)): "objection_marketing",
        people.add("restricted", consent=(("given", "2026-01-03"),), restrictions=("restriction",)): "restriction",
        people.add("minor-alone", minor_alone=True): "minor_without_parent",
        people.add("minor-with-parent", consent=(("given", "2026-01-03"),), age=13, parent=PARENT): "consent",
        people.add("deceased", consent=(("given", "2026-01-03"),), events={"death_notified": "2026-03-01"}):
            "deceased",
        people.add("long-gone", consent=(("given", "2022-01-03"),),
                   events={"collected": "2022-01-03", "last_contact": "2022-06-01"}): "retention_over",
        people.add("no-email", email=False, phone="+33612345678", consent=(("given", "2026-01-03"),)): "no_contact",
        people.add("buyer-at-a-company", "pro_contact"): "professional",
    }
    audience = [*expected, "email:ghost@example.fr"]
    answer = decide(engine, declared, "email", "2026-06-01", audience)
    assert codes(answer) == {**expected, "email:ghost@example.fr": "not_found"}
    for decision in answer.decisions:
        assert decision.eligible == (decision.code in {b.value for b in Basis})
        words = TEXTS[decision.code].both()
        assert words["fr"]
        assert words["en"]
        assert words["fr"] != words["en"]
    shown = answer.as_dict("fr")
    assert shown["eligible"] == 4
    assert shown["total"] == 16
    assert set(shown["reasons"]) == set(shown["counts"])


def test_an_audience_names_people_by_email_phone_or_reference(engine: Engine, declared: Declared,
                                                               people: People) -> None:
    ref = people.add("anne", phone="+33612345678", consent=(("given", "2026-01-03"),))
    audience = ["Anne@Example.fr", "email:anne@example.fr", "phone:06 12 34 56 78", ref, "phone:not-a-number"]
    answer = decide(engine, declared, "email", "2026-06-01", audience)
    assert [d.code for d in answer.decisions] == ["consent"] * 4 + ["not_found"]
    assert {d.subject for d in answer.decisions[:4]} == {ref}
    with pytest.raises(InvalidInput):
        decide(engine, declared, "email", "2026-06-01", ["anne@example.fr", "  "])


@pytest.mark.parametrize("whole_store_from", [0, 10**9])  # a temporary table for the audience, or the whole store
def test_a_large_or_small_audience_gets_the_same_answers(engine: Engine, declared: Declared, people: People,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         whole_store_from: int) -> None:
    refs = [people.add("a"), people.add("b", consent=(("given", "2026-01-03"),)),
            people.add("c", "customer", restrictions=("objection_marketing",)), people.add("d", "customer")]
    monkeypatch.setattr(eligibility, "WHOLE_STORE_FROM", whole_store_from)
    answer = decide(engine, declared, "email", "2026-06-01", [refs[3], refs[1], "nobody@example.fr", refs[2]])
    assert [(d.subject, d.code) for d in answer.decisions] == [
        (refs[3], "soft_opt_in"), (refs[1], "consent"), (None, "not_found"), (refs[2], "objection_marketing")]


def test_without_an_audience_everyone_in_the_store_is_decided(engine: Engine, declared: Declared,
                                                              people: People) -> None:
    refs = [people.add("a"), people.add("b", consent=(("given", "2026-01-03"),))]
    answer = decide(engine, declared, "email", "2026-06-01")
    assert [(d.subject, d.code) for d in answer.decisions] == [(refs[0], "no_consent"), (refs[1], "consent")]


def test_a_consent_counts_only_from_when_it_was_given(engine: Engine, declared: Declared, people: People) -> None:
    ref = people.add("late", consent=(("given", "2026-05-10"),))
    assert codes(decide(engine, declared, "email", "2026-05-09", [ref]))[ref] == "no_consent"
    assert codes(decide(engine, declared, "email", "2026-05-10", [ref]))[ref] == "consent"


def test_the_retention_period_ends_on_its_day(engine: Engine, declared: Declared, people: People) -> None:
    # newsletter: 3 years from the later of collection and last contact: collected 1 March 2023, no contact since,
    # the data are no longer kept from 1 March 2026.
    ref = people.add("old", consent=(("given", "2023-03-01"),), events={"collected": "2023-03-01"})
    assert codes(decide(engine, declared, "email", "2026-02-28", [ref]))[ref] == "consent"
    assert codes(decide(engine, declared, "email", "2026-03-01", [ref]))[ref] == "retention_over"
    renewed = people.add("renewed", consent=(("given", "2023-03-01"),),
                         events={"collected": "2023-03-01", "last_contact": "2024-01-15"})
    assert codes(decide(engine, declared, "email", "2026-03-01", [renewed]))[renewed] == "consent"
    assert codes(decide(engine, declared, "email", "2027-01-15", [renewed]))[renewed] == "retention_over"


def test_sms_and_push_need_consent_and_post_only_the_absence_of_objection(engine: Engine, declared: Declared,
                                                                          people: People) -> None:
    customer = people.add("c", "customer", phone="+33611111111")
    texted = people.add("t", phone="+33622222222", channel="sms", consent=(("given", "2026-01-03"),))
    objector = people.add("o", restrictions=("objection_marketing",))
    audience = [customer, texted, objector]
    assert codes(decide(engine, declared, "sms", "2026-06-01", audience)) == {
        customer: "no_consent", texted: "consent", objector: "objection_marketing"}
    assert codes(decide(engine, declared, "push", "2026-06-01", audience)) == {
        customer: "no_consent", texted: "no_consent", objector: "objection_marketing"}
    assert codes(decide(engine, declared, "post", "2026-06-01", audience)) == {
        customer: "opt_out", texted: "opt_out", objector: "objection_marketing"}


def test_a_soft_opt_in_without_its_three_conditions_needs_consent(engine: Engine, declare: Callable[..., Declared],
                                                                   people: People) -> None:
    def lax(data: dict[str, Any]) -> None:
        with_channels(data)
        data["marketing"][0]["rules"][1]["opt_out_in_each_message"] = False

    lax_declared = declare(lax)
    ref = people.add("c", "customer")
    assert codes(decide(engine, lax_declared, "email", "2026-06-01", [ref]))[ref] == "no_consent"


def test_telephone_follows_bloctel_until_10_august_2026_then_consent(engine: Engine, declared: Declared,
                                                                     people: People, tmp_path: Path) -> None:
    listed = people.add("listed", phone="+33611111111")
    unlisted = people.add("unlisted", phone="+33622222222")
    client = people.add("client", phone="+33633333333", events={"contract_concluded": "2025-01-01"})
    former = people.add("former", phone="+33644444444",
                        events={"contract_concluded": "2024-01-01", "contract_ended": "2025-01-01"})
    asked = people.add("asked", phone="+33655555555", channel="phone", consent=(("given", "2026-05-01"),))
    gone = people.add("gone", phone="+33666666666", channel="phone",
                      consent=(("given", "2026-05-01"), ("withdrawn", "2026-05-02")),
                      events={"contract_concluded": "2025-01-01"})
    audience = [listed, unlisted, client, former, asked, gone]
    before = codes(decide(engine, declared, "phone", "2026-06-01", audience))
    assert set(before.values()) - {"unsubscribed", "consent", "contract_in_progress"} == {"bloctel_not_checked"}
    listing = tmp_path / "bloctel.csv"
    listing.write_text("numero\n0611111111\n+33 6 33 33 33 33\n0644444444\nnot a number 12\n", encoding="utf-8")
    with unit_of_work(engine) as session:
        assert bloctel.import_list(session, path=listing, actor="test", now=dt.datetime(2026, 5, 20, tzinfo=dt.UTC))[
            "numbers"] == 3
    assert codes(decide(engine, declared, "phone", "2026-06-01", audience)) == {
        listed: "on_bloctel", unlisted: "not_on_bloctel", client: "contract_in_progress", former: "on_bloctel",
        asked: "consent", gone: "unsubscribed"}
    assert codes(decide(engine, declared, "phone", "2026-08-10", audience))[unlisted] == "not_on_bloctel"
    assert codes(decide(engine, declared, "phone", "2026-08-11", audience)) == {
        listed: "no_consent", unlisted: "no_consent", client: "contract_in_progress", former: "no_consent",
        asked: "consent", gone: "unsubscribed"}
    stale = decide(engine, declared, "phone", "2026-08-01", audience)
    assert stale.as_dict("en")["warnings"] == [
        "The Bloctel list was last imported on 2026-05-20: it must be checked at least monthly."]


def test_telephone_reads_the_bloctel_list_in_force_on_the_day_decided(engine: Engine, declared: Declared,
                                                                      people: People, tmp_path: Path) -> None:
    anne, bruno, chloe = (people.add(name, phone=phone) for name, phone in (
        ("anne", "+33611111111"), ("bruno", "+33622222222"), ("chloe", "+33633333333")))
    lists = {"2026-01-10": "0611111111\n0622222222\n", "2026-03-10": "0622222222\n0633333333\n",
             "2026-05-10": "0611111111\n0622222222\n0633333333\n"}
    for day, numbers in lists.items():
        listing = tmp_path / f"bloctel-{day}.txt"
        listing.write_text(numbers, encoding="utf-8")
        with unit_of_work(engine) as session:
            bloctel.import_list(session, path=listing, actor="test", now=dt.datetime.fromisoformat(f"{day}T09:00Z"))
    on, off, unchecked = "on_bloctel", "not_on_bloctel", "bloctel_not_checked"
    expected = {"2026-01-09": (unchecked, unchecked, unchecked), "2026-01-10": (on, on, off),
                "2026-02-01": (on, on, off), "2026-03-10": (off, on, on), "2026-04-01": (off, on, on),
                "2026-05-10": (on, on, on), "2026-06-01": (on, on, on)}
    for day, (for_anne, for_bruno, for_chloe) in expected.items():
        assert codes(decide(engine, declared, "phone", day, [anne, bruno, chloe])) == {
            anne: for_anne, bruno: for_bruno, chloe: for_chloe}, day
    stale = decide(engine, declared, "phone", "2026-02-20", [anne])
    assert stale.as_dict("fr")["warnings"] == [
        "La liste Bloctel a été importée pour la dernière fois le 2026-01-10 : elle doit être vérifiée au moins une "
        "fois par mois."]
    assert decide(engine, declared, "phone", "2026-03-12", [anne]).warnings == []
    older = tmp_path / "older.txt"
    older.write_text("0644444444\n", encoding="utf-8")
    with pytest.raises(Conflict), unit_of_work(engine) as session:
        bloctel.import_list(session, path=older, actor="test", now=dt.datetime(2026, 4, 1, tzinfo=dt.UTC))
    assert codes(decide(engine, declared, "phone", "2026-04-01", [anne]))[anne] == off


def test_a_channel_the_declaration_does_not_have_is_refused(engine: Engine, declare: Callable[..., Declared]) -> None:
    with pytest.raises(InvalidInput):
        decide(engine, declare(), "sms", "2026-06-01")


def test_the_decision_takes_the_same_queries_for_10_people_as_for_1(engine: Engine, declared: Declared,
                                                                    people: People) -> None:
    refs = [people.add(f"p{i}", "customer" if i % 2 else "prospect", consent=(("given", "2026-01-03"),))
            for i in range(10)]
    statements: list[str] = []

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", count)
    try:
        decide(engine, declared, "email", "2026-06-01", refs[:1])
        one = len(statements)
        statements.clear()
        decide(engine, declared, "email", "2026-06-01", refs)
        assert len(statements) == one
    finally:
        event.remove(engine, "before_cursor_execute", count)


# ---------------------------------------------------------------------------------------------------------------
# Properties, on one SQLite store shared by the examples (each example adds new people).
# ---------------------------------------------------------------------------------------------------------------

_counter = itertools.count()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('prop') / 'registre.sqlite3'}")
    upgrade(engine)
    yield engine
    engine.dispose()


person = st.fixed_dictionaries({
    "category": st.sampled_from(["customer", "prospect", "pro_contact"]),
    "email": st.booleans(),
    "consent": st.lists(st.sampled_from(["given", "refused", "withdrawn"]), max_size=3),
    "restrictions": st.lists(st.sampled_from(["objection_marketing", "restriction", "objection", "legal_hold"]),
                             max_size=2, unique=True),
    "dead": st.booleans(),
})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(crowd=st.lists(person, min_size=1, max_size=6), channel=st.sampled_from(["email", "post", "push"]))
def test_each_answer_is_the_persons_own(shared: Engine, declared: Declared, crowd: list[dict[str, object]],
                                        channel: str) -> None:
    """A person's answer does not depend on who else is in the audience; an objection to marketing always
    excludes; someone who said no last is never contacted."""
    people = People(shared, declared)
    refs = []
    for item in crowd:
        days = [f"2026-01-{10 + i:02d}" for i in range(len(item["consent"]))]  # type: ignore[arg-type]
        refs.append(people.add(
            f"x{next(_counter)}", str(item["category"]), email=bool(item["email"]), channel="email",
            consent=tuple(zip(item["consent"], days, strict=True)),  # type: ignore[call-overload]
            restrictions=tuple(item["restrictions"]),  # type: ignore[call-overload]
            events={"death_notified": "2026-02-01"} if item["dead"] else None))
    together = codes(decide(shared, declared, channel, "2026-06-01", refs))
    for ref, item in zip(refs, crowd, strict=True):
        assert codes(decide(shared, declared, channel, "2026-06-01", [ref])) == {ref: together[ref]}
        if item["dead"]:
            assert together[ref] == "deceased"
        elif "objection_marketing" in item["restrictions"]:  # type: ignore[operator]
            assert together[ref] == "objection_marketing"
        consents = item["consent"]
        if consents and consents[-1] in ("refused", "withdrawn") and channel == "email":  # type: ignore[index]
            assert together[ref] not in {b.value for b in Basis}
