"""A real SMTP server on loopback for the alerts, as in the mail tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller

from tests.mail.test_sender import Inbox, free_port


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """An aiosmtpd server keeping what it receives, and its port."""
    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()
