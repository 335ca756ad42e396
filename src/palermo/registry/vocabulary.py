"""Exploitation vocabulary, one to one with the CTDC standard (data dictionary of 15 Aug 2018).

Each choice's value is our code; `CTDC_FIELD` maps it to the CTDC column it sets, so exports need
no second table. CTDC's "-99" (unknown) is never stored: unknown is the absence of a value.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    OTHER = "other", _("transgender or non-conforming")
    UNKNOWN = "unknown", _("unknown")


class ExploitationForm(models.TextChoices):
    SEXUAL = "sexual", _("sexual exploitation")
    LABOUR = "labour", _("forced labour")
    CRIMINALITY = "criminality", _("forced criminality")
    BEGGING = "begging", _("forced begging")
    MARRIAGE = "marriage", _("forced marriage")
    MILITARY = "military", _("forced military service")
    ORGANS = "organs", _("removal of organs")
    SLAVERY = "slavery", _("slavery or similar practices")
    OTHER = "other", _("other exploitation")


class LabourSector(models.TextChoices):
    AGRICULTURE = "agriculture", _("agriculture")
    AQUAFARMING = "aquafarming", _("aquafarming and fishing")
    BEGGING = "begging", _("begging")
    CONSTRUCTION = "construction", _("construction")
    DOMESTIC = "domestic_work", _("domestic work")
    HOSPITALITY = "hospitality", _("hospitality")
    ILLICIT = "illicit_activities", _("illicit activities")
    MANUFACTURING = "manufacturing", _("manufacturing")
    MINING = "mining_or_drilling", _("mining or drilling")
    PEDDLING = "peddling", _("peddling")
    TRANSPORTATION = "transportation", _("transportation")
    OTHER = "other", _("other sector")


class SexualExploitationType(models.TextChoices):
    PROSTITUTION = "prostitution", _("prostitution")
    PORNOGRAPHY = "pornography", _("pornography")
    REMOTE = "remote_interactive", _("remote interactive services")
    PRIVATE = "private_sexual_services", _("private sexual services")


class MeansOfControl(models.TextChoices):
    DEBT_BONDAGE = "debt_bondage", _("debt bondage")
    TAKES_EARNINGS = "takes_earnings", _("takes earnings")
    RESTRICTS_FINANCES = "restricts_financial_access", _("restricts access to money")
    THREATS = "threats", _("threats")
    PSYCHOLOGICAL = "psychological_abuse", _("psychological abuse")
    PHYSICAL = "physical_abuse", _("physical abuse")
    SEXUAL = "sexual_abuse", _("sexual abuse")
    FALSE_PROMISES = "false_promises", _("false promises")
    SUBSTANCES = "psychoactive_substances", _("psychoactive substances")
    RESTRICTS_MOVEMENT = "restricts_movement", _("restricts movement")
    RESTRICTS_CARE = "restricts_medical_care", _("restricts medical care")
    EXCESSIVE_HOURS = "excessive_working_hours", _("excessive working hours")
    USES_CHILDREN = "uses_children", _("uses children")
    LAW_ENFORCEMENT = "threat_of_law_enforcement", _("threat of law enforcement")
    NECESSITIES = "withholds_necessities", _("withholds necessities")
    DOCUMENTS = "withholds_documents", _("withholds documents")
    OTHER = "other", _("other means")


class RecruiterRelation(models.TextChoices):
    INTIMATE_PARTNER = "intimate_partner", _("intimate partner")
    FRIEND = "friend", _("friend")
    FAMILY = "family", _("family member")
    OTHER = "other", _("other")


def _ctdc(prefix: str, names: dict[str, str]) -> dict[str, str]:
    return {code: prefix + name for code, name in names.items()}


CTDC_FIELD: dict[type[models.TextChoices], dict[str, str]] = {
    ExploitationForm: {
        "sexual": "isSexualExploit",
        "labour": "isForcedLabour",
        "marriage": "isForcedMarriage",
        "military": "isForcedMilitary",
        "organs": "isOrganRemoval",
        "criminality": "isOtherExploit",
        "begging": "isOtherExploit",
        "slavery": "isOtherExploit",
        "other": "isOtherExploit",
    },
    LabourSector: _ctdc(
        "typeOfLabour",
        {
            "agriculture": "Agriculture",
            "aquafarming": "Aquafarming",
            "begging": "Begging",
            "construction": "Construction",
            "domestic_work": "DomesticWork",
            "hospitality": "Hospitality",
            "illicit_activities": "IllicitActivities",
            "manufacturing": "Manufacturing",
            "mining_or_drilling": "MiningOrDrilling",
            "peddling": "Peddling",
            "transportation": "Transportation",
            "other": "Other",
        },
    ),
    SexualExploitationType: _ctdc(
        "typeOfSex",
        {
            "prostitution": "Prostitution",
            "pornography": "Pornography",
            "remote_interactive": "RemoteInteractiveServices",
            "private_sexual_services": "PrivateSexualServices",
        },
    ),
    MeansOfControl: _ctdc(
        "meansOfControl",
        {
            "debt_bondage": "DebtBondage",
            "takes_earnings": "TakesEarnings",
            "restricts_financial_access": "RestrictsFinancialAccess",
            "threats": "Threats",
            "psychological_abuse": "PsychologicalAbuse",
            "physical_abuse": "PhysicalAbuse",
            "sexual_abuse": "SexualAbuse",
            "false_promises": "FalsePromises",
            "psychoactive_substances": "PsychoactiveSubstances",
            "restricts_movement": "RestrictsMovement",
            "restricts_medical_care": "RestrictsMedicalCare",
            "excessive_working_hours": "ExcessiveWorkingHours",
            "uses_children": "UsesChildren",
            "threat_of_law_enforcement": "ThreatOfLawEnforcement",
            "withholds_necessities": "WithholdsNecessities",
            "withholds_documents": "WithholdsDocuments",
            "other": "Other",
        },
    ),
    RecruiterRelation: _ctdc(
        "recruiterRelation",
        {
            "intimate_partner": "IntimatePartner",
            "friend": "Friend",
            "family": "Family",
            "other": "Other",
        },
    ),
}

# CTDC's ageBroad bins: (label, lowest age, highest age or None for open-ended).
CTDC_AGE_BANDS: list[tuple[str, int, int | None]] = [
    ("0--8", 0, 8),
    ("9--17", 9, 17),
    ("18--20", 18, 20),
    ("21--23", 21, 23),
    ("24--26", 24, 26),
    ("27--29", 27, 29),
    ("30--38", 30, 38),
    ("39--47", 39, 47),
    ("48+", 48, None),
]


def ctdc_age_band(age: int | None) -> str | None:
    if age is None:
        return None
    for label, low, high in CTDC_AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return None
