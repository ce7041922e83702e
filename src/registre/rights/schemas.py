"""What a rights request is made of: its kind, its channel, the requester, and what it asks."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, WithJsonSchema

OBJECTION_GROUND = "Art. 21(2)-(3)"  # the ground recorded with an objection to direct marketing

class RequestKind(StrEnum):
    """The rights a request may exercise (GDPR Arts 15 to 21, 7(3); LIL art. 85)."""

    access = "access"
    confirmation = "confirmation"
    portability = "portability"
    rectification = "rectification"
    erasure = "erasure"
    restriction = "restriction"
    objection = "objection"
    consent_withdrawal = "consent_withdrawal"
    post_mortem = "post_mortem"


class Channel(StrEnum):
    """Where a request arrived: its time of receipt is when it reached that channel (EDPB 01/2022 §159)."""

    web_form = "web_form"
    email = "email"
    post = "post"
    phone = "phone"
    in_person = "in_person"


class Status(StrEnum):
    """Where a request stands."""

    open = "open"
    awaiting_identity = "awaiting_identity"
    completed = "completed"
    refused = "refused"


# The rights whose completion erases data and cannot be undone: the back office asks for a confirmation first
IRREVERSIBLE = (RequestKind.erasure, RequestKind.post_mortem)

# The states of a request still waiting for an answer
PENDING = (Status.open, Status.awaiting_identity)

# JUDGEMENT: ours, not the law's. A pending request is shown as due soon with this many days or fewer left.
SOON_DAYS = 7


class Outcome(StrEnum):
    """How a request was closed."""

    completed = "completed"
    refused = "refused"
    partially_refused = "partially_refused"


def _email(value: str) -> str:
    """Pydantic's `EmailStr` check and normalisation, with its package loaded on the first address checked."""
    from pydantic.networks import validate_email  # email_validator costs a read of a request 15 ms at import

    return validate_email(value)[1]


# `EmailStr`, the same check and JSON schema, but a command that only reads requests never imports email_validator.
Email = Annotated[str, AfterValidator(_email), WithJsonSchema({"type": "string", "format": "email"})]


class Strict(BaseModel):
    """The base of request schemas: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class Requester(Strict):
    """Who wrote, and where to answer."""

    name: str | None = None
    email: Email | None = None
    phone: str | None = None
    address: str | None = None


class Change(Strict):
    """One rectification: a field's new value, in one activity or in all."""

    field: str
    value: str
    activity: str | None = None


class RequestDetails(Strict):
    """What the request asks, by kind."""

    # objection: direct_marketing (absolute, Art. 21(2)-(3)), profiling, or other legitimate-interest processing
    objection: Literal["direct_marketing", "profiling", "processing"] | None = None
    activities: list[str] = Field(default_factory=list)  # the activities concerned (objection, withdrawal, …)
    changes: list[Change] = Field(default_factory=list)  # rectification
    ground: str | None = None  # restriction: the Art. 18(1) ground, in the person's words
    directives: str | None = None  # post-mortem directives (LIL art. 85)
    directive_action: Literal["keep", "erase", "communicate"] | None = None  # what to do on death
    executor: str | None = None  # the person the directives designate
    note: str | None = None


class RequestCreate(Strict):
    """A new request, as staff or the privacy center records it."""

    kind: RequestKind
    channel: Channel
    received_at: AwareDatetime | None = None  # default: now
    requester: Requester
    subject: str | None = None  # a subject ref, or `kind:value` such as `email:jeanne@example.fr`
    details: RequestDetails = Field(default_factory=RequestDetails)
    lang: Literal["fr", "en"] = "fr"


class RequestRead(Strict):
    """A request as the doors show it, with its deadlines."""

    ref: str
    kind: RequestKind
    channel: Channel
    status: Status
    received_at: dt.datetime
    subject: str | None
    requester: dict[str, Any]
    details: dict[str, Any]
    deadline: dt.date
    extended_deadline: dt.date | None
    strict_deadline: dt.date
    paused_deadline: dt.date | None
    days_left: int
    identity_method: str | None
    outcome: Outcome | None
    refusal_reasons: str | None
    answer: dict[str, Any] | None

    @property
    def irreversible(self) -> bool:
        """Whether completing the request erases data, which cannot be undone."""
        return self.kind in IRREVERSIBLE

    @property
    def pending(self) -> bool:
        """Whether the request still waits for an answer."""
        return self.status in PENDING

    @property
    def late(self) -> bool:
        """Whether the request waits for an answer past its strict deadline."""
        return self.pending and self.days_left < 0

    @property
    def soon(self) -> bool:
        """Whether the request waits for an answer with `SOON_DAYS` days or fewer left (not yet late)."""
        return self.pending and 0 <= self.days_left <= SOON_DAYS
