"""The privacy notice, read as its reader and a DPO would: the sections of Arts 13 and 14 in order, in the
reader's language, accessible HTML, the same Markdown, and a fingerprint that follows the content."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from registre.declarations.declared import Declared
from registre.declarations.describe import period
from registre.declarations.service import load
from registre.documents import wording as w
from registre.documents.notice import Notice, build, render
from registre.errors import InvalidInput
from registre.i18n import LANGS, Lang
from tests.conftest import EXAMPLES, MINIMAL

Declare = Callable[..., Declared]

DECLARATIONS = [MINIMAL, *sorted(EXAMPLES.glob("*.yaml"))]

# The headings a reader sees, in the order of Arts 13 and 14; the optional ones appear only when they apply.
ORDER = (w.H_CONTROLLER, w.H_DPO, w.H_DPO_CONTACT, w.H_PURPOSES, w.H_DATA, w.H_MINORS, w.H_RECIPIENTS, w.H_TRANSFERS,
         w.H_RETENTION, w.H_PROVISION, w.H_AUTOMATED, w.H_RIGHTS, w.H_WITHDRAWAL, w.H_EXERCISE, w.H_POST_MORTEM,
         w.H_COMPLAINT, w.H_COOKIES, w.H_MARKETING, w.H_VERSION)
ALWAYS = (w.H_CONTROLLER, w.H_PURPOSES, w.H_DATA, w.H_RECIPIENTS, w.H_TRANSFERS, w.H_RETENTION, w.H_PROVISION,
          w.H_AUTOMATED, w.H_RIGHTS, w.H_EXERCISE, w.H_POST_MORTEM, w.H_COMPLAINT, w.H_VERSION)


@pytest.fixture(scope="module", params=DECLARATIONS, ids=lambda path: path.stem)
def declared(request: pytest.FixtureRequest) -> Declared:
    """Each declaration that loads: the minimal one and the examples."""
    path: Path = request.param
    return load(path)


@pytest.fixture(params=LANGS)
def lang(request: pytest.FixtureRequest, declared: Declared) -> Lang:
    """Each language the declaration's policy is published in."""
    value: Lang = request.param
    if value not in declared.declaration.policy.languages:
        pytest.skip(f"not published in {value}")
    return value


def soup_of(notice: Notice) -> BeautifulSoup:
    """The notice's HTML, parsed."""
    return BeautifulSoup(render(notice, "html"), "html.parser")


def words(node: Tag) -> str:
    """The text of a node as a reader sees it, whitespace folded."""
    return " ".join(node.get_text(" ").split())


def section(soup: BeautifulSoup, heading: str) -> Tag:
    """The section under the h2 that reads `heading`."""
    for h2 in soup.find_all("h2"):
        if words(h2) == heading:
            parent = h2.find_parent("section")
            assert isinstance(parent, Tag)
            return parent
    raise AssertionError(f"no section '{heading}'")


def capitalised(text: str) -> str:
    """A text as it starts a table cell."""
    return text[:1].upper() + text[1:]


def markdown_headings(markdown: str) -> list[str]:
    """The second-level headings of a Markdown text, unescaped."""
    return [re.sub(r"\\(.)", r"\1", m) for m in re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)]


def test_page_is_standalone_in_the_reader_language(declared: Declared, lang: Lang) -> None:
    soup = soup_of(build(declared, lang))
    html = soup.find("html")
    assert isinstance(html, Tag)
    assert html["lang"] == lang
    assert len(soup.find_all("h1")) == 1
    assert not soup.find_all(["link", "script", "img"])
    toc = [a["href"] for a in soup.select("nav a")]
    assert toc == [f"#{s['id']}" for s in soup.select("main > section")]


def test_sections_follow_articles_13_and_14(declared: Declared, lang: Lang) -> None:
    headings = [words(h2) for h2 in soup_of(build(declared, lang)).find_all("h2")]
    order = [m(lang) for m in ORDER]
    assert all(h in order for h in headings), headings
    assert [order.index(h) for h in headings] == sorted(order.index(h) for h in headings)
    for required in ALWAYS:
        assert required(lang) in headings
    assert (w.H_DPO(lang) in headings) != (w.H_DPO_CONTACT(lang) in headings)


def test_headings_are_in_plain_french_and_english(declare: Declare) -> None:
    declared = declare()
    fr = [words(h2) for h2 in soup_of(build(declared, "fr")).find_all("h2")]
    en = [words(h2) for h2 in soup_of(build(declared, "en")).find_all("h2")]
    assert "Vos droits" in fr
    assert "Délégué à la protection des données" in fr
    assert "Your rights" in en
    assert "How long we keep your data" in en
    assert not set(fr) & set(en)


def test_every_table_is_captioned_and_every_header_scoped(declared: Declared, lang: Lang) -> None:
    soup = soup_of(build(declared, lang))
    for table in soup.find_all("table"):
        caption = table.find("caption")
        assert isinstance(caption, Tag)
        assert words(caption)
        assert all(th["scope"] == "col" for th in table.select("thead th"))
        for row in table.select("tbody tr"):
            cells = row.find_all(["th", "td"])
            assert cells[0].name == "th"
            assert cells[0]["scope"] == "row"
            assert all(cell.name == "td" for cell in cells[1:])
    assert all(th.get("scope") in ("col", "row") for th in soup.find_all("th"))


def test_purposes_table_shows_each_purpose_and_basis(declared: Declared, lang: Lang) -> None:
    text = words(section(soup_of(build(declared, lang)), w.H_PURPOSES(lang)))
    for activity in declared.declaration.activities:
        assert " ".join(activity.purpose(lang).rstrip(". ").split()) in text
        for basis in activity.legal_bases:
            if basis.interest is not None:
                assert " ".join(basis.interest(lang).split()) in text


def test_purposes_are_not_shown_in_the_other_language(declare: Declare) -> None:
    declared = declare()
    assert "Process and deliver orders" in words(section(soup_of(build(declared, "en")), w.H_PURPOSES("en")))
    fr = words(section(soup_of(build(declared, "fr")), w.H_PURPOSES("fr")))
    assert "Traiter et livrer les commandes" in fr
    assert "Process and deliver orders" not in fr


def test_retention_table_shows_each_period(declared: Declared, lang: Lang) -> None:
    text = words(section(soup_of(build(declared, lang)), w.H_RETENTION(lang)))
    for activity in declared.declaration.activities:
        for placed in declared.rules(activity):
            assert " ".join(capitalised(period(placed.rule, declared, lang)).split()) in text


def test_retention_of_the_minimal_declaration_reads_plainly(declare: Declare) -> None:
    declared = declare()
    en = words(section(soup_of(build(declared, "en")), w.H_RETENTION("en")))
    fr = words(section(soup_of(build(declared, "fr")), w.H_RETENTION("fr")))
    assert "While the commercial relationship lasts, then 3 years" in en
    assert "Pendant la durée de la relation commerciale, puis 3 ans" in fr
    assert "the data are deleted" in en


def test_the_notice_says_whichever_comes_first_and_the_law_that_requires_a_period(declare: Declare) -> None:
    def rules(data: dict[str, object]) -> None:
        activity = data["activities"][0]  # type: ignore[index]
        activity["retention"] = [  # type: ignore[index]
            {"duration": "3 years", "from": ["relationship_ended", "last_contact"], "whichever": "first"},
            {"duration": "10 years", "from": "invoice_issued", "anchor": "end_of_financial_year",
             "law": {"en": "Article L123-22 of the French Commercial Code",
                     "fr": "l'article L123-22 du Code de commerce"}}]

    declared = declare(rules)
    en = words(section(soup_of(build(declared, "en")), w.H_RETENTION("en")))
    fr = words(section(soup_of(build(declared, "fr")), w.H_RETENTION("fr")))
    assert "whichever comes first" in en
    assert "selon ce qui survient en premier" in fr
    assert "as required by Article L123-22 of the French Commercial Code" in en
    assert "en application de l'article L123-22 du Code de commerce" in fr


def test_dpo_contact_appears_or_its_absence_is_said(declared: Declared, lang: Lang) -> None:
    dpo = declared.declaration.dpo
    notice = build(declared, lang)
    if dpo is None:
        assert w.H_DPO(lang) not in render(notice, "md")
        return
    heading = (w.H_DPO if dpo.appointed else w.H_DPO_CONTACT)(lang)
    # A DPO may be reachable by post only (Immersion Facilitée: France Travail's DPO, an address).
    expected = dpo.email or dpo.phone or dpo.form_url or dpo.address or w.NO_CONTACT(lang)
    assert expected in words(section(soup_of(notice), heading))
    assert expected in render(notice, "md")


def test_dpo_not_appointed_gives_a_contact(declare: Declare) -> None:
    declared = declare(lambda d: d["dpo"].update(appointed=False, name=None, email="privacy@exemple.fr"))
    soup = soup_of(build(declared, "en"))
    text = words(section(soup, "Data protection contact"))
    assert "not appointed a data protection officer" in text
    assert "privacy@exemple.fr" in text


def test_hash_is_stable_and_the_same_in_html_and_markdown(declared: Declared, lang: Lang) -> None:
    first, second = build(declared, lang), build(declared, lang)
    assert first.hash == second.hash
    assert re.fullmatch(r"[0-9a-f]{64}", first.hash)
    version = section(soup_of(first), w.H_VERSION(lang))
    assert first.hash in words(version)
    assert first.hash in render(second, "md")


def test_hash_differs_between_languages(declared: Declared) -> None:
    languages = declared.declaration.policy.languages
    if len(languages) < 2:
        pytest.skip("published in one language")
    assert build(declared, "fr").hash != build(declared, "en").hash


def test_hash_follows_a_change_of_purpose(declare: Declare) -> None:
    def reword(data: dict[str, Any]) -> None:
        data["activities"][0]["purpose"]["en"] = "Process, deliver and invoice orders"

    before, after = declare(), declare(reword)
    assert build(before, "en").hash != build(after, "en").hash
    assert build(before, "fr").hash == build(after, "fr").hash


def test_markdown_has_the_same_sections_as_html(declared: Declared, lang: Lang) -> None:
    notice = build(declared, lang)
    headings = [words(h2) for h2 in soup_of(notice).find_all("h2")]
    markdown = render(notice, "md")
    assert markdown_headings(markdown) == headings
    assert len(re.findall(r"^# ", markdown, flags=re.MULTILINE)) == 1


def test_markdown_tables_have_one_cell_per_header(declared: Declared, lang: Lang) -> None:
    markdown = render(build(declared, lang), "md")
    for block in re.split(r"\n\n", markdown):
        lines = [line for line in block.splitlines() if line.startswith("| ")]
        if not lines:
            continue
        counts = {len(re.findall(r"(?<!\\)\|", line)) for line in lines}
        assert len(counts) == 1, block


def test_no_transfer_is_stated(declare: Declare) -> None:
    declared = declare()
    en = words(section(soup_of(build(declared, "en")), w.H_TRANSFERS("en")))
    fr = words(section(soup_of(build(declared, "fr")), w.H_TRANSFERS("fr")))
    assert "Your data are not transferred to any country outside the European Economic Area" in en
    assert "Vos données ne sont transférées vers aucun pays situé hors de l'Espace économique européen" in fr


def test_transfer_names_the_country_and_safeguard_in_the_reader_language(declare: Declare) -> None:
    def transfer(data: dict[str, Any]) -> None:
        data["activities"][0]["transfers"] = [{"country": "MA", "recipient": "host", "safeguards": ["scc"]}]

    declared = declare(transfer)
    en = section(soup_of(build(declared, "en")), w.H_TRANSFERS("en"))
    fr = section(soup_of(build(declared, "fr")), w.H_TRANSFERS("fr"))
    row_en, row_fr = words(en.select("tbody tr")[0]), words(fr.select("tbody tr")[0])
    assert row_en.startswith("Morocco Hébergeur Exemple Order management No Standard contractual clauses")
    assert row_fr.startswith("Maroc Hébergeur Exemple Gestion des commandes Non Clauses contractuelles types")
    assert row_en.endswith("Not stated")  # how to obtain a copy of the clauses: the policy does not say
    assert "Your data are not transferred" not in words(en)
    assert "not transferred outside the European Economic Area: Newsletter." in words(en)


def test_consent_withdrawal_only_where_consent_is_the_basis(declare: Declare) -> None:
    soup = soup_of(build(declare(), "en"))
    text = words(section(soup, "Withdrawing your consent"))
    assert "withdraw your consent at any time" in text
    assert "Unsubscribe link in every message" in text

    def no_consent(data: dict[str, Any]) -> None:
        data["activities"][1]["legal_bases"] = [{"basis": "legitimate_interests", "interest": "Keep in touch"}]

    headings = [words(h2) for h2 in soup_of(build(declare(no_consent), "en")).find_all("h2")]
    assert "Withdrawing your consent" not in headings


def test_objection_to_direct_marketing_is_set_apart(declare: Declare) -> None:
    for lang, words_of_marketing in (("en", "direct marketing"), ("fr", "prospection")):
        rights = section(soup_of(build(declare(), lang)), w.H_RIGHTS(lang))
        box = rights.select_one(".box")
        assert box is not None
        assert box.find("h3") is not None
        assert words_of_marketing in words(box)
        assert w.ACCESS(lang) not in words(box)


def test_rights_carry_the_limits_the_policy_states(declare: Declare) -> None:
    def limit(data: dict[str, Any]) -> None:
        data["rights"]["limits"] = [{"right": "restriction", "statement": {
            "en": "Restriction is refused while the contract needs the data.",
            "fr": "La limitation est refusée tant que le contrat requiert les données."}}]

    declared = declare(limit)
    assert "Restriction is refused while the contract needs the data." in words(
        section(soup_of(build(declared, "en")), "Your rights"))
    assert "La limitation est refusée tant que le contrat requiert les données." in words(
        section(soup_of(build(declared, "fr")), "Vos droits"))


def test_how_to_exercise_rights(declare: Declare) -> None:
    soup = soup_of(build(declare(), "en"))
    text = words(section(soup, "How to exercise your rights"))
    assert "privacy@exemple.fr" in text
    assert "only where we have reasonable doubts" in text
    assert "within one month" in text
    assert "two further months" in text
    strict = declare(lambda d: d["rights"].update(identity_check="signed_id_copy", registered_letter_only=True))
    text = words(section(soup_of(build(strict, "fr")), "Comment exercer vos droits"))
    assert "copie signée d'un titre d'identité" in text
    assert "lettre recommandée" in text
    assert "doutes raisonnables" not in text


def test_complaint_names_the_authority(declare: Declare) -> None:
    text = words(section(soup_of(build(declare(), "fr")), "Introduire une réclamation"))
    for line in ("CNIL", "3 Place de Fontenoy", "+33 1 53 73 22 22", "https://www.cnil.fr/"):
        assert line in text


def test_cookies_table(declare: Declare) -> None:
    def cookies(data: dict[str, Any]) -> None:
        data["cookies"] = {"consent": "banner", "choice_kept": "6 months", "trackers": [
            {"name": "_ga", "provider": "Google", "purpose": "audience_measurement", "lifetime": "13 months",
             "party": "third"}]}

    declared = declare(cookies)
    fr = section(soup_of(build(declared, "fr")), "Cookies et autres traceurs")
    assert words(fr.select("tbody tr")[0]) == "_ga Google Mesure d'audience 13 mois Tiers Oui"
    assert "Votre choix est conservé pendant 6 mois." in words(fr)
    en = render(build(declared, "en"), "md")
    assert "| \\_ga | Google | Audience measurement | 13 months | Third party | Yes |" in en


def test_version_and_date_in_the_reader_language(declare: Declare) -> None:
    declared = declare()
    en = words(section(soup_of(build(declared, "en")), "Version of this notice"))
    fr = words(section(soup_of(build(declared, "fr")), "Version de cette notice"))
    assert "Version 1.0 of 15 January 2026." in en
    assert "Version 1.0 du 15 janvier 2026." in fr
    undated = declare(lambda d: d["policy"].clear())
    text = words(section(soup_of(build(undated, "en")), "Version of this notice"))
    assert "None" not in text
    assert build(undated, "en").hash in text


def test_declaration_text_is_escaped(declare: Declare) -> None:
    def hostile(data: dict[str, Any]) -> None:
        data["activities"][0]["purpose"]["en"] = "<script>alert(1)</script> | *orders*"

    notice = build(declare(hostile), "en")
    soup = soup_of(notice)
    assert not soup.find_all("script")
    assert "<script>alert(1)</script> | *orders*" in words(section(soup, w.H_PURPOSES("en")))
    assert "\\<script\\>alert(1)\\</script\\> \\| \\*orders\\*" in render(notice, "md")


def test_unknown_format_and_language_are_refused(declare: Declare) -> None:
    declared = declare()
    with pytest.raises(InvalidInput):
        render(build(declared, "en"), "pdf")  # type: ignore[arg-type]
    french_only = declare(lambda d: d["policy"].update(languages=["fr"]))
    with pytest.raises(InvalidInput):
        build(french_only, "en")


def test_controller_section_names_representative_and_joint_controllers(declare: Declare) -> None:
    def parties(data: dict[str, Any]) -> None:
        data["representative"] = {"name": "Rep GmbH", "country": "DE", "email": "rep@example.de"}
        data["joint_controllers"] = [{"name": "Partner SA", "email": "dpo@partner.fr", "responsibilities": {
            "en": "Answers access requests", "fr": "Répond aux demandes d'accès"}}]

    declared = declare(parties)
    en = words(section(soup_of(build(declared, "en")), "Who is responsible for your data"))
    fr = words(section(soup_of(build(declared, "fr")), "Responsable du traitement de vos données"))
    for text in ("Exemple SAS", "Rep GmbH", "Country: Germany", "Partner SA", "Answers access requests"):
        assert text in en
    for text in ("Pays : Allemagne", "Responsabilités : Répond aux demandes d'accès"):
        assert text in fr


def test_sources_say_where_data_come_from(declare: Declare) -> None:
    def sources(data: dict[str, Any]) -> None:
        data["activities"][0]["sources"] = [
            {"kind": "direct", "data": ["identification", "contact"]},
            {"kind": "indirect", "name": {"en": "Our resellers", "fr": "Nos revendeurs"}, "data": ["order_history"]},
        ]

    table = section(soup_of(build(declare(sources), "fr")), w.H_DATA("fr"))
    rows = {words(row.th): words(row) for row in table.select("tbody tr")}
    assert "Auprès d'une autre source (Nos revendeurs)" in rows["Historique des commandes"]
    assert "revendeurs" not in rows["Données d'identification (nom, prénom, etc.)"]


def test_automated_decisions_or_their_absence(declare: Declare) -> None:
    none = words(section(soup_of(build(declare(), "en")), "Automated decisions and profiling"))
    assert "We take no decision based solely on automated processing" in none

    def profiling(data: dict[str, Any]) -> None:
        data["activities"][1]["automated"] = {"profiling": True, "logic": {
            "en": "Opened messages choose the topics", "fr": "Les messages ouverts choisissent les sujets"}}

    text = words(section(soup_of(build(declare(profiling), "fr")), "Décisions automatisées et profilage"))
    assert "Profilage" in text
    assert "Les messages ouverts choisissent les sujets" in text
    # The policy states no automated decision and no profiling elsewhere: said for the other activity only.
    assert "Nous ne prenons aucune décision fondée exclusivement sur un traitement automatisé." in text
    assert "Ces traitements ne comportent aucun profilage : Gestion des commandes." in text
    assert "Nous ne procédons à aucun profilage" not in text


def test_silences_are_shown_as_not_stated(declare: Declare) -> None:
    def silent(data: dict[str, Any]) -> None:
        for key in ("transfers", "automated", "dpo"):
            data.pop(key)
        data["activities"][0]["provision"].pop("mandatory")
        data["activities"][0]["transfers"] = [{"country": "US", "safeguards": ["adequacy"]}]

    soup = soup_of(build(declare(silent), "fr"))
    transfers = words(section(soup, w.H_TRANSFERS("fr")))
    assert "la certification de celui-ci n'est pas précisée" in transfers
    assert ("Cette politique ne précise pas si les données de ces traitements sont transférées hors de l'Espace "
            "économique européen : Lettre d'information.") in transfers
    automated = words(section(soup, w.H_AUTOMATED("fr")))
    assert "Cette politique ne précise pas si des décisions fondées exclusivement" in automated
    assert "Cette politique ne précise pas si vos données font l'objet d'un profilage." in automated
    assert "Nous ne" not in automated
    dpo = words(section(soup, w.H_DPO_CONTACT("fr")))
    assert "ne précise pas si un délégué à la protection des données a été désigné" in dpo
    provision = section(soup, w.H_PROVISION("fr"))
    assert "Non précisées" in words(provision.select("tbody tr")[0])


def test_silent_sources_are_not_said_to_be_the_person(declare: Declare) -> None:
    def silent(data: dict[str, Any]) -> None:
        for activity in data["activities"]:
            activity.pop("sources")

    for lang, you, not_stated in (("en", "From you", "Not stated"), ("fr", "Auprès de vous", "Non précisée")):
        table = section(soup_of(build(declare(silent), lang)), w.H_DATA(lang))
        cells = [words(row.select("td")[-1]) for row in table.select("tbody tr")]
        assert cells
        assert all(cell == not_stated for cell in cells)
        assert you not in words(table)


def test_a_transfer_whose_country_is_not_stated_says_so(declare: Declare) -> None:
    declared = declare(lambda d: d["activities"][0].update(transfers=[{"recipient": "host", "safeguards": ["scc"]}]))
    for lang, country, adequacy in (("en", "Country not stated", "Cannot be told: the country is not stated"),
                                    ("fr", "Pays non précisé", "Impossible à dire : le pays n'est pas précisé")):
        transfers = section(soup_of(build(declared, lang)), w.H_TRANSFERS(lang))
        [row] = [words(r) for r in transfers.select("tbody tr")]
        assert row.startswith(f"{country} Hébergeur Exemple")
        assert adequacy in row
