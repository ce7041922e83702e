"""The Bloctel opposition list (Code de la consommation L223-1): import the file the service returns, which becomes
the list in force from then on. The list keeps its history: a number is listed from the import that added it until
the first import that no longer had it, so that a decision for a past day reads the list in force that day. Numbers
are stored in E.164 so that they match the store's phone identifiers."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from registre.audit.service import record as audit
from registre.db.base import utcnow
from registre.errors import Conflict, InvalidInput, NotFound
from registre.i18n import Msg
from registre.law.calendar import PARIS
from registre.models.consent import BloctelImport, BloctelListing
from registre.subjects.schemas import PHONE, normalise_identifier, parse_moment

CHUNK = 500  # numbers per statement (SQLite takes at most 999 parameters in older versions)

NO_FILE = Msg(en="No file at {path}.", fr="Aucun fichier à l'emplacement {path}.")
OUT_OF_ORDER = Msg(en="The Bloctel list was already imported on {day}: an import cannot be dated before it.",
                   fr="La liste Bloctel a déjà été importée le {day} : un import ne peut pas être daté d'avant.")
FUTURE = Msg(en="The list cannot have been returned in the future ({at}).",
              fr="La liste ne peut pas avoir été renvoyée dans le futur ({at}).")
NO_NUMBERS = Msg(en="{path} holds no telephone number: is it the Bloctel list?",
                 fr="{path} ne contient aucun numéro de téléphone : est-ce bien la liste Bloctel ?")


def moment_of(at: str | None) -> dt.datetime | None:
    """When a list was returned, as given (a date is midnight, Paris time); None for now; never in the future."""
    if at is None:
        return None
    moment = parse_moment(at)
    if moment > utcnow():
        raise InvalidInput(FUTURE, at=at)
    return moment


def import_list(session: Session, *, path: Path, actor: str, now: dt.datetime | None = None) -> dict[str, Any]:
    """Make the numbers of `path` (one per line, or the first column of a CSV) the list in force from `now`: the
    numbers it no longer has leave the list then, the new ones join it; what was listed before is kept."""
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
    now = now or utcnow()
    last = session.scalar(select(func.max(BloctelImport.imported_at)))
    if last is not None and now < last:
        raise Conflict(OUT_OF_ORDER, day=last.astimezone(PARIS).date().isoformat())
    listed = set(session.scalars(select(BloctelListing.number).where(BloctelListing.listed_until.is_(None))))
    gone, added = sorted(listed - numbers), sorted(numbers - listed)
    for start in range(0, len(gone), CHUNK):
        session.execute(update(BloctelListing).where(
            BloctelListing.listed_until.is_(None), BloctelListing.number.in_(gone[start:start + CHUNK])).values(
            listed_until=now))
    rows = [{"number": n, "listed_from": now} for n in added]
    for start in range(0, len(rows), 50_000):
        session.execute(insert(BloctelListing), rows[start:start + 50_000])
    sha256 = hashlib.sha256(content).hexdigest()
    session.add(BloctelImport(imported_at=now, file_sha256=sha256, count=len(numbers)))
    audit(session, actor=actor, action="marketing.bloctel_imported", target_type="file", target_ref=sha256,
          details={"file": path.name, "numbers": len(numbers), "skipped": skipped, "added": len(added),
                   "removed": len(gone)})
    return {"numbers": len(numbers), "skipped": skipped, "sha256": sha256, "added": len(added), "removed": len(gone)}
