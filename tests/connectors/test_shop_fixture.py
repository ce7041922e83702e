"""The shop database the connector tests use builds on SQLite, PostgreSQL and MariaDB, and the check finds people."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Executable, create_engine, func, select, text

from tests.fixtures.shop import Shop, build_shop, identifiers_left, shop_metadata

T = shop_metadata().tables


def rows(url: str, statement: str | Executable, **params: object) -> list[tuple[object, ...]]:
    """What a user sees with plain SQL (typed through the schema when given a statement of it)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            query = text(statement) if isinstance(statement, str) else statement
            return [tuple(row) for row in connection.execute(query, params)]
    finally:
        engine.dispose()


def test_the_named_people_are_there(shop: tuple[str, Shop]) -> None:
    url, built = shop
    jeanne, paul, awa = built.jeanne, built.paul, built.awa
    assert rows(url, "SELECT id, first_name, last_name, phone, closed_at FROM customers WHERE email = :email",
                email=jeanne.email) == [(jeanne.id, "Jeanne", "Martin", "06 12 34 56 78", None)]
    assert rows(url, "SELECT count(*) FROM orders WHERE customer_id = :id", id=jeanne.id) == [(3,)]
    closed = select(T["customers"].c.closed_at).where(T["customers"].c.id == paul.id)
    assert rows(url, closed) == [(dt.datetime(2021, 5, 10, 9),)]
    assert rows(url, "SELECT count(*) FROM customers WHERE email = :email", email=awa.email) == [(0,)]
    assert rows(url, "SELECT customer_id, source FROM newsletter_subscriptions WHERE email = :email",
                email=awa.email) == [(None, "salon")]
    assert rows(url, "SELECT count(*) FROM web_logs WHERE ip = :ip AND customer_id IS NULL", ip=awa.ip) == [(3,)]


def test_counts_are_those_of_the_database_and_every_rule_has_rows_due_and_kept(shop: tuple[str, Shop]) -> None:
    url, built = shop
    for table, count in built.counts.items():
        assert rows(url, f"SELECT count(*) FROM {table}") == [(count,)], table
        assert 0 < built.due[table] < count, table
    logs = T["web_logs"]
    old_logs = select(func.count()).select_from(logs).where(logs.c.at < dt.datetime(2025, 11, 23))
    assert rows(url, old_logs) == [(built.due["web_logs"],)]
    invoices = T["invoices"]
    paul_invoices = select(invoices.c.issued_at).where(invoices.c.customer_id == built.paul.id).order_by("issued_at")
    assert [day for (day,) in rows(url, paul_invoices)] == [
        dt.date(2015, 11, 20), dt.date(2018, 7, 3), dt.date(2020, 11, 27)]


def test_new_rows_take_the_next_id(shop: tuple[str, Shop]) -> None:
    url, built = shop
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO customers (customer_number, email, first_name, last_name, created_at)"
                                    " VALUES ('C9999999', 'new@example.fr', 'Nouveau', 'Client', '2026-11-23')"))
            connection.execute(text("INSERT INTO web_logs (ip, at, path, user_agent)"
                                    " VALUES ('192.0.2.1', '2026-11-23', '/', 'curl')"))
    finally:
        engine.dispose()
    customers = T["customers"]
    new = select(customers.c.id, customers.c.restricted).where(customers.c.customer_number == "C9999999")
    assert rows(url, new) == [
        (built.counts["customers"] + 1, False)]
    assert rows(url, "SELECT id FROM web_logs WHERE ip = '192.0.2.1'") == [(built.counts["web_logs"] + 1,)]


def test_identifiers_left_finds_jeanne_where_she_is_and_nowhere_else(shop: tuple[str, Shop]) -> None:
    url, built = shop
    by_email = identifiers_left(url, [built.jeanne.email])
    assert {table: count for table, count in by_email.items() if count} == {
        "customers": 1, "support_tickets": 2, "newsletter_subscriptions": 1}
    assert set(by_email) == set(built.counts)
    everything = identifiers_left(url, built.jeanne.identifiers)
    assert {table: count for table, count in everything.items() if count} == {
        "customers": 1, "addresses": 1, "payments": 1, "invoices": 3, "support_tickets": 2,
        "newsletter_subscriptions": 1, "web_logs": 4}
    assert identifiers_left(url, built.jeanne.identifiers, tables=["support_tickets"]) == {"support_tickets": 2}


def test_identifiers_left_sees_a_plain_delete_and_takes_values_literally(shop: tuple[str, Shop]) -> None:
    url, built = shop
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM support_tickets WHERE customer_id = :id"), {"id": built.jeanne.id})
    finally:
        engine.dispose()
    assert identifiers_left(url, [built.jeanne.email])["support_tickets"] == 0
    assert not any(identifiers_left(url, ["jeanne_martin@example.fr", "%"]).values())
    assert identifiers_left(url, [built.jeanne.email.upper()])["customers"] == 1


def test_the_same_seed_gives_the_same_shop(tmp_path: Path) -> None:
    shops = []
    for name in ("a", "b", "c"):
        engine = create_engine(f"sqlite:///{tmp_path / name}.sqlite3")
        shops.append(build_shop(engine, others=60, seed=3 if name != "c" else 4))
        engine.dispose()
    assert shops[0] == shops[1]
    assert shops[0].counts != shops[2].counts
    assert shops[0].counts["customers"] == 62
