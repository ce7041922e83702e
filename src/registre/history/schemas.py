"""One row of a dated history import: who, what happened, when, and the fields of that kind of event.

The same fields make a CSV file's columns, a JSON file's items and the API's body. A row is checked by
`checking.py` (every problem at once, by line and column); this module says what each kind of row takes.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from registre.consent.schemas import Method
from registre.declarations.schemas import Channel
from registre.i18n import Msg


class Kind(StrEnum):
    """What a row of history records."""

    consent_given = "consent_given"
    consent_refused = "consent_refused"
    consent_withdrawn = "consent_withdrawn"
    stop = "stop"  # an SMS STOP: a withdrawal by SMS (method sms_stop)
    objection = "objection"  # to direct marketing, or to the activity named
    restriction = "restriction"  # of processing (Art. 18), of the activity named or of all, until lifted
    event = "event"  # a lifecycle event of the declaration or of the catalog


KIND_LABELS = {
    Kind.consent_given: Msg(en="consent given", fr="consentement donné"),
    Kind.consent_refused: Msg(en="consent refused", fr="consentement refusé"),
    Kind.consent_withdrawn: Msg(en="consent withdrawn", fr="consentement retiré"),
    Kind.stop: Msg(en="SMS STOP", fr="STOP par SMS"),
    Kind.objection: Msg(en="objection", fr="opposition"),
    Kind.restriction: Msg(en="restriction", fr="limitation"),
    Kind.event: Msg(en="lifecycle event", fr="événement de la relation"),
}
CONSENT_KINDS = {Kind.consent_given: "given", Kind.consent_refused: "refused", Kind.consent_withdrawn: "withdrawn",
                 Kind.stop: "withdrawn"}
REQUIRED = ("who", "kind", "at")
OPTIONAL = ("purpose", "channel", "method", "location", "wording", "lang", "activity", "until", "ground", "event")
FIELDS = REQUIRED + OPTIONAL
_CONSENT = frozenset({"purpose", "channel", "method", "location", "wording", "lang"})

# The fields each kind takes, and those it needs, beside who, kind and at.
TAKES: dict[Kind, frozenset[str]] = {
    Kind.consent_given: _CONSENT, Kind.consent_refused: _CONSENT, Kind.consent_withdrawn: _CONSENT,
    Kind.stop: frozenset({"purpose", "channel", "method", "location", "lang"}),
    Kind.objection: frozenset({"activity", "ground"}),
    Kind.restriction: frozenset({"activity", "until", "ground"}),
    Kind.event: frozenset({"event"}),
}
NEEDS: dict[Kind, tuple[str, ...]] = {Kind.consent_given: ("purpose",), Kind.consent_refused: ("purpose",),
                                      Kind.consent_withdrawn: ("purpose",), Kind.event: ("event",)}
MAX_LENGTH = {"who": 400, "location": 500, "wording": 10_000, "ground": 200}


class HistoryRow(BaseModel):
    """One dated event about a person already in the store (the API's body is a list of them)."""

    model_config = ConfigDict(extra="forbid")

    who: str = Field(max_length=400, description="A subject reference, kind:value (email:…, phone:…, "
                                                 "customer_number:…, id:<kind>:…) or a bare email.")
    kind: Kind
    at: str = Field(description="When it happened: YYYY-MM-DD or an ISO 8601 date and time; Paris time unless a "
                                "time zone is given.")
    purpose: str | None = Field(None, description="Consent, STOP: the declared activity.")
    channel: Channel | None = None
    method: Method | None = Field(None, description="How the consent was collected; not_recorded if not given.")
    location: str | None = Field(None, max_length=500)
    wording: str | None = Field(None, max_length=10_000, description="The exact wording of the request answered.")
    lang: Literal["fr", "en"] | None = None
    activity: str | None = Field(None, description="Objection, restriction: the activity (default: direct "
                                                   "marketing for an objection, everything for a restriction).")
    until: str | None = Field(None, description="Restriction: when it was lifted.")
    ground: str | None = Field(None, max_length=200)
    event: str | None = Field(None, description="Event: the lifecycle event's name.")


def _inline(node: Any, definitions: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(definitions[node["$ref"].rsplit("/", 1)[-1]], definitions)
        return {key: _inline(value, definitions) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(value, definitions) for value in node]
    return node


def body_schema() -> dict[str, Any]:
    """The JSON schema of the API's body (a list of rows), self-contained, for the OpenAPI document."""
    schema = TypeAdapter(list[HistoryRow]).json_schema()
    definitions = schema.pop("$defs", {})
    inlined: dict[str, Any] = _inline(schema, definitions)
    return inlined
