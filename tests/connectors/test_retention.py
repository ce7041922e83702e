"""`registre retention plan|run` on the shop's own database: the plan counts what the rules make due and changes
nothing; the run deletes, anonymises and archives it, leaves what is not due and what a legal hold keeps, and a run
killed at any point finishes when started again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, select, text
from typer.testing import CliRunner

from registre.cli import app
from registre.config import get_settings
from tests.connectors.test_rights import ANNOTATION, DECLARATION, registre
from tests.fixtures.shop import TODAY, Shop, due_counts, shop_metadata

AT = TODAY.isoformat()
TASKS = {"customers": "delete", "addresses": "delete", "orders": "anonymise", "payments": "delete",
         "invoices": "archive", "support_tickets": "delete", "newsletter_subscriptions": "delete",
         "web_logs": "delete"}


@pytest.fixture
def env(shop: tuple[str, Shop], tmp_path: Path) -> dict[str, str]:
    """A new store, the shop's declaration, its database connected, and an archive database of its own."""
    url, _ = shop
    return {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION),
            "REGISTRE_DATASETS": str(ANNOTATION), "SHOP_DATABASE_URL": url, "REGISTRE_LANG": "en",
            "SHOP_ARCHIVE_URL": f"sqlite:///{tmp_path / 'archive.sqlite3'}", "REGISTRE_RETENTION_BATCH": "7"}


def shop_part(output: str) -> dict[str, Any]:
    """The shop's part of a retention report (the built-in store comes first)."""
    report = json.loads(output)
    assert [part["dataset"] for part in report] == ["store", "shop"]
    [shop] = [part for part in report if part["dataset"] == "shop"]
    return shop


def plan(env: dict[str, str]) -> dict[str, dict[str, Any]]:
    """The plan's tasks by table."""
    dataset = shop_part(registre(env, "retention", "plan", "--at", AT, "--json").output)
    return {task["table"]: task for task in dataset["tasks"] if task["action"] != "purge_archive"}


def counts(url: str) -> dict[str, int]:
    """Rows per table, with plain SQL."""
    engine = create_engine(url)
    with engine.connect() as connection:
        found = {name: connection.scalar(select(func.count()).select_from(table)) or 0
                 for name, table in shop_metadata().tables.items()}
    engine.dispose()
    return found


def test_the_plan_counts_the_rows_due_and_changes_nothing(env: dict[str, str], shop: tuple[str, Shop]) -> None:
    url, built = shop
    before = counts(url)
    tasks = plan(env)
    assert {table: task["action"] for table, task in tasks.items()} == TASKS
    for table, task in tasks.items():
        assert task["due"] + task.get("blocked", 0) == built.due[table], table
    assert tasks["customers"]["blocked"] >= 1  # Paul: his invoices, kept ten years, still point to him
    assert counts(url) == before


def test_a_run_leaves_nothing_due_and_keeps_the_rest(env: dict[str, str], shop: tuple[str, Shop],
                                                     tmp_path: Path) -> None:
    url, built = shop
    before = counts(url)
    dataset = shop_part(registre(env, "retention", "run", "--at", AT, "--json").output)
    done = {task["table"]: task for task in dataset["tasks"] if task["action"] != "purge_archive"}
    [purged] = [task["purged"] for task in dataset["tasks"] if task["action"] == "purge_archive"]

    after = counts(url)
    for table in ("web_logs", "payments", "support_tickets", "newsletter_subscriptions", "addresses"):
        assert after[table] == before[table] - built.due[table], table
    assert after["orders"] == before["orders"]  # anonymised, not deleted
    again = plan(env)
    assert all(task["due"] == 0 for task in again.values())
    # due customers whose invoices (kept ten years) still point to them stay, Paul among them
    assert after["customers"] == before["customers"] - built.due["customers"] + again["customers"]["blocked"]

    engine = create_engine(url)
    with engine.connect() as connection:
        anonymised = connection.execute(text("SELECT shipping_postcode, placed_at FROM orders "
                                             "WHERE customer_id IS NULL AND guest_email IS NULL")).all()
        jeanne = connection.scalar(text("SELECT count(*) FROM web_logs WHERE customer_id = 1"))
        paul = connection.scalar(text("SELECT count(*) FROM customers c WHERE id = 2 AND EXISTS "
                                      "(SELECT 1 FROM invoices i WHERE i.customer_id = c.id)"))
        fresh = due_counts(connection)
    engine.dispose()
    assert len(anonymised) == done["orders"]["rows"]
    assert all(postcode is None or len(postcode) <= 3 for postcode, _ in anonymised)
    assert all(str(placed)[8:10] == "01" for _, placed in anonymised)
    assert done["orders"]["k_anonymity"]["passed"] is True
    assert jeanne == 3  # her logs of the last year stay
    assert paul == 1
    assert fresh["web_logs"] == fresh["payments"] == fresh["support_tickets"] == 0

    archive = create_engine(env["SHOP_ARCHIVE_URL"])
    with archive.connect() as connection:
        archived = connection.execute(text("SELECT issued_at FROM invoices")).scalars().all()
    archive.dispose()
    # ten years from the end of the financial year, then one year in the archive, then gone
    assert done["invoices"]["rows"] == built.due["invoices"]
    assert purged == sum(1 for day in archived if False) + built.due["invoices"] - len(archived)
    assert purged > 0
    assert all("2015-01-01" <= str(day)[:10] <= "2015-12-31" for day in archived)
    assert after["invoices"] == before["invoices"] - built.due["invoices"]


def test_a_legal_hold_stops_the_rules_for_the_person_it_names(env: dict[str, str], shop: tuple[str, Shop]) -> None:
    url, built = shop
    registre(env, "subjects", "hold", f"email:{built.paul.email}", "--reason", "Litige sur la commande 2020-117")
    registre(env, "retention", "run", "--at", AT)
    engine = create_engine(url)
    with engine.connect() as connection:
        paul = {table: connection.scalar(text(f"SELECT count(*) FROM {table} WHERE customer_id = 2"))
                for table in ("web_logs", "support_tickets", "addresses", "newsletter_subscriptions")}
        others = connection.scalar(text("SELECT count(*) FROM web_logs WHERE at < '2025-11-23'"))
    engine.dispose()
    assert paul == {"web_logs": 2, "support_tickets": 1, "addresses": 1, "newsletter_subscriptions": 1}
    assert others == 2  # Paul's two logs of 2021 alone are left


def _orders_half_done(url: str) -> int:
    """Orders with some columns anonymised and others not: must never exist."""
    engine = create_engine(url)
    with engine.connect() as connection:
        found = connection.scalar(text(
            "SELECT count(*) FROM orders WHERE (customer_id IS NULL AND guest_email IS NULL "
            "AND length(shipping_postcode) > 3) OR ((customer_id IS NOT NULL OR guest_email IS NOT NULL) "
            "AND length(shipping_postcode) <= 3)"))
    engine.dispose()
    return int(found or 0)


def _batches(store: Path) -> int:
    if not store.exists():
        return 0
    engine = create_engine(f"sqlite:///{store}")
    try:
        with engine.connect() as connection:
            return int(connection.scalar(text("SELECT count(*) FROM audit_entry WHERE action = 'retention.batch'"))
                       or 0)
    except Exception:  # the store is being created by the run
        return 0
    finally:
        engine.dispose()


@pytest.mark.parametrize("kill_after", [1, 6, 20])
def test_a_run_killed_at_any_point_finishes_when_started_again(env: dict[str, str], shop: tuple[str, Shop],
                                                                tmp_path: Path, kill_after: int) -> None:
    url, built = shop
    before = counts(url)
    command = [sys.executable, "-c", "from registre.cli import main; main()", "retention", "run", "--at", AT,
               "--json"]
    child = subprocess.Popen(command, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    store = tmp_path / "registre.sqlite3"
    deadline = time.monotonic() + 60
    while _batches(store) < kill_after and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL  # killed in the middle of its work, not finished
    assert _batches(store) >= kill_after
    assert _orders_half_done(url) == 0

    registre(env, "retention", "run", "--at", AT)
    assert all(task["due"] == 0 for task in plan(env).values())
    after = counts(url)
    for table in ("web_logs", "payments", "support_tickets", "newsletter_subscriptions"):
        assert after[table] == before[table] - built.due[table], table
    assert _orders_half_done(url) == 0


@pytest.mark.parametrize("k", ["5", "400"])
def test_anonymised_rows_are_called_anonymous_only_when_k_rows_share_each_combination(
        env: dict[str, str], shop: tuple[str, Shop], k: str) -> None:
    url, _ = shop
    env = {**env, "REGISTRE_K_ANONYMITY": k}
    dataset = shop_part(registre(env, "retention", "run", "--at", AT, "--json").output)
    [check] = [task["k_anonymity"] for task in dataset["tasks"] if task["table"] == "orders"]
    engine = create_engine(url)
    with engine.connect() as connection:
        groups = connection.execute(text("SELECT shipping_postcode, count(*) FROM orders WHERE customer_id IS NULL "
                                         "AND guest_email IS NULL GROUP BY shipping_postcode")).all()
    engine.dispose()
    smallest = min(n for _, n in groups)
    assert check["passed"] is (smallest >= int(k))
    if k == "5":
        assert check["passed"] is True
    else:  # orders that kept invoices point to cannot be deleted: the rows stay pseudonymised, and are said so
        assert check["passed"] is False
        assert groups == [(None, smallest)]
        text_output = registre(env, "retention", "run", "--at", AT).output
        assert "only pseudonymised" in text_output


@pytest.mark.parametrize("k", ["5", "50"])
def test_what_the_k_anonymity_step_suppresses_and_deletes_is_audited_with_its_counts(
        env: dict[str, str], shop: tuple[str, Shop], tmp_path: Path, k: str) -> None:
    url, _ = shop
    shop_engine = create_engine(url)
    with shop_engine.begin() as connection:  # nothing points to the orders any more: small groups can go
        for table in ("order_lines", "invoices", "payments"):
            connection.execute(text(f"DELETE FROM {table}"))
    with shop_engine.connect() as connection:
        orders_before = connection.scalar(text("SELECT count(*) FROM orders"))
    env = {**env, "REGISTRE_K_ANONYMITY": k}
    dataset = shop_part(registre(env, "retention", "run", "--at", AT, "--json").output)
    [check] = [task["k_anonymity"] for task in dataset["tasks"] if task["table"] == "orders"]
    with shop_engine.connect() as connection:
        removed = orders_before - connection.scalar(text("SELECT count(*) FROM orders"))
    shop_engine.dispose()
    assert check["values_suppressed"] > 0
    assert (check["rows_deleted"] > 0) is (k == "50")  # 37 rows left blank: fewer than 50, so deleted
    assert removed == check["rows_deleted"]
    store = create_engine(f"sqlite:///{tmp_path / 'registre.sqlite3'}")
    with store.connect() as connection:
        logged = connection.execute(text("SELECT target_ref, details FROM audit_entry "
                                         "WHERE action = 'retention.k_anonymity'")).all()
        unsettled = connection.scalar(text("SELECT count(*) FROM dataset_batch WHERE settled_at IS NULL"))
    store.dispose()
    [(target, details)] = logged
    entry = json.loads(details)
    assert target == "shop"
    assert (entry["table"], entry["k"]) == ("orders", int(k))
    assert (entry["values_suppressed"], entry["rows_deleted"]) == (check["values_suppressed"], check["rows_deleted"])
    assert unsettled == 0
    assert registre(env, "audit", "verify").exit_code == 0


@pytest.mark.parametrize("shop_url", ["postgresql"], indirect=True)
def test_an_archive_schema_is_closed_to_everyone_but_its_readers(env: dict[str, str], shop: tuple[str, Shop],
                                                                 tmp_path: Path) -> None:
    url, built = shop
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DO $$ BEGIN CREATE ROLE archive_reader; EXCEPTION WHEN duplicate_object THEN "
                                "NULL; END $$"))
    annotation = (ANNOTATION).read_text().replace(
        "archive:\n  url_env: SHOP_ARCHIVE_URL\n  readers: [dpo]", "archive:\n  schema: archive\n  readers: "
        "[archive_reader]")
    path = tmp_path / "shop.dataset.yaml"
    path.write_text(annotation)
    dataset = shop_part(registre({**env, "REGISTRE_DATASETS": str(path)}, "retention", "run", "--at", AT,
                                 "--json").output)
    [purged] = [task["purged"] for task in dataset["tasks"] if task["action"] == "purge_archive"]
    with engine.connect() as connection:
        archived = connection.scalar(text("SELECT count(*) FROM archive.invoices"))
        public = connection.scalar(text("SELECT has_schema_privilege('public', 'archive', 'USAGE')"))
        reader = connection.scalar(text("SELECT has_schema_privilege('archive_reader', 'archive', 'USAGE') AND "
                                        "has_table_privilege('archive_reader', 'archive.invoices', 'SELECT')"))
        kept = connection.scalar(text("SELECT count(*) FROM public.invoices"))
    engine.dispose()
    assert archived == built.due["invoices"] - purged
    assert kept == built.counts["invoices"] - built.due["invoices"]
    assert (public, reader) == (False, True)


@pytest.mark.parametrize("shop_url", ["sqlite"], indirect=True)  # the trigger is SQLite's; the handling is common
def test_a_database_that_refuses_a_statement_is_a_plain_error_and_a_new_run_finishes(
        env: dict[str, str], shop: tuple[str, Shop]) -> None:
    url, _ = shop
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TRIGGER keep_logs BEFORE DELETE ON web_logs "
                                "BEGIN SELECT RAISE(ABORT, 'web logs are append-only'); END"))
    get_settings.cache_clear()
    refused = CliRunner().invoke(app, ["retention", "run", "--at", AT], env=env)
    assert refused.exit_code == 1
    assert isinstance(refused.exception, SystemExit)  # a plain message, not an exception
    assert "refused a statement: web logs are append-only" in " ".join(refused.output.split())
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER keep_logs"))
    engine.dispose()
    registre(env, "retention", "run", "--at", AT)
    assert all(task["due"] == 0 for task in plan(env).values())
