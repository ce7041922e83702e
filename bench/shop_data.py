"""Fill a PostgreSQL database with the online shop of tests/fixtures/shop.py at scale, for issue 4's benchmark.

The same schema and the same named people as the tests (Jeanne Martin is customer 1, Paul Durand customer 2,
Awa Diallo a prospect), then N customers in all and about 10.7 rows per customer over the other tables, made by
INSERT ... SELECT over generate_series with a hash of the row number as the random source (the same N gives the
same rows). Secondary indexes are dropped before the load and built after it; the foreign keys are declared but,
the load running as `session_replication_role = replica` (the role must be a superuser), not checked row by row.
The database is dropped and created first; VACUUM ANALYZE at the end, so that the runs that follow do not pay for
setting the hint bits of fresh rows.

    python bench/shop_data.py                                  # 1,000,000 customers, 11.7 M rows, 2 minutes
    python bench/shop_data.py --customers 10000 --url postgresql+psycopg://postgres@127.0.0.1:5432/shop_small

Rows due for retention on TODAY (2026-11-23), as tests/fixtures/shop.py's RULES and due_counts() define them;
the script prints the counts (shares for 1,000,000 customers, see bench/README.md for the figures):

- web_logs: 1 year after `at` (cutoff 2025-11-23). Customers' visits fall between 2023-01-01 (or their sign-up)
  and their closing; anonymous visits between 2023-01-01 and today: about two thirds are due.
- payments: 13 months after `paid_at` (cutoff 2025-10-23): every payment before it, most of them.
- orders and their order_lines: 3 years after the customer's last purchase (a guest order: after itself).
- customers and their addresses: 3 years after the end of the relationship (the latest of creation, last login,
  closing and last order): mostly accounts closed before 2023-11-23 or not used since.
- invoices: 10 years after the close of the financial year (the calendar year) of `issued_at`, so those issued
  before 2016-01-01; the others are kept by law (Code de commerce L123-22), even for erased customers.
- support_tickets: 3 years after `opened_at`.
- newsletter_subscriptions: 3 years after the latest of `subscribed_at` and `unsubscribed_at`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import ARRAY, Connection, DateTime, Text, bindparam, create_engine, func, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the schema and the named people are the tests' fixture, not a copy of it

from store import fresh_database
from tests.fixtures.shop import (
    AGENTS,
    CITIES,
    FIRST_NAMES,
    LAST_NAMES,
    NOW,
    PATHS,
    ROW_TABLES,
    RULES,
    SKUS,
    STREETS,
    TICKETS,
    ascii_name,
    build_shop,
    due_counts,
    reset_sequences,
    shop_metadata,
)

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/registre_bench"

# Session-local helpers (pg_temp): a uniform number in [0, 1) from a row number and a salt, and picks from arrays.
FUNCTIONS = """
CREATE FUNCTION pg_temp.rnd(n bigint, salt int) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT (hashint8(n * 1000 + salt)::bigint & 2147483647)::float8 / 2147483648.0 $$;
CREATE FUNCTION pg_temp.idx(n bigint, salt int, size int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT 1 + floor(pg_temp.rnd(n, salt) * size)::int $$;
CREATE FUNCTION pg_temp.pick(arr text[], n bigint, salt int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT arr[pg_temp.idx(n, salt, cardinality(arr))] $$;
CREATE FUNCTION pg_temp.between(a timestamp, b timestamp, r float8) RETURNS timestamp LANGUAGE sql IMMUTABLE AS
  $$ SELECT date_trunc('second', a + (b - a) * r) $$;
CREATE FUNCTION pg_temp.nlines(o bigint) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT pg_temp.idx(o, 20, 3) $$;
CREATE FUNCTION pg_temp.qty(o bigint, n int) RETURNS int LANGUAGE sql IMMUTABLE AS
  $$ SELECT pg_temp.idx(o * 4 + n, 21, 3) $$;
CREATE FUNCTION pg_temp.price(o bigint, n int) RETURNS int LANGUAGE sql IMMUTABLE AS
  $$ SELECT 500 + 10 * floor(pg_temp.rnd(o * 4 + n, 22) * 1150)::int $$;
CREATE FUNCTION pg_temp.street(n bigint, streets text[]) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT pg_temp.idx(n, 40, 120) || ' ' || pg_temp.pick(streets, n, 41) $$;
CREATE FUNCTION pg_temp.ip(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT (79 + pg_temp.idx(n, 42, 16)) || '.' || (pg_temp.idx(n, 43, 256) - 1) || '.'
            || (pg_temp.idx(n, 44, 256) - 1) || '.' || pg_temp.idx(n, 45, 254) $$;
CREATE FUNCTION pg_temp.iban(n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT 'FR' || lpad((98 - ((b || '152700')::numeric % 97))::text, 2, '0') || b
     FROM (SELECT lpad((n % 100000)::text, 5, '0') || '00010' || lpad(n::text, 11, '0') || '00' AS b) AS bban $$;
"""

# Each step reads :base (the highest id of its table before it), :cbase and :obase (customers and orders written
# by build_shop) and the arrays; :m is the number of customers to add.
STEPS: list[tuple[str, str]] = [
    ("customers", """
INSERT INTO customers (id, customer_number, email, first_name, last_name, phone, birth_date, postcode, city,
                       created_at, last_login_at, closed_at)
SELECT id, 'C' || lpad(id::text, 7, '0'),
       ascii_first[fi] || '.' || ascii_last[li] || '.' || id || '@example.' || (ARRAY['com', 'fr', 'net'])[1 + id % 3],
       firsts[fi], lasts[li],
       CASE WHEN id % 2 = 0
            THEN '07 ' || substr(d, 1, 2) || ' ' || substr(d, 3, 2) || ' ' || substr(d, 5, 2) || ' ' || substr(d, 7, 2)
            ELSE '+337' || d END,
       date '1940-01-01' + pg_temp.idx(id, 4, 25000), postcodes[ci], cities[ci], created,
       CASE WHEN pg_temp.rnd(id, 6) < 0.85 THEN pg_temp.between(created, coalesce(closed, :now), pg_temp.rnd(id, 7))
       END,
       closed
FROM (SELECT *, CASE WHEN pg_temp.rnd(id, 8) < 0.2 THEN pg_temp.between(created, :now, pg_temp.rnd(id, 9)) END
                AS closed
      FROM (SELECT g + :base AS id, pg_temp.idx(g + :base, 1, cardinality(:firsts)) AS fi,
                   pg_temp.idx(g + :base, 2, cardinality(:lasts)) AS li,
                   pg_temp.idx(g + :base, 3, cardinality(:cities)) AS ci,
                   lpad(floor(pg_temp.rnd(g + :base, 5) * 1e8)::bigint::text, 8, '0') AS d,
                   pg_temp.between(timestamp '2012-01-01', :now - interval '20 days', pg_temp.rnd(g + :base, 10))
                   AS created,
                   CAST(:firsts AS text[]) AS firsts, CAST(:lasts AS text[]) AS lasts,
                   CAST(:ascii_firsts AS text[]) AS ascii_first, CAST(:ascii_lasts AS text[]) AS ascii_last,
                   CAST(:postcodes AS text[]) AS postcodes, CAST(:cities AS text[]) AS cities
            FROM generate_series(1, :m) AS g) AS drawn) AS closing
"""),
    ("addresses", """
INSERT INTO addresses (customer_id, line1, postcode, city, country)
SELECT id, pg_temp.street(id, :streets), postcode, city, 'FR' FROM customers WHERE id > :cbase
"""),
    ("orders", """
INSERT INTO orders (id, customer_id, placed_at, total_cents, shipping_postcode, status)
SELECT o.id, o.customer_id, o.placed_at,
       (SELECT sum(pg_temp.qty(o.id, n) * pg_temp.price(o.id, n)) FROM generate_series(1, pg_temp.nlines(o.id)) n),
       o.postcode,
       CASE WHEN pg_temp.rnd(o.id, 11) < 0.05 THEN 'cancelled'
            WHEN o.placed_at > :now - interval '7 days' THEN 'shipped' ELSE 'delivered' END
FROM (SELECT :base + row_number() OVER (ORDER BY c.id, s.n) AS id, c.id AS customer_id, c.postcode,
             pg_temp.between(c.created_at, coalesce(c.closed_at, :now), pg_temp.rnd(c.id * 8 + s.n, 12)) AS placed_at
      FROM customers AS c CROSS JOIN LATERAL generate_series(1, floor(pg_temp.rnd(c.id, 13) * 3.1)::int) AS s(n)
      WHERE c.id > :cbase) AS o
"""),
    ("orders (guests)", """
INSERT INTO orders (id, guest_email, placed_at, total_cents, shipping_postcode, status)
SELECT id, pg_temp.pick(:ascii_firsts, id, 30) || '.' || pg_temp.pick(:ascii_lasts, id, 31) || '.invite' || id
           || '@example.net',
       placed_at,
       (SELECT sum(pg_temp.qty(id, n) * pg_temp.price(id, n)) FROM generate_series(1, pg_temp.nlines(id)) n),
       pg_temp.pick(:postcodes, id, 32),
       CASE WHEN pg_temp.rnd(id, 11) < 0.05 THEN 'cancelled'
            WHEN placed_at > :now - interval '7 days' THEN 'shipped' ELSE 'delivered' END
FROM (SELECT g + :base AS id, pg_temp.between(timestamp '2012-01-01', :now, pg_temp.rnd(g + :base, 33)) AS placed_at
      FROM generate_series(1, :m / 7) AS g) AS o
"""),
    ("order_lines", """
INSERT INTO order_lines (order_id, product_sku, quantity, unit_price_cents)
SELECT o.id, pg_temp.pick(:skus, o.id * 4 + n, 23), pg_temp.qty(o.id, n), pg_temp.price(o.id, n)
FROM orders AS o CROSS JOIN LATERAL generate_series(1, pg_temp.nlines(o.id)) AS n WHERE o.id > :obase
"""),
    ("payments", """
INSERT INTO payments (order_id, paid_at, amount_cents, card_last4, iban)
SELECT id, placed_at + pg_temp.idx(id, 24, 30) * interval '1 minute', total_cents,
       CASE WHEN pg_temp.rnd(id, 25) >= 0.15 THEN lpad((pg_temp.idx(id, 26, 10000) - 1)::text, 4, '0') END,
       CASE WHEN pg_temp.rnd(id, 25) < 0.15 THEN pg_temp.iban(id) END
FROM orders WHERE id > :obase AND status <> 'cancelled'
"""),
    ("invoices", """
INSERT INTO invoices (customer_id, order_id, number, issued_at, billing_name, billing_address, total_cents)
SELECT o.customer_id, o.id, 'F' || extract(year FROM o.placed_at) || '-' || lpad(o.id::text, 8, '0'),
       o.placed_at::date,
       coalesce(c.first_name || ' ' || c.last_name,
                pg_temp.pick(:firsts, o.id, 30) || ' ' || pg_temp.pick(:lasts, o.id, 31)),
       coalesce(pg_temp.street(c.id, :streets) || ', ' || c.postcode || ' ' || c.city,
                pg_temp.street(o.id, :streets) || ', ' || o.shipping_postcode || ' '
                || (CAST(:cities AS text[]))[array_position(CAST(:postcodes AS text[]), o.shipping_postcode)]),
       o.total_cents
FROM orders AS o LEFT JOIN customers AS c ON c.id = o.customer_id
WHERE o.id > :obase AND o.status <> 'cancelled'
"""),
    ("support_tickets", """
INSERT INTO support_tickets (customer_id, opened_at, subject, body)
SELECT id, pg_temp.between(created_at, coalesce(closed_at, :now), pg_temp.rnd(id, 34)),
       (CAST(:subjects AS text[]))[k],
       (CAST(:bodies AS text[]))[k] || CASE WHEN pg_temp.rnd(id, 35) < 0.3
                                       THEN ' Vous pouvez me joindre au ' || phone || ' ou à ' || email || '.'
                                       ELSE '' END
FROM (SELECT *, pg_temp.idx(id, 36, cardinality(:subjects)) AS k FROM customers
      WHERE id > :cbase AND pg_temp.rnd(id, 37) < 0.3) AS c
"""),
    ("newsletter_subscriptions", """
INSERT INTO newsletter_subscriptions (email, customer_id, subscribed_at, unsubscribed_at, source)
SELECT email, id, subscribed,
       CASE WHEN pg_temp.rnd(id, 38) < 0.3 THEN pg_temp.between(subscribed, coalesce(closed_at, :now),
                                                                pg_temp.rnd(id, 39)) END,
       'inscription'
FROM (SELECT *, pg_temp.between(created_at, coalesce(closed_at, :now), pg_temp.rnd(id, 46)) AS subscribed
      FROM customers WHERE id > :cbase AND pg_temp.rnd(id, 47) < 0.45) AS c
"""),
    ("newsletter_subscriptions (prospects)", """
INSERT INTO newsletter_subscriptions (email, subscribed_at, source)
SELECT 'prospect' || g || '@example.org', pg_temp.between(timestamp '2019-01-01', :now, pg_temp.rnd(g, 48)),
       pg_temp.pick(ARRAY['salon', 'jeu-concours', 'site'], g, 49)
FROM generate_series(1, :m * 15 / 100) AS g
"""),
    ("web_logs", """
INSERT INTO web_logs (customer_id, ip, at, path, user_agent)
SELECT c.id, pg_temp.ip(c.id),
       pg_temp.between(greatest(c.created_at, timestamp '2023-01-01'), coalesce(c.closed_at, :now),
                       pg_temp.rnd(c.id * 8 + s.n, 50)),
       pg_temp.pick(:paths, c.id * 8 + s.n, 51), pg_temp.pick(:agents, c.id * 8 + s.n, 52)
FROM customers AS c CROSS JOIN LATERAL generate_series(1, floor(pg_temp.rnd(c.id, 53) * 5)::int) AS s(n)
WHERE c.id > :cbase AND coalesce(c.closed_at, :now) > timestamp '2023-01-01'
"""),
    ("web_logs (anonymous)", """
INSERT INTO web_logs (ip, at, path, user_agent)
SELECT pg_temp.ip(-g), pg_temp.between(timestamp '2023-01-01', :now, pg_temp.rnd(-g, 54)),
       pg_temp.pick(:paths, -g, 55), pg_temp.pick(:agents, -g, 56)
FROM generate_series(1, :m) AS g
"""),
]


def arrays() -> dict[str, Any]:
    """The word lists of the fixture, as bound arrays."""
    return {
        "firsts": FIRST_NAMES, "lasts": LAST_NAMES, "ascii_firsts": [ascii_name(name) for name in FIRST_NAMES],
        "ascii_lasts": [ascii_name(name) for name in LAST_NAMES], "postcodes": [code for code, _ in CITIES],
        "cities": [city for _, city in CITIES], "streets": STREETS, "skus": SKUS, "paths": PATHS, "agents": AGENTS,
        "subjects": [subject for subject, _ in TICKETS], "bodies": [body for _, body in TICKETS],
    }


@contextmanager
def timed(label: str) -> Iterator[None]:
    """Print how long the block took."""
    started = time.perf_counter()
    yield
    print(f"  {label:<40} {time.perf_counter() - started:7.1f} s", flush=True)


def load(connection: Connection, customers: int) -> None:
    """Add customers (up to `customers` in all) and their rows after the ones build_shop wrote."""
    connection.execute(text("SET LOCAL session_replication_role = replica"))
    for statement in FUNCTIONS.split(";\n"):
        if statement.strip():
            connection.execute(text(statement))
    start = {name: connection.scalar(text(f"SELECT coalesce(max(id), 0) FROM {name}")) for name in ROW_TABLES}
    words = arrays()
    params: dict[str, Any] = {**words, "now": NOW, "cbase": start["customers"], "obase": start["orders"],
                              "m": customers - start["customers"]}
    for label, sql in STEPS:
        table = label.split(" ")[0]
        base = connection.scalar(text(f"SELECT coalesce(max(id), 0) FROM {table}"))
        statement = text(sql).bindparams(*(bindparam(name, type_=ARRAY(Text)) for name in words if f":{name}" in sql))
        if ":now" in sql:
            statement = statement.bindparams(bindparam("now", type_=DateTime))
        with timed(label):
            connection.execute(statement, {**params, "base": base})


def main() -> None:
    """Build the shop at scale and print the time taken, the rows per table and the rows due per rule."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--url", default=DEFAULT_URL, help="PostgreSQL URL (the database is dropped and created)")
    args = parser.parse_args()
    began = time.perf_counter()
    engine = create_engine(fresh_database(args.url, ROOT))
    metadata = shop_metadata()
    indexes = [index for table in metadata.sorted_tables for index in table.indexes]
    with timed("schema and named people"):
        build_shop(engine, others=0)
    with engine.begin() as connection:
        for index in indexes:
            connection.execute(text(f'DROP INDEX "{index.name}"'))
        load(connection, args.customers)
    with engine.begin() as connection, timed(f"{len(indexes)} indexes"):
        connection.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))
        for index in indexes:
            index.create(connection)
        reset_sequences(connection)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection, timed("VACUUM ANALYZE"):
        connection.execute(text("VACUUM ANALYZE"))
    loaded = time.perf_counter() - began
    with engine.connect() as connection:
        counts = {name: connection.scalar(select(func.count()).select_from(metadata.tables[name])) or 0
                  for name in ROW_TABLES}
        due = due_counts(connection)
        size = connection.scalar(text("SELECT pg_size_pretty(pg_database_size(current_database()))"))
    engine.dispose()
    print(f"built in {loaded:.1f} s: {sum(counts.values()):,} rows ({size})")
    print(f"{'table':<26} {'rows':>11} {'due':>11}  rule")
    for name in ROW_TABLES:
        print(f"{name:<26} {counts[name]:>11,} {due[name]:>11,}  {RULES[name]}")


if __name__ == "__main__":
    main()
