"""Each lint rule fails on a declaration that breaks it and passes on the minimal one that does not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from registre.declarations.declared import Declared
from registre.documents import notice
from registre.errors import DeclarationInvalid
from registre.lint.engine import RULES, run
from registre.lint.service import rules as all_rules
from tests.conftest import Change

TODAY = dt.date(2026, 11, 23)
Declare = Callable[[Change | None], Declared]


def codes(declared: Declared, on: dt.date = TODAY) -> set[str]:
    """The codes of the findings on a declaration."""
    return {f.code for f in run(declared, on)}


def act(data: dict[str, Any], index: int = 0) -> dict[str, Any]:
    """An activity of the declaration data."""
    activity: dict[str, Any] = data["activities"][index]
    return activity


def unreachable_controller(data: dict[str, Any]) -> None:
    del data["controller"]["address"], data["controller"]["email"]


def tracker(**fields: Any) -> dict[str, Any]:
    return {"name": "_t", "provider": "Example", "party": "first", **fields}


def add_channel(channel: str, rule: str) -> Change:
    def change(data: dict[str, Any]) -> None:
        data["marketing"].append({"channel": channel, "rules": [{"rule": rule}], "opt_out": "Reply STOP"})
    return change


# rule code -> a change of the minimal declaration that breaks it
BREAKS: dict[str, Change] = {
    "INFO-CONTROLLER-CONTACT": unreachable_controller,
    "INFO-DPO-CONTACT": lambda d: d.update(dpo={"appointed": True, "name": "Jeanne Martin"}),
    "INFO-LEGAL-BASIS": lambda d: act(d).update(legal_bases=[]),
    "INFO-LEGITIMATE-INTEREST": lambda d: act(d).update(legal_bases=[{"basis": "legitimate_interests"}]),
    "INFO-LEGAL-TEXT": lambda d: act(d).update(legal_bases=[{"basis": "legal_obligation"}]),
    "INFO-CONSENT-WITHDRAWAL": lambda d: act(d, 1)["legal_bases"][0].pop("withdrawal"),
    "INFO-RECIPIENTS": lambda d: act(d).pop("recipients"),
    "RECIPIENT-UNATTACHED": lambda d: d["recipients"].append({"id": "holding", "kind": "third_party",
                                                              "name": "Holding Exemple"}),
    "INFO-MANDATORY": lambda d: act(d)["provision"].pop("mandatory"),
    "INFO-SOURCE-NOT-STATED": lambda d: act(d).pop("sources"),
    "INFO-TRANSFERS-NOT-STATED": lambda d: d.pop("transfers"),
    "INFO-AUTOMATED-NOT-STATED": lambda d: d["automated"].pop("profiling"),
    "INFO-DPO-NOT-STATED": lambda d: d.pop("dpo"),
    "TRANSFER-COPY": lambda d: act(d).update(transfers=[{"country": "MA", "safeguards": ["scc"]}]),
    "COOKIE-PROVIDER-ABROAD": lambda d: d.update(cookies={"consent": "banner", "trackers": [
        tracker(name="_ga", provider="Google", provider_country="US", purpose="audience_measurement",
                lifetime="13 months", party="third")]}),
    "INFO-PROVISION": lambda d: act(d).pop("provision"),
    "INFO-SOURCE": lambda d: act(d).update(sources=[{"kind": "indirect"}]),
    "INFO-AUTOMATED-LOGIC": lambda d: act(d).update(automated={"solely_automated": True, "logic": "A score."}),
    "INFO-AUTHORITY": lambda d: d.update(authorities=[]),
    "INFO-RIGHTS-CONTACT": lambda d: (unreachable_controller(d), d["rights"].update(contact={})),
    "INFO-SECURITY": lambda d: d.update(security_measures=[]),
    "INFO-LANGUAGE": lambda d: act(d).update(purpose={"fr": "Traiter les commandes"}),
    "INFO-POLICY-DATE": lambda d: d["policy"].pop("date"),
    "RET-MISSING": lambda d: act(d).update(retention=[]),
    "RET-UNDETERMINED": lambda d: act(d).update(retention=[{"then": ["delete"]}]),
    "RET-NO-START": lambda d: act(d).update(retention=[{"duration": "3 years"}]),
    "RET-GAP": lambda d: act(d).update(retention=[{"from": "collected", "duration": "1 year",
                                                   "data": ["identification"]}]),
    "RET-BELOW-MINIMUM": lambda d: act(d)["retention"].append(
        {"from": "collected", "duration": "5 years", "law": "Code de commerce L123-22"}),
    "RET-ABOVE-MAXIMUM": lambda d: act(d)["retention"].append(
        {"from": "collected", "duration": "3 months", "law": "Code de la sécurité intérieure L252-5"}),
    "RET-THRESHOLD": lambda d: act(d)["retention"].append(
        {"from": "collected", "duration": "10 years", "when": {"label": "over 120 EUR", "all": [
            {"attribute": "amount_eur", "op": ">", "value": 120}]}}),
    "TRANSFER-NO-SAFEGUARD": lambda d: act(d).update(transfers=[{"country": "MA"}]),
    "TRANSFER-COUNTRY-NOT-STATED": lambda d: act(d).update(transfers=[{"recipient": "host", "safeguards": ["scc"],
                                                                       "documentation": "From the DPO"}]),
    "TRANSFER-ADEQUACY": lambda d: act(d).update(transfers=[{"country": "US", "safeguards": ["adequacy"]}]),
    "TRANSFER-DEROGATION": lambda d: act(d).update(transfers=[{"country": "MA", "safeguards": ["derogation"]}]),
    "TRANSFER-UNDECLARED": lambda d: d["recipients"][1].update(country="US"),
    "MKT-PROSPECT-CONSENT": lambda d: d["marketing"][0].update(rules=[{"rule": "opt_out"}]),
    "MKT-SOFT-OPT-IN": lambda d: d["marketing"][0].update(rules=[
        {"subjects": ["customer"], "rule": "soft_opt_in", "analogous_products": True},
        {"subjects": ["prospect"], "rule": "consent"}]),
    "MKT-PHONE": add_channel("phone", "bloctel"),
    "MKT-PUSH-CONSENT": add_channel("push", "opt_out"),
    "MKT-OPT-OUT": lambda d: d["marketing"][0].pop("opt_out"),
    "COOKIE-BROWSING": lambda d: d.update(cookies={"consent": "browsing", "trackers": [
        tracker(name="_ga", purpose="audience_measurement", lifetime="13 months", party="third")]}),
    "COOKIE-EXEMPT-LIFETIME": lambda d: d.update(cookies={"consent": "banner", "trackers": [
        tracker(purpose="audience_measurement", exempt=True, consent_required=False, lifetime="25 months")]}),
    "COOKIE-EXEMPT-PURPOSE": lambda d: d.update(cookies={"consent": "banner", "trackers": [
        tracker(purpose="advertising", exempt=True, lifetime="6 months")]}),
    "COOKIE-UNDECLARED": lambda d: (d["data_categories"].append("browsing"), act(d)["data"].append("browsing")),
    "COOKIE-LIFETIME": lambda d: d.update(cookies={"consent": "banner", "trackers": [
        tracker(purpose="advertising", lifetime="2 years")]}),
    "MINORS-PARENTAL-CONSENT": lambda d: d["subject_categories"].__setitem__(
        1, {"id": "prospect", "minors": {"age_alone": 13}}),
    "SPECIAL-CONDITION": lambda d: (d["data_categories"].append("health_data"), act(d)["data"].append("health_data")),
    "RIGHTS-ID-COPY": lambda d: d["rights"].update(identity_check="id_copy"),
    "RIGHTS-REFUSED": lambda d: d["rights"].update(limits=[
        {"right": "restriction", "refused": True, "statement": "Restriction is not available."}]),
    "RIGHTS-NARROWED": lambda d: d["rights"].update(limits=[
        {"right": "portability", "narrows": "bases", "bases": ["consent"],
         "statement": {"en": "Only for processing based on consent.", "fr": "Uniquement pour les traitements fondés "
                                                                           "sur le consentement."}}]),
    "RIGHTS-ACCESS-CONFIDENTIAL": lambda d: d["rights"].update(limits=[
        {"right": "access", "narrows": "confidential_information", "statement": {
            "en": "Access does not cover confidential information.",
            "fr": "L'accès ne porte pas sur les informations confidentielles."}}]),
    "RIGHTS-POST-MORTEM": lambda d: d["controller"].update(website="https://exemple.fr"),
    "CONSENT-BY-USE": lambda d: d.update(clauses={"consent_by_use": [{"statement": {
        "en": "By using this site, you agree to the processing of your data.",
        "fr": "En utilisant ce site, vous acceptez le traitement de vos données."}}]}),
    "LIABILITY-DISCLAIMED": lambda d: d.update(clauses={"liability": [{"disclaims": "unlawful_access", "statement": {
        "en": "We are not liable for damage from unlawful access to personal data.",
        "fr": "Nous ne sommes pas responsables des dommages causés par un accès illicite aux données."}}]}),
    "AUTHORITY-NOT-GDPR": lambda d: d.update(authorities=["cnil", "ico"]),
    "MKT-SOFT-OPT-IN-SCOPE": lambda d: d["marketing"][0].update(promotes=["own", "partners"], rules=[
        {"subjects": ["customer"], "rule": "soft_opt_in", "analogous_products": True, "opt_out_at_collection": True,
         "opt_out_in_each_message": True},
        {"subjects": ["prospect"], "rule": "consent"}]),
    "COOKIE-EXEMPT-CONDITIONS": lambda d: d.update(cookies={"consent": "banner", "trackers": [
        tracker(purpose="audience_measurement", exempt=True, consent_required=False, lifetime="13 months")]}),
}


def test_the_minimal_declaration_passes_every_rule(declare: Declare) -> None:
    assert codes(declare(None)) == set()


def test_every_rule_has_a_failing_case() -> None:
    all_rules()
    assert set(RULES) == set(BREAKS)


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_rule_fails_where_the_declaration_breaks_it(declare: Declare, code: str) -> None:
    assert code in codes(declare(BREAKS[code]))


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_finding_names_its_place_and_law_in_both_languages(declare: Declare, code: str) -> None:
    finding = next(f for f in run(declare(BREAKS[code]), TODAY) if f.code == code)
    assert finding.place.file.endswith(".yaml")
    assert finding.place.line is not None
    assert finding.rule.basis
    assert finding.text("fr") != finding.text("en")
    assert "{" not in finding.text("fr") + finding.text("en")


class TestTelephoneRuleByDate:
    def test_bloctel_is_enough_until_10_august_2026(self, declare: Declare) -> None:
        assert "MKT-PHONE" not in codes(declare(add_channel("phone", "bloctel")), dt.date(2026, 8, 10))

    def test_bloctel_is_not_enough_from_11_august_2026(self, declare: Declare) -> None:
        assert "MKT-PHONE" in codes(declare(add_channel("phone", "bloctel")), dt.date(2026, 8, 11))

    def test_objection_alone_was_never_enough(self, declare: Declare) -> None:
        assert "MKT-PHONE" in codes(declare(add_channel("phone", "opt_out")), dt.date(2025, 1, 1))

    def test_consent_is_always_enough(self, declare: Declare) -> None:
        for day in (dt.date(2025, 1, 1), dt.date(2027, 1, 1)):
            assert "MKT-PHONE" not in codes(declare(add_channel("phone", "consent")), day)


class TestAdequacy:
    def test_us_importer_certified_under_the_dpf_is_adequate(self, declare: Declare) -> None:
        declared = declare(lambda d: act(d).update(transfers=[
            {"country": "US", "safeguards": ["adequacy"], "dpf_certified": True}]))
        assert codes(declared) == set()

    def test_us_without_safeguard_or_certification_is_not(self, declare: Declare) -> None:
        declared = declare(lambda d: act(d).update(transfers=[{"country": "US"}]))
        assert "TRANSFER-NO-SAFEGUARD" in codes(declared)

    def test_brazil_is_adequate_from_26_january_2026(self, declare: Declare) -> None:
        declared = declare(lambda d: act(d).update(transfers=[{"country": "BR", "safeguards": ["adequacy"]}]))
        assert "TRANSFER-ADEQUACY" in codes(declared, dt.date(2026, 1, 25))
        assert "TRANSFER-ADEQUACY" not in codes(declared, dt.date(2026, 1, 26))

    def test_uk_adequacy_ends_after_27_december_2031(self, declare: Declare) -> None:
        declared = declare(lambda d: act(d).update(transfers=[{"country": "GB"}]))
        assert "TRANSFER-NO-SAFEGUARD" not in codes(declared, dt.date(2031, 12, 27))
        assert "TRANSFER-NO-SAFEGUARD" in codes(declared, dt.date(2031, 12, 28))

    def test_eea_countries_need_nothing(self, declare: Declare) -> None:
        assert codes(declare(lambda d: act(d).update(transfers=[{"country": "NO"}]))) == set()


class TestMinors:
    def test_joint_consent_from_15_passes(self, declare: Declare) -> None:
        declared = declare(lambda d: d["subject_categories"].__setitem__(
            1, {"id": "prospect", "minors": {"age_alone": 15, "consent_below": "joint"}}))
        assert "MINORS-PARENTAL-CONSENT" not in codes(declared)

    def test_parent_alone_below_16_is_reported(self, declare: Declare) -> None:
        declared = declare(lambda d: d["subject_categories"].__setitem__(
            1, {"id": "prospect", "minors": {"age_alone": 16, "consent_below": "parent_only"}}))
        assert "MINORS-PARENTAL-CONSENT" in codes(declared)


def test_cookie_consent_by_browsing_is_fine_when_every_tracker_is_exempt(declare: Declare) -> None:
    declared = declare(lambda d: d.update(cookies={"consent": "browsing", "trackers": [
        tracker(purpose="strictly_necessary", consent_required=False, lifetime="1 year")]}))
    assert "COOKIE-BROWSING" not in codes(declared)


def test_profiling_alone_needs_no_art_22_information(declare: Declare) -> None:
    assert codes(declare(lambda d: act(d).update(automated={"profiling": True}))) == set()


def test_recipients_stated_as_none_or_listed_for_all_activities_are_stated(declare: Declare) -> None:
    assert "INFO-RECIPIENTS" not in codes(declare(lambda d: act(d).update(recipients="none")))
    def shared(d: dict[str, Any]) -> None:
        act(d).pop("recipients")
        d["recipients"].append({"id": "banks", "kind": "third_party", "name": "Banques", "all_activities": True})
    declared = declare(shared)
    assert "INFO-RECIPIENTS" not in codes(declared)
    assert "banks" not in {r.id for r in declared.unattached()}


def test_a_recipient_both_shared_and_attached_is_refused(declare: Declare) -> None:
    with pytest.raises(DeclarationInvalid) as caught:
        declare(lambda d: d["recipients"][1].update(all_activities=True))
    assert [p.place.field for p in caught.value.problems] == ["recipients[1].all_activities"]


def test_a_dpf_certification_not_stated_is_no_adequacy(declare: Declare) -> None:
    found = codes(declare(lambda d: act(d).update(transfers=[{"country": "US", "safeguards": ["adequacy"]}])))
    assert "TRANSFER-ADEQUACY" in found


def test_an_activity_statement_overrides_the_policy_wide_one(declare: Declare) -> None:
    declared = declare(lambda d: act(d).update(automated={"profiling": True}))
    said = declared.automated(declared.declaration.activities[0])
    assert (said.profiling, said.solely_automated) == (True, False)


def test_observed_data_alone_need_no_statement_on_provision(declare: Declare) -> None:
    def observed_only(d: dict[str, Any]) -> None:
        d["data_categories"].append("connection")
        act(d).update(data=["connection"], provision=None)
        del act(d)["provision"]
    assert "INFO-PROVISION" not in codes(declare(observed_only))


def test_a_website_alone_is_no_contact_for_the_lint_nor_for_the_notice(declare: Declare) -> None:
    def website_only(data: dict[str, Any]) -> None:
        unreachable_controller(data)
        data["controller"]["website"] = "https://exemple.fr"

    declared = declare(website_only)
    assert "INFO-CONTROLLER-CONTACT" in codes(declared)
    html = notice.render(notice.build(declared, "en"), "html")
    assert "Contact details not stated" in html


def test_an_activity_that_names_no_measure_is_warned_and_shows_none_in_the_register(declare: Declare) -> None:
    declared = declare(lambda d: act(d).update(security_measures=[]))  # the declaration still has general ones
    assert "INFO-SECURITY" in codes(declared)
    assert declared.measures(declared.declaration.activities[0]) == []


class TestOncePerLine:
    def test_an_activity_with_several_subjects_without_a_basis_is_reported_once(self, declare: Declare) -> None:
        declared = declare(lambda d: act(d, 1).update(legal_bases=[]))
        found = [f for f in run(declared, TODAY) if f.code == "INFO-LEGAL-BASIS"]
        assert len(found) == 1
        assert found[0].text("en").endswith("for Customers, Prospective customers.")
        assert found[0].activities == ("newsletter",)

    def test_a_shared_retention_rule_is_reported_once_naming_every_activity(self, declare: Declare) -> None:
        def shared(d: dict[str, Any]) -> None:
            d["retention"] = [{"id": "vague", "then": ["delete"]}]
            act(d)["retention"] = ["vague"]
            act(d, 1)["retention"] = ["vague"]
        found = [f for f in run(declare(shared), TODAY) if f.code == "RET-UNDETERMINED"]
        assert len(found) == 1
        assert found[0].activities == ("orders", "newsletter")
        assert "'orders', 'newsletter'" in found[0].text("en")
        assert "« orders », « newsletter »" in found[0].text("fr")


    def test_a_silence_is_reported_once_naming_every_activity_it_concerns(self, declare: Declare) -> None:
        def silent(d: dict[str, Any]) -> None:
            d.pop("transfers")
            for activity in d["activities"]:
                activity.pop("sources")
        found = run(declare(silent), TODAY)
        for code in ("INFO-TRANSFERS-NOT-STATED", "INFO-SOURCE-NOT-STATED"):
            [finding] = [f for f in found if f.code == code]
            assert finding.activities == ("orders", "newsletter")
            assert finding.place.field == "activities"
            assert "for 'orders', 'newsletter'" in finding.text("en")
            assert "pour « orders », « newsletter »" in finding.text("fr")

    def test_each_thing_left_unsaid_is_one_finding(self, declare: Declare) -> None:
        def silent(d: dict[str, Any]) -> None:
            d.pop("automated")
            act(d, 1)["automated"] = {"profiling": True}
        found = [f for f in run(declare(silent), TODAY) if f.code == "INFO-AUTOMATED-NOT-STATED"]
        assert sorted((f.activities, f.text("en").rsplit("involves ", 1)[1]) for f in found) == [
            (("newsletter",), "decisions based solely on automated processing."),
            (("orders",), "decisions based solely on automated processing or profiling.")]


def test_the_docs_list_every_rule_with_its_article_and_an_example() -> None:
    rows = {line.split("|")[1].strip(" `"): [c.strip() for c in line.split("|")[2:-1]]
            for line in (Path(__file__).parents[2] / "docs" / "lint.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("| `")}
    for r in all_rules():
        severity, basis, _, example = rows[r.code]
        assert (severity, basis) == (r.severity.value, r.basis)
        assert example


def test_error_monitoring_claimed_exempt_needs_consent(declare: Declare) -> None:
    declared = declare(lambda d: d.update(cookies={"consent": "banner", "trackers": [
        tracker(name="sentry", purpose="error_monitoring", exempt=True, consent_required=False, lifetime="1 year")]}))
    assert "COOKIE-EXEMPT-PURPOSE" in codes(declared)


def test_an_audience_exemption_that_states_every_condition_passes(declare: Declare) -> None:
    declared = declare(lambda d: d.update(cookies={"consent": "banner", "trackers": [tracker(
        name="_pk_id", purpose="audience_measurement", exempt=True, consent_required=False, lifetime="13 months",
        exemption={"site_only": True, "anonymous_statistics": True, "cross_referenced": False, "shared": False,
                   "cross_site": False, "data_kept": "25 months"})]}))
    assert codes(declared) == {"RIGHTS-POST-MORTEM"}  # a site with cookies is an online service


def test_portability_limited_to_consent_is_fine_where_nothing_rests_on_a_contract(declare: Declare) -> None:
    def consent_only(d: dict[str, Any]) -> None:
        BREAKS["RIGHTS-NARROWED"](d)
        act(d)["legal_bases"] = [{"basis": "legitimate_interests", "interest": "Deliver what was ordered"}]
    assert "RIGHTS-NARROWED" not in codes(declare(consent_only))


def test_a_disclaimer_for_linked_sites_is_no_finding(declare: Declare) -> None:
    declared = declare(lambda d: d.update(clauses={"liability": [{"disclaims": "third_party_sites", "statement": {
        "en": "We accept no liability for linked sites.", "fr": "Nous déclinons toute responsabilité pour les sites "
                                                                "liés."}}]}))
    assert codes(declared) == set()


def test_consent_by_use_names_an_activity_the_declaration_has(declare: Declare) -> None:
    with pytest.raises(DeclarationInvalid) as caught:
        declare(lambda d: d.update(clauses={"consent_by_use": [{"statement": "x", "activities": ["nothing"]}]}))
    assert [p.place.field for p in caught.value.problems] == ["clauses.consent_by_use[0].activities[0]"]


class TestProvisionSaysOnlyWhatTheSourcesSay:
    def test_silent_sources_are_not_turned_into_data_from_the_person(self, declare: Declare) -> None:
        declared = declare(lambda d: (act(d).pop("sources"), act(d).pop("provision")))
        [finding] = [f for f in run(declared, TODAY) if f.code == "INFO-PROVISION"]
        assert "from the person" not in finding.text("en")
        assert "auprès de la personne" not in finding.text("fr")
        assert "does not say where they come from" in finding.text("en")
        assert "sans dire d'où elles viennent" in finding.text("fr")

    def test_sources_stated_as_the_person_are_said(self, declare: Declare) -> None:
        [finding] = [f for f in run(declare(BREAKS["INFO-PROVISION"]), TODAY) if f.code == "INFO-PROVISION"]
        assert finding.text("en").startswith("Activity 'orders' collects data from the person, without saying")


def test_special_categories_are_named_by_their_label_in_each_language(declare: Declare) -> None:
    [finding] = [f for f in run(declare(BREAKS["SPECIAL-CONDITION"]), TODAY) if f.code == "SPECIAL-CONDITION"]
    assert finding.text("en") == ("Activity 'orders' processes 'Data concerning health' without stating the "
                                  "Art. 9(2) condition.")
    assert "« Données concernant la santé »" in finding.text("fr")
    assert "health_data" not in finding.text("en") + finding.text("fr")


def test_a_tracker_and_its_purpose_are_named_in_words_in_each_language(declare: Declare) -> None:
    declared = declare(lambda d: d.update(cookies={"consent": "banner", "trackers": [tracker(
        name="sentry", label={"en": "Error reports", "fr": "Rapports d'erreurs"}, purpose="error_monitoring",
        exempt=True, consent_required=False, lifetime="1 year")]}))
    [finding] = [f for f in run(declared, TODAY) if f.code == "COOKIE-EXEMPT-PURPOSE"]
    assert finding.text("en") == ("'Error reports (sentry)' is claimed exempt from consent, but trackers for the "
                                  "purpose 'Error monitoring' always need consent.")
    assert finding.text("fr") == ("« Rapports d'erreurs (sentry) » est présenté comme exempté de consentement, mais "
                                  "les traceurs de finalité « Suivi des erreurs » nécessitent toujours le "
                                  "consentement.")


def test_a_transfer_without_its_country_is_held_and_asks_for_it(declare: Declare) -> None:
    [finding] = [f for f in run(declare(BREAKS["TRANSFER-COUNTRY-NOT-STATED"]), TODAY)
                 if f.code == "TRANSFER-COUNTRY-NOT-STATED"]
    assert finding.place.field == "activities[0].transfers[0]"
    assert finding.text("en").startswith("A transfer of 'orders' outside the EEA (to Hébergeur Exemple) does not name "
                                          "the country")
    assert finding.rule.basis == "GDPR Art. 13(1)(f), 14(1)(f), 30(1)(e)"
