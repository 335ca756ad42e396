from palermo.registry.models.case import Stage, StageTransition, VictimCase
from palermo.registry.models.casework import (
    CarePlanTask,
    CaseNote,
    Notification,
    NotificationKind,
)
from palermo.registry.models.document import Document
from palermo.registry.models.exploitation import Exploitation
from palermo.registry.models.person import Person, PersonSearchKey
from palermo.registry.models.referral import BreakGlassGrant, Consent, Referral, Service

__all__ = [
    "BreakGlassGrant",
    "CarePlanTask",
    "CaseNote",
    "Consent",
    "Document",
    "Exploitation",
    "Notification",
    "NotificationKind",
    "Person",
    "PersonSearchKey",
    "Referral",
    "Service",
    "Stage",
    "StageTransition",
    "VictimCase",
]
