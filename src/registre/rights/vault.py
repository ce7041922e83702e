"""The answer's files of every access or portability request, kept for the person to download (privacy center) and
for staff (`registre requests package`, `GET /api/requests/{ref}/package`), whatever door completed it.

They are encrypted under the secret key (AES-GCM, bound to the request and the file's name) in
`data_dir/packages/<ref>/`, outside any web root; each file is deleted once downloaded, and the whole package
once `settings.package_days` have passed (any keep or take purges what has expired). The answer itself is not
kept with the request (see actions.py): this is the only copy, and it lasts until the person downloads it or its
time is up.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from registre.config import Settings
from registre.errors import NotFound
from registre.i18n import Msg
from registre.kit.sealing import Unsealable, seal, unseal

PURPOSE = "package"
SUFFIX = ".sealed"
_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$")

GONE = Msg(en="This file is no longer available: it was already downloaded, or its time is up. Make a new request "
              "if you need it again.",
           fr="Ce fichier n'est plus disponible : il a déjà été téléchargé, ou son délai est passé. Faites une "
              "nouvelle demande si vous en avez encore besoin.")


def _root(settings: Settings) -> Path:
    return settings.data_dir / "packages"


def _folder(settings: Settings, ref: str) -> Path:
    if not _SAFE.match(ref):
        raise NotFound(GONE)
    return _root(settings) / ref


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or dt.datetime.now(dt.UTC)


def keep(settings: Settings, ref: str, files: Mapping[str, bytes], now: dt.datetime | None = None) -> dt.datetime:
    """Keep a request's files, encrypted, until downloaded or expired; returns when they expire."""
    purge(settings, now)
    folder = _folder(settings, ref)
    folder.mkdir(parents=True, exist_ok=True)
    until = _now(now) + dt.timedelta(days=settings.package_days)
    (folder / "expires").write_text(until.isoformat(), encoding="utf-8")  # first: a purge never sees a bare folder
    secret = settings.secret_key.get_secret_value()
    for name, content in files.items():
        if not _SAFE.match(name):
            raise ValueError(f"unsafe file name {name!r}")
        (folder / f"{name}{SUFFIX}").write_bytes(seal(secret, PURPOSE, content, f"{ref}/{name}".encode()))
    return until


def expires(settings: Settings, ref: str) -> dt.datetime | None:
    """When a request's package expires, or None when there is none."""
    marker = _folder(settings, ref) / "expires"
    try:
        return dt.datetime.fromisoformat(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def waiting(settings: Settings, ref: str, now: dt.datetime | None = None) -> list[str]:
    """The names of the files still waiting for download (none once expired)."""
    until = expires(settings, ref)
    if until is None or until <= _now(now):
        return []
    return sorted(p.name.removesuffix(SUFFIX) for p in _folder(settings, ref).glob(f"*{SUFFIX}"))


def read(settings: Settings, ref: str, name: str, now: dt.datetime | None = None) -> bytes:
    """A file's content, still kept; raises `NotFound` when downloaded already or expired."""
    purge(settings, now)
    if name not in waiting(settings, ref, now):
        raise NotFound(GONE)
    path = _folder(settings, ref) / f"{name}{SUFFIX}"
    try:
        return unseal(settings.secret_key.get_secret_value(), PURPOSE, path.read_bytes(), f"{ref}/{name}".encode())
    except (OSError, Unsealable):
        raise NotFound(GONE) from None


def discard(settings: Settings, ref: str, name: str) -> None:
    """Delete a file once handed over (and the request's folder with its last file)."""
    folder = _folder(settings, ref)
    (folder / f"{name}{SUFFIX}").unlink(missing_ok=True)
    if not any(folder.glob(f"*{SUFFIX}")):
        shutil.rmtree(folder, ignore_errors=True)


def purge(settings: Settings, now: dt.datetime | None = None) -> int:
    """Delete the packages whose time is up; returns how many."""
    root = _root(settings)
    if not root.is_dir():
        return 0
    gone = 0
    for folder in root.iterdir():
        until = expires(settings, folder.name) if _SAFE.match(folder.name) else None
        if until is None or until <= _now(now):
            shutil.rmtree(folder, ignore_errors=True)
            gone += 1
    return gone
