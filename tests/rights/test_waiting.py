"""A door that waits for a completion (`Prefer: wait`) sleeps while this process completes the request, without
reading the store at each turn, and wakes when that completion ends."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from registre.rights import flows

REF = "ab12cd34" * 4


def _completion(release: threading.Event, started: threading.Event, ref: str = REF) -> threading.Thread:
    """A completion of `ref` in this process, from now until `release` is set."""

    def complete() -> None:
        with flows._completed_here(ref):
            started.set()
            release.wait(10)

    thread = threading.Thread(target=complete)
    thread.start()
    return thread


def _waiter(wait: Callable[[], None], woke: list[float]) -> threading.Thread:
    """A door waiting as `wait` does; the moment it woke goes into `woke`."""
    thread = threading.Thread(target=lambda: (wait(), woke.append(time.monotonic())))
    thread.start()
    return thread


def _woken_at_the_end(release: threading.Event, woke: list[float], *threads: threading.Thread) -> None:
    time.sleep(0.3)
    assert woke == []  # still asleep, long after its pause would have ended it
    ended = time.monotonic()
    release.set()
    for thread in threads:
        thread.join(10)
    [at] = woke
    assert at >= ended


@pytest.mark.parametrize(("completed", "awaited"), [(REF, REF[:8]), (REF[:8], REF)])  # as people type them
def test_a_waiter_sleeps_while_this_process_completes_the_request_and_wakes_at_its_end(completed: str,
                                                                                        awaited: str) -> None:
    release, started, woke = threading.Event(), threading.Event(), []
    completing = _completion(release, started, completed)
    assert started.wait(10)
    waiter = _waiter(lambda: flows.wait_for_an_answer(awaited, 0.005, 10), woke)  # a pause of 5 ms
    _woken_at_the_end(release, woke, waiter, completing)


def test_a_waiter_is_woken_when_a_completion_starts_then_waits_for_its_end() -> None:
    release, started, woke = threading.Event(), threading.Event(), []
    waiter = _waiter(lambda: flows.wait_for_an_answer(REF, 10, 10), woke)
    time.sleep(0.1)
    completing = _completion(release, started)
    assert started.wait(10)
    _woken_at_the_end(release, woke, waiter, completing)
