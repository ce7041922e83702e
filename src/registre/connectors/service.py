"""Rights on the connected databases: each dataset in its own transaction, which commits only when the whole
right is done there."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from registre.config import Settings
from registre.connectors import acting
from registre.connectors.acting import DatasetResult, Policy
from registre.connectors.connection import UNREACHABLE, forget
from registre.connectors.finding import Found, Identity, find, from_keys, roots
from registre.connectors.mapping import Annotation, Connected, attached, read_annotations
from registre.errors import Conflict, StoreUnavailable
from registre.i18n import Msg

REFUSED = Msg(en="The database of dataset '{dataset}' refused a statement, and nothing was changed there: {reason}",
              fr="La base du jeu de données « {dataset} » a refusé une instruction, et rien n'y a été modifié : "
                 "{reason}")


def datasets(settings: Settings) -> list[Annotation]:
    """The datasets the settings connect (none when `datasets` is unset)."""
    return read_annotations(settings.datasets) if settings.datasets is not None else []


def pseudonym_key(settings: Settings) -> str:
    """The key of pseudonyms: the setting, or one derived from the secret key (never the secret key itself)."""
    if settings.pseudonym_key is not None:
        return settings.pseudonym_key.get_secret_value()
    secret = settings.secret_key.get_secret_value().encode()
    return hmac.new(secret, b"registre pseudonyms", hashlib.sha256).hexdigest()


@contextmanager
def opened(annotation: Annotation) -> Iterator[tuple[Connected, Connection]]:
    """A dataset attached, inside one transaction that commits when the block ends and rolls back if it raises;
    a statement the database refuses becomes a plain error, with nothing changed there: the annotation no longer
    fitting the database's schema (read again then, and kept for the next request), or the database's reason."""
    connected = attached(annotation)
    try:
        connection = connected.engine.connect()
    except DBAPIError as error:
        raise StoreUnavailable(UNREACHABLE, dataset=connected.name, reason=str(error.orig).strip()) from None
    try:
        with connection, connection.begin():
            yield connected, connection
    except DBAPIError as error:
        forget(connected.engine)
        attached(annotation)  # raises DeclarationInvalid if the schema changed under the annotation
        raise Conflict(REFUSED, dataset=connected.name, reason=str(error.orig).strip()) from None


def locate(annotations: Sequence[Annotation], identities: Sequence[Identity]) -> dict[str, int]:
    """How many rows of the person each dataset holds, by dataset (only those that hold some)."""
    counts = {}
    for annotation in annotations:
        with opened(annotation) as (connected, connection):
            found = find(connected, identities, connection)
            if found.count:
                counts[connected.name] = found.count
    return counts


Searched = dict[str, dict[str, list[list[Any]]]]  # dataset -> table -> the keys of the rows found by identity


def search(annotations: Sequence[Annotation], identities: Sequence[Identity]) -> Searched:
    """The rows holding one of the person's identifiers in each dataset, by their keys (JSON-ready, to keep with a
    request so that its completion acts on them without searching again); only the datasets where some are."""
    searched: Searched = {}
    for annotation in annotations:
        with opened(annotation) as (connected, connection):
            found = roots(connected, identities, connection)
            keys = {table: [[_plain(v) for v in key] for key in rows] for table, rows in found.rows.items() if rows}
            if keys:
                searched[connected.name] = keys
    return searched


def _plain(value: Any) -> Any:
    """A key's value as JSON holds it: numbers and text as they are, anything else as text."""
    return value if isinstance(value, int | str) and not isinstance(value, bool) else str(value)


# The kinds of rights request (values of rights.schemas.RequestKind, which connectors sit below) that act in a
# connected database; every other kind reads the person's rows, and these return their values too.
ERASURE, RECTIFICATION, RESTRICTION = "erasure", "rectification", "restriction"
READS_VALUES = frozenset({"access", "portability", "post_mortem"})


def act(annotations: Sequence[Annotation], kind: str, identities: Sequence[Identity],
        details: dict[str, Any], policy: Policy,
        committed: Callable[[DatasetResult], None] | None = None,
        intended: Callable[[DatasetResult], None] | None = None,
        searched: Searched | None = None) -> list[DatasetResult]:
    """Do what a right asks in every connected dataset. The request is checked against every annotation first;
    then each dataset commits on its own, `intended` told just before (to journal what is about to commit) and
    `committed` at once after (to audit what was done there), so that a failure in one leaves it as it was, stops
    before the next, and loses no record of those done. With `searched` (what the filing's `search` found), the
    person's rows grow from those rows, read again by their keys, instead of a second search by identity."""
    if kind == RECTIFICATION:
        for annotation in annotations:
            acting.check_known_fields(annotation.dataset, details.get("changes", []))
    outcomes = []
    for annotation in annotations:
        with opened(annotation) as (connected, connection):
            if searched is None:
                found = find(connected, identities, connection)
            else:
                keys = searched.get(connected.name, {})
                found = from_keys(connected, {t: [tuple(k) for k in ks] for t, ks in keys.items()}, connection)
            outcome = _one(kind, connected, found, details, policy, connection)
            if intended is not None:
                intended(outcome)
        outcomes.append(outcome)
        if committed is not None:
            committed(outcome)
    return outcomes


def _one(kind: str, connected: Connected, found: Found, details: dict[str, Any], policy: Policy,
         connection: Connection) -> DatasetResult:
    if kind == ERASURE:
        return acting.erase(connected, found, policy, connection)
    if kind == RECTIFICATION:
        return acting.rectify(connected, found, details.get("changes", []), connection)
    if kind == RESTRICTION:
        return acting.restrict(connected, found, details.get("activities"), connection)
    tables = {name: {"rows": len(rows)} for name, rows in found.rows.items() if rows}
    tables |= {name: {"rows": len(rows), "reference": True} for name, rows in found.references.items() if rows}
    outcome = DatasetResult(connected.name, tables)
    if kind in READS_VALUES:
        outcome.values = acting.values(connected, found)
    return outcome
