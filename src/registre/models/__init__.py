"""The engine's tables, one module per aggregate; importing this package registers them all (Alembic's target)."""

from registre.models.audit import AuditEntry
from registre.models.breaches import Breach, BreachNotification
from registre.models.consent import BloctelImport, BloctelListing, ConsentEvent, ConsentWording
from registre.models.journal import DatasetBatch
from registre.models.limits import RateCount
from registre.models.outbox import OutboxLetter
from registre.models.requests import RightsRequest
from registre.models.staff import StaffMember, StaffSession
from registre.models.subjects import (
    DataSubject,
    Directive,
    Identifier,
    LifecycleEvent,
    PersonalRecord,
    Restriction,
)

__all__ = ["AuditEntry", "BloctelImport", "BloctelListing", "Breach", "BreachNotification", "ConsentEvent",
           "ConsentWording", "DataSubject", "DatasetBatch", "Directive", "Identifier", "LifecycleEvent",
           "OutboxLetter", "PersonalRecord", "RateCount", "Restriction", "RightsRequest", "StaffMember", "StaffSession"]
