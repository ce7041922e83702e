"""One row of a subject import, as pydantic models and as plain tuples; how identifiers and dates are normalised.

A row is one data subject: its category, its identifiers (`{kind: value}`), its personal data (each item tied to a
processing activity and a data category) and its lifecycle events. The shape is checked here; the values (dates,
identifiers) and whether the names exist in the declaration are checked by `checking.py`, so that a row's
problems are all reported at once.

The import works on `PlainRow`s: a JSON item is validated by `ImportRow` and made plain; a CSV row, built from
stripped strings by the reader, is made plain directly and goes through `ImportRow` only when `names_fit` and
`values_fit` cannot vouch for it, so that the problems are the same either way.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

import email_validator
import phonenumbers
from email_validator import EmailNotValidError, validate_email
from pydantic import BaseModel, ConfigDict, Field

from registre.declarations.schemas import SourceKind
from registre.errors import InvalidInput
from registre.i18n import Msg
from registre.law.calendar import PARIS

PHONE_REGION = "FR"
EMAIL, PHONE, CUSTOMER_NUMBER = "email", "phone", "customer_number"
BUILTIN_KINDS = (EMAIL, PHONE, CUSTOMER_NUMBER)
KIND = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
MAX_IDENTIFIER = 320
MAX_CATEGORY = MAX_ACTIVITY = MAX_DATA_CATEGORY = 80
MAX_FIELD, MAX_SOURCE_NAME, MAX_EVENT = 120, 200, 64
# A record imported without its source: recorded as such, never assumed to come from the person.
NOT_RECORDED = "not_recorded"
SOURCES = frozenset(kind.value for kind in SourceKind) | {NOT_RECORDED}

# The WHATWG "valid email address" narrowed to what email_validator accepts and gives back unchanged but for case: a
# dot-atom before the @, then labels that start and end with a letter or digit, and a top-level domain of letters.
# Anything else (non-ASCII, quotes, "--" or a special-use name in the domain, over 254 characters) goes to
# email_validator, which decides and words the refusal.
PLAIN_EMAIL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                         r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{1,63})")
SPECIAL_USE = frozenset(email_validator.SPECIAL_USE_DOMAIN_NAMES)
MAX_EMAIL = 254

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
        value = _email(value)
    elif kind == PHONE:
        value = _e164(value)
    if len(value) > MAX_IDENTIFIER:
        raise InvalidInput(LONG_IDENTIFIER, max=MAX_IDENTIFIER)
    return value


def _email(value: str) -> str:
    plain = PLAIN_EMAIL.fullmatch(value) if len(value) <= MAX_EMAIL else None
    if plain is not None and plain[1].lower() not in SPECIAL_USE and "--" not in value[value.index("@"):]:
        return value.lower()
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise InvalidInput(BAD_EMAIL, value=value) from None


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


# An item of personal data as the import checks and loads it: activity, data category, field, value, source, source
# name. A plain tuple, not a NamedTuple: the garbage collector stops tracking a tuple of strings, not a subclass's.
PlainItem = tuple[str, str, str, str | None, str, str | None]


class PlainEvent(NamedTuple):
    """A lifecycle event as the import checks and loads it; `at` is still text."""

    event: str
    at: str
    details: dict[str, Any] | None


class PlainRow(NamedTuple):
    """A data subject as the import checks and loads it."""

    category: str | None
    identifiers: dict[str, str | None]
    data: list[PlainItem]
    events: list[PlainEvent]


def names_fit(activity: str, data_category: str, field: str) -> bool:
    """Whether `DataItem` takes these names (stripped) as they are, with nothing to say."""
    return len(activity) <= MAX_ACTIVITY and len(data_category) <= MAX_DATA_CATEGORY and 0 < len(field) <= MAX_FIELD


def event_fits(event: str) -> bool:
    """Whether `EventItem` takes this event name (stripped) as it is."""
    return len(event) <= MAX_EVENT


def values_fit(category: str | None, source: str, source_name: str | None) -> bool:
    """Whether `ImportRow` takes a row's category and its data's source (stripped) as they are."""
    return ((category is None or len(category) <= MAX_CATEGORY) and source in SOURCES
            and (source_name is None or len(source_name) <= MAX_SOURCE_NAME))


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True, str_strip_whitespace=True)


class DataItem(_Row):
    """One item of personal data: its activity, data category, field name and value, and where it came from."""

    activity: str = Field(max_length=MAX_ACTIVITY)
    data_category: str = Field(max_length=MAX_DATA_CATEGORY)
    field: str = Field(min_length=1, max_length=MAX_FIELD)
    value: str | None = None
    source: SourceKind | None = None  # None: not recorded
    source_name: str | None = Field(None, max_length=MAX_SOURCE_NAME)


class EventItem(_Row):
    """A lifecycle event of the subject, built in or declared, and when it happened."""

    event: str = Field(max_length=MAX_EVENT)
    at: str  # an ISO 8601 date or date and time, read by `parse_moment`
    details: dict[str, Any] | None = None


class ImportRow(_Row):
    """One data subject in an import file; empty identifiers and values are ignored."""

    # Required, but the import says so itself, with the row's other problems.
    category: str | None = Field(None, max_length=MAX_CATEGORY)
    identifiers: dict[str, str | None] = Field(default_factory=dict)
    data: list[DataItem] = Field(default_factory=list)
    events: list[EventItem] = Field(default_factory=list)

    def plain(self) -> PlainRow:
        """The row as plain tuples."""
        return PlainRow(self.category, dict(self.identifiers),
                        [(item.activity, item.data_category, item.field, item.value,
                          item.source.value if item.source else NOT_RECORDED,
                          item.source_name) for item in self.data],
                        [PlainEvent(event.event, event.at, event.details) for event in self.events])
