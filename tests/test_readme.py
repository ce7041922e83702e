"""The README's commands run as written, on a fresh copy of the repository: the first command (a virtual
environment made from the system's python3, registre installed in it, the demo), then the tour, line by line,
with REF, CODE and the password filled in as a person would from what the previous commands printed or wrote.

The first command installs registre from the registry: it runs with CI=true (or REGISTRE_README_VENV=1); the tour
always runs, with the venv's `registre` when there is one and the tested source's otherwise."""

from __future__ import annotations

import email
import email.policy
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SYSTEM_PYTHON = "/usr/bin/python3"
PASSWORD = "correct horse battery staple"
SKIPPED = ("registre serve", "scripts/test")
FINDINGS = ("registre check ",)  # exit status 1 when the lint finds an error in the example: documented, not a failure


def blocks(heading: str) -> list[list[str]]:
    """The command lines of the `sh` blocks under a `## heading` of the README, comments dropped."""
    section = README.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    found = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        lines = [re.split(r"\s{2,}#", line)[0].strip() for line in block.splitlines()]
        found.append([line for line in lines if line and not line.startswith("#")])
    return found


def copy_of_repository(target: Path) -> Path:
    """The repository's tracked files, as a fresh clone has them."""
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True).stdout
    for name in listed.decode().split("\0"):
        if not name:
            continue
        source, copy = ROOT / name, target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            copy.symlink_to(os.readlink(source))
        elif source.is_file():
            shutil.copy2(source, copy)
    return target


def shim(folder: Path) -> Path:
    """A `registre` command running the source under test with this interpreter."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "registre"
    script.write_text(f"#!/bin/sh\nPYTHONPATH={shlex.quote(str(ROOT / 'src'))} exec {shlex.quote(sys.executable)} "
                      "-c 'import sys; sys.argv[0] = \"registre\"; from registre.cli import main; main()' \"$@\"\n")
    script.chmod(0o755)
    return folder


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh copy where the first command has run: (the folder, the environment the next commands run in)."""
    folder = copy_of_repository(tmp_path_factory.mktemp("clone") / "registre")
    env = {k: v for k, v in os.environ.items() if not k.startswith("REGISTRE_") and k not in ("VIRTUAL_ENV",
                                                                                               "PYTHONPATH")}
    env["REGISTRE_LANG"] = "en"
    first = blocks("On a fresh machine")[0]
    assert first == ["python3 -m venv .venv && . .venv/bin/activate && pip install -e . && registre demo"], first
    if os.environ.get("CI") == "true" or os.environ.get("REGISTRE_README_VENV") == "1":
        system = Path(SYSTEM_PYTHON)
        bin_dir = folder / "bin-system"
        bin_dir.mkdir()
        (bin_dir / "python3").symlink_to(system if system.exists() else Path(shutil.which("python3") or "python3"))
        env["PATH"] = f"{bin_dir}:{env['PATH']}"
        subprocess.run(["bash", "-ec", first[0]], cwd=folder, env=env, check=True, timeout=1800)
        env["PATH"] = f"{folder / '.venv' / 'bin'}:{env['PATH']}"
    else:
        env["PATH"] = f"{shim(folder / 'bin-test')}:{env['PATH']}"
        subprocess.run(["bash", "-ec", first[0].rsplit("&&", 1)[1]], cwd=folder, env=env, check=True, timeout=600)
    assert (folder / "registre-demo" / "shop.sqlite3").exists()
    return folder, env


def _last_letter(folder: Path) -> str:
    letters = sorted((folder / "registre-data" / "outbox").glob("*.eml"), key=lambda p: p.stat().st_mtime)
    mail = email.message_from_bytes(letters[-1].read_bytes(), policy=email.policy.default)
    body = mail.get_body(("plain",))
    assert body is not None
    return str(body.get_content())


def run_lines(lines: list[str], folder: Path, env: dict[str, str]) -> None:
    """Run each line as a person types it: `export` changes the environment; REF is the newest request's short
    reference, CODE the code of the last letter."""
    for line in lines:
        if line.startswith(SKIPPED):
            continue
        if line.startswith("export "):
            for pair in shlex.split(line)[1:]:
                name, value = pair.split("=", 1)
                env[name] = value
            continue
        if "REF" in line:
            listed = subprocess.run(["registre", "requests", "list", "--json"], cwd=folder, env=env,
                                    capture_output=True, text=True, check=True)
            line = line.replace("REF", json.loads(listed.stdout)["items"][0]["ref"][:8])
        if "CODE" in line:
            found = re.search(r"code\D*(\d{6})", _last_letter(folder))
            assert found, "no code in the last letter"
            line = line.replace("CODE", found.group(1))
        done = subprocess.run(["bash", "-c", line], cwd=folder, env={**env, "REGISTRE_STAFF_PASSWORD": PASSWORD},
                              capture_output=True, text=True, timeout=600)
        allowed = (0, 1) if line.startswith(FINDINGS) else (0,)
        assert done.returncode in allowed, (line, done.stdout[-2000:], done.stderr[-2000:])
        assert "Traceback" not in done.stdout + done.stderr, line


def test_the_tour_runs_as_written(clone: tuple[Path, dict[str, str]]) -> None:
    folder, env = clone
    tour = blocks("A short tour")
    assert len(tour) == 3
    for lines in tour:
        run_lines(lines, folder, dict(env))
    assert (folder / "answer" / "access.html").exists()
    assert (folder / "datasets" / "shop.yaml").exists()
    assert (folder / "notice.html").exists()
    assert (folder / "registre.ods").exists()
