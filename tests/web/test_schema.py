"""schemathesis over the OpenAPI schema: generated calls to every API operation, with the DPO's token so that
they reach the flows, never answered with a server error (5xx); at least 2,000 calls in all."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from pydantic import SecretStr
from schemathesis.checks import not_a_server_error

from registre.app import create_app
from registre.config import Settings
from tests.conftest import EXAMPLES
from tests.fixtures.factories import store_with_jeanne

# Under xdist the generated calls and their count must run in one worker (scripts/test runs --dist loadgroup).
pytestmark = pytest.mark.xdist_group("schemathesis")

TOKEN = "schema-test-token"
EXAMPLES_PER_OPERATION = 90
_folder = Path(tempfile.mkdtemp(prefix="registre-schema-"))
_settings = Settings(data_dir=_folder, declaration=EXAMPLES / "paris-je-taime.yaml", api_token=SecretStr(TOKEN),
                     lang="en")
app = create_app(_settings)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
CALLS: list[int] = []


@pytest.fixture(scope="module", autouse=True)
def running() -> Iterator[None]:
    """The app started (store migrated, declaration loaded) for the whole module, with Jeanne in the store."""
    store_with_jeanne(_settings.store_url)
    with TestClient(app):
        yield


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_error(case: schemathesis.Case) -> None:
    CALLS.append(1)
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])


def test_enough_calls_were_made() -> None:
    operations = sum(1 for _ in schema.get_all_operations())
    assert operations * EXAMPLES_PER_OPERATION >= 2_000
    assert len(CALLS) >= 2_000, f"only {len(CALLS)} generated calls"
