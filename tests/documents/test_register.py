"""The Art. 30 register, written as ODS, XLSX and CSV and read back with real readers, checked as a DPO would."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from odf import teletype
from odf.opendocument import load as load_ods
from odf.style import Style, TextProperties
from odf.table import Table, TableCell, TableRow
from openpyxl import load_workbook

from registre.declarations.catalog import CNIL_REGISTER_KINDS, DATA_CATEGORIES, DATA_KIND_LABELS, SECURITY_MEASURES
from registre.declarations.declared import Declared
from registre.declarations.service import load
from registre.documents import register
from registre.documents.register import sheet_name
from registre.documents.spreadsheets import export
from registre.errors import InvalidInput
from registre.i18n import Lang
from tests.conftest import EXAMPLES, MINIMAL

Grid = list[list[str]]
Sheets = dict[str, Grid]

SECTIONS = (register.ACTORS, register.PURPOSES, register.LEGAL_BASIS, register.SECURITY, register.DATA,
            register.SENSITIVE, register.SUBJECTS, register.RECIPIENTS, register.TRANSFERS)
SENSITIVE_ROWS = [c for c in DATA_CATEGORIES.values() if c.special is not None]


def _trim(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells.pop()
    return cells


def read_ods(path: Path) -> Sheets:
    """Every sheet's cell texts, read back with odfpy."""
    doc = load_ods(str(path))
    return {
        table.getAttribute("name"): [
            _trim([teletype.extractText(cell) for cell in row.getElementsByType(TableCell)])
            for row in table.getElementsByType(TableRow)
        ]
        for table in doc.spreadsheet.getElementsByType(Table)
    }


def read_xlsx(path: Path) -> Sheets:
    """Every sheet's cell texts, read back with openpyxl."""
    book = load_workbook(path)
    return {
        ws.title: [_trim(["" if v is None else str(v) for v in row]) for row in ws.iter_rows(values_only=True)]
        for ws in book.worksheets
    }


def read_csv(path: Path) -> Grid:
    """The rows of a CSV file written in UTF-8 with a byte-order mark."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=";"))


READERS: dict[str, Callable[[Path], Sheets]] = {"ods": read_ods, "xlsx": read_xlsx}


def written(declared: Declared, fmt: str, tmp_path: Path, lang: Lang = "fr") -> Sheets:
    """Export the register and read it back."""
    path = tmp_path / f"register-{lang}.{fmt}"
    export(declared, fmt, path, lang)
    return READERS[fmt](path)


def section(rows: Grid, title: str, lang: Lang = "fr") -> Grid:
    """The rows of a fiche's section, from after its title to the next section's title."""
    titles = {m(lang) for m in SECTIONS}
    start = rows.index([title]) + 1
    end = next((i for i in range(start, len(rows)) if len(rows[i]) == 1 and rows[i][0] in titles), len(rows))
    return rows[start:end]


def fiche(sheets: Sheets, declared: Declared, ref: str, lang: Lang = "fr") -> Grid:
    """The sheet of the activity `ref`."""
    activities = declared.declaration.activities
    number = next(n for n, a in enumerate(activities, start=1) if a.id == ref)
    return sheets[sheet_name(number, activities[number - 1].name(lang))]


def _add(data: dict[str, Any], key: str, *items: Any) -> None:
    """Append items to a list of the declaration, unless one with the same id is there already."""
    have = {i if isinstance(i, str) else i["id"] for i in data.setdefault(key, [])}
    data[key] += [i for i in items if (i if isinstance(i, str) else i["id"]) not in have]


def _fuller(data: dict[str, Any]) -> None:
    """Add to the minimal declaration a payment activity (transfer to the US, legitimate interest, own
    retention per data) and an occupational-health one (health data under Art. 9(2)(h))."""
    data["joint_controllers"] = [{"name": "Groupe Exemple SA", "country": "BE", "email": "privacy@groupe.example",
                                  "responsibilities": {"fr": "Hébergement des dossiers", "en": "Hosting the files"}}]
    _add(data, "subject_categories", "customer", "employee")
    _add(data, "data_categories", "identification", "connection", "health_data",
         {"id": "order_history", "label": {"fr": "Historique des commandes", "en": "Order history"},
          "kind": "economic_financial"})
    _add(data, "recipients",
         {"id": "payment_provider", "kind": "processor", "name": "Paiements Exemple Inc.", "country": "US",
          "contract": True},
         {"id": "tax_office", "kind": "authority", "name": {"fr": "Administration fiscale", "en": "Tax authorities"}},
         {"id": "health_service", "kind": "third_party",
          "name": {"fr": "Service de prévention et de santé au travail", "en": "Occupational health service"}})
    data["security_measures"] = ["access_control", "traceability"]
    data["activities"] += [
        {"id": "payments", "name": {"fr": "Paiement en ligne", "en": "Online payment"},
         "purpose": {"fr": "Encaisser le paiement des commandes", "en": "Collect payment for orders"},
         "sub_purposes": [{"fr": "Lutter contre la fraude", "en": "Fight fraud"}],
         "subjects": ["customer"], "data": ["identification", "order_history", "connection"],
         "legal_bases": [{"basis": "contract"},
                         {"basis": "legitimate_interests",
                          "interest": {"fr": "Prévenir la fraude au paiement", "en": "Preventing payment fraud"}}],
         "recipients": ["tax_office", "payment_provider"],
         "transfers": [{"country": "US", "recipient": "payment_provider", "safeguards": ["scc"],
                        "documentation": {"fr": "Copie des clauses sur demande au DPO",
                                          "en": "Copy of the clauses on request to the DPO"}}],
         "retention": [{"data": ["identification", "order_history"], "from": "invoice_issued",
                        "duration": "10 years"},
                       {"data": ["connection"], "from": "collected", "duration": "1 year"}],
         "security_measures": ["encryption"], "system": "PayExemple",
         "created": "2025-03-01", "updated": "2026-01-10"},
        {"id": "occupational_health", "name": {"fr": "Santé au travail", "en": "Occupational health"},
         "purpose": {"fr": "Suivre l'état de santé des salariés", "en": "Monitor the health of employees"},
         "subjects": ["employee"], "data": ["identification", "health_data"],
         "legal_bases": [{"basis": "legal_obligation",
                          "law": {"fr": "Code du travail, art. L4624-1", "en": "French Labour Code, art. L4624-1"}}],
         "art9_condition": "h", "recipients": ["health_service"],
         "retention": [{"from": "contract_ended", "duration": "5 years"}]},
    ]


@pytest.fixture
def fuller(declare: Callable[[Callable[[dict[str, Any]], object]], Declared]) -> Declared:
    """The minimal declaration with a payment activity and an occupational-health activity added."""
    return declare(_fuller)


FORMATS = pytest.mark.parametrize("fmt", ["ods", "xlsx"])


@FORMATS
def test_list_sheet_has_one_row_per_activity(fuller: Declared, fmt: str, tmp_path: Path) -> None:
    sheets = written(fuller, fmt, tmp_path)
    name, rows = list(sheets.items())[1]
    assert name == "Liste des traitements"
    assert rows[0] == ["N° / REF", "Nom du traitement", "Finalité principale", "Base(s) légale(s)",
                       "Date de création", "Mise à jour", "Données sensibles ?"]
    assert [r[0] for r in rows[1:]] == [a.id for a in fuller.declaration.activities]
    by_ref = {r[0]: r for r in rows[1:]}
    assert by_ref["payments"] == ["payments", "Paiement en ligne", "Encaisser le paiement des commandes",
                                  "Exécution d'un contrat ou de mesures précontractuelles (art. 6.1.b); "
                                  "Intérêt légitime (art. 6.1.f)", "2025-03-01", "2026-01-10", "Non"]
    assert by_ref["occupational_health"][-1] == "Oui"


@FORMATS
def test_each_activity_has_its_sheet(fuller: Declared, fmt: str, tmp_path: Path) -> None:
    sheets = written(fuller, fmt, tmp_path)
    activities = fuller.declaration.activities
    assert len(sheets) == len(activities) + 2
    for activity in activities:
        rows = fiche(sheets, fuller, activity.id)
        assert rows[0] == [activity.name("fr")]
        assert ["N° / REF", activity.id] in rows
    payments = fiche(sheets, fuller, "payments")
    assert ["Date de création", "2025-03-01"] in payments
    assert ["Logiciel / application", "PayExemple"] in payments


@FORMATS
def test_actors_and_purposes(fuller: Declared, fmt: str, tmp_path: Path) -> None:
    rows = fiche(written(fuller, fmt, tmp_path), fuller, "payments")
    actors = section(rows, "Acteurs")
    assert actors[0] == ["Qualité", "Nom", "Adresse", "Pays", "Téléphone", "Adresse de messagerie", "Précisions"]
    by_role = {r[0]: r for r in actors[1:]}
    assert by_role["Responsable du traitement"][1] == fuller.declaration.controller.name
    assert ["Représentant"] in actors
    assert by_role["Responsable(s) conjoint(s)"] == ["Responsable(s) conjoint(s)", "Groupe Exemple SA", "", "Belgique",
                                                    "", "privacy@groupe.example", "Hébergement des dossiers"]
    assert section(rows, "Finalité(s) du traitement effectué") == [
        ["Finalité principale", "Encaisser le paiement des commandes"],
        ["Sous-finalité 1", "Lutter contre la fraude"],
    ]


@FORMATS
def test_data_rows_follow_the_cnil_order_with_retention_beside_each(fuller: Declared, fmt: str,
                                                                     tmp_path: Path) -> None:
    rows = section(fiche(written(fuller, fmt, tmp_path), fuller, "payments"),
                   "Catégories de données personnelles concernées")
    assert rows[0] == ["Catégorie", "Description", "Durée de conservation"]
    labels = [r[0] for r in rows[1:]]
    assert labels == [DATA_KIND_LABELS[k]("fr") for k in CNIL_REGISTER_KINDS]
    assert labels[:2] == ["État civil, identité, données d'identification, images",
                          "Vie personnelle (habitudes de vie, situation familiale, etc.)"]
    by_label = {r[0]: r for r in rows[1:]}
    economic = by_label[DATA_KIND_LABELS[CNIL_REGISTER_KINDS[3]]("fr")]
    assert economic[1:] == ["Historique des commandes", "10 ans à compter de l'émission de la facture"]
    connection = by_label["Données de connexion (adresses IP, journaux, etc.)"]
    assert connection[2] == "1 an à compter de la collecte"
    assert by_label["Vie personnelle (habitudes de vie, situation familiale, etc.)"] == [
        "Vie personnelle (habitudes de vie, situation familiale, etc.)"]


@FORMATS
def test_sensitive_rows_say_no_when_none_and_give_the_condition(fuller: Declared, fmt: str,
                                                                tmp_path: Path) -> None:
    sheets = written(fuller, fmt, tmp_path)
    payments = section(fiche(sheets, fuller, "payments"), "Données sensibles")
    assert payments[0] == ["Catégorie", "Oui / Non", "Condition (art. 9.2) ou autorité (art. 10)",
                           "Durée de conservation"]
    assert payments[1:] == [[c.label("fr"), "Non"] for c in SENSITIVE_ROWS]
    assert len(payments[1:]) == 9
    health = section(fiche(sheets, fuller, "occupational_health"), "Données sensibles")
    assert ["Données concernant la santé", "Oui", "Médecine préventive ou du travail, soins (art. 9.2.h)",
            "pendant la durée du contrat, puis 5 ans"] in health
    assert [r[1] for r in health[1:]].count("Oui") == 1


@FORMATS
def test_legal_basis_per_subject_category_with_interest_or_law(fuller: Declared, fmt: str, tmp_path: Path) -> None:
    sheets = written(fuller, fmt, tmp_path)
    payments = section(fiche(sheets, fuller, "payments"), "Base légale (art. 6)")
    assert payments == [
        ["Catégorie de personnes concernées", "Base légale", "Intérêt légitime poursuivi ou texte légal", "Précisions"],
        ["Clients", "Exécution d'un contrat ou de mesures précontractuelles (art. 6.1.b)"],
        ["Clients", "Intérêt légitime (art. 6.1.f)", "Prévenir la fraude au paiement"],
    ]
    health = section(fiche(sheets, fuller, "occupational_health"), "Base légale (art. 6)")
    assert health[1] == ["Salariés", "Respect d'une obligation légale (art. 6.1.c)", "Code du travail, art. L4624-1"]


@FORMATS
def test_security_measures_are_the_activity_s_own_or_the_declaration_s(fuller: Declared, fmt: str,
                                                                       tmp_path: Path) -> None:
    sheets = written(fuller, fmt, tmp_path)
    assert section(fiche(sheets, fuller, "payments"), "Mesures de sécurité") == [["Chiffrement des données"]]
    assert section(fiche(sheets, fuller, "occupational_health"), "Mesures de sécurité") == [
        [SECURITY_MEASURES["access_control"]("fr")], [SECURITY_MEASURES["traceability"]("fr")]]


@FORMATS
def test_recipients_and_transfers_are_named(fuller: Declared, fmt: str, tmp_path: Path) -> None:
    sheets = written(fuller, fmt, tmp_path)
    rows = fiche(sheets, fuller, "payments")
    assert section(rows, "Catégories de personnes concernées") == [["Clients"]]
    assert section(rows, "Destinataires") == [
        ["Catégorie", "Nom", "Description", "Pays", "Contrat (art. 28)", "Données reçues"],
        ["Sous-traitant", "Paiements Exemple Inc.", "", "États-Unis", "Oui", "Non précisées"],
        ["Autorité", "Administration fiscale", "", "Non précisé", "", "Non précisées"],
    ]
    assert section(rows, "Transferts hors UE") == [
        ["Destinataire", "Pays", "Type de garanties", "Dérogation (art. 49)", "Lien vers la documentation",
         "Précisions"],
        ["Paiements Exemple Inc.", "États-Unis", "Clauses contractuelles types (art. 46.2.c)", "",
         "Copie des clauses sur demande au DPO"],
    ]
    assert section(fiche(sheets, fuller, "occupational_health"), "Transferts hors UE")[1:] == [
        ["Aucun transfert hors UE"]]


@FORMATS
def test_english_labels(fuller: Declared, fmt: str, tmp_path: Path) -> None:
    sheets = written(fuller, fmt, tmp_path, "en")
    names = list(sheets)
    assert names[:2] == ["Identification", "Processing activities"]
    assert sheets[names[1]][0][-1] == "Sensitive data?"
    rows = fiche(sheets, fuller, "occupational_health", "en")
    data = section(rows, "Categories of personal data concerned", "en")
    assert data[1][0] == "Civil status, identity, identification data, images"
    assert ["Data concerning health", "Yes", "Preventive or occupational medicine, health care (Art. 9(2)(h))",
            "while the contract lasts, then 5 years"] in section(rows, "Sensitive data", "en")
    assert section(rows, "Transfers outside the EU", "en")[1:] == [["No transfer outside the EU"]]
    assert not any("Oui" in r or "Catégorie" in r for r in rows)


def test_xlsx_styles_headers_and_freezes_the_list_header(fuller: Declared, tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    export(fuller, "xlsx", path)
    book = load_workbook(path)
    listing = book.worksheets[1]
    assert listing.freeze_panes == "A2"
    assert listing["A1"].font.bold
    assert not listing["A2"].font.bold
    assert listing.column_dimensions["C"].width > listing.column_dimensions["A"].width


def test_ods_headers_are_bold(fuller: Declared, tmp_path: Path) -> None:
    path = tmp_path / "register.ods"
    export(fuller, "ods", path)
    doc = load_ods(str(path))
    bold = {s.getAttribute("name") for s in doc.automaticstyles.getElementsByType(Style)
            if any(t.getAttribute("fontweight") == "bold" for t in s.getElementsByType(TextProperties))}
    first, second = doc.spreadsheet.getElementsByType(Table)[1].getElementsByType(TableRow)[:2]
    assert first.getElementsByType(TableCell)[0].getAttribute("stylename") in bold
    assert second.getElementsByType(TableCell)[0].getAttribute("stylename") not in bold


CSV_COLUMNS = ["N° / REF", "Nom du traitement", "Date de création", "Mise à jour", "Responsable du traitement",
               "Adresse du responsable du traitement", "Coordonnées du responsable du traitement", "Représentant",
               "Responsable(s) conjoint(s)", "Délégué à la protection des données", "Coordonnées du DPO",
               "Finalités", "Base(s) légale(s)",
               "Catégories de personnes concernées", "Catégories de données personnelles", "Durées de conservation",
               "Données sensibles", "Destinataires", "Transferts hors UE", "Mesures de sécurité"]


def test_csv_has_one_row_per_activity_with_the_art30_columns(fuller: Declared, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    export(fuller, "csv", path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    header, *rows = read_csv(path)
    assert header == CSV_COLUMNS
    assert [r[0] for r in rows] == [a.id for a in fuller.declaration.activities]
    payments = dict(zip(header, next(r for r in rows if r[0] == "payments"), strict=True))
    assert payments["Finalités"] == "Encaisser le paiement des commandes; Lutter contre la fraude"
    assert payments["Adresse du responsable du traitement"] == "1 rue de l'Exemple, 75001 Paris"
    assert payments["Coordonnées du responsable du traitement"] == "contact@exemple.fr"
    assert payments["Représentant"] == "Sans objet (responsable établi dans l'UE)"
    assert payments["Responsable(s) conjoint(s)"] == "Groupe Exemple SA"
    assert payments["Délégué à la protection des données"] == "Délégué à la protection des données : Jeanne Martin"
    assert payments["Coordonnées du DPO"] == "dpo@exemple.fr"
    assert all(value for value in payments.values()), "an empty cell would stand for 'not stated'"
    data = payments["Catégories de données personnelles"].split("; ")
    assert data[-1] == "Données de connexion (adresse IP, journaux, etc.)"
    assert "Historique des commandes — 10 ans à compter de l'émission de la facture" in payments[
        "Durées de conservation"]
    assert payments["Données sensibles"] == "Non"
    assert payments["Destinataires"] == "Sous-traitant : Paiements Exemple Inc.; Autorité : Administration fiscale"
    assert payments["Transferts hors UE"] == (
        "Paiements Exemple Inc. — États-Unis — Clauses contractuelles types (art. 46.2.c)")
    assert payments["Mesures de sécurité"] == "Chiffrement des données"
    health = dict(zip(header, next(r for r in rows if r[0] == "occupational_health"), strict=True))
    assert health["Données sensibles"] == (
        "Oui : Données concernant la santé; Médecine préventive ou du travail, soins (art. 9.2.h)")
    assert health["Transferts hors UE"] == "Aucun transfert hors UE"


def test_csv_in_english(fuller: Declared, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    export(fuller, "csv", path, "en")
    header, *rows = read_csv(path)
    assert header[:2] == ["No. / Ref.", "Processing activity"]
    assert "Retention periods" in header
    assert "Yes: Data concerning health" in {r[header.index("Sensitive data")].split(";")[0] for r in rows}


def test_unknown_format_is_refused(fuller: Declared, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="pdf"):
        export(fuller, "pdf", tmp_path / "register.pdf")
    assert not (tmp_path / "register.pdf").exists()


def test_sheet_names_are_short_unique_and_clean() -> None:
    long = "Gestion des commandes et du service après-vente des clients"
    names = [sheet_name(1, "Achats/ventes : [test]*? \\ fin"), sheet_name(2, long), sheet_name(12, long)]
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len({n.lower() for n in names}) == len(names)
    assert names[0] == "1 - Achats ventes test fin"
    assert names[1] == "2 - Gestion des commandes et…"


def _declarations() -> list[Path]:
    examples = sorted(p for p in EXAMPLES.glob("*") if p.suffix in (".yaml", ".yml") or p.is_dir())
    return [MINIMAL, *examples]


@pytest.mark.parametrize("path", _declarations(), ids=lambda p: p.stem)
def test_every_example_exports_in_every_format(path: Path, tmp_path: Path) -> None:
    declared = load(path)
    activities = declared.declaration.activities
    kinds = [DATA_KIND_LABELS[k]("fr") for k in CNIL_REGISTER_KINDS]
    for fmt in READERS:
        sheets = written(declared, fmt, tmp_path)
        assert len(sheets) == len(activities) + 2
        assert all(len(name) <= 31 and not set(name) & set("[]:*?/\\") for name in sheets)
        listing = list(sheets.values())[1]
        assert [r[0] for r in listing[1:]] == [a.id for a in activities]
        for activity in activities:
            data = section(fiche(sheets, declared, activity.id), register.DATA("fr"))
            assert [r[0] for r in data[1:]] == kinds
            described = [r for r in data[1:] if len(r) > 1]
            assert described, activity.id
            assert all(len(r) == 3 for r in described), activity.id
    export(declared, "csv", tmp_path / "register.csv")
    header, *rows = read_csv(tmp_path / "register.csv")
    assert len(header) == len(CSV_COLUMNS)
    assert [r[0] for r in rows] == [a.id for a in activities]
    controller, dpo = declared.declaration.controller, declared.declaration.dpo
    for row in rows:
        cells = dict(zip(header, row, strict=True))
        assert all(cells.values()), "an empty cell would stand for 'not stated'"
        assert cells["Adresse du responsable du traitement"] == (controller.address or "Non précisée")
        if dpo is not None and (dpo.email or dpo.phone):
            assert (dpo.email or dpo.phone or "") in cells["Coordonnées du DPO"]


def test_identification_sheet_names_the_controller_and_dpo_or_says_not_stated(fuller: Declared,
                                                                                tmp_path: Path) -> None:
    sheets = written(fuller, "xlsx", tmp_path)
    rows = sheets["Identification"]
    assert rows[0] == ["Identification du responsable du traitement"]
    assert ["Adresse", "1 rue de l'Exemple, 75001 Paris"] in rows
    assert ["Téléphone", "Non précisé"] in rows
    assert ["Désigné", "Oui"] in rows
    assert ["Adresse de messagerie", "dpo@exemple.fr"] in rows
    assert ["Sans objet (responsable établi dans l'UE)"] in rows


def test_csv_is_split_on_semicolons_for_french_spreadsheets_and_on_commas_on_request(fuller: Declared,
                                                                                     tmp_path: Path) -> None:
    export(fuller, "csv", tmp_path / "fr.csv")
    first = (tmp_path / "fr.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert first.startswith("N° / REF;Nom du traitement;")
    export(fuller, "csv", tmp_path / "en.csv", "en", delimiter=",")
    with (tmp_path / "en.csv").open(encoding="utf-8-sig", newline="") as stream:
        header, *rows = list(csv.reader(stream))
    assert "Retention periods" in header
    assert all(len(row) == len(header) for row in rows)
    with pytest.raises(InvalidInput, match=r"delimiter|séparateur"):
        export(fuller, "csv", tmp_path / "tab.csv", delimiter="|")


def test_xlsx_prints_landscape_one_page_wide_with_the_header_row_on_every_page(fuller: Declared,
                                                                               tmp_path: Path) -> None:
    export(fuller, "xlsx", tmp_path / "register.xlsx")
    book = load_workbook(tmp_path / "register.xlsx")
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
    listing = book[register.LIST_SHEET("fr")]
    assert listing.print_title_rows == "$1:$1"


def test_ods_prints_landscape_one_page_wide_with_the_header_row_on_every_page(fuller: Declared,
                                                                              tmp_path: Path) -> None:
    from odf.namespaces import STYLENS
    from odf.style import MasterPage, PageLayoutProperties
    from odf.table import TableHeaderRows

    export(fuller, "ods", tmp_path / "register.ods")
    doc = load_ods(str(tmp_path / "register.ods"))
    [layout] = doc.getElementsByType(PageLayoutProperties)
    assert layout.getAttrNS(STYLENS, "print-orientation") == "landscape"
    assert layout.getAttrNS(STYLENS, "scale-to-X") == "1"
    [master] = doc.getElementsByType(MasterPage)
    tables = doc.spreadsheet.getElementsByType(Table)
    styles = {s.getAttribute("name"): s for s in doc.automaticstyles.getElementsByType(Style)}
    assert all(styles[t.getAttribute("stylename")].getAttribute("masterpagename") == master.getAttribute("name")
               for t in tables)
    listing = next(t for t in tables if t.getAttribute("name") == register.LIST_SHEET("fr"))
    [headers] = listing.getElementsByType(TableHeaderRows)
    assert teletype.extractText(headers.getElementsByType(TableCell)[0]) == "N° / REF"


def test_a_transfer_whose_country_is_not_stated_says_so(declare: Callable[..., Declared], tmp_path: Path) -> None:
    declared = declare(lambda d: d["activities"][0].update(transfers=[{"recipient": "host", "safeguards": ["scc"]}]))
    sheets = written(declared, "ods", tmp_path)
    assert section(fiche(sheets, declared, "orders"), "Transferts hors UE")[1][:3] == [
        "Hébergeur Exemple", "Pays non précisé", "Clauses contractuelles types (art. 46.2.c)"]
    path = tmp_path / "register.csv"
    export(declared, "csv", path, "en")
    [orders] = [row for row in read_csv(path) if "Order management" in row]
    assert any("Country not stated" in cell for cell in orders)
