"""The authorisation policy: who may see which personal data, and which back-office duties each role has.

Roles are the declaration's internal recipients, plus `dpo`. A role sees the personal data of the processing
activities that list it as a recipient, and only those (a record belongs to one activity and data category);
the DPO sees everything. Duties (handling rights requests, consent and marketing, breaches, the audit log)
go to the DPO and to the roles that settings.duties names for each; the subject store is open to every role,
filtered by activity. An API route or page whose duty is unknown is the DPO's alone (fail closed)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

from registre.declarations.declared import Declared
from registre.declarations.schemas import RecipientKind
from registre.i18n import Lang, Msg
from registre.subjects.service import SubjectFile

DPO = "dpo"
DPO_LABEL = Msg(en="Data protection officer", fr="Délégué à la protection des données")


class Duty(StrEnum):
    """A part of the back office and of the API."""

    requests = "requests"  # rights requests: the requester, the details, the answer
    subjects = "subjects"  # the subject store, filtered by activity
    consent = "consent"  # the consent ledger and marketing eligibility
    breaches = "breaches"
    audit = "audit"
    dpo = "dpo"  # everything else: the DPO's alone


# Each API router's prefix and the duty its routes need; a prefix not listed is the DPO's.
API_DUTIES: dict[str, Duty] = {
    "/api/requests": Duty.requests,
    "/api/subjects": Duty.subjects,
    "/api/consent": Duty.consent,
    "/api/history": Duty.consent,  # the consent ledger's past, with the objections and restrictions that bound it
    "/api/marketing": Duty.consent,
    "/api/breaches": Duty.breaches,
    "/api/audit": Duty.audit,
}


def duty_of(path: str) -> Duty:
    """The duty an API path needs."""
    for prefix, duty in API_DUTIES.items():
        if path == prefix or path.startswith(prefix + "/"):
            return duty
    return Duty.dpo


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
    """A subject's file with only the records the role sees."""
    if file.records is None or role == DPO:
        return file
    return replace(file, records=[r for r in file.records if policy.sees(role, r.activity, r.data_category)])
