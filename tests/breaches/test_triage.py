"""Triage: the level the answers suggest, the DPO's decision with reasons, and the Art. 34(3) exemptions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registre.breaches.schemas import Answers, Exemption, Nature, Risk
from registre.breaches.triage import decide, suggest
from registre.errors import InvalidInput

C, INTEGRITY, A = Nature.confidentiality, Nature.integrity, Nature.availability


@pytest.mark.parametrize(("answers", "nature", "expected"), [
    # A stolen laptop whose disk was encrypted, key safe: unlikely to result in a risk (EDPB 01/2021 ex. 5-like).
    (Answers(unintelligible=True, sensitive=True), [C], Risk.none),
    # Encrypted data destroyed with no backup: encryption does not help availability.
    (Answers(unintelligible=True, backup=False), [A], Risk.risk),
    # An email to the wrong, trusted recipient, who deleted it at once.
    (Answers(contained=True), [C], Risk.none),
    # A short outage restored from backup.
    (Answers(brief_unavailability=True), [A], Risk.none),
    # Customers' contact details copied by an intruder.
    (Answers(malicious=True), [C], Risk.risk),
    # Health data, or bank details, or children.
    (Answers(sensitive=True), [C], Risk.high),
    (Answers(vulnerable=True), [C, INTEGRITY], Risk.high),
    (Answers(severe_consequences=True), [INTEGRITY], Risk.high),
    (Answers(identifiable=False, sensitive=True), [C], Risk.none),
])
def test_the_answers_suggest_a_level(answers: Answers, nature: list[Nature], expected: Risk) -> None:
    assert suggest(answers, nature)[0] is expected


def test_a_high_risk_means_the_cnil_and_the_people() -> None:
    decision = decide(Answers(sensitive=True), [C])
    assert (decision.notify_authority, decision.inform_subjects, decision.public_communication) == (True, True, False)
    assert "sensibles" in decision.reasons


def test_no_risk_means_no_notification_but_the_reasons_are_kept() -> None:
    decision = decide(Answers(contained=True), [C])
    assert decision.risk is Risk.none
    assert not decision.notify_authority
    assert not decision.inform_subjects
    assert decision.reasons == "Les données ont été récupérées ou supprimées avant toute utilisation."


def test_another_level_than_the_suggested_one_needs_reasons() -> None:
    with pytest.raises(InvalidInput, match="reasons"):
        decide(Answers(sensitive=True), [C], risk=Risk.risk)
    decision = decide(Answers(sensitive=True), [C], risk=Risk.risk, reasons="Only business emails were exposed.")
    assert (decision.suggested, decision.risk) == (Risk.high, Risk.risk)
    assert decision.reasons == "Only business emails were exposed."


def test_exemptions_spare_the_letters_and_disproportionate_effort_calls_for_a_public_notice() -> None:
    later = decide(Answers(sensitive=True), [C], exemptions=[Exemption.later_measures],
                   reasons="All passwords were reset before any use.")
    assert later.notify_authority
    assert not later.inform_subjects
    assert not later.public_communication
    public = decide(Answers(sensitive=True), [C], exemptions=[Exemption.disproportionate_effort],
                    reasons="No contact details for 40,000 former members.")
    assert not public.inform_subjects
    assert public.public_communication


def test_exemptions_are_checked() -> None:
    with pytest.raises(InvalidInput, match="exemption"):
        decide(Answers(sensitive=True), [C], exemptions=[Exemption.later_measures])  # no reasons
    with pytest.raises(InvalidInput, match="high risk only"):
        decide(Answers(), [C], exemptions=[Exemption.later_measures], reasons="x")
    with pytest.raises(InvalidInput, match="encrypt"):
        decide(Answers(sensitive=True), [C], exemptions=[Exemption.encryption], reasons="x")
    assert decide(Answers(sensitive=True), [A], exemptions=[Exemption.encryption], reasons="Disk encrypted.",
                  encrypted=True).inform_subjects is False


@given(st.builds(Answers), st.sets(st.sampled_from(list(Nature)), min_size=1))
def test_only_a_high_risk_without_exemption_requires_telling_the_people(answers: Answers, nature: set[Nature]) -> None:
    decision = decide(answers, nature)
    assert decision.risk is decision.suggested
    assert decision.notify_authority == (decision.risk is not Risk.none)
    assert decision.inform_subjects == (decision.risk is Risk.high)
    assert decision.reasons
