"""The CTDC Global Dataset's release columns and its one code for "unknown".

CTDC (IOM's Counter Trafficking Data Collaborative) writes `-99` where a value is unknown or was
withheld. That sentinel is handled here and nowhere else: the product keeps unknown as an absent
value (None), and `to_ctdc` / `from_ctdc` are the only crossings between the two.
"""

from enum import StrEnum

UNKNOWN = "-99"


class Flag(StrEnum):
    """CTDC's yes/no columns: `1`, `0`, or `-99` when not recorded."""

    YES = "1"
    NO = "0"
    UNKNOWN = UNKNOWN


def to_ctdc(value: str | bool | None) -> str:
    """A product value as a CTDC cell: None becomes `-99`, booleans become `1` / `0`."""
    if value is None or value == "":
        return UNKNOWN
    if isinstance(value, bool):
        return Flag.YES if value else Flag.NO
    return value


def from_ctdc(cell: str) -> str | None:
    """A CTDC cell as a product value: `-99` and empty cells are unknown (None)."""
    cell = cell.strip()
    return None if cell in {UNKNOWN, ""} else cell


FORM_COLUMNS = [
    "isForcedLabour",
    "isSexualExploit",
    "isOtherExploit",
    "isForcedMarriage",
    "isForcedMilitary",
    "isOrganRemoval",
]
MEANS_COLUMNS = [
    "meansOfControl" + name
    for name in [
        "DebtBondage",
        "TakesEarnings",
        "RestrictsFinancialAccess",
        "Threats",
        "PsychologicalAbuse",
        "PhysicalAbuse",
        "SexualAbuse",
        "FalsePromises",
        "PsychoactiveSubstances",
        "RestrictsMovement",
        "RestrictsMedicalCare",
        "ExcessiveWorkingHours",
        "UsesChildren",
        "ThreatOfLawEnforcement",
        "WithholdsNecessities",
        "WithholdsDocuments",
        "Other",
    ]
]
SECTOR_COLUMNS = [
    "typeOfLabour" + name
    for name in [
        "Agriculture",
        "Aquafarming",
        "Begging",
        "Construction",
        "DomesticWork",
        "Hospitality",
        "IllicitActivities",
        "Manufacturing",
        "MiningOrDrilling",
        "Peddling",
        "Transportation",
        "Other",
    ]
] + [
    "typeOfSex" + name
    for name in [
        "Prostitution",
        "Pornography",
        "RemoteInteractiveServices",
        "PrivateSexualServices",
    ]
]
RECRUITMENT_COLUMNS = [
    "recruiterRelationIntimatePartner",
    "recruiterRelationFriend",
    "recruiterRelationFamily",
    "recruiterRelationOther",
    "isAbduction",
]
PERSON_COLUMNS = [
    "yearOfRegistration",
    "Datasource",
    "gender",
    "ageBroad",
    "majorityStatus",
    "citizenship",
    "CountryOfExploitation",
]
# Every column a release may hold, in CTDC's order. Nothing else is ever written.
RELEASE_COLUMNS = [
    *PERSON_COLUMNS,
    *FORM_COLUMNS,
    *MEANS_COLUMNS,
    *SECTOR_COLUMNS,
    *RECRUITMENT_COLUMNS,
]
FLAG_COLUMNS = frozenset([*FORM_COLUMNS, *MEANS_COLUMNS, *SECTOR_COLUMNS, *RECRUITMENT_COLUMNS])

AGE_BANDS = ["0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+"]
GENDERS = ["Female", "Male", "Transgender/NonConforming"]
MAJORITY = ["Minor", "Adult"]
DATA_SOURCES = ["Case Management", "Hotline"]
