"""Fixtures of the job tests."""

from __future__ import annotations

import pytest

from tests.fixtures.shop import Shop


@pytest.fixture
def connected(shop: tuple[str, Shop], monkeypatch: pytest.MonkeyPatch) -> tuple[str, Shop]:
    """The shop, as the annotation's connected database (`SHOP_DATABASE_URL`)."""
    monkeypatch.setenv("SHOP_DATABASE_URL", shop[0])
    return shop
