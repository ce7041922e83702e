"""One row of a subject import, as pydantic models; how identifiers and dates are normalised.

A row is one data subject: its category, its identifiers (`{kind: value}`), its personal data (each item tied to a
processing activity and a data category) and its lifecycle events. The shape is checked here; the values (dates,
identifiers) and whether the names exist in the declaration are checked by `importing.py`, so that a row's
problems are all reported at once.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, Field

from registre.declarations.schemas import SourceKind
from registre.errors import InvalidInput
from registre.i18n import Msg

PARIS = ZoneInfo("Europe/Paris")
PHONE_REGION = "FR"
EMAIL, PHONE, CUSTOMER_NUMBER = "email", "phone", "customer_number"
BUILTIN_KINDS = (EMAIL, PHONE, CUSTOMER_NUMBER)
KIND = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
MAX_IDENTIFIER = 320

BAD_EMAIL = Msg(en="'{value}' is not a valid email address.",
                fr="« {value} » n'est pas une adresse électronique valide.")
BAD_PHONE = Msg(en="'{value}' is not a valid phone number (a French number, or any number with its +country code).",
                fr="« {value} » n'est pas un numéro de téléphone valide (un numéro français, ou tout numéro avec son "
                   "indicatif +pays).")
BAD_KIND = Msg(en="'{kind}' is not an identifier kind: use lower-case letters, digits and _ (at most 32).",
               fr="« {kind} » n'est pas un type d'identifiant : lettres minuscules, chiffres et _ (32 au plus).")
LONG_IDENTIFIER = Msg(en="The identifier is longer than {max} characters.",
                      fr="L'identifiant dépasse {max} caractères.")
BAD_MOMENT = Msg(en="'{value}' is not a date; write YYYY-MM-DD or YYYY-MM-DDTHH:MM (Paris time unless a time zone is "
                    "given).",
                 fr="« {value} » n'est pas une date ; écrivez AAAA-MM-JJ ou AAAA-MM-JJTHH:MM (heure de Paris sauf "
                    "fuseau indiqué).")


def normalise_identifier(kind: str, value: str) -> str:
    """The stored form of an identifier: emails lower-cased and checked, phones in E.164; raises `InvalidInput`."""
    if not KIND.match(kind):
        raise InvalidInput(BAD_KIND, kind=kind)
    value = value.strip()
    if kind == EMAIL:
        try:
            value = validate_email(value, check_deliverability=False).normalized.lower()
        except EmailNotValidError:
            raise InvalidInput(BAD_EMAIL, value=value) from None
    elif kind == PHONE:
        value = _e164(value)
    if len(value) > MAX_IDENTIFIER:
        raise InvalidInput(LONG_IDENTIFIER, max=MAX_IDENTIFIER)
    return value


def _e164(value: str) -> str:
    try:
        number = phonenumbers.parse(value, PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise InvalidInput(BAD_PHONE, value=value) from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidInput(BAD_PHONE, value=value)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def parse_moment(value: str) -> dt.datetime:
    """An ISO 8601 date or date and time, aware; a date is midnight and a naive time is Paris time."""
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(BAD_MOMENT, value=value) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=PARIS)


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, str_strip_whitespace=True)


class DataItem(_Row):
    """One item of personal data: its activity, data category, field name and value, and where it came from."""

    activity: str = Field(max_length=80)
    data_category: str = Field(max_length=80)
    field: str = Field(min_length=1, max_length=120)
    value: str | None = None
    source: SourceKind = SourceKind.direct
    source_name: str | None = Field(None, max_length=200)


class EventItem(_Row):
    """A lifecycle event of the subject, built in or declared, and when it happened."""

    event: str = Field(max_length=64)
    at: str  # an ISO 8601 date or date and time, read by `parse_moment`
    details: dict[str, Any] | None = None


class ImportRow(_Row):
    """One data subject in an import file; empty identifiers and values are ignored."""

    category: str | None = Field(None, max_length=80)  # required: the import says so, with the row's other problems
    identifiers: dict[str, str | None] = Field(default_factory=dict)
    data: list[DataItem] = Field(default_factory=list)
    events: list[EventItem] = Field(default_factory=list)
