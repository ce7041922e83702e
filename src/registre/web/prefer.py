"""The preferences of RFC 7240 a client may send with a request that goes to a worker: `Prefer: wait=N` (answer
within N seconds, with the final result if it is ready by then) and `respond-async` (answer at once)."""

from __future__ import annotations

MAX_WAIT = 60  # seconds: a client that would wait longer follows the request instead (the HTTP call stays short)


def wait_preferred(header: str | None) -> int | None:
    """The seconds a client prefers to wait for the final answer (`Prefer: wait=N`, at most MAX_WAIT), or None when
    it does not say so or prefers `respond-async`."""
    if not header:
        return None
    tokens = [part.split(";")[0].strip().lower() for part in header.split(",")]
    if "respond-async" in tokens:
        return None
    for token in tokens:
        name, _, value = token.partition("=")
        value = value.strip().strip('"')
        if name.strip() == "wait" and value.isdigit():
            return min(int(value), MAX_WAIT)
    return None
