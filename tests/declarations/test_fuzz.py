"""A corpus of hostile declarations (alias bombs, deep nesting, impossible dates, huge numbers): `registre check`
answers each with plain errors naming the file and line, never a traceback, and the test harness stops any case
that runs over 2 seconds (a timeout, not a measure of speed)."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import pytest
from typer.testing import CliRunner

from registre.cli import app
from tests.conftest import MINIMAL

LIMIT_SECONDS = 2


def bomb(levels: int, width: int) -> str:
    """The billion laughs: each level an alias list of `width` aliases to the level below."""
    lines = ['a0: &a0 ["lol"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [{', '.join(f'*a{n - 1}' for _ in range(width))}]")
    return "\n".join(lines) + f"\nactivities: *a{levels - 1}\n"


def minimal_with(old: str, new: str) -> str:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


CORPUS: dict[str, Callable[[], str]] = {
    "alias bomb (443 bytes)": lambda: bomb(9, 9),
    "alias bomb, wide": lambda: bomb(5, 60),
    "alias bomb inside a declaration": lambda: minimal_with(
        "registre: 1\n", bomb(8, 8).replace("activities:", "notes:") + "registre: 1\n"),
    "deep flow nesting": lambda: "controller: " + "[" * 50_000 + "]" * 50_000 + "\n",
    "deep mapping nesting": lambda: "controller:\n" + "".join(f"{'  ' * (n + 1)}k{n}:\n" for n in range(200))
                                    + "  " * 201 + "x: 1\n",
    "deep nesting, 65 levels": lambda: "controller: " + "{a: " * 65 + "1" + "}" * 65 + "\n",
    "impossible date": lambda: minimal_with("date: 2026-01-15", "date: 2026-02-30"),
    "impossible month": lambda: minimal_with("date: 2026-01-15", "date: 2026-13-01"),
    "year zero": lambda: minimal_with("date: 2026-01-15", "date: 0000-01-01"),
    "impossible time": lambda: minimal_with("date: 2026-01-15", "date: 2026-01-15T25:61:00"),
    "huge integer": lambda: minimal_with("registre: 1", "registre: " + "9" * 5000),
    "huge float": lambda: minimal_with("registre: 1", "registre: 1e999"),
    "huge duration": lambda: minimal_with("registre: 1", "registre: 1").replace(
        "duration: 3 years", "duration: 99999999999999999999 years"),
    "huge ISO duration": lambda: minimal_with("registre: 1", "registre: 1").replace(
        "duration: 3 years", "duration: P999999999999Y"),
    "duration past year 9999": lambda: minimal_with("registre: 1", "registre: 1").replace(
        "duration: 3 years", "duration: 9000 years"),
    "NUL byte": lambda: minimal_with("name: Exemple SAS", "name: \"Exemple\\0SAS\""),
    "a raw NUL byte": lambda: minimal_with("name: Exemple SAS", "name: Exemple\x00SAS"),
    "binary": lambda: "\x00\x01\x02\xff" * 100,
    "deep list of lists": lambda: "activities:\n" + "".join(f"{'  ' * n}- \n" for n in range(300)),
}


class Overtime(BaseException):
    """A case ran over its time: not an error the CLI could report (it must fail the test)."""


@contextmanager
def at_most(seconds: float) -> Iterator[None]:
    """Stop the block with TimeoutError after `seconds` (SIGALRM: the test process's main thread)."""

    def expire(signum: int, frame: FrameType | None) -> None:
        raise Overtime(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", list(CORPUS))
def test_a_hostile_declaration_is_answered_in_plain_words(name: str, tmp_path: Path) -> None:
    text = CORPUS[name]()
    if "duration" in name:
        assert "duration: 3 years" not in text, "the minimal declaration changed: update the corpus"
    path = tmp_path / "declaration.yaml"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    with at_most(LIMIT_SECONDS):
        result = CliRunner().invoke(app, ["check", str(path)], env={"REGISTRE_LANG": "en"})
    assert isinstance(result.exception, SystemExit | None), result.exception  # reported, never raised
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert str(path) in result.output.replace("\n", "")
