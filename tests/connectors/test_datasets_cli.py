"""`registre datasets scan` then `check`, as a new user does it: draft the annotation of an existing database,
name each table's activity, check it against the live schema and the declaration."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import MetaData, Table, create_engine, text
from typer.testing import CliRunner

from registre.cli import app
from registre.config import get_settings
from tests.connectors.test_rights import ANNOTATION, DECLARATION
from tests.fixtures.shop import Shop

ACTIVITIES = {"customers": "customer_accounts", "addresses": "customer_accounts", "orders": "orders",
              "order_lines": "orders", "payments": "payments", "invoices": "accounting", "support_tickets": "support",
              "newsletter_subscriptions": "newsletter", "web_logs": "security_logs"}


def run(env: dict[str, str], *args: str) -> tuple[int, str]:
    """Run the CLI as a new process would."""
    get_settings.cache_clear()
    result = CliRunner().invoke(app, list(args), env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception  # no traceback
    return result.exit_code, result.output


def named(draft: str) -> str:
    """The draft with each table's activity named, as the user edits it."""
    out, table = [], None
    for line in draft.splitlines():
        if found := re.match(r"^  (\w+):$", line):
            table = found.group(1)
        out.append(line.replace("activity: unclassified", f"activity: {ACTIVITIES.get(table or '', 'orders')}"))
    return "\n".join(out) + "\n"


def test_a_drafted_annotation_once_named_checks_clean(shop: tuple[str, Shop], tmp_path: Path) -> None:
    url, _ = shop
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION), "REGISTRE_LANG": "en"}
    draft = tmp_path / "shop.yaml"
    code, output = run(env, "datasets", "scan", url, "--dataset", "shop", "-o", str(draft))
    assert code == 0, output
    assert "unclassified" in draft.read_text()

    code, output = run(env, "datasets", "check", str(draft), "--json")
    assert code == 1  # the activities are not named yet
    problems = json.loads(output)["shop"]
    assert any("'unclassified' is not a processing activity" in p["message"] and p["line"] for p in problems)

    draft.write_text(named(draft.read_text()))
    code, output = run(env, "datasets", "check", str(draft), "--json")
    assert code == 0, output
    warnings = json.loads(output)["shop"]
    assert all(p["severity"] == "warning" for p in warnings)
    # the draft leaves the tickets' free text to the user: until it is classified, nothing of the table is kept
    assert any("'support_tickets' has no column with a data category" in p["message"] for p in warnings), warnings


def test_check_names_the_line_of_a_column_the_database_lacks(shop: tuple[str, Shop], tmp_path: Path) -> None:
    url, _ = shop
    annotation = (ANNOTATION).read_text().replace("      first_name:", "      firstname:")
    path = tmp_path / "shop.dataset.yaml"
    path.write_text(annotation)
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION), "REGISTRE_LANG": "en",
           "SHOP_DATABASE_URL": url, "SHOP_ARCHIVE_URL": f"sqlite:///{tmp_path / 'archive.sqlite3'}"}
    code, output = run(env, "datasets", "check", str(path))
    assert code == 1
    line = annotation.splitlines().index("      firstname: {data: identification}") + 1
    assert f"shop.dataset.yaml:{line}" in output
    assert "Table 'customers' has no column 'firstname'" in output


def test_check_without_the_password_variable_says_which(tmp_path: Path) -> None:
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION), "REGISTRE_LANG": "en",
           "REGISTRE_DATASETS": str(ANNOTATION)}
    code, output = run(env, "datasets", "check")
    assert code == 1
    assert "SHOP_DATABASE_URL" in output
    assert "Traceback" not in output


def test_the_url_every_tool_accepts_is_scanned_with_registres_own_driver(shop: tuple[str, Shop],
                                                                          tmp_path: Path) -> None:
    url, _ = shop
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_LANG": "en"}
    typed = [url]
    if url.startswith("postgresql+psycopg://"):
        typed = [url.replace("postgresql+psycopg://", scheme) for scheme in ("postgresql://", "postgres://")]
    elif url.startswith("mysql+pymysql://"):
        typed = [url.replace("mysql+pymysql://", scheme) for scheme in ("mysql://", "mariadb://")]
    for given in typed:
        code, output = run(env, "datasets", "scan", given, "--dataset", "shop")
        assert code == 0, output
        assert "customers:" in output
        assert "identity: email" in output


def test_a_driver_registre_does_not_install_is_named_with_its_package(tmp_path: Path) -> None:
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_LANG": "en"}
    code, output = run(env, "datasets", "scan", "mssql://someone@db.internal/crm")
    assert code == 1
    assert "The database driver 'pyodbc' is not installed" in output
    assert "install the package 'pyodbc'" in output


def test_check_warns_of_a_retention_rule_the_dataset_cannot_apply(shop: tuple[str, Shop], tmp_path: Path) -> None:
    # Retention's own check, added to the connectors' by the door: an archiving rule with no archive named.
    url, _ = shop
    annotation = ANNOTATION.read_text().split("\narchive:")[0] + "\n"
    path = tmp_path / "shop.dataset.yaml"
    path.write_text(annotation)
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION), "REGISTRE_LANG": "en",
           "SHOP_DATABASE_URL": url}
    code, output = run(env, "datasets", "check", str(path), "--json")
    assert code == 0, output
    warnings = [p["message"] for p in json.loads(output)["shop"]]
    assert any("cannot be applied here: the rule archives, and the dataset names no archive" in w for w in warnings)


def test_check_prints_the_index_each_lookup_needs(shop: tuple[str, Shop], tmp_path: Path) -> None:
    url, _ = shop
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION), "REGISTRE_LANG": "en",
           "SHOP_DATABASE_URL": url, "SHOP_ARCHIVE_URL": f"sqlite:///{tmp_path / 'archive.sqlite3'}"}
    engine = create_engine(url)
    with engine.begin() as connection:  # the web logs' IP, where a person is looked up, loses its index
        logs = Table("web_logs", MetaData(), autoload_with=connection)
        for index in [i for i in logs.indexes if [c.name for c in i.columns][:1] == ["ip"]]:
            index.drop(connection)

    def advice() -> list[str]:
        code, output = run(env, "datasets", "check", str(ANNOTATION), "--json")
        assert code == 0, output
        return [p["message"] for p in json.loads(output)["shop"] if "CREATE INDEX" in p["message"]]

    [said] = advice()
    assert "'web_logs.ip' is where a person is looked up, without an index" in said
    statement = said[said.index("CREATE INDEX"):]
    assert statement == "CREATE INDEX ix_web_logs_ip ON web_logs (ip);"
    with engine.begin() as connection:  # the DBA runs what check printed
        connection.execute(text(statement))
    assert advice() == []

    lower = tmp_path / "lower.yaml"  # emails compared in lower case need an index on lower(email)
    lower.write_text(ANNOTATION.read_text().replace("email: {identity: email, data: contact}",
                                                    "email: {identity: email, data: contact, match: lower}", 1))
    code, output = run(env, "datasets", "check", str(lower), "--json")
    assert code == 0, output
    [needed] = [p["message"] for p in json.loads(output)["shop"] if "lower(email)" in p["message"]]
    statement = needed[needed.index("CREATE INDEX"):needed.index(";") + 1]
    if engine.dialect.name != "mysql":  # MariaDB indexes no expression: the message says to index a generated column
        with engine.begin() as connection:
            connection.execute(text(statement))
    engine.dispose()
