"""Paris je t'aime's retention rules, as its declaration writes them, on a connected database (SQLite, PostgreSQL,
MariaDB): the exception keeps a 150 EUR online contract ten years where the general rule says five; disputed bank
details are archived on completion and purged 13 months after the debit; undisputed ones go on completion; those the
customer agreed to keep have no determinable end; an obligation to keep holds past a shorter limit."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Boolean, Column, Date, Integer, MetaData, Numeric, String, Table, create_engine, text

from tests.connectors.test_rights import registre

EXAMPLE = Path(__file__).parents[2] / "examples" / "paris-je-taime.yaml"
ANNOTATION = """\
dataset: boutique
connection: {url_env: BOUTIQUE_URL}
tables:
  contracts:
    activity: contract_follow_up
    columns:
      customer_email: {identity: email, data: contact}
      customer_name: {data: identification}
      amount_eur: {data: transaction_data, attribute: amount_eur}
      online: {attribute: concluded_electronically}
      concluded_on: {event: contract_concluded}
  cards:
    activity: invoicing
    columns:
      iban: {data: bank_details}
      disputed: {attribute: transaction_disputed}
      storage_agreed: {attribute: bank_details_storage_agreed}
      completed_on: {event: transaction_completed}
      debited_on: {event: debit}
archive:
  url_env: BOUTIQUE_ARCHIVE_URL
  readers: [dpo]
"""
CONTRACTS = [  # id, amount, online, concluded
    (1, 150, True, dt.date(2015, 3, 1)),
    (2, 150, False, dt.date(2015, 3, 1)),
    (3, 100, True, dt.date(2015, 3, 1)),
    (4, 120, True, dt.date(2015, 3, 1)),  # exactly 120: the seed says "more than", the law "120 or more"
]
CARDS = [  # id, disputed, agreed, completed, debited
    (1, False, False, dt.date(2025, 1, 10), dt.date(2025, 1, 12)),
    (2, True, False, dt.date(2025, 1, 10), dt.date(2025, 1, 12)),
    (3, False, True, dt.date(2025, 1, 10), dt.date(2025, 1, 12)),
    (4, None, False, dt.date(2025, 1, 10), dt.date(2025, 1, 12)),  # not known whether disputed: archived too
]


@pytest.fixture
def env(shop_url: str, tmp_path: Path) -> dict[str, str]:
    """Paris je t'aime's declaration and a small database of its contracts and bank details."""
    metadata = MetaData()
    Table("contracts", metadata, Column("id", Integer, primary_key=True), Column("customer_email", String(200)),
          Column("customer_name", String(200)), Column("amount_eur", Numeric(10, 2)), Column("online", Boolean),
          Column("concluded_on", Date))
    Table("cards", metadata, Column("id", Integer, primary_key=True), Column("iban", String(40)),
          Column("disputed", Boolean), Column("storage_agreed", Boolean), Column("completed_on", Date),
          Column("debited_on", Date))
    engine = create_engine(shop_url)
    metadata.create_all(engine)
    with engine.begin() as connection:
        for number, amount, online, day in CONTRACTS:
            connection.execute(metadata.tables["contracts"].insert().values(
                id=number, customer_email=f"c{number}@example.fr", customer_name=f"Client {number}",
                amount_eur=amount, online=online, concluded_on=day))
        for number, disputed, agreed, completed, debited in CARDS:
            connection.execute(metadata.tables["cards"].insert().values(
                id=number, iban=f"FR76{number:023d}", disputed=disputed, storage_agreed=agreed,
                completed_on=completed, debited_on=debited))
    engine.dispose()
    annotation = tmp_path / "datasets"
    annotation.mkdir()
    (annotation / "boutique.yaml").write_text(ANNOTATION, encoding="utf-8")
    return {"REGISTRE_DATA_DIR": str(tmp_path / "store"), "REGISTRE_DECLARATION": str(EXAMPLE),
            "REGISTRE_DATASETS": str(annotation), "BOUTIQUE_URL": shop_url, "REGISTRE_LANG": "en",
            "BOUTIQUE_ARCHIVE_URL": f"sqlite:///{tmp_path / 'archive.sqlite3'}"}


def run(env: dict[str, str], day: str, command: str = "run") -> dict[str, Any]:
    """The connected dataset's part of `retention run|plan --at day`."""
    report = json.loads(registre(env, "retention", command, "--at", day, "--json").output)
    [part] = [p for p in report if p["dataset"] == "boutique"]
    return dict(part)


def named(env: dict[str, str]) -> set[int]:
    """The contracts that still name their customer."""
    engine = create_engine(env["BOUTIQUE_URL"])
    with engine.connect() as connection:
        found = set(connection.scalars(text("SELECT id FROM contracts WHERE customer_email IS NOT NULL")))
    engine.dispose()
    return found


def cards(env: dict[str, str], url: str = "BOUTIQUE_URL") -> set[int]:
    """The bank details left (in the database, or in the archive)."""
    engine = create_engine(env[url])
    with engine.connect() as connection:
        found = set(connection.scalars(text("SELECT id FROM cards")))
    engine.dispose()
    return found


def test_the_exception_keeps_an_online_contract_of_150_euros_ten_years(env: dict[str, str]) -> None:
    run(env, "2021-03-02")  # six years on: only the contracts under the five-year rule go
    assert named(env) == {1}  # 150 EUR online kept; exactly 120 goes, as the seed's "more than" says (the lint tells)
    run(env, "2025-02-28")
    assert named(env) == {1}
    run(env, "2025-03-01")  # ten years from the conclusion
    assert named(env) == set()


def test_disputed_bank_details_are_archived_until_13_months_after_the_debit(env: dict[str, str]) -> None:
    planned = run(env, "2025-01-11", "plan")
    assert planned["endless"]["cards"] == 1  # the agreed card: kept with no determinable end
    run(env, "2025-01-11")
    assert cards(env) == {3}  # the undisputed one went on completion; the disputed one is in the archive, and so
    assert cards(env, "BOUTIQUE_ARCHIVE_URL") == {2, 4}  # is the one that may be disputed
    run(env, "2026-02-11")
    assert cards(env, "BOUTIQUE_ARCHIVE_URL") == {2, 4}
    run(env, "2026-02-12")  # 13 months after the debit: a maximum, acted on by its last day
    assert cards(env, "BOUTIQUE_ARCHIVE_URL") == set()
    assert cards(env) == {3}


def test_an_erasure_keeps_the_rows_an_obligation_still_holds(env: dict[str, str], tmp_path: Path) -> None:
    # The same declaration, its ten-year rule made the obligation of Code de la consommation L213-1 it is.
    text_ = EXAMPLE.read_text(encoding="utf-8").replace(
        "        duration: 10 years\n        from: contract_concluded\n",
        "        duration: 10 years\n        from: contract_concluded\n        kind: obligation\n"
        "        law: Code de la consommation L213-1\n", 1)
    declaration = tmp_path / "paris.yaml"
    declaration.write_text(text_.replace("op: gt, value: 120", "op: ge, value: 120"), encoding="utf-8")
    env = {**env, "REGISTRE_DECLARATION": str(declaration)}
    engine = create_engine(env["BOUTIQUE_URL"])
    with engine.begin() as connection:
        for number, amount, online in ((11, 150, True), (12, 150, False)):
            connection.execute(text("INSERT INTO contracts (id, customer_email, customer_name, amount_eur, online, "
                                    "concluded_on) VALUES (:id, 'late@example.fr', 'Late', :amount, :online, "
                                    ":day)"), {"id": number, "amount": amount, "online": online,
                                               "day": dt.date(2024, 5, 2)})
    engine.dispose()
    filed = registre(env, "requests", "new", "--kind", "erasure", "--channel", "email", "--subject",
                     "email:late@example.fr", "--email", "late@example.fr", "--json")
    ref = json.loads(filed.output)["request"]["ref"]
    registre(env, "requests", "complete", ref)
    left = named(env)
    assert 11 in left  # the online contract of 150 EUR stays, named, ten years
    assert 12 not in left
