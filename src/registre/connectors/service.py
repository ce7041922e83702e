"""Rights on the connected databases: each dataset in its own transaction, which commits only when the whole
right is done there."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection

from registre.config import Settings
from registre.connectors import acting
from registre.connectors.acting import Outcome, Policy
from registre.connectors.finding import Found, Identity, find
from registre.connectors.mapping import Annotation, Connected, attach, read_annotations
from registre.rights.schemas import RequestKind


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
    """A dataset attached, inside one transaction that commits when the block ends and rolls back if it raises."""
    connected = attach(annotation)
    try:
        with connected.engine.begin() as connection:
            yield connected, connection
    finally:
        connected.dispose()


def locate(annotations: Sequence[Annotation], identities: Sequence[Identity]) -> dict[str, int]:
    """How many rows of the person each dataset holds, by dataset (only those that hold some)."""
    counts = {}
    for annotation in annotations:
        with opened(annotation) as (connected, connection):
            found = find(connected, identities, connection)
            if found.count:
                counts[connected.name] = found.count
    return counts


def act(annotations: Sequence[Annotation], kind: RequestKind, identities: Sequence[Identity],
        details: dict[str, Any], policy: Policy) -> list[Outcome]:
    """Do what a right asks in every connected dataset; each dataset commits on its own, so a failure in one
    leaves it as it was and stops before the next."""
    outcomes = []
    for annotation in annotations:
        with opened(annotation) as (connected, connection):
            found = find(connected, identities, connection)
            outcomes.append(_one(kind, connected, found, details, policy, connection))
    return outcomes


def _one(kind: RequestKind, connected: Connected, found: Found, details: dict[str, Any], policy: Policy,
         connection: Connection) -> Outcome:
    if kind is RequestKind.erasure:
        return acting.erase(connected, found, policy, connection)
    if kind is RequestKind.rectification:
        changes = details.get("changes", [])
        acting.check_known_fields(connected, found, changes)
        return acting.rectify(connected, found, changes, connection)
    if kind is RequestKind.restriction:
        return acting.restrict(connected, found, details.get("activities"), connection)
    outcome = Outcome(connected.name, {name: {"rows": len(rows)} for name, rows in found.rows.items() if rows})
    if kind in (RequestKind.access, RequestKind.portability, RequestKind.post_mortem):
        outcome.values = acting.values(connected, found)
    return outcome
