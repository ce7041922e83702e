"""schemathesis over the OpenAPI schema: generated calls to every API operation, with the DPO's token so that
they reach the flows, never answered with a server error (5xx); at least 2,000 calls in all."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from registre.app import create_app
from registre.config import Settings
from tests.conftest import EXAMPLES
from tests.fixtures.factories import store_with_jeanne

# Under xdist the generated calls and their count must run in one worker (scripts/test runs --dist loadgroup).
pytestmark = pytest.mark.xdist_group("schemathesis")

TOKEN = "schema-test-token"
EXAMPLES_PER_OPERATION = 140
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


OPERATIONS = [result.ok() for result in schema.get_all_operations()]


# Parametrized here rather than by schema.parametrize(): its test ids depend on the installed Hypothesis (some
# releases give every operation the same id, which xdist then runs once), and calls are counted per operation.
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_no_server_error(operation: schemathesis.APIOperation) -> None:
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=cases)
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def calls(case: schemathesis.Case) -> None:
        CALLS.append(1)
        case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error])

    calls()


def test_enough_calls_were_made() -> None:
    assert len(OPERATIONS) * EXAMPLES_PER_OPERATION >= 2_000
    assert len(CALLS) >= 2_000, f"only {len(CALLS)} generated calls"
