"""Fixtures of the connectors' tests: the Sakila-shaped database with its annotation."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine

from tests.connectors.test_rights import DECLARATION
from tests.fixtures.sakila import Sakila, build_sakila, write_annotation


@pytest.fixture
def sakila(shop_url: str, tmp_path: Path) -> tuple[dict[str, str], Sakila]:
    """Sakila's slice in a fresh database, a new store, and the annotation with reference tables."""
    engine = create_engine(shop_url)
    try:
        built = build_sakila(engine)
    finally:
        engine.dispose()
    env = {"REGISTRE_DATA_DIR": str(tmp_path), "REGISTRE_DECLARATION": str(DECLARATION),
           "REGISTRE_DATASETS": str(write_annotation(tmp_path)), "SAKILA_URL": shop_url, "REGISTRE_LANG": "en"}
    return env, built
