from palermo.justice.models.authorisation import AuthorisationKind, JudicialAuthorisation
from palermo.justice.models.case import CriminalCase, CriminalStage, Suspect, VictimLink
from palermo.justice.models.court import Appeal, Charge, CourtDecision, Sentence

__all__ = [
    "Appeal",
    "AuthorisationKind",
    "Charge",
    "CourtDecision",
    "CriminalCase",
    "CriminalStage",
    "JudicialAuthorisation",
    "Sentence",
    "Suspect",
    "VictimLink",
]
