"""How long a CLI command takes to start and answer: `registre --version` and `registre requests show REF` on a
store with one request, each run in a new process, as a user types them.

    python bench/startup.py --runs 10                 # this checkout
    python bench/startup.py --runs 10 --src OTHER/src # another checkout's sources, to compare

The sources' bytecode is cached first (in a temporary folder, PYTHONPYCACHEPREFIX), as an installed package has
it: without it every run compiles each module again, which no user's installation does. Each command is timed from
the process's start to its exit (wall time, and the CPU time it used, which a loaded machine disturbs less), and
the packages it imported that a read should not need are listed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ENTRY = "from registre.cli import main; main()"
# What `registre requests show` has no use for: the web app, the job queue, spreadsheets, templates, the
# declaration's loader, the connectors, the `holidays` package's 250 countries, email_validator, SQLAlchemy's ORM
HEAVY = ("fastapi", "procrastinate", "openpyxl", "jinja2", "ruamel.yaml", "registre.connectors.service",
         "registre.declarations.schemas", "registre.rights.flows", "holidays.countries", "email_validator",
         "sqlalchemy.orm")
LISTED = ("import sys; from registre.cli import main\n"
          "try:\n    main()\nfinally:\n    print(sorted(sys.modules), file=sys.stderr)")


def timed(env: dict[str, str], *args: str) -> tuple[float, float, str]:
    """Wall seconds from process start to exit, CPU seconds it used, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", ENTRY, *args], capture_output=True, text=True, env=env, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, done.stdout


def imported(env: dict[str, str], *args: str) -> list[str]:
    """The modules of HEAVY that the command imports."""
    done = subprocess.run([sys.executable, "-c", LISTED, *args], capture_output=True, text=True, env=env, check=True)
    modules = eval(done.stderr.strip().splitlines()[-1])  # our own child's repr of a list of names
    return [name for name in HEAVY if name in modules]


def main() -> None:
    """Time the commands and print their medians and best runs."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--src", type=Path, default=Path(__file__).resolve().parent.parent / "src")
    options = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f}, Python {sys.version.split()[0]}, sources {options.src}")
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "REGISTRE_DATA_DIR": folder, "REGISTRE_LANG": "en", "PYTHONPATH": str(options.src),
               "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        _, _, filed = timed(env, "requests", "new", "--kind", "access", "--channel", "email",
                            "--email", "someone@example.org", "--json")
        ref = json.loads(filed)["request"]["ref"]
        for args in (["--version"], ["requests", "show", ref]):
            timed(env, *args)  # bytecode written for what this command imports
            runs = [timed(env, *args) for _ in range(options.runs)]
            walls, cpus = [w for w, _, _ in runs], [c for _, c, _ in runs]
            name = "requests show REF" if args[0] == "requests" else args[0]
            print(f"registre {name:<18} wall median {statistics.median(walls) * 1000:5.0f} ms (best "
                  f"{min(walls) * 1000:4.0f}), CPU median {statistics.median(cpus) * 1000:5.0f} ms (best "
                  f"{min(cpus) * 1000:4.0f}), {options.runs} runs; imports {', '.join(imported(env, *args)) or 'none'}"
                  f" of {', '.join(HEAVY)}")


if __name__ == "__main__":
    main()
