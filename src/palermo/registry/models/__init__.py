from palermo.registry.models.case import Stage, StageTransition, VictimCase
from palermo.registry.models.casework import (
    CarePlanTask,
    CaseNote,
    Notification,
    NotificationKind,
)
from palermo.registry.models.child import ChildProtection
from palermo.registry.models.correction import PersonCorrection
from palermo.registry.models.document import Document
from palermo.registry.models.exploitation import Exploitation
from palermo.registry.models.identity import (
    IdentityChange,
    IdentityChangeKind,
    NewPersonConfirmation,
)
from palermo.registry.models.person import Person, PersonSearchKey
from palermo.registry.models.referral import BreakGlassGrant, Consent, Referral, Service

__all__ = [
    "BreakGlassGrant",
    "CarePlanTask",
    "CaseNote",
    "ChildProtection",
    "Consent",
    "Document",
    "Exploitation",
    "IdentityChange",
    "IdentityChangeKind",
    "NewPersonConfirmation",
    "Notification",
    "NotificationKind",
    "Person",
    "PersonCorrection",
    "PersonSearchKey",
    "Referral",
    "Service",
    "Stage",
    "StageTransition",
    "VictimCase",
]
