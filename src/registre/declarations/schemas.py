"""The declaration format: pydantic models of everything an organisation states about its processing.

A declaration is YAML (one file, or a folder whose files are merged); `loader.py` reads it and keeps
the line of every field, `references.py` checks the names one part gives to another. The models here
only say what shape each part has. Field names follow the regulation's vocabulary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

import pycountry
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from registre.declarations.catalog import DataKind, Origin, Special, SubjectKind
from registre.i18n import LANGS, Lang
from registre.law.facts import DIGITAL_CONSENT_AGE
from registre.law.retention import Bound, cited

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=80)]

_T = TypeVar("_T")

# What a declaration writes to say that the policy states there is none (no transfer, no mandatory data, …);
# a field left out means the policy does not say.
NONE: Literal["none"] = "none"
StatedNone = Literal["none"]

# Regions a recipient or a transfer may name instead of a country: the European Union, the European Economic
# Area, the whole world (the provider's own countries, not named by the policy).
REGIONS: dict[str, str] = {"EU": "EU", "EUROPEAN UNION": "EU", "UNION EUROPEENNE": "EU", "UNION EUROPÉENNE": "EU",
                           "EEA": "EEA", "EUROPEAN ECONOMIC AREA": "EEA", "WORLD": "001", "WORLDWIDE": "001"}


def country_code(value: str) -> str:
    """The ISO 3166 alpha-2 code of a country given by code or English name, or a region (`EU`, `EEA`,
    `world`: 001); refuses unknown ones."""
    text = value.strip()
    if text.upper() == "UK":
        return "GB"
    if (region := REGIONS.get(text.upper())) is not None:
        return region
    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        raise PydanticCustomError("country", "'{value}' is not a known country", {"value": value}) from None
    return str(found.alpha_2)


# The JSON Schema entries (`registre declaration schema`, for editors) of the types that read plain strings.
COUNTRY_SCHEMA: JsonDict = {"type": "string", "description": "An ISO 3166 country code or English name, or a region: "
                            "EU, EEA, world.", "examples": ["FR", "US", "United Kingdom", "EU", "world"]}
Country = Annotated[str, AfterValidator(country_code), WithJsonSchema(COUNTRY_SCHEMA)]


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


# One country or region, or several: `US`, `[EU, US]`.
Countries = Annotated[list[Country], BeforeValidator(_one_or_many),
                      WithJsonSchema({"anyOf": [COUNTRY_SCHEMA, {"type": "array", "items": COUNTRY_SCHEMA}]})]


def or_plain_string(**string: Any) -> Callable[[JsonDict], None]:
    """A model's JSON Schema entry that also takes the plain string its validator reads (`string`: the keywords
    that describe that string)."""

    def extend(schema: JsonDict) -> None:
        body = {key: schema.pop(key) for key in list(schema) if key not in ("title", "description")}
        schema["anyOf"] = [{"type": "string", **string}, body]

    return extend


def listed(value: list[_T] | StatedNone | None) -> list[_T]:
    """The items of a three-state list: its content, or nothing when it is stated none or not stated."""
    return value if isinstance(value, list) else []


class Model(BaseModel):
    """The base of every declaration part: unknown fields are refused, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Text(Model):
    """A text in French and English; a plain string is the same in both (a proper name, an address)."""

    model_config = ConfigDict(json_schema_extra=or_plain_string(minLength=1, description="The same in French and "
                                                                "English (a proper name, an address)."))

    fr: str | None = None
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_plain_string(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"fr": value, "en": value}
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> Text:
        if not (self.fr or self.en):
            raise PydanticCustomError("text_empty", "a text needs at least one of fr or en")
        return self

    def __call__(self, lang: Lang) -> str:
        """The text in `lang`, or in the other language when that one is missing."""
        return (self.fr if lang == "fr" else self.en) or self.fr or self.en or ""

    def missing(self) -> list[Lang]:
        """The languages this text lacks."""
        return [lang for lang in LANGS if not getattr(self, lang)]


_DURATION = re.compile(
    r"^\s*(\d+)\s*(years?|ans?|années?|months?|mois|weeks?|semaines?|days?|jours?)\s*$", re.IGNORECASE
)
_ISO_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


class Duration(Model):
    """A period in years, months and days: `5 years`, `13 months`, `3 mois`, `P1Y6M`."""

    model_config = ConfigDict(json_schema_extra=or_plain_string(
        description="A number and a unit (years, months, weeks, days; ans, mois, semaines, jours) or ISO 8601.",
        examples=["5 years", "13 months", "3 mois", "P1Y6M"]))

    # Bounded, so that a date plus a duration stays a date (before the year 9999): no period of the law comes near.
    years: int = Field(0, ge=0, le=1000)
    months: int = Field(0, ge=0, le=1000 * 12)
    days: int = Field(0, ge=0, le=1000 * 366)

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            raise PydanticCustomError("duration", "'{value}' is not a duration", {"value": value})
        if not isinstance(value, str):
            return value
        if m := _DURATION.match(value):
            n, unit = int(m.group(1)), m.group(2).lower()
            if unit.startswith(("y", "an")):
                return {"years": n}
            if unit.startswith(("mo", "mois")):
                return {"months": n}
            if unit.startswith(("w", "sem")):
                return {"days": 7 * n}
            return {"days": n}
        if (m := _ISO_DURATION.match(value.strip())) and any(m.groups()):
            y, mo, w, d = (int(g or 0) for g in m.groups())
            return {"years": y, "months": mo, "days": d + 7 * w}
        raise PydanticCustomError("duration", "'{value}' is not a duration", {"value": value})

    @property
    def total_months(self) -> float:
        """The length in months, counting a day as 1/30 of a month (for comparisons with caps)."""
        return self.years * 12 + self.months + self.days / 30

    @property
    def is_zero(self) -> bool:
        """Whether the period is empty ("as soon as")."""
        return not (self.years or self.months or self.days)


class Contact(Model):
    """How to reach someone."""

    email: str | None = None
    phone: str | None = None
    address: str | None = None
    form_url: str | None = None
    website: str | None = None

    @property
    def reachable(self) -> bool:
        """Whether a person can write or speak to them: an address, email, phone or form (a website alone is
        not contact details, Art. 13(1)(a))."""
        return any((self.email, self.phone, self.address, self.form_url))


class Party(Contact):
    """A controller, joint controller or representative."""

    name: str
    legal_form: str | None = None
    share_capital: str | None = None
    registration: str | None = None
    country: Country = "FR"
    responsibilities: Text | None = None  # a joint controller's share (Art. 26)



class Controller(Party):
    """The controller; `financial_year_end` (MM-DD) anchors rules counted from the end of the financial year."""

    financial_year_end: str = "12-31"

    @field_validator("financial_year_end")
    @classmethod
    def _month_day(cls, value: str) -> str:
        try:
            dt.date.fromisoformat(f"2000-{value}")
        except ValueError:
            raise PydanticCustomError("month_day", "'{value}' is not a month and day", {"value": value}) from None
        return value


class Dpo(Contact):
    """The data protection officer, or the contact for data protection when none is appointed.

    `appointed`: true (a DPO is appointed, the default when the section is given), false (the policy says none
    is), or null (the policy gives a contact for data protection without saying whether it is a DPO). A
    declaration with no `dpo` section says nothing of a DPO.
    """

    appointed: bool | None = True
    name: str | None = None
    organisation: str | None = None


class Policy(Model):
    """The privacy policy this declaration is: its version, date and languages."""

    title: Text | None = None
    version: str | None = None
    date: dt.date | None = None  # None: the policy is undated
    languages: list[Lang] = Field(default_factory=lambda: list(LANGS), min_length=1)
    url: str | None = None


class Authority(Model):
    """A supervisory authority that is not built in."""

    id: Id
    name: Text
    country: Country
    address: str | None = None
    phone: str | None = None
    url: str | None = None


class Minors(Model):
    """Whether minors are in a subject category and how their consent is obtained (LIL art. 45, GDPR Art. 8)."""

    admitted: bool = True
    # The age from which a minor acts alone; below it a holder of parental authority takes part.
    age_alone: int = Field(DIGITAL_CONSENT_AGE, ge=0, le=18)
    # Below `age_alone`: who consents. LIL art. 45 asks for the minor and the parent jointly under 15.
    consent_below: Literal["joint", "parent_only", "refused"] = "joint"


class SubjectCategory(Model):
    """A category of data subjects; a built-in one (customer, prospect, …) may be named by its id alone."""

    id: Id
    label: Text | None = None
    kind: SubjectKind | None = None
    minors: Minors | None = None


class DataCategory(Model):
    """A category of personal data; custom ones say which CNIL register row (`kind`) they belong to."""

    id: Id
    label: Text | None = None
    examples: Text | None = None
    kind: DataKind | None = None
    special: Special | None = None
    origin: Origin | None = None
    subjects: list[Id] | None = None  # whose data these are (a candidate's health data); None: every activity's


class EventDefinition(Model):
    """A lifecycle event that is not built in; `name` reads after "from" (FR « à compter de »)."""

    id: Id
    name: Text
    during: Text | None = None


class RecipientKind(StrEnum):
    """Who receives the data: an internal department, a processor, a third party, an authority."""

    internal = "internal"
    processor = "processor"
    third_party = "third_party"
    authority = "authority"


class Recipient(Model):
    """A recipient (Art. 4(9)), named: the CJEU (C-154/21) lets people ask who exactly receives their data."""

    id: Id
    kind: RecipientKind
    name: Text
    description: Text | None = None
    country: Countries | None = None  # where it receives the data: countries or regions (`[EU, US]`)
    contract: bool | None = None  # processors: a written contract under Art. 28(3)
    # The policy lists it for all its purposes together (one table for the whole policy), without saying which
    # activity's data it receives: it is attached to no activity, and documents say so.
    all_activities: bool = False


class RecipientUse(Model):
    """A recipient of an activity's data: its id and, where the policy says, which of the activity's data it
    receives (a plain id: the policy does not say which)."""

    model_config = ConfigDict(json_schema_extra=or_plain_string(pattern=r"^[a-z][a-z0-9_-]*$"))

    id: Id
    data: list[Id] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_plain_id(cls, value: Any) -> Any:
        return {"id": value} if isinstance(value, str) else value



class LegalBasis(StrEnum):
    """The six legal bases of Art. 6(1)."""

    consent = "consent"
    contract = "contract"
    legal_obligation = "legal_obligation"
    vital_interests = "vital_interests"
    public_task = "public_task"
    legitimate_interests = "legitimate_interests"


class LegalBasisEntry(Model):
    """A legal basis, for all the activity's subject categories or for those named."""

    basis: LegalBasis
    subjects: list[Id] | None = None
    interest: Text | None = None  # the legitimate interest pursued, Art. 13(1)(d)
    law: Text | None = None  # the legal text, for a legal obligation
    condition: Text | None = None  # when this basis applies ("where necessary")
    withdrawal: Text | None = None  # how consent is withdrawn, Art. 7(3)


class Art9Condition(StrEnum):
    """The conditions of Art. 9(2) under which special categories may be processed."""

    explicit_consent = "a"
    employment = "b"
    vital_interests = "c"
    not_for_profit = "d"
    made_public = "e"
    legal_claims = "f"
    public_interest = "g"
    health_care = "h"
    public_health = "i"
    archiving_research = "j"


class SourceKind(StrEnum):
    """Where the data come from: the person, another source, or publicly accessible sources."""

    direct = "direct"
    indirect = "indirect"
    public = "public"


class Source(Model):
    """A source of the data (Art. 14(2)(f))."""

    kind: SourceKind
    name: Text | None = None
    data: list[Id] | None = None
    subjects: list[Id] | None = None  # the people whose data come from it (None: all of the activity's)


class Provision(Model):
    """Whether giving the data is required, and what follows from not giving it (Art. 13(2)(e))."""

    requirement: Literal["statutory", "contractual", "pre_contractual", "voluntary"]
    # The data that must be given: a list, `none` (the policy says none is), or left out (it does not say which).
    mandatory: list[Id] | StatedNone | None = None
    how_marked: Text | None = None
    consequence: Text | None = None


class Safeguard(StrEnum):
    """The ground of a transfer outside the EEA (Arts 45, 46, 47, 49)."""

    adequacy = "adequacy"
    scc = "scc"
    bcr = "bcr"
    code_of_conduct = "code_of_conduct"
    certification = "certification"
    ad_hoc_clauses = "ad_hoc_clauses"
    derogation = "derogation"


class Derogation(StrEnum):
    """The derogations of Art. 49(1)."""

    explicit_consent = "a"
    contract_with_subject = "b"
    contract_in_subject_interest = "c"
    public_interest = "d"
    legal_claims = "e"
    vital_interests = "f"
    public_register = "g"
    compelling_legitimate_interests = "second_subparagraph"


class Transfer(Model):
    """A transfer to a third country or an international organisation."""

    # One country or several (`[US, MA]`); a region: `world`. Left out: the policy says data go outside the EEA but
    # not where (documents say "country not stated", the lint asks for it).
    country: Countries | None = Field(None, min_length=1)
    recipient: Id | None = None
    context: Text | None = None
    safeguards: list[Safeguard] = Field(default_factory=list)
    derogation: Derogation | None = None
    # United States: whether the importer is on the Data Privacy Framework list (None: the policy does not say).
    dpf_certified: bool | None = None
    documentation: Text | None = None  # how to obtain a copy of the safeguards, Art. 13(1)(f)



class AutomatedStatement(Model):
    """Whether there is profiling, and decisions based solely on automated processing (Art. 22): true, false (the
    policy says there is none), or left out (it does not say)."""

    profiling: bool | None = None
    solely_automated: bool | None = None


class AutomatedDecision(AutomatedStatement):
    """An activity's profiling and automated decisions, with what Art. 13(2)(f) asks to be told of them."""

    logic: Text | None = None
    significance: Text | None = None
    consequences: Text | None = None
    exception: Literal["contract", "law", "explicit_consent"] | None = None


_OPERATORS = {"=": "eq", "==": "eq", "!=": "ne", "≠": "ne", ">": "gt", ">=": "ge", "≥": "ge", "<": "lt",
              "<=": "le", "≤": "le"}


class Clause(Model):
    """One test on a record's attribute, as `amount_eur ge 120` (`op` also takes `=`, `!=`, `>`, `>=`, `<`, `<=`)."""

    attribute: Id
    op: Literal["eq", "ne", "gt", "ge", "lt", "le", "in"] = Field(
        "eq", json_schema_extra={"enum": ["eq", "ne", "gt", "ge", "lt", "le", "in", *_OPERATORS]})
    value: str | int | float | bool | list[str | int | float]

    @field_validator("op", mode="before")
    @classmethod
    def _symbol(cls, value: Any) -> Any:
        return _OPERATORS.get(value, value) if isinstance(value, str) else value


def _test_kind(value: Any) -> str:
    if isinstance(value, dict):
        return "clause" if "attribute" in value else "group"
    return "clause" if isinstance(value, Clause) else "group"


class Group(Model):
    """Tests combined: every one of `all`, at least one of `any` (when given), and not `not`."""

    all: list[Test] = Field(default_factory=list)
    any: list[Test] | None = None
    not_: Test | None = Field(None, alias="not")


Test = Annotated[Annotated[Clause, Tag("clause")] | Annotated[Group, Tag("group")], Discriminator(_test_kind)]


class Condition(Group):
    """When a retention rule applies: its words for the notice, and its tests for the engine."""

    label: Text


class EndAction(StrEnum):
    """What happens when a retention period ends."""

    delete = "delete"
    anonymise = "anonymise"
    archive = "archive"


class Archive(Model):
    """Intermediate archiving with restricted access, for a further period."""

    duration: Duration
    start: Id | None = Field(None, alias="from")
    access: Text | None = None


class RetentionKind(StrEnum):
    """What a retention period is: a limit (the data are kept no longer) or an obligation (the law requires them
    kept at least this long)."""

    limit = "limit"
    obligation = "obligation"


class RetentionRule(Model):
    """How long data are kept: a duration from an event, or from the latest of several, under conditions.

    `from` names the event the period runs from; a list means the latest of them (`whichever: first`: the first).
    With no `duration` the data are kept until the event ("while the subscription lasts").
    `anchor: end_of_financial_year` counts from the end of the financial year in which the event falls. `then` is
    what happens at the end; `archive` keeps the data in an intermediate archive for a further period first.
    `kind: obligation` (with the `law` that requires it) makes the period a minimum. How rules on the same data
    combine is `registre.retention.combine`'s.
    """

    id: Id | None = None
    label: Text | None = None
    kind: RetentionKind = RetentionKind.limit
    law: Text | None = None
    data: list[Id] | None = None
    subjects: list[Id] | None = None
    when: Condition | None = None
    duration: Duration | None = None
    start: Id | list[Id] | None = Field(None, alias="from")
    whichever: Literal["latest", "first"] = "latest"
    anchor: Literal["end_of_financial_year"] | None = None
    then: list[EndAction] | None = None
    archive: Archive | None = None
    note: Text | None = None

    @property
    def events(self) -> list[str]:
        """The events the period runs from (the latest of them counts, or the first with `whichever: first`)."""
        if self.start is None:
            return []
        return [self.start] if isinstance(self.start, str) else list(self.start)

    @property
    def obligation(self) -> bool:
        """Whether the period is a minimum the law requires: said by `kind`, or by a `law` that cites a minimum of
        `registre.law.retention` (unless `kind: limit` is written)."""
        if "kind" in self.model_fields_set or self.law is None:
            return self.kind is RetentionKind.obligation
        return any(p.bound is Bound.minimum for p in cited([self.law.fr, self.law.en]))


class RetentionDefaults(Model):
    """What happens to data at the end of their period unless a rule says otherwise, legal holds, and the event a
    rule with a duration and no `from` runs from (none unless stated: such data have no determinable end)."""

    then: list[EndAction] = Field(default_factory=lambda: [EndAction.delete])
    anonymised_for: Text | None = None
    legal_hold: Text | None = None
    start: Id | None = Field(None, alias="from")


# A security measure: a catalogue id (`encryption`), or the policy's own words (a text).
Measure = Id | Text


class Activity(Model):
    """A processing activity: one purpose, its legal bases, data, people, recipients, transfers, retention."""

    id: Id
    name: Text
    purpose: Text
    sub_purposes: list[Text] = Field(default_factory=list)
    subjects: list[Id] = Field(min_length=1)
    data: list[Id] = Field(min_length=1)
    legal_bases: list[LegalBasisEntry] = Field(default_factory=list)
    sources: list[Source] | None = None  # None: the policy does not say where the data come from
    provision: Provision | None = None
    # Who receives the data: recipients (ids, or `{id, data}`), `none` (the policy says no one), or left out.
    recipients: list[RecipientUse] | StatedNone | None = None
    # Transfers outside the EEA: a list, `none` (the policy says there is none), or left out (it does not say).
    transfers: list[Transfer] | StatedNone | None = None
    retention: list[RetentionRule | Id] = Field(default_factory=list)
    automated: AutomatedDecision | None = None
    # The activity prospects, or profiles for direct marketing (Art. 21(2)-(3) applies), whatever section says so.
    direct_marketing: bool = False
    art9_condition: Art9Condition | None = None
    art9_detail: Text | None = None
    art10_authority: Text | None = None
    security_measures: list[Measure] | None = None
    system: str | None = None
    created: dt.date | None = None
    updated: dt.date | None = None

    @property
    def recipient_ids(self) -> list[str]:
        """The ids of the recipients attached to this activity (none when stated none or not stated)."""
        return [r.id for r in listed(self.recipients)]

    @property
    def transfer_list(self) -> list[Transfer]:
        """The transfers the activity declares (none when stated none or not stated)."""
        return listed(self.transfers)


class RightName(StrEnum):
    """The rights a person may exercise."""

    access = "access"
    rectification = "rectification"
    erasure = "erasure"
    restriction = "restriction"
    portability = "portability"
    objection = "objection"
    automated_decision = "automated_decision"
    consent_withdrawal = "consent_withdrawal"
    post_mortem = "post_mortem"


class RightNarrowing(StrEnum):
    """How a policy narrows a right: to processing on some legal bases (`bases`), to the end of the relationship,
    to some of the data, or by excluding "confidential information"."""

    bases = "bases"
    end_of_relationship = "end_of_relationship"
    some_data = "some_data"
    confidential_information = "confidential_information"


class RightLimit(Model):
    """A limit the policy puts on a right, in its own words; `refused` when it denies the right outright, `narrows`
    when it grants less than the law (with `bases`: the only legal bases it grants the right for)."""

    right: RightName
    refused: bool = False
    statement: Text
    narrows: RightNarrowing | None = None
    bases: list[LegalBasis] | None = None


class Rights(Model):
    """How people exercise their rights: where to write, how identity is checked, the limits stated."""

    contact: Contact = Field(default_factory=Contact)
    # when_in_doubt: identity is asked only on reasonable doubt (Art. 12(6)); id_copy: a copy of an ID
    # with every request; signed_id_copy: a signed copy of an ID.
    identity_check: Literal["when_in_doubt", "id_copy", "signed_id_copy"] = "when_in_doubt"
    registered_letter_only: bool = False
    further_copy_fee: bool = False
    limits: list[RightLimit] = Field(default_factory=list)
    post_mortem: Contact | None = None


class TrackerPurpose(StrEnum):
    """What a cookie or tracker is for (CNIL 2020-091)."""

    strictly_necessary = "strictly_necessary"
    consent_storage = "consent_storage"
    functional = "functional"
    audience_measurement = "audience_measurement"
    personalisation = "personalisation"
    advertising = "advertising"
    social_media = "social_media"
    security = "security"
    error_monitoring = "error_monitoring"
    ab_testing = "ab_testing"
    data_analysis = "data_analysis"
    chat = "chat"
    video = "video"
    maps = "maps"


class AudienceExemption(Model):
    """What the policy says of the CNIL's conditions for an audience-measurement tracker exempt from consent: true,
    false, or left out (not said); `data_kept`: how long the data it collects are kept."""

    site_only: bool | None = None  # measures this site or app only, for one publisher
    anonymous_statistics: bool | None = None  # produces anonymous statistics only
    cross_referenced: bool | None = None  # the data are combined with other processing
    shared: bool | None = None  # the data are passed to third parties
    cross_site: bool | None = None  # follows the person across sites or apps
    data_kept: Duration | None = None


class Tracker(Model):
    """A cookie or other tracker: its technical `name` (`_ga`), its `label` for readers in both languages, who
    places it and where that provider is, what it is for and what it rests on."""

    name: str | None = None
    label: Text | None = None
    provider: str | None = None
    provider_country: Countries | None = None
    purpose: TrackerPurpose
    basis: LegalBasis | None = None  # its own legal basis, when the policy gives one
    description: Text | None = None
    lifetime: Duration | None = None
    party: Literal["first", "third"] | None = None  # None: the policy does not say whose cookie it is
    consent_required: bool = True
    exempt: bool = False  # the site claims the CNIL exemption from consent
    exemption: AudienceExemption | None = None  # what the policy says of the exemption's conditions

    @model_validator(mode="after")
    def _named(self) -> Tracker:
        if self.name is None and self.label is None:
            raise PydanticCustomError("tracker_unnamed", "a tracker needs a name or a label")
        return self

    def title(self, lang: Lang) -> str:
        """What a reader calls it: its label, with its technical name when the policy gives one."""
        if self.label is None:
            return self.name or ""
        return f"{self.label(lang)} ({self.name})" if self.name else self.label(lang)


class Cookies(Model):
    """The cookies and trackers, and how consent to them is obtained.

    `consent`: banner (a real choice before any tracker), browsing (continuing to browse is taken as
    consent), browser_settings (the user is told to refuse in the browser), none (nothing is asked).
    """

    consent: Literal["banner", "browsing", "browser_settings", "none"]
    choice_kept: Duration | None = None
    trackers: list[Tracker] = Field(default_factory=list)


class Channel(StrEnum):
    """A direct-marketing channel."""

    email = "email"
    sms = "sms"
    phone = "phone"
    post = "post"
    push = "push"


class MarketingRule(Model):
    """What a channel rests on for some subject categories.

    consent: prior consent; soft_opt_in: CPCE L34-5 customers' exception, with its three conditions;
    opt_out: sent unless the person objected; bloctel: telephone unless on the opposition list.
    """

    subjects: list[Id] | None = None
    rule: Literal["consent", "soft_opt_in", "opt_out", "bloctel"]
    professional: bool = False  # B2B: the message concerns the person's job
    analogous_products: bool = False
    opt_out_at_collection: bool = False
    opt_out_in_each_message: bool = False


class MarketingChannel(Model):
    """A channel the organisation prospects through, the activity it belongs to and its rules."""

    channel: Channel
    activity: Id | None = None
    rules: list[MarketingRule] = Field(min_length=1)
    opt_out: Text | None = None
    partners: bool = False  # data passed to partners for their own prospecting
    # Whose products or services the messages promote: the controller's own, its group's, partners' (None: not said).
    promotes: list[Literal["own", "group", "partners"]] | None = None


class ConsentByUse(Model):
    """A sentence by which the policy deems consent given by using the site or service, or by reading the policy;
    `activities`: those it claims consent for (None: all)."""

    statement: Text
    activities: list[Id] | None = None


class Disclaimer(StrEnum):
    """What a liability clause disclaims."""

    unlawful_access = "unlawful_access"  # damage from unlawful access to the data
    security = "security"  # the security of the data
    processors = "processors"  # what the processors do with the data
    third_party_sites = "third_party_sites"  # sites the policy links to
    authorities = "authorities"  # what an authority does with data it lawfully obtained


class LiabilityClause(Model):
    """A sentence by which the policy disclaims liability, and what it disclaims."""

    statement: Text
    disclaims: Disclaimer


class Clauses(Model):
    """Clauses a policy makes that the law may forbid, in its own words: consent deemed given by use, liability
    disclaimed, what it says of the data after death (LIL art. 85), whether the organisation provides an online
    service (left out: it does if it has a website or declares cookies)."""

    consent_by_use: list[ConsentByUse] = Field(default_factory=list)
    liability: list[LiabilityClause] = Field(default_factory=list)
    post_mortem: Text | None = None
    online_service: bool | None = None


class Waiver(Model):
    """A lint finding the DPO accepts, with the reason: its `code`, the `path` the report prints (`activities[2]`)
    and the `fingerprint` of what it pointed to; the waiver lapses when that changes."""

    code: str
    path: str
    fingerprint: str
    reason: Text
    by: str | None = None
    date: dt.date | None = None


class Declaration(Model):
    """A whole declaration."""

    registre: Literal[1] = 1
    policy: Policy = Field(default_factory=Policy)
    controller: Controller
    joint_controllers: list[Party] = Field(default_factory=list)
    representative: Party | None = None
    dpo: Dpo | None = None
    authorities: list[Id | Authority] = Field(default_factory=lambda: list[Id | Authority](["cnil"]))
    rights: Rights = Field(default_factory=Rights)
    subject_categories: list[Id | SubjectCategory] = Field(min_length=1)
    data_categories: list[Id | DataCategory] = Field(min_length=1)
    events: list[EventDefinition] = Field(default_factory=list)
    recipients: list[Recipient] = Field(default_factory=list)
    # A statement that covers every activity that says nothing itself: `transfers: none` (no transfer outside
    # the EEA), `automated: {solely_automated: false}` (no automated decision). Left out: the policy does not say.
    transfers: StatedNone | None = None
    automated: AutomatedStatement | None = None
    sources: list[Source] | None = None  # where the data of every activity that names none come from
    activities: list[Activity] = Field(min_length=1)
    retention: list[RetentionRule] = Field(default_factory=list)
    retention_defaults: RetentionDefaults = Field(default_factory=RetentionDefaults)
    security_measures: list[Measure] = Field(default_factory=list)
    cookies: Cookies | None = None
    marketing: list[MarketingChannel] = Field(default_factory=list)
    clauses: Clauses = Field(default_factory=Clauses)
    waivers: list[Waiver] = Field(default_factory=list)
