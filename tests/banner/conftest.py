"""The banner's browser tests: a real registre server with Le Nappage's declaration, and Debian's Chromium."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import EXAMPLES
from tests.fixtures.browser import Server, browser, page, serve

__all__ = ["Server", "browser", "page", "serve"]


@pytest.fixture(scope="module")
def server(serve: Callable[..., Server]) -> Server:
    """The server of Le Nappage's declaration, shared by the module's tests."""
    return serve(EXAMPLES / "le-nappage.yaml")
