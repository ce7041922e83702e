"""The marketing declaration (every channel), and people in the store to write the history of."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine

from registre.declarations.declared import Declared
from tests.marketing.conftest import People, with_channels


@pytest.fixture
def declared(declare: Callable[..., Declared]) -> Declared:
    return declare(with_channels)


@pytest.fixture
def people(engine: Engine, declared: Declared) -> People:
    return People(engine, declared)
