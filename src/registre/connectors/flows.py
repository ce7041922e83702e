"""Flows of the organisation's own databases for the doors (`registre datasets`): draft an annotation by reading
a database (the reading audited in the store: it sampled personal data), and check annotations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.engine import make_url

from registre.audit.service import record as audit
from registre.connectors import checking, scan
from registre.connectors.checking import Finding
from registre.connectors.mapping import read_annotations
from registre.context import Context
from registre.db.session import unit_of_work
from registre.declarations.declared import Declared


def draft(url: str, *, dataset: str | None = None, schema: str | None = None) -> scan.Draft:
    """Reflect the database at `url` and draft its annotation (`scanned` then records the reading)."""
    return scan.draft(url, dataset=dataset, schema=schema)


def scanned(ctx: Context, url: str, drafted: scan.Draft) -> None:
    """Audit the drafting of a database's annotation: it read sample values, personal data."""
    with unit_of_work(ctx.engine) as session:
        audit(session, actor=ctx.actor.name, action="dataset.scanned", target_type="dataset",
              target_ref=make_url(url).render_as_string(hide_password=True),
              details={"tables_sampled": sorted(drafted.classified), "unclassified": len(drafted.unclassified)})


def check(where: Path, declared: Declared, day: dt.date, more: checking.More | None = None) -> dict[str, list[Finding]]:
    """Each annotation at `where` (a file or a folder) checked against its database's live schema and the
    declaration (and by `more`, a domain above), by dataset."""
    return {a.dataset.dataset: checking.check(a, declared, day, more) for a in read_annotations(where)}
