"""The documentation covers every lint rule and every setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from registre.config import Settings
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
