"""What a consent event is made of: who, for what purpose and channel, its state, and the proof of how it was asked."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from registre.declarations.schemas import Channel


class State(StrEnum):
    """Where a consent stands after an event."""

    given = "given"
    refused = "refused"
    withdrawn = "withdrawn"
    expired = "expired"


class Method(StrEnum):
    """How a consent event was collected."""

    web_form = "web_form"
    banner = "banner"
    email = "email"
    one_click_link = "one_click_link"  # an unsubscribe link (RFC 8058)
    sms_stop = "sms_stop"
    paper = "paper"
    phone = "phone"
    in_person = "in_person"
    app = "app"
    api = "api"
    not_recorded = "not_recorded"  # an imported ledger that does not say how


class Strict(BaseModel):
    """The base of consent schemas: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class Parent(Strict):
    """The holder of parental authority who consents beside a minor under 15 (LIL art. 45)."""

    name: str = Field(min_length=1, max_length=200)
    contact: str = Field(min_length=1, max_length=320)


class ConsentCreate(Strict):
    """A consent given, refused or withdrawn by a data subject: the same fields through every door.

    `wording` is the exact text of the request the person answered; it is required to give or refuse, since
    the controller must show what was asked (Art. 7(1)). A withdrawal needs no more than the subject, the
    purpose and the way it came (Art. 7(3)).
    """

    subject: str = Field(min_length=1, max_length=400)  # a subject ref, or kind:value such as email:x@y.fr
    purpose: str = Field(min_length=1, max_length=80)  # a declared activity
    channel: Channel | None = None
    state: Literal["given", "refused", "withdrawn"]
    method: Method = Method.web_form
    location: str | None = Field(None, max_length=500)
    wording: str | None = Field(None, max_length=10_000)
    lang: Literal["fr", "en"] = "fr"
    age: int | None = Field(None, ge=0, le=130)
    parent: Parent | None = None
    valid_months: int | None = Field(None, ge=1, le=120)  # a consent given lapses after this


class ConsentRead(Strict):
    """A consent event as the doors show it."""

    ref: str
    receipt_ref: str
    subject: str | None
    consent_id: str | None
    purpose: str
    channel: str | None
    state: State
    at: dt.datetime
    method: str
    location: str | None
    notice_version: str | None
    notice_hash: str | None
    lang: str | None  # None: not recorded (an imported ledger that did not say)
    given_by: str
    age: int | None
    expires_at: dt.datetime | None
    evidence: dict[str, Any] | None
    digest: str


CONSENT_ID = r"^[0-9a-f]{32}$"


class CookieChoice(Strict):
    """A browser's choice in the cookie banner, as the banner posts it: anonymous, one decision per category."""

    consent_id: str = Field(pattern=CONSENT_ID)
    choices: dict[str, bool] = Field(max_length=20)
    notice_version: str = Field(max_length=64)  # the version key the banner showed (see banner.config)
    lang: Literal["fr", "en"] = "fr"
    action: Literal["accept_all", "reject_all", "customise"]
    location: str | None = Field(None, max_length=500)
