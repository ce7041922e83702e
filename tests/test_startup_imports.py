"""A command imports what it needs: `registre --version` no domain, `registre requests show` neither the web app,
the job queue, spreadsheets, templates, the declaration's loader, the connectors, the `holidays` package's
countries, pydantic-settings, email_validator nor SQLAlchemy's ORM (their cost is paid at every start;
bench/startup.py times it)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ENTRY = "from registre.cli import main; main()"
LISTED = ("import sys\nfrom registre.cli import main\n"
          "try:\n    main()\nfinally:\n    print(sorted(sys.modules), file=sys.stderr)")


def modules(env: dict[str, str], *args: str) -> tuple[str, set[str]]:
    """What the command printed, and every module it had imported when it ended."""
    done = subprocess.run([sys.executable, "-c", LISTED, *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout, set(ast.literal_eval(done.stderr.strip().splitlines()[-1]))


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A new store in a folder of its own, the sources of this checkout."""
    source = str(Path(__file__).resolve().parent.parent / "src")
    return {**os.environ, "REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_LANG": "en",
            "PYTHONPATH": os.pathsep.join([source, os.environ.get("PYTHONPATH", "")])}


def test_the_version_imports_no_domain(env: dict[str, str]) -> None:
    printed, imported = modules(env, "--version")
    assert printed.strip()
    assert not {name for name in imported if name.startswith(("registre.rights", "registre.connectors", "sqlalchemy"))}


def test_showing_a_request_imports_neither_the_web_nor_the_queue_nor_the_connectors(env: dict[str, str]) -> None:
    filed = subprocess.run([sys.executable, "-c", ENTRY, "requests", "new", "--kind", "access", "--channel", "email",
                            "--email", "someone@example.org", "--json"], capture_output=True, text=True, env=env,
                           check=True)
    ref = json.loads(filed.stdout)["request"]["ref"]
    printed, imported = modules(env, "requests", "show", ref)
    assert ref in printed
    unwanted = {"fastapi", "procrastinate", "openpyxl", "jinja2", "ruamel.yaml", "registre.rights.flows",
                "registre.connectors.service", "registre.declarations.schemas", "registre.mail.outbox",
                "holidays.countries", "email_validator", "sqlalchemy.orm"}
    assert unwanted & imported == set()
