"""`registre declaration schema`: a JSON Schema that an editor can check a declaration with, every example passing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from registre.cli import app
from registre.declarations.loader import read
from tests.conftest import minimal_data

EXAMPLES = Path(__file__).parent.parent.parent / "src" / "registre" / "examples"


def schema_of_the_command(*args: str) -> Any:
    """The schema `registre declaration schema` prints."""
    result = CliRunner().invoke(app, ["declaration", "schema", *args], env={"REGISTRE_LANG": "en"})
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = schema_of_the_command()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _problems(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("example", [*sorted(p.name for p in EXAMPLES.glob("*.yaml")), "shop"])
def test_every_example_validates_against_the_schema(validator: jsonschema.Draft202012Validator, example: str) -> None:
    """As an editor reads the YAML: dates are text, a folder's files merged."""
    assert _problems(validator, read(EXAMPLES / example).data) == []


def test_plain_strings_are_accepted_where_the_format_reads_them(validator: jsonschema.Draft202012Validator) -> None:
    data = minimal_data()
    data["controller"]["country"] = "United Kingdom"
    data["policy"] = {"title": "Politique de confidentialité"}
    data["activities"][0]["retention"][0]["duration"] = "P1Y6M"
    data["activities"][0]["recipients"] = ["sales", {"id": "host", "data": ["identification"]}]
    assert _problems(validator, data) == []


@pytest.mark.parametrize(("where", "value"), [
    (("controller", "nickname"), "Shop"),        # an unknown field
    (("policy", "title"), {"de": "Datenschutz"}),  # a text in neither French nor English
    (("policy", "languages"), ["de"]),            # a language registre does not write
])
def test_the_schema_refuses_what_the_format_refuses(validator: jsonschema.Draft202012Validator,
                                                    where: tuple[str, str], value: Any) -> None:
    data = minimal_data()
    data.setdefault(where[0], {})[where[1]] = value
    assert _problems(validator, data) != []


def test_writes_the_schema_to_a_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["declaration", "schema", "-o", str(tmp_path / "declaration.schema.json")],
                                env={"REGISTRE_LANG": "fr"})
    assert result.exit_code == 0, result.output
    assert "Schéma JSON de la déclaration écrit dans" in result.output
    written = json.loads((tmp_path / "declaration.schema.json").read_text(encoding="utf-8"))
    assert written == schema_of_the_command()
    assert written["$schema"] == "https://json-schema.org/draft/2020-12/schema"
