"""`Prefer: wait=N` (RFC 7240) as a client writes it: the seconds it would wait, bounded, and none when it prefers
an answer at once or says nothing the server can use."""

from __future__ import annotations

import pytest

from registre.web.prefer import MAX_WAIT, wait_preferred


@pytest.mark.parametrize(("header", "seconds"), [
    ("wait=10", 10),
    ("Wait=10", 10),
    (' wait = "7" ', 7),
    ("handling=lenient, wait=5", 5),
    ("wait=0", 0),
    ("wait=3600", MAX_WAIT),
    ("respond-async, wait=10", None),
    ("wait=10, respond-async", None),
    ("wait=ten", None),
    ("wait=-1", None),
    ("return=minimal", None),
    ("", None),
    (None, None),
])
def test_the_wait_a_client_prefers(header: str | None, seconds: int | None) -> None:
    assert wait_preferred(header) == seconds
