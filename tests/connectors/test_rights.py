"""Rights answered in the shop's own database, as staff do it with `registre requests`: the access package holds
the rows of every table, and after an erasure plain SQL finds none of the person's identifiers outside the rows
the law keeps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from registre.cli import app
from registre.config import get_settings
from registre.connectors.sample import build
from tests.conftest import EXAMPLES
from tests.fixtures.shop import Shop, identifiers_left

SHOP = EXAMPLES / "shop"
DECLARATION, ANNOTATION = SHOP / "declaration.yaml", SHOP / "datasets" / "shop.yaml"


@pytest.fixture
def env(shop: tuple[str, Shop], tmp_path: Path) -> dict[str, str]:
    """A new store, the shop's declaration, and its database connected."""
    url, _ = shop
    return {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION),
            "REGISTRE_DATASETS": str(ANNOTATION), "SHOP_DATABASE_URL": url, "REGISTRE_LANG": "en"}


def registre(env: dict[str, str], *args: str) -> Any:
    """Run the CLI as a new process would."""
    get_settings.cache_clear()
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result


def answer(env: dict[str, str], kind: str, who: str, out: Path, *extra: str) -> dict[str, Any]:
    """File a request for `who`, complete it, and return the request as shown."""
    filed = registre(env, "requests", "new", "--kind", kind, "--channel", "email", "--subject", f"email:{who}",
                     "--email", who, "--json", *extra)
    ref = json.loads(filed.output)["request"]["ref"]
    registre(env, "requests", "complete", ref, "-o", str(out))
    shown: dict[str, Any] = json.loads(registre(env, "requests", "show", ref, "--json").output)
    return shown


def test_access_gathers_every_table_the_person_is_in(env: dict[str, str], shop: tuple[str, Shop],
                                                     tmp_path: Path) -> None:
    _, built = shop
    shown = answer(env, "access", built.jeanne.email, tmp_path / "answer")
    package = json.loads((tmp_path / "answer" / "access.json").read_text())
    tables = {item["field"].split(".")[0] for item in package["data"]}
    assert tables == {"customers", "addresses", "orders", "payments", "invoices", "support_tickets",
                      "newsletter_subscriptions", "web_logs"}
    values = {item["field"]: item["value"] for item in package["data"]}
    assert values["customers.email"] == built.jeanne.email
    assert values["addresses.line1"] == built.jeanne.street
    by_activity = {item["activity"] for item in package["data"]}
    assert by_activity == {"customer_accounts", "orders", "payments", "accounting", "support", "newsletter",
                           "security_logs"}
    assert "Paul" not in json.dumps(package)
    [dataset] = shown["answer"]["datasets"]
    assert dataset["tables"]["orders"]["rows"] == 3
    assert dataset["tables"]["web_logs"]["rows"] == 4


def test_erasure_leaves_only_what_the_law_keeps(env: dict[str, str], shop: tuple[str, Shop], tmp_path: Path) -> None:
    url, built = shop
    before = identifiers_left(url, built.paul.identifiers)
    shown = answer(env, "erasure", built.jeanne.email, tmp_path / "answer")

    left = {table: n for table, n in identifiers_left(url, built.jeanne.identifiers).items() if n}
    assert left == {"invoices": 3}  # the billing name and address, kept ten years (C. com. L123-22)
    assert identifiers_left(url, built.paul.identifiers) == before  # nobody else was touched

    [dataset] = shown["answer"]["datasets"]
    tables = dataset["tables"]
    assert tables["invoices"] == {"kept": 3, "exception": "Art. 17(3)(b)", "activity": "accounting",
                                  "restricted": 0}
    assert tables["payments"]["deleted"] == 3
    assert tables["web_logs"]["deleted"] == 4
    assert tables["orders"]["erased_in_place"] == 3
    assert tables["customers"] == {"deleted": 0, "erased_in_place": 1}  # the invoices still point to the row
    engine = create_engine(url)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT first_name, phone, birth_date, postcode, restricted "
                                      "FROM customers WHERE id = 1")).one()
        orders = connection.execute(text("SELECT customer_id, shipping_postcode FROM orders "
                                         "WHERE id IN (SELECT order_id FROM invoices WHERE customer_id = 1)")).all()
    engine.dispose()
    assert (row.first_name, row.phone, str(row.birth_date)[:10], row.postcode) == ("", None, "1984-01-01", "69")
    assert orders == [(None, "69")] * 3

    registre(env, "audit", "verify")
    store = create_engine(f"sqlite:///{tmp_path / 'registre.sqlite3'}")
    with store.connect() as connection:
        logged = connection.execute(text("SELECT target_ref, details FROM audit_entry "
                                         "WHERE action = 'dataset.statement'")).all()
        completed = connection.execute(text("SELECT details FROM audit_entry "
                                            "WHERE action = 'request.completed.erasure'")).scalar_one()
    store.dispose()
    # The log says what the erasure did in the shop, not only in the store.
    assert json.loads(completed)["datasets"] == [{"dataset": "shop", "tables": tables}]
    assert {target for target, _ in logged} == {"shop"}
    assert sum(json.loads(details)["rows"] for _, details in logged) >= 3 + 4 + 3 + 1
    assert built.jeanne.email not in " ".join(details for _, details in logged)  # statements, not values


def test_a_restriction_is_flagged_in_the_database_and_answered_to_its_systems(
        env: dict[str, str], shop: tuple[str, Shop], tmp_path: Path) -> None:
    url, built = shop
    answer(env, "restriction", built.jeanne.email, tmp_path / "answer", "--ground", "accuracy contested")
    engine = create_engine(url)
    with engine.connect() as connection:
        flagged = connection.scalar(text("SELECT restricted FROM customers WHERE id = 1"))
    engine.dispose()
    assert bool(flagged) is True

    from fastapi.testclient import TestClient

    from registre.app import create_app

    get_settings.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {**env, "REGISTRE_API_TOKEN": "t"}.items():
            patch.setenv(name, value)
        with TestClient(create_app(get_settings())) as client:
            answered = client.get(f"/api/subjects/email:{built.jeanne.email}/restrictions",
                                  headers={"Authorization": "Bearer t"}).json()
    assert [r["kind"] for r in answered["restrictions"]] == ["restriction"]


def test_rectification_changes_the_column_named(env: dict[str, str], shop: tuple[str, Shop], tmp_path: Path) -> None:
    url, built = shop
    answer(env, "rectification", built.jeanne.email, tmp_path / "answer", "--change", "customers.city=Villeurbanne")
    engine = create_engine(url)
    with engine.connect() as connection:
        city = connection.scalar(text("SELECT city FROM customers WHERE id = 1"))
        others = connection.scalar(text("SELECT count(*) FROM customers WHERE city = 'Villeurbanne'"))
    engine.dispose()
    assert (city, others) == ("Villeurbanne", 1)


@pytest.mark.parametrize("shop_url", ["sqlite"], indirect=True)  # the trigger is SQLite's; the handling is common
def test_a_database_that_refuses_the_erasure_stops_it_and_what_was_done_before_is_audited(
        shop: tuple[str, Shop], tmp_path: Path) -> None:
    url, built = shop
    second = f"sqlite:///{tmp_path / 'second.sqlite3'}"
    engine = create_engine(second)
    build(engine)
    with engine.begin() as connection:
        connection.execute(text("CREATE TRIGGER keep_logs BEFORE DELETE ON web_logs "
                                "BEGIN SELECT RAISE(ABORT, 'web logs are append-only'); END"))
    engine.dispose()
    folder = tmp_path / "datasets"
    folder.mkdir()
    text_of = ANNOTATION.read_text()
    (folder / "a.yaml").write_text(text_of)
    (folder / "b.yaml").write_text(text_of.replace("dataset: shop", "dataset: second").replace(
        "url_env: SHOP_DATABASE_URL", "url_env: SECOND_DATABASE_URL"))
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION), "REGISTRE_LANG": "en",
           "REGISTRE_DATASETS": str(folder), "SHOP_DATABASE_URL": url, "SECOND_DATABASE_URL": second}
    filed = registre(env, "requests", "new", "--kind", "erasure", "--channel", "email", "--subject",
                     f"email:{built.jeanne.email}", "--email", built.jeanne.email, "--json")
    ref = json.loads(filed.output)["request"]["ref"]
    get_settings.cache_clear()
    refused = CliRunner().invoke(app, ["requests", "complete", ref], env=env)
    assert refused.exit_code == 1
    assert isinstance(refused.exception, SystemExit)
    assert "refused a statement" in refused.output
    assert not any(identifiers_left(url, [built.jeanne.email]).values())  # the first database was erased
    store = create_engine(f"sqlite:///{tmp_path / 'registre.sqlite3'}")
    with store.connect() as connection:
        audited = connection.execute(text("SELECT DISTINCT target_ref FROM audit_entry "
                                          "WHERE action = 'dataset.statement'")).scalars().all()
    store.dispose()
    assert audited == ["shop"]  # recorded although the request could not be completed
    assert json.loads(registre(env, "requests", "show", ref, "--json").output)["status"] == "open"
