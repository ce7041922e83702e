"""What a breach is made of: its facts, the triage questions, the notifications, and how the doors show them.

The vocabulary follows the CNIL's notification form (`shared/reference/regulation.md` §4.3, field lists
UNVERIFIED against the live form) and the EDPB's three kinds of breach.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from registre.breaches import clock
from registre.kit.limits import Count


def _plausible(moment: dt.datetime) -> dt.datetime:
    """A moment of a breach: between 1990 and 2100 (a mistyped year is an error, not an overflow)."""
    if not 1990 <= moment.year <= 2100:
        raise ValueError(f"{moment.isoformat()} is not a plausible moment for a breach (1990 to 2100)")
    return moment


Moment = Annotated[AwareDatetime, AfterValidator(_plausible)]


class Nature(StrEnum):
    """What the breach did to the data (EDPB): one breach may combine them."""

    confidentiality = "confidentiality"  # unauthorised or accidental disclosure or access
    integrity = "integrity"  # unauthorised or accidental alteration
    availability = "availability"  # loss of access, or destruction


class Origin(StrEnum):
    """How it happened, in the CNIL form's list (« Origines de l'incident »)."""

    lost_equipment = "lost_equipment"
    lost_paper = "lost_paper"
    lost_mail = "lost_mail"
    hacking = "hacking"  # piratage, malicious software, phishing
    paper_disposal = "paper_disposal"
    device_disposal = "device_disposal"
    unintended_publication = "unintended_publication"
    wrong_person_shown = "wrong_person_shown"
    wrong_recipient = "wrong_recipient"
    verbal_disclosure = "verbal_disclosure"
    other = "other"


class Cause(StrEnum):
    """Who or what caused it (CNIL form, « Causes »)."""

    internal_malicious = "internal_malicious"
    internal_accidental = "internal_accidental"
    external_malicious = "external_malicious"
    external_accidental = "external_accidental"
    unknown = "unknown"


class Risk(StrEnum):
    """The risk to people's rights and freedoms: none means no notification (Art. 33(1)), high means the
    people are told too (Art. 34(1))."""

    none = "none"
    risk = "risk"
    high = "high"


class Exemption(StrEnum):
    """The Art. 34(3) conditions under which people need not be told of a high-risk breach."""

    encryption = "encryption"  # (a) data unintelligible to anyone not authorised, such as encrypted
    later_measures = "later_measures"  # (b) later measures make the high risk no longer likely
    disproportionate_effort = "disproportionate_effort"  # (c) a public communication instead


class NotificationKind(StrEnum):
    """Who a notification goes to: the CNIL (initial, then complementary, Art. 33(4)), the people (Art. 34),
    or the public (Art. 34(3)(c))."""

    initial = "initial"
    complementary = "complementary"
    subjects = "subjects"
    public = "public"


class Clock(StrEnum):
    """Where the 72-hour clock stands."""

    running = "running"  # a notification is or may be due, the deadline has not passed
    overdue = "overdue"  # the deadline has passed with no notification to the CNIL
    notified = "notified"  # the CNIL was notified in time
    notified_late = "notified_late"  # the CNIL was notified after the deadline, with the reasons
    not_required = "not_required"  # judged unlikely to result in a risk: recorded, not notified (Art. 33(5))


class Strict(BaseModel):
    """The base of breach schemas: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")


class BreachFacts(Strict):
    """The facts a breach record holds, each optional so that an update gives only what changed."""

    title: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = None
    circumstances: str | None = None  # how it was discovered
    started_at: Moment | None = None
    ongoing: bool | None = None
    ended_at: Moment | None = None
    nature: list[Nature] | None = None
    origin: Origin | None = None
    cause: Cause | None = None
    systems: list[str] | None = None  # servers, laptops, USB keys, paper, applications…
    activities: list[str] | None = None  # declared processing activities
    data_categories: list[str] | None = None  # declared data categories
    subject_categories: list[str] | None = None  # declared subject categories
    window_from: Moment | None = None  # data collected from this moment were affected
    window_to: Moment | None = None
    subjects_count: Count | None = None  # entered: replaces the count from the store
    records_count: Count | None = None
    encrypted: bool | None = None  # encrypted with a state-of-the-art key that was not compromised
    consequences: str | None = None
    measures_taken: str | None = None
    measures_planned: str | None = None
    advice: str | None = None  # what people can do to protect themselves (Recital 86)


class BreachCreate(BreachFacts):
    """A new breach, as staff record it; awareness starts the 72 hours."""

    title: str = Field(min_length=1, max_length=200)
    aware_at: Moment  # a reasonable degree of certainty that personal data were compromised
    discovered_at: Moment | None = None  # default: the awareness
    nature: list[Nature] = Field(min_length=1)
    cause: Cause = Cause.unknown


class BreachUpdate(BreachFacts):
    """What changed in a breach's facts, as the investigation goes on (Art. 33(4): information in phases)."""


class ProcessorReport(Strict):
    """A processor's report of a breach to the controller (Art. 33(2)); its receipt is the controller's
    awareness unless `aware_at` says otherwise."""

    processor: str = Field(min_length=1, max_length=200)  # a declared processor's id, or its name
    processor_aware_at: Moment | None = None  # when the processor became aware
    received_at: Moment | None = None  # when the report reached the controller; default: now
    title: str = Field(min_length=1, max_length=200)
    description: str | None = None
    nature: list[Nature] = Field(min_length=1)
    cause: Cause = Cause.unknown
    origin: Origin | None = None
    started_at: Moment | None = None
    systems: list[str] = Field(default_factory=list)
    activities: list[str] = Field(default_factory=list)
    data_categories: list[str] = Field(default_factory=list)
    subject_categories: list[str] = Field(default_factory=list)
    subjects_count: Count | None = None
    records_count: Count | None = None
    encrypted: bool = False
    consequences: str | None = None
    measures_taken: str | None = None


class Answers(Strict):
    """The guided questions of triage (after EDPB Guidelines 9/2022 and 01/2021 examples); each answer yes or no."""

    unintelligible: bool = False  # the data were encrypted (state of the art) or otherwise unreadable, key safe
    backup: bool = True  # for a loss of availability: the data can be restored from a backup
    contained: bool = False  # recovered or deleted before anyone could use them (trusted recipient, device wiped)
    brief_unavailability: bool = False  # availability only, restored quickly with no effect on people
    identifiable: bool = True  # the people can be identified from the data, directly or easily
    sensitive: bool = False  # Art. 9 or 10 data, financial data, credentials, identity documents, NIR, location
    vulnerable: bool = False  # children, patients, employees, people in difficulty
    severe_consequences: bool = False  # identity theft, fraud, financial loss, discrimination, harm, reputation
    malicious: bool = False  # someone meant harm (theft, hacking, ransom)


class Assessment(Strict):
    """A triage: the answers, the level decided (the suggested one when not given) and the reasons."""

    answers: Answers = Field(default_factory=Answers)
    risk: Risk | None = None  # a level other than the suggested one needs reasons
    exemptions: list[Exemption] = Field(default_factory=list)  # Art. 34(3), for a high risk
    reasons: str | None = None


class NotificationCreate(Strict):
    """A notification to record: to the CNIL (initial or complementary), to the people or the public."""

    kind: NotificationKind
    made_at: Moment | None = None  # default: now
    delay_reasons: str | None = None  # required when the CNIL is notified after the 72 hours
    authority_ref: str | None = Field(None, max_length=80)  # the number the CNIL gives the filing
    lang: Literal["fr", "en"] = "fr"
    draft: bool = False  # produce the text only, record nothing


class NotificationRead(Strict):
    """A notification as recorded."""

    kind: NotificationKind
    made_at: dt.datetime
    late: bool
    delay_reasons: str | None
    authority_ref: str | None
    recipients: int | None
    lang: str
    actor: str


class BreachRead(Strict):
    """A breach as the doors show it, with its deadline in UTC and Paris time and the hours left."""

    ref: str
    title: str
    description: str | None
    circumstances: str | None
    started_at: dt.datetime | None
    discovered_at: dt.datetime
    aware_at: dt.datetime
    recorded_at: dt.datetime
    deadline: dt.datetime
    deadline_local: str
    hours_left: float
    time_left: str
    clock: Clock
    ongoing: bool
    ended_at: dt.datetime | None
    nature: list[Nature]
    origin: Origin | None
    cause: Cause
    systems: list[str]
    activities: list[str]
    data_categories: list[str]
    subject_categories: list[str]
    window_from: dt.datetime | None
    window_to: dt.datetime | None
    subjects_count: int | None
    subjects_count_source: str | None
    records_count: int | None
    records_count_source: str | None
    encrypted: bool
    consequences: str | None
    measures_taken: str | None
    measures_planned: str | None
    advice: str | None
    contact: dict[str, Any]
    processor: str | None
    processor_aware_at: dt.datetime | None
    risk: Risk | None
    risk_reasons: str | None
    triage: dict[str, Any] | None
    assessed_at: dt.datetime | None
    notify_authority: bool | None  # None until assessed
    inform_subjects: bool | None
    public_communication: bool | None
    alert_sent_at: dt.datetime | None
    notifications: list[NotificationRead]

    @property
    def running(self) -> bool:
        """Whether the 72-hour clock still runs: no notification to the CNIL yet, none ruled out."""
        return self.clock in (Clock.running, Clock.overdue)

    @property
    def urgency(self) -> Literal["late", "soon"] | None:
        """How pressing the running clock is (`clock.urgency`); None once it stopped."""
        return clock.urgency(self.hours_left) if self.running else None
