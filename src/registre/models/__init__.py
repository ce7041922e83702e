"""The engine's tables, one module per aggregate; importing this package registers them all (Alembic's target)."""

from registre.models.audit import AuditEntry
from registre.models.breaches import Breach, BreachNotification
from registre.models.requests import RightsRequest
from registre.models.subjects import (
    DataSubject,
    Directive,
    Identifier,
    LifecycleEvent,
    PersonalRecord,
    Restriction,
)

__all__ = ["AuditEntry", "Breach", "BreachNotification", "DataSubject", "Directive", "Identifier", "LifecycleEvent",
           "PersonalRecord", "Restriction", "RightsRequest"]
