"""A door that waits for a completion (`Prefer: wait`) sleeps while this process completes the request, without
reading the store at each turn, and wakes when that completion ends."""

from __future__ import annotations

import threading
import time

from registre.rights import flows

REF = "ab12cd34" * 4


def test_a_waiter_sleeps_while_this_process_completes_the_request_and_wakes_at_its_end() -> None:
    started, release = threading.Event(), threading.Event()

    def completion() -> None:
        with flows._completed_here(REF):
            started.set()
            release.wait(10)

    completing = threading.Thread(target=completion)
    completing.start()
    assert started.wait(10)
    woke: list[float] = []
    waiter = threading.Thread(target=lambda: (flows.wait_for_an_answer(REF[:8], 0.005, 10),
                                              woke.append(time.monotonic())))
    waiter.start()
    time.sleep(0.3)
    assert woke == []  # its pause (5 ms) is long past: it waits for the completion instead
    ended = time.monotonic()
    release.set()
    waiter.join(10)
    completing.join(10)
    [at] = woke
    assert at >= ended


def test_a_waiter_is_woken_when_a_completion_starts_then_waits_for_its_end() -> None:
    release = threading.Event()
    woke: list[float] = []
    waiter = threading.Thread(target=lambda: (flows.wait_for_an_answer(REF, 10, 10), woke.append(time.monotonic())))
    waiter.start()
    time.sleep(0.1)

    def completion() -> None:
        with flows._completed_here(REF):
            release.wait(10)

    completing = threading.Thread(target=completion)
    completing.start()
    time.sleep(0.3)
    assert woke == []  # woken by the start, it now waits for the end
    ended = time.monotonic()
    release.set()
    waiter.join(10)
    completing.join(10)
    [at] = woke
    assert at >= ended
