"""The command line as a user meets it: exit statuses, plain errors, JSON for scripts, both languages."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from registre.cli import app
from tests.conftest import MINIMAL, minimal_data

Write = Callable[..., Path]


def registre(*args: str, lang: str = "en") -> Any:
    """Run `registre ARGS` and return the result."""
    return CliRunner().invoke(app, list(args), env={"REGISTRE_LANG": lang})


class TestCheck:
    def test_a_declaration_without_error_exits_0(self) -> None:
        result = registre("check", str(MINIMAL))
        assert result.exit_code == 0, result.output
        assert "0 error(s)" in result.output

    def test_findings_exit_1_with_code_place_and_law(self, write_declaration: Write) -> None:
        data = minimal_data()
        data["activities"][0]["legal_bases"] = [{"basis": "legitimate_interests"}]
        path = write_declaration(data)
        result = registre("check", str(path))
        assert result.exit_code == 1
        assert "INFO-LEGITIMATE-INTEREST" in result.output
        assert f"{path}:" in result.output
        assert "GDPR Art. 13(1)(d)" in result.output

    def test_json_lists_the_findings(self, write_declaration: Write) -> None:
        data = minimal_data()
        del data["dpo"]["email"]
        result = registre("check", str(write_declaration(data)), "--json")
        report = json.loads(result.output)
        assert report["passed"] is False
        [finding] = report["findings"]
        assert finding["code"] == "INFO-DPO-CONTACT"
        assert finding["field"] == "dpo"
        assert finding["line"] >= 1

    def test_an_invalid_declaration_is_explained_without_traceback(self, write_declaration: Write) -> None:
        data = minimal_data()
        data["activities"][0]["recipients"] = ["nobody"]
        result = registre("check", str(write_declaration(data)), lang="fr")
        assert result.exit_code == 1
        assert "Traceback" not in result.output
        assert isinstance(result.exception, SystemExit)  # reported, not raised
        assert "« nobody » n'est pas un(e) destinataire déclaré(e)" in result.output

    def test_invalid_json_output_names_each_problem(self, write_declaration: Write) -> None:
        data = minimal_data()
        data["policy"]["date"] = "yesterday"
        result = registre("check", str(write_declaration(data)), "--json")
        assert result.exit_code == 1
        error = json.loads(result.output)
        assert error["error"] == "declaration_invalid"
        assert error["problems"][0]["field"] == "policy.date"

    def test_a_missing_file_is_a_plain_error(self, tmp_path: Path) -> None:
        result = registre("check", str(tmp_path / "nowhere.yaml"))
        assert result.exit_code == 1
        assert "No declaration at" in result.output

    def test_a_bad_date_is_a_plain_error(self) -> None:
        result = registre("check", str(MINIMAL), "--at", "tomorrow")
        assert result.exit_code == 1
        assert "is not a date" in result.output


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_rules_lists_every_rule_in_the_readers_language(lang: str) -> None:
    result = registre("rules", "--json", lang=lang)
    listed = json.loads(result.output)
    assert {r["code"] for r in listed} >= {"RET-MISSING", "MKT-PHONE", "COOKIE-BROWSING"}
    titles = {r["code"]: r["title"] for r in listed}
    assert titles["RET-MISSING"] == ("Durée de conservation absente" if lang == "fr" else "Retention period missing")


class TestDocuments:
    def test_notice_writes_a_page_and_reports_its_hash(self, tmp_path: Path) -> None:
        target = tmp_path / "notice.html"
        result = registre("notice", str(MINIMAL), "--lang", "en", "--format", "html", "-o", str(target), "--json")
        assert result.exit_code == 0, result.output
        written = json.loads(result.output)
        assert written["hash"] in target.read_text(encoding="utf-8")
        assert '<html lang="en"' in target.read_text(encoding="utf-8")

    def test_notice_prints_markdown_to_standard_output(self) -> None:
        result = registre("notice", str(MINIMAL), "--lang", "fr", "--format", "md")
        assert result.exit_code == 0
        assert "Traiter et livrer les commandes" in result.output

    def test_an_unknown_notice_format_is_refused_plainly(self) -> None:
        result = registre("notice", str(MINIMAL), "--format", "pdf")
        assert result.exit_code == 2
        assert "Traceback" not in result.output
        assert isinstance(result.exception, SystemExit)  # reported, not raised

    @pytest.mark.parametrize("fmt", ["ods", "xlsx", "csv"])
    def test_register_writes_each_format(self, tmp_path: Path, fmt: str) -> None:
        target = tmp_path / f"register.{fmt}"
        result = registre("register", str(MINIMAL), "--format", fmt, "-o", str(target))
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 0

    def test_the_csv_register_takes_commas_on_request(self, tmp_path: Path) -> None:
        semicolons, commas = tmp_path / "fr.csv", tmp_path / "en.csv"
        assert registre("register", str(MINIMAL), "--format", "csv", "-o", str(semicolons)).exit_code == 0
        result = registre("register", str(MINIMAL), "--format", "csv", "--delimiter", ",", "-o", str(commas))
        assert result.exit_code == 0, result.output
        split = {name: list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=delimiter))
                 for name, path, delimiter in (("fr", semicolons, ";"), ("en", commas, ","))}
        assert split["fr"] == split["en"]
        assert len(split["fr"][0]) > 10  # split into columns, not one column A
        refused = registre("register", str(MINIMAL), "--format", "csv", "--delimiter", "|", "-o", str(commas))
        assert refused.exit_code != 0
        assert "Traceback" not in refused.output


def test_demo_checks_the_examples_and_writes_their_documents(tmp_path: Path) -> None:
    result = registre("demo", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    written = {p.name for p in (tmp_path / "out").iterdir()}
    for name in ("paris-je-taime", "ambassade-des-langues", "le-nappage", "wimi", "w-services"):
        assert {f"{name}.notice.fr.html", f"{name}.notice.en.md", f"{name}.register.ods",
                f"{name}.register.xlsx", f"{name}.register.csv"} <= written
    assert "Cloud Solutions" in result.output
    packages = [json.loads(p.read_text()) for p in (tmp_path / "out" / "answers").glob("*/access.json")]
    assert [p["subject"]["identifiers"][0]["value"] for p in packages] == ["jeanne.martin@example.fr"] * 2
    assert "chain OK" in result.output
    # the sample shop's own database: her rows there are in the second package, and only invoices are left
    [shop] = [p for p in packages if any(item["field"].startswith("customers.") for item in p["data"])]
    assert {item["field"] for item in shop["data"]} >= {"customers.email", "invoices.billing_name", "web_logs.ip"}
    assert "identifiers: invoices 3" in " ".join(result.output.split())
    assert "rows deleted, anonymised or archived" in result.output


@pytest.mark.parametrize(("url", "said"), [("postgresql+psycopg://nobody@127.0.0.1:1/none", "cannot be opened"),
                                           ("sqlite:////proc/none/x.sqlite3", "There is no store at /proc/none")])
def test_an_unreachable_store_is_a_plain_error(url: str, said: str) -> None:
    result = CliRunner().invoke(app, ["audit", "verify"], env={"REGISTRE_DATABASE_URL": url, "REGISTRE_LANG": "en"})
    assert result.exit_code == 1
    assert said in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # reported, not raised


@pytest.mark.parametrize("target", ["missing-folder/notice.html", "."])
def test_an_output_that_cannot_be_written_is_a_plain_error(tmp_path: Path, target: str) -> None:
    result = registre("notice", str(MINIMAL), "-o", str(tmp_path / target))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)
    assert str(tmp_path) in result.output


@pytest.mark.parametrize(("variable", "value", "named"), [("REGISTRE_K_ANONYMITY", "1", "REGISTRE_K_ANONYMITY"),
                                                           ("REGISTRE_DUTIES", "{not json", '"duties"')])
def test_a_bad_setting_is_named_without_a_traceback(tmp_path: Path, variable: str, value: str, named: str) -> None:
    command = [sys.executable, "-c", "from registre.cli import main; main()", "rules"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, variable: value, "REGISTRE_LANG": "en"})
    assert done.returncode == 1
    assert "The settings are not valid" in done.stderr
    assert named in done.stderr
    assert "Traceback" not in done.stderr


def test_a_locale_reads_as_its_language() -> None:
    result = CliRunner().invoke(app, ["check", "/nonexistent"], env={"REGISTRE_LANG": "fr_FR.UTF-8"})
    assert "Aucune déclaration" in result.output


def test_a_read_command_in_the_wrong_folder_refuses_and_creates_nothing(tmp_path: Path) -> None:
    env = {"REGISTRE_DATA_DIR": str(tmp_path / "elsewhere"), "REGISTRE_LANG": "en"}
    result = CliRunner().invoke(app, ["requests", "list"], env=env)
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert f"There is no store at {tmp_path / 'elsewhere' / 'registre.sqlite3'}" in said
    assert "registre db upgrade" in said
    assert not (tmp_path / "elsewhere").exists()


def test_verbose_names_the_store_and_the_declaration_used(tmp_path: Path) -> None:
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_LANG": "en", "REGISTRE_DECLARATION": str(MINIMAL)}
    assert CliRunner().invoke(app, ["db", "upgrade"], env=env).exit_code == 0
    result = CliRunner().invoke(app, ["--verbose", "requests", "list", "--json"], env=env)
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert f"Store: sqlite:///{tmp_path / 'registre.sqlite3'}" in said
    assert json.loads(result.stdout)["items"] == []  # the JSON stays clean: the names go to standard error
    filed = CliRunner().invoke(app, ["-v", "requests", "new", "--kind", "access", "--channel", "post",
                                     "--name", "Jeanne Martin", "--json"], env=env)
    assert filed.exit_code == 0, filed.output
    assert f"Declaration: {MINIMAL.resolve()}" in " ".join(filed.stderr.split())
    quiet = CliRunner().invoke(app, ["requests", "list", "--json"], env=env)
    assert "Store" not in quiet.stderr


def test_serve_says_what_it_serves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    served: list[tuple[str, int]] = []
    monkeypatch.setattr(uvicorn, "run", lambda _app, host, port, **_: served.append((host, port)))
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_LANG": "fr", "REGISTRE_DECLARATION": str(MINIMAL)}
    result = CliRunner().invoke(app, ["serve", "--port", "8123"], env=env)
    assert result.exit_code == 0, result.output
    assert served == [("127.0.0.1", 8123)]
    said = result.stdout
    assert "l'espace confidentialité  http://127.0.0.1:8123/\n" in said
    assert "l'espace du personnel     http://127.0.0.1:8123/staff\n" in said
    assert "la documentation de l'API http://127.0.0.1:8123/docs" in said
    assert f"Déclaration : {MINIMAL.resolve()}" in said


def test_a_command_imports_only_what_it_uses(tmp_path: Path) -> None:
    """`registre --version` imports no domain, and `registre requests show` neither the other domains nor the
    migrations (the store at its newest revision is only read); their speed is measured in bench/cli.py."""
    probe = ("import sys; from registre.cli import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(' '.join(sorted(m for m in sys.modules if m.startswith(('registre.', 'alembic')))))")
    env = {**os.environ, "REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_LANG": "en"}
    version = subprocess.run([sys.executable, "-c", probe, "--version"], capture_output=True, text=True, env=env,
                             check=True).stdout.split()
    assert version[0] == "0.1.0"
    assert not [m for m in version[1:] if m.split(".")[1] in ("rights", "lint", "connectors", "audit", "db")]
    subprocess.run([sys.executable, "-c", probe, "db", "upgrade"], env=env, check=True, capture_output=True)
    shown = subprocess.run([sys.executable, "-c", probe, "requests", "show", "R-NONE"], capture_output=True,
                           text=True, env=env).stdout.split()
    loaded = {m.split(".")[1] for m in shown if m.startswith("registre.")}
    assert "rights" in loaded
    assert not loaded & {"lint", "marketing", "staff"}  # the labels read the breach enums (breaches.schemas)
    assert "registre.breaches.flows" not in shown
    assert not [m for m in shown if m.startswith("alembic")]
