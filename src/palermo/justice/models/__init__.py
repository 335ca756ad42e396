from palermo.justice.models.authorisation import AuthorisationKind, JudicialAuthorisation
from palermo.justice.models.case import (
    CriminalCase,
    CriminalStage,
    CriminalTransition,
    Suspect,
    VictimLink,
)
from palermo.justice.models.court import Appeal, Charge, CourtDecision, Sentence

__all__ = [
    "Appeal",
    "AuthorisationKind",
    "Charge",
    "CourtDecision",
    "CriminalCase",
    "CriminalStage",
    "CriminalTransition",
    "JudicialAuthorisation",
    "Sentence",
    "Suspect",
    "VictimLink",
]
