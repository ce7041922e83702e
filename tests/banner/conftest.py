"""The banner's browser tests: a real registre server with Le Nappage's declaration, and Debian's Chromium."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import EXAMPLES
from tests.fixtures.browser import Server, _free_port, browser, page, serve

# _free_port: kept here for the suites that imported it from this module before tests/fixtures/browser.py.
__all__ = ["Server", "_free_port", "browser", "page", "serve"]


@pytest.fixture(scope="module")
def server(serve: Callable[..., Server]) -> Server:
    """The server of Le Nappage's declaration, shared by the module's tests."""
    return serve(EXAMPLES / "le-nappage.yaml")
