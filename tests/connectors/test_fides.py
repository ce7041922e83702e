"""`registre datasets import-fides`: the Fides dataset a Fides user writes for Sakila becomes an annotation that
`datasets check` accepts and that answers MARY SMITH with the rows the hand-written annotation finds (customer,
address, city, country, her rentals and payments); an erasure through it changes no one else's rows, no city and no
country. What Fides says that the declaration cannot is listed for the user; a file that is not a Fides dataset is a
plain error with its line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from registre.connectors.fides import FIDES_CATEGORIES
from registre.declarations.catalog import DATA_CATEGORIES
from tests.connectors.test_datasets_cli import run
from tests.connectors.test_reference import MARY_ERASED, MARYS, OTHERS, answer, read
from tests.connectors.test_rights import ANNOTATION, DECLARATION, registre
from tests.fixtures.sakila import Sakila

FIDES = Path(__file__).parents[1] / "fixtures" / "sakila_fides.yml"
ACTIVITIES = ("--activity", "customer_accounts", "--activity", "rental=orders", "--activity", "payment=payments")
MARY_ROWS = {"customer": 1, "address": 1, "city": 1, "country": 1, "rental": 32, "payment": 32}


def imported(env: dict[str, str], folder: Path) -> Path:
    """The Fides dataset of Sakila imported as the user would, in a folder of its own."""
    path = folder / "imported" / "sakila.yaml"
    registre(env, "datasets", "import-fides", str(FIDES), "-o", str(path), *ACTIVITIES)
    return path


def rows_and_values(shown: dict[str, Any], package: Path) -> tuple[dict[str, int], set[str], list[tuple[str, str]]]:
    """The rows of the answer per table, its reference tables, and the values of the access package."""
    [dataset] = shown["answer"]["datasets"]
    rows = {table: entry["rows"] for table, entry in dataset["tables"].items()}
    references = {table for table, entry in dataset["tables"].items() if entry.get("reference")}
    data = json.loads((package / "access.json").read_text())["data"]
    return rows, references, sorted((item["field"], item["value"]) for item in data)


def test_the_imported_annotation_checks_and_answers_the_rows_of_the_hand_written_one(
        sakila: tuple[dict[str, str], Sakila], tmp_path: Path) -> None:
    env, _ = sakila
    path = imported(env, tmp_path)
    annotation = yaml.safe_load(path.read_text())
    assert {name for name, table in annotation["tables"].items() if table.get("reference")} == {
        "address", "city", "country"}
    assert annotation["tables"]["customer"]["columns"]["email"] == {"data": "contact", "identity": "email",
                                                                   "match": "lower"}
    assert annotation["tables"]["address"]["activity"] == "customer_accounts"  # that of the customer pointing to it
    assert annotation["ignore"] == ["store"]

    code, output = run(env, "datasets", "check", str(path), "--json")
    assert code == 0, output
    assert all(finding["severity"] == "warning" for finding in json.loads(output)["sakila"])

    by_hand = rows_and_values(answer(env, "access", tmp_path / "by_hand"), tmp_path / "by_hand")
    env = {**env, "REGISTRE_DATASETS": str(path)}
    from_fides = rows_and_values(answer(env, "access", tmp_path / "from_fides"), tmp_path / "from_fides")
    assert by_hand[0] == from_fides[0] == MARY_ROWS
    assert by_hand[1] == from_fides[1] == {"address", "city", "country"}
    # every value the hand-written annotation shows, and those Fides also classifies (her customer_id, say)
    assert set(by_hand[2]) <= set(from_fides[2])
    assert ("city.city", "Sasebo") in from_fides[2]
    assert ("country.country", "Japan") in from_fides[2]


def test_an_erasure_through_the_imported_annotation_leaves_everyone_else_and_the_places(
        sakila: tuple[dict[str, str], Sakila], tmp_path: Path) -> None:
    env, built = sakila
    env = {**env, "REGISTRE_DATASETS": str(imported(env, tmp_path))}
    url = env["SAKILA_URL"]
    before = read(url, OTHERS)
    shown = answer(env, "erasure", tmp_path / "answer")

    assert read(url, OTHERS) == before  # no other customer's rows, no city, no country changed
    assert read(url, MARYS) == MARY_ERASED
    assert built.same_city >= 3
    assert built.same_country > built.same_city
    [dataset] = shown["answer"]["datasets"]
    assert set(dataset["tables"]) == {"customer", "address", "rental", "payment"}


OTHERS_FIDES = """\
dataset:
  - fides_key: crm
    collections:
      - name: member
        fields:
          - name: id
            fides_meta: {primary_key: true}
          - name: email
            data_categories: [user.contact.email]
            fides_meta: {identity: email}
          - name: reader_id
            data_categories: [user.unique_id]
            fides_meta: {identity: ljt_readerID}
          - name: language
            data_categories: [user.demographic.language]
          - name: allergies
            data_categories: [user.health_and_medical]
          - name: profile
            fields:
              - name: phone
                data_categories: [user.contact.phone_number]
                fides_meta: {identity: phone_number}
          - name: device
            data_categories: [system.operations]
            fides_meta:
              references: [{dataset: devices, field: device.id, direction: to}]
      - name: visit
        fields:
          - name: member_id
            data_categories: [system.operations]
            fides_meta:
              references: [{dataset: crm, field: member.id}]
          - name: ip
            data_categories: [user.derived.identifiable.device.ip_address]
"""


def test_what_the_declaration_cannot_say_is_listed_for_the_user(tmp_path: Path) -> None:
    source = tmp_path / "crm.yml"
    source.write_text(OTHERS_FIDES)
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION), "REGISTRE_LANG": "en"}
    result = json.loads(registre(env, "datasets", "import-fides", str(source), "--json").output)

    assert result["unmatched"] == [
        "member.language: user.demographic.language",
        "member.allergies: user.health_and_medical (health_data: not in the declaration / absente de la "
        "déclaration)"]
    looked_at = "\n".join(result["to_look_at"])
    assert "member.profile: an identity or a reference inside a nested field" in looked_at
    assert "the Fides identity 'ljt_readerID' is none of registre's" in looked_at
    assert "member.device → devices.device.id: a reference to another dataset" in looked_at
    assert "visit.member_id → member.id: a reference without direction" in looked_at
    comments = " ".join(line.lstrip("# ") for line in result["yaml"].splitlines() if line.startswith("#"))
    assert "marquez member « reference: true »" in comments  # in French too

    assert result["tables"] == ["member", "visit"]
    assert result["reference"] == []
    annotation = yaml.safe_load(result["yaml"])
    member = annotation["tables"]["member"]
    assert member["activity"] == "unclassified"  # not named: left to the user, as a scan leaves it
    assert member["columns"]["language"] == {}
    assert member["columns"]["allergies"] == {}
    assert member["columns"]["profile"] == {"data": "contact"}  # a document read whole
    assert member["columns"]["reader_id"] == {"data": "identification"}
    assert annotation["tables"]["visit"]["columns"]["ip"] == {"data": "connection"}  # fideslang 1's name
    assert "reference" not in annotation["tables"]["visit"]
    assert annotation["relations"] == [{"from": "visit.member_id", "to": "member.id"}]
    assert "# user.demographic.language: no data category of the declaration matches" in result["yaml"]
    assert "which processing activity? name it (the declaration's holding its data: customer_accounts, " in \
        result["yaml"]


KEY_SIDE = """\
dataset:
  - fides_key: shop
    collections:
      - name: customer
        fields:
          - name: id
            fides_meta:
              primary_key: true
              references: [{dataset: shop, field: orders.customer_id, direction: to}]
          - name: email
            data_categories: [user.contact.email]
            fides_meta: {identity: email}
          - name: country_id
            fides_meta:
              references: [{dataset: shop, field: country.id, direction: to}]
      - name: orders
        fields:
          - {name: customer_id, data_categories: [user.unique_id]}
      - name: country
        fields:
          - name: id
            fides_meta:
              primary_key: true
              references: [{dataset: shop, field: customer.country_id, direction: from}]
          - {name: name, data_categories: [user.contact.address.country]}
"""


def test_a_reference_written_on_the_keys_side_is_the_same_link(tmp_path: Path) -> None:
    source = tmp_path / "shop.yml"
    source.write_text(KEY_SIDE)
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION), "REGISTRE_LANG": "en"}
    result = json.loads(registre(env, "datasets", "import-fides", str(source), "--json").output)
    annotation = yaml.safe_load(result["yaml"])
    # customer.id → orders.customer_id (to): the orders are read from the customer's key, as from a child
    # country.id ← customer.country_id (from), written on both sides: the country is looked up
    assert annotation["relations"] == [{"from": "orders.customer_id", "to": "customer.id"},
                                       {"from": "customer.country_id", "to": "country.id"}]
    assert result["reference"] == ["country"]
    assert annotation["tables"]["country"]["columns"]["name"] == {"data": "contact"}  # shared: not 'own'


def test_every_fides_category_is_matched_to_a_category_of_the_catalog() -> None:
    matched = {catalog_id for catalog_id in FIDES_CATEGORIES.values() if catalog_id is not None}
    assert matched <= set(DATA_CATEGORIES)
    assert all(key == "user" or key.startswith("user.") for key in FIDES_CATEGORIES)


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


BROKEN = FIDES.read_text().replace("field: city.city_id", "field: town.city_id")


@pytest.mark.parametrize(("text", "needle", "says"), [
    ("dataset:\n  - fides_key: sakila\n    collections: [\n", None, "This is not valid YAML"),
    (ANNOTATION.read_text(), "dataset: shop", "This is not a Fides dataset"),
    ("- fides_key: sakila\n", None, "This is not a Fides dataset"),
    (BROKEN, "field: town.city_id", "the dataset 'sakila' has no collection 'town'; it has: customer, address"),
], ids=["not-yaml", "a-registre-annotation", "a-list", "a-missing-collection"])
def test_a_file_that_is_not_a_fides_dataset_is_a_plain_error_with_its_line(
        tmp_path: Path, text: str, needle: str | None, says: str) -> None:
    source = tmp_path / "dataset.yml"
    source.write_text(text)
    out = tmp_path / "out" / "sakila.yaml"
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION), "REGISTRE_LANG": "en"}
    code, output = run(env, "datasets", "import-fides", str(source), "-o", str(out))
    assert code == 1
    assert "Traceback" not in output
    assert f"The Fides dataset {source} cannot be imported: 1 problem(s)." in output
    assert says in output, output
    line = _line_of(text, needle) if needle else None
    assert f"dataset.yml:{line}" in output if line else "dataset.yml:" in output
    assert not out.exists()  # nothing half-written
