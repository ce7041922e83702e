"""How long a CLI command takes to start and answer: `registre --version` and `registre requests show REF` on a
store with one request, each run in a new process, as a user types them.

    python bench/cli.py --runs 10                 # this checkout
    python bench/cli.py --runs 10 --src OTHER/src # another checkout's sources, to compare
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENTRY = "from registre.cli import main; main()"


def timed(src: Path, env: dict[str, str], *args: str) -> tuple[float, str]:
    """Seconds from process start to exit, and what it printed."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", ENTRY, *args], capture_output=True, text=True,
                          env={**env, "PYTHONPATH": str(src)}, check=True)
    return time.perf_counter() - start, done.stdout


def main() -> None:
    """Time the commands and print their medians and best runs."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parent.parent / "src")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "REGISTRE_DATA_DIR": folder, "REGISTRE_LANG": "en"}
        _, filed = timed(options.src, env, "requests", "new", "--kind", "access", "--channel", "email",
                         "--email", "someone@example.org", "--json")
        ref = json.loads(filed)["request"]["ref"]
        for args in (["--version"], ["requests", "show", ref]):
            times = [timed(options.src, env, *args)[0] for _ in range(options.runs)]
            print(f"registre {' '.join(args):<28} median {statistics.median(times) * 1000:6.0f} ms, "
                  f"best {min(times) * 1000:6.0f} ms ({options.runs} runs)")


if __name__ == "__main__":
    main()
