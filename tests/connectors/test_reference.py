"""Reference data: a person's address, its city and its country, reached by the keys their rows hold (Sakila's
customer → address → city → country). The access answer holds them; an erasure takes their own address and leaves
the city, the country and every other customer as they were, checked with plain SQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine, create_engine, event, text

from tests.connectors.test_rights import DECLARATION, registre
from tests.fixtures.sakila import MARY, MARY_ADDRESS, MARY_CITY, MARY_COUNTRY, Sakila, write_annotation

OTHERS = {  # every row that is not Mary's, as plain SQL reads it
    "customer": "SELECT customer_id, first_name, last_name, email, address_id FROM customer WHERE customer_id <> 1",
    "address": "SELECT address_id, address, district, city_id, postal_code, phone FROM address WHERE address_id <> 5",
    "city": "SELECT city_id, city, country_id FROM city",
    "country": "SELECT country_id, country FROM country",
    "rental": "SELECT rental_id, customer_id, rental_date FROM rental WHERE customer_id <> 1",
    "payment": "SELECT payment_id, customer_id, amount FROM payment WHERE customer_id <> 1",
}


MARYS = {  # Mary's own rows, her city and her country, as plain SQL reads them
    "customer": "SELECT customer_id FROM customer WHERE customer_id = 1",
    "address": f"SELECT address_id FROM address WHERE address_id = {MARY_ADDRESS}",
    "rental": "SELECT rental_id FROM rental WHERE customer_id = 1",
    "payment": "SELECT payment_id FROM payment WHERE customer_id = 1",
    "city": f"SELECT city FROM city WHERE city_id = {MARY_CITY}",
    "country": f"SELECT country FROM country WHERE country_id = {MARY_COUNTRY}",
}
MARY_ERASED = {"customer": [], "address": [], "rental": [], "payment": [], "city": [("Sasebo",)],
               "country": [("Japan",)]}


def answer(env: dict[str, str], kind: str, out: Path) -> dict[str, Any]:
    """File a request for Mary, complete it, and return the answer as shown."""
    filed = registre(env, "requests", "new", "--kind", kind, "--channel", "email", "--subject", f"email:{MARY}",
                     "--email", MARY, "--json")
    ref = json.loads(filed.output)["request"]["ref"]
    registre(env, "requests", "complete", ref, "-o", str(out))
    shown: dict[str, Any] = json.loads(registre(env, "requests", "show", ref, "--json").output)
    return shown


def read(url: str, queries: dict[str, str]) -> dict[str, list[tuple[Any, ...]]]:
    """The rows each query returns, sorted."""
    engine = create_engine(url)
    with engine.connect() as connection:
        found = {name: sorted(tuple(row) for row in connection.execute(text(sql))) for name, sql in queries.items()}
    engine.dispose()
    return found


def test_access_holds_the_city_and_the_country_of_the_persons_address(sakila: tuple[dict[str, str], Sakila],
                                                                      tmp_path: Path) -> None:
    env, _ = sakila
    shown = answer(env, "access", tmp_path / "answer")
    [dataset] = shown["answer"]["datasets"]
    rows = {table: entry["rows"] for table, entry in dataset["tables"].items()}
    references = {table for table, entry in dataset["tables"].items() if entry.get("reference")}
    assert references == {"address", "city", "country"}
    assert rows == {"customer": 1, "address": 1, "city": 1, "country": 1, "rental": 32, "payment": 32}
    package = json.loads((tmp_path / "answer" / "access.json").read_text())
    values = {item["field"]: item["value"] for item in package["data"]}
    assert values["address.address"] == "47 MySakila Drive"
    assert values["city.city"] == "Sasebo"
    assert values["country.country"] == "Japan"
    assert not any("Rental Street" in item["value"] for item in package["data"])  # no other customer's address
    assert sum(item["field"] == "rental.rental_date" for item in package["data"]) == 32


def test_erasure_takes_the_persons_own_address_and_leaves_the_city_and_everyone_else(
        sakila: tuple[dict[str, str], Sakila], tmp_path: Path) -> None:
    env, built = sakila
    url = env["SAKILA_URL"]
    before = read(url, OTHERS)
    assert len([c for c in before["customer"] if c[4] > 5]) == built.counts["customer"] - 1
    shown = answer(env, "erasure", tmp_path / "answer")

    assert read(url, OTHERS) == before  # no other customer's rows, no city, no country changed
    assert read(url, MARYS) == MARY_ERASED
    assert built.same_city >= 3  # her city had other customers, all still there
    [dataset] = shown["answer"]["datasets"]
    assert set(dataset["tables"]) == {"customer", "address", "rental", "payment"}  # never the city or the country
    assert dataset["tables"]["address"]["deleted"] == 1


def test_an_address_another_customer_shares_is_left_as_it_is(sakila: tuple[dict[str, str], Sakila],
                                                             tmp_path: Path) -> None:
    env, _ = sakila
    url = env["SAKILA_URL"]
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE customer SET address_id = {MARY_ADDRESS} WHERE customer_id = 2"))
    engine.dispose()
    shown = answer(env, "erasure", tmp_path / "answer")
    address = read(url, {"a": f"SELECT address, phone FROM address WHERE address_id = {MARY_ADDRESS}"})["a"]
    assert address == [("47 MySakila Drive", "14033335568")]  # the other customer's address too: untouched
    [dataset] = shown["answer"]["datasets"]
    assert dataset["tables"]["address"] == {"shared": 1}


def test_check_counts_the_other_peoples_rows_a_reversed_relation_reaches(
        sakila: tuple[dict[str, str], Sakila], tmp_path: Path) -> None:
    env, _ = sakila
    path = write_annotation(tmp_path, reversed_relations=True)
    result = registre(env, "datasets", "check", str(path), "--json")
    findings = json.loads(result.output)["sakila"]
    reversed_ = [f["message"] for f in findings if "runs against" in f["message"]]
    assert len(reversed_) == 3, findings
    city = next(m for m in reversed_ if "city.city_id" in m)
    assert "reference: true" in city
    engine = create_engine(env["SAKILA_URL"])
    with engine.connect() as connection:  # addresses in a city with other addresses, as plain SQL counts them
        shared = connection.scalar(text("SELECT count(*) FROM address WHERE city_id IN "
                                        "(SELECT city_id FROM address GROUP BY city_id HAVING count(*) > 1)"))
    engine.dispose()
    assert f"{shared} rows of 'address'" in city


def test_scan_proposes_the_lookups_the_persons_rows_point_to_as_reference_data(
        sakila: tuple[dict[str, str], Sakila]) -> None:
    env, _ = sakila
    draft = json.loads(registre(env, "datasets", "scan", env["SAKILA_URL"], "--dataset", "sakila", "--json").output)
    annotation = yaml.safe_load(draft["yaml"])
    tables = annotation["tables"]
    assert {name for name, table in tables.items() if table.get("reference")} == {"address", "city", "country"}
    assert tables["address"]["columns"]["address"]["own"] is True  # one customer per address: theirs
    assert not any(column.get("own") for column in tables["city"]["columns"].values())  # a city is shared
    assert tables["country"]["columns"]["country"] == {"data": "contact"}
    assert "country.country" not in draft["unclassified"]  # drafted with its category, not also left to look at
    assert draft["classified"]["country"] == {"country": "contact"}
    assert "identity" not in tables["address"]["columns"]["phone"]  # read from the person's rows, not searched
    assert "store" in annotation["ignore"]  # pointing to an address says nothing of a person


def test_the_person_is_searched_once_per_request(sakila: tuple[dict[str, str], Sakila], tmp_path: Path) -> None:
    env, _ = sakila
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        shown = answer(env, "access", tmp_path / "answer")
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    searches = [s for s in statements if "lower(customer.email)" in s]
    assert len(searches) == 1  # when filed; the completion reads the rows found by their keys
    [dataset] = shown["answer"]["datasets"]
    assert dataset["tables"]["rental"]["rows"] == 32
    assert "searched" not in shown["details"]


def test_retention_never_ends_reference_rows(sakila: tuple[dict[str, str], Sakila], tmp_path: Path) -> None:
    env, _ = sakila
    url = env["SAKILA_URL"]
    # a rule from collection alone, and cities and countries dated as collected in 2006: every one of them long over
    declaration = tmp_path / "declaration.yaml"
    declaration.write_text(DECLARATION.read_text(encoding="utf-8").replace(
        "from: [collected, last_connection, account_closed, last_purchase]", "from: collected"), encoding="utf-8")
    annotation = write_annotation(tmp_path)
    annotation.write_text(annotation.read_text(encoding="utf-8").replace(
        "{city: {data: contact}}", "{city: {data: contact}, last_update: {event: collected}}").replace(
        "{country: {data: contact}}", "{country: {data: contact}, last_update: {event: collected}}"),
        encoding="utf-8")
    env = {**env, "REGISTRE_DECLARATION": str(declaration), "REGISTRE_DATASETS": str(annotation)}
    lookups = {"address": "SELECT address_id, address, district, city_id, postal_code, phone FROM address",
               "city": OTHERS["city"], "country": OTHERS["country"]}
    before = read(url, lookups)

    [_, planned] = json.loads(registre(env, "retention", "plan", "--at", "2026-06-01", "--json").output)
    named = {t["table"] for t in planned["tasks"]} | {s["table"] for s in planned["skipped"]} | set(planned["endless"])
    assert named == {"customer", "rental", "payment"}
    [_, ran] = json.loads(registre(env, "retention", "run", "--at", "2026-06-01", "--json").output)
    assert {t["table"] for t in ran["tasks"]} == {"customer", "rental", "payment"}
    assert read(url, {"payment": "SELECT count(*) FROM payment"}) == {"payment": [(0,)]}  # the run did run
    assert read(url, lookups) == before  # not one address, city or country, used or not

    findings = json.loads(registre(env, "datasets", "check", "--json").output)["sakila"]
    assert not [f for f in findings if f["field"].split(".")[1:2] != ["customer"]], findings
