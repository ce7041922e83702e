"""The authorisation policy: who may see which personal data, and which back-office duties each role has.

Roles are the declaration's internal recipients, plus `dpo`. A role sees the personal data of the processing
activities that list it as a recipient, and only those (a record belongs to one activity and data category);
the DPO sees everything. Duties (handling rights requests, consent and marketing, breaches, the audit log)
go to the DPO and to the roles that settings.duties names for each; the subject store is open to every role,
filtered by activity. Each API route and page names the duty it needs (`web.deps.acting_for`); what no other duty
covers is the DPO's alone (`Duty.dpo`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from registre.context import DPO as DPO
from registre.declarations.declared import Declared
from registre.declarations.schemas import RecipientKind
from registre.i18n import Lang, Msg
from registre.subjects.service import SubjectFile

DPO_LABEL = Msg(en="Data protection officer", fr="Délégué à la protection des données")


class Duty(StrEnum):
    """A part of the back office and of the API."""

    requests = "requests"  # rights requests: the requester, the details, the answer
    subjects = "subjects"  # the subject store, filtered by activity
    consent = "consent"  # the consent ledger and marketing eligibility
    breaches = "breaches"
    audit = "audit"
    dpo = "dpo"  # everything else: the DPO's alone


@dataclass(frozen=True)
class Policy:
    """The declaration's roles and what each may see and do."""

    declared: Declared | None
    duties: dict[str, list[str]]

    def roles(self) -> dict[str, Callable[[Lang], str]]:
        """Every role, with its name: the internal recipients, then the DPO."""
        found: dict[str, Callable[[Lang], str]] = {}
        if self.declared is not None:
            for recipient in self.declared.recipients.values():
                if recipient.kind == RecipientKind.internal:
                    found[recipient.id] = recipient.name
        found[DPO] = DPO_LABEL
        return found

    def is_role(self, role: str) -> bool:
        """Whether the declaration (or the DPO) knows this role."""
        return role in self.roles()

    def sees_everything(self, role: str) -> bool:
        """Whether the role sees every activity's data (the DPO, or a recipient of every activity)."""
        if role == DPO:
            return True
        if self.declared is None:
            return False
        declared = self.declared
        return all(declared.receives(role, activity) for activity in declared.declaration.activities)

    def sees(self, role: str, activity: str, data_category: str) -> bool:
        """Whether the role sees a record of this activity and data category."""
        if role == DPO:
            return True
        if self.declared is None:
            return False
        found = self.declared.activity(activity)
        return found is not None and data_category in found.data and self.declared.receives(role, found, data_category)

    def events_seen(self, role: str) -> set[str]:
        """The lifecycle events a limited role sees: those a retention period of one of its activities runs from."""
        if self.declared is None:
            return set()
        declared = self.declared
        return {event for activity in declared.declaration.activities if declared.receives(role, activity)
                for placed in declared.rules(activity) for event in placed.rule.events}

    def sees_restriction(self, role: str, activity: str | None) -> bool:
        """Whether the role sees a restriction or objection: one on every activity, or on one of its own."""
        if activity is None or self.sees_everything(role):
            return True
        found = self.declared.activity(activity) if self.declared is not None else None
        return found is not None and self.declared is not None and self.declared.receives(role, found)

    def may(self, role: str, duty: Duty) -> bool:
        """Whether the role has this duty."""
        if role == DPO:
            return True
        if not self.is_role(role):
            return False
        if duty == Duty.subjects:
            return True
        return role in self.duties.get(duty.value, [])


def visible(policy: Policy, role: str, file: SubjectFile) -> SubjectFile:
    """A subject's file with only what the role sees: the records of its activities; the identifiers only if it
    sees one of the person's records (the person is in one of its activities); the events its activities' retention
    periods run from."""
    if policy.sees_everything(role):
        return file
    records = file.records
    if records is not None:
        records = [r for r in records if policy.sees(role, r.activity, r.data_category)]
    identifiers = file.identifiers
    if identifiers is not None and not records:
        identifiers = []  # not read with the records, or none of its activities: fail closed
    events = file.events
    if events is not None:
        seen = policy.events_seen(role)
        events = [e for e in events if e.event in seen]
    return replace(file, records=records, identifiers=identifiers, events=events)


def visible_restrictions(policy: Policy, role: str, found: dict[str, Any]) -> dict[str, Any]:
    """A person's restrictions and objections with only those the role sees (every activity's, or its own)."""
    return {**found, "restrictions": [r for r in found["restrictions"] if policy.sees_restriction(role, r["activity"])]}
