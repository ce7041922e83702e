"""The Bloctel opposition list (Code de la consommation L223-1): import the file the service returns, replacing
the previous one; numbers are stored in E.164 so that they match the store's phone identifiers."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from registre.audit.service import record as audit
from registre.db.base import utcnow
from registre.errors import InvalidInput, NotFound
from registre.i18n import Msg
from registre.models.consent import BloctelImport, BloctelNumber
from registre.subjects.schemas import PHONE, normalise_identifier

NO_FILE = Msg(en="No file at {path}.", fr="Aucun fichier à l'emplacement {path}.")
NO_NUMBERS = Msg(en="{path} holds no telephone number: is it the Bloctel list?",
                 fr="{path} ne contient aucun numéro de téléphone : est-ce bien la liste Bloctel ?")


def import_list(session: Session, *, path: Path, actor: str, now: dt.datetime | None = None) -> dict[str, Any]:
    """Replace the stored list with the numbers of `path` (one per line, or the first column of a CSV)."""
    if not path.is_file():
        raise NotFound(NO_FILE, path=str(path))
    content = path.read_bytes()
    numbers: set[str] = set()
    skipped = 0
    for line in content.decode("utf-8-sig", errors="replace").splitlines():
        cell = line.replace(";", ",").split(",", 1)[0].strip().strip('"')
        if not cell or not any(ch.isdigit() for ch in cell):
            continue  # a header or an empty line
        try:
            numbers.add(normalise_identifier(PHONE, cell))
        except InvalidInput:
            skipped += 1
    if not numbers:
        raise InvalidInput(NO_NUMBERS, path=str(path))
    session.execute(delete(BloctelNumber))
    rows = [{"number": n} for n in sorted(numbers)]
    for start in range(0, len(rows), 50_000):
        session.execute(insert(BloctelNumber), rows[start:start + 50_000])
    sha256 = hashlib.sha256(content).hexdigest()
    session.add(BloctelImport(imported_at=now or utcnow(), file_sha256=sha256, count=len(numbers)))
    audit(session, actor=actor, action="marketing.bloctel_imported", target_type="file", target_ref=sha256,
          details={"file": path.name, "numbers": len(numbers), "skipped": skipped})
    return {"numbers": len(numbers), "skipped": skipped, "sha256": sha256}
