"""The documentation covers every lint rule and every setting."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from registre.config import Settings
from registre.declarations import schemas
from registre.lint.service import rules

DOCS = Path(__file__).parent.parent / "docs"


@pytest.mark.parametrize("code", [r.code for r in rules()])
def test_every_lint_rule_is_documented(code: str) -> None:
    assert f"`{code}`" in (DOCS / "lint.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(Settings.model_fields))
def test_every_setting_is_documented(name: str) -> None:
    assert f"`REGISTRE_{name.upper()}`" in (DOCS / "settings.md").read_text(encoding="utf-8")


def test_refuses_the_default_secret_outside_development() -> None:
    with pytest.raises(ValueError, match="REGISTRE_SECRET_KEY"):
        Settings(env="production")


def _declaration_fields() -> list[tuple[str, str]]:
    models = [m for m in vars(schemas).values()
              if isinstance(m, type) and issubclass(m, schemas.Model) and m is not schemas.Model]
    return sorted({(m.__name__, f.alias or n) for m in models for n, f in m.model_fields.items()})


@pytest.mark.parametrize(("model", "field"), _declaration_fields())
def test_every_declaration_field_is_documented(model: str, field: str) -> None:
    """Each field is named in code in docs/declaration.md, alone (`field`) or in a mapping (`{id, field}`)."""
    text = re.sub(r"```.*?```", "", (DOCS / "declaration.md").read_text(encoding="utf-8"), flags=re.DOTALL)
    spans = re.findall(r"`([^`\n]+)`", text)
    words = {w for span in spans for w in re.findall(r"[a-z_0-9]+", span)}
    assert field in words, f"{model}.{field}"


def test_the_declaration_doc_shows_the_three_states() -> None:
    text = (DOCS / "declaration.md").read_text(encoding="utf-8")
    assert "## Stated, stated as none, not stated" in text
    assert "transfers: none" in text


@pytest.mark.parametrize("option", ["--severity", "`by_code`", "--format sarif", "--sarif FILE", "suppression"])
def test_the_lint_doc_shows_the_dpo_options(option: str) -> None:
    assert option in (DOCS / "lint.md").read_text(encoding="utf-8")


def test_the_declaration_doc_shows_the_editor_schema() -> None:
    assert "registre declaration schema" in (DOCS / "declaration.md").read_text(encoding="utf-8")
