"""Fixtures every test shares: declarations built from the minimal example, changed per test."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from registre.config import get_settings
from registre.declarations.declared import Declared
from registre.declarations.service import load
from tests.fixtures.shop import shop, shop_url
from tests.fixtures.store import engine, postgres_engine, postgres_url

# An app under test runs no jobs of its own (periodic breach alerts, retention...) unless its test asks for them.
os.environ.setdefault("REGISTRE_JOBS_IN_PROCESS", "false")

HERE = Path(__file__).parent
MINIMAL = HERE / "declarations" / "minimal.yaml"
EXAMPLES = HERE.parent / "examples"

__all__ = ["engine", "postgres_engine", "postgres_url", "shop", "shop_url"]

Change = Callable[[dict[str, Any]], object]


def minimal_data() -> dict[str, Any]:
    """The minimal declaration as plain data."""
    data: dict[str, Any] = YAML(typ="safe").load(MINIMAL.read_text(encoding="utf-8"))
    return data


@pytest.fixture(autouse=True)
def fresh_settings() -> Iterator[None]:
    """Each test reads the settings anew, so that it can set REGISTRE_* variables of its own."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def write_declaration(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    """Write declaration data as YAML to a file and return its path."""

    def write(data: dict[str, Any], name: str = "declaration.yaml") -> Path:
        path = tmp_path / name
        yaml = YAML(typ="safe")
        yaml.default_flow_style = False
        with path.open("w", encoding="utf-8") as stream:
            yaml.dump(data, stream)
        return path

    return write


@pytest.fixture
def declare(write_declaration: Callable[[dict[str, Any]], Path]) -> Callable[[Change | None], Declared]:
    """Load the minimal declaration after applying a change to its data."""

    def build(change: Change | None = None) -> Declared:
        data = copy.deepcopy(minimal_data())
        if change is not None:
            change(data)
        return load(write_declaration(data))

    return build


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's tables printed 250 characters wide, so that a test reads whole words: Rich fixes the width when the
    console is made, so COLUMNS set for one command does not always reach it."""
    from registre.kit.cli import out
    monkeypatch.setattr(out, "width", 250)
