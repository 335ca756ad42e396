"""What a synthetic world looks like: its population, its agencies, the noise in their records."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

EXPLOITATION_FORMS = ("sexual", "labour", "other")

# Nationalities of victims identified in the region (Macao, Hong Kong, the Pearl River Delta), and
# the naming culture each one's names are drawn from.
CULTURE_OF_NATIONALITY = MappingProxyType(
    {
        "CN": "chinese",
        "HK": "chinese",
        "MO": "chinese",
        "TW": "chinese",
        "VN": "vietnamese",
        "PH": "filipino",
        "ID": "indonesian",
        "TH": "thai",
        "MN": "mongolian",
        "RU": "east_slavic",
        "UA": "east_slavic",
        "PT": "lusophone",
        "BR": "lusophone",
    }
)

DEFAULT_NATIONALITY_WEIGHTS = MappingProxyType(
    {
        "CN": 22.0,
        "HK": 4.0,
        "MO": 4.0,
        "TW": 2.0,
        "VN": 16.0,
        "PH": 14.0,
        "ID": 9.0,
        "TH": 7.0,
        "MN": 6.0,
        "RU": 5.0,
        "UA": 5.0,
        "PT": 2.0,
        "BR": 4.0,
    }
)


def _frozen(mapping: Mapping[str, float]) -> Mapping[str, float]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class AgencyConfig:
    """One agency's list: how likely it is to record a victim, and whom it tends to find.

    `form_odds` multiplies the odds of capture by exploitation form (police find more sexual
    exploitation, labour inspectors more forced labour); `duplicate_rate` is the share of the
    agency's victims it records twice (a second registration under a different spelling).
    """

    name: str
    capture_rate: float
    form_odds: Mapping[str, float] = field(default_factory=dict)
    duplicate_rate: float = 0.02

    def __post_init__(self) -> None:
        object.__setattr__(self, "form_odds", _frozen(self.form_odds))
        if not 0 < self.capture_rate < 1:
            raise ValueError(f"capture_rate of {self.name!r} must be between 0 and 1")


# Agencies typical of a committee like Macao's, with plausible leanings.
KNOWN_AGENCIES = MappingProxyType(
    {
        "police": AgencyConfig("police", 0.30, {"sexual": 2.0, "labour": 0.6}),
        "ngo": AgencyConfig("ngo", 0.25, {"sexual": 1.3, "labour": 1.0}),
        "shelter": AgencyConfig("shelter", 0.15, {"sexual": 1.5, "labour": 0.8}),
        "hotline": AgencyConfig("hotline", 0.12, {"labour": 1.4}),
        "labour": AgencyConfig("labour", 0.20, {"sexual": 0.2, "labour": 3.0}),
    }
)

# Referral routes: a victim on the first list is more likely to be on the second.
DEFAULT_REFERRALS = (
    ("police", "shelter"),
    ("ngo", "shelter"),
    ("hotline", "ngo"),
    ("labour", "police"),
)


@dataclass(frozen=True)
class NoiseConfig:
    """Probabilities of each kind of error or variation in one record (all independent)."""

    typo: float = 0.08
    swapped_name_order: float = 0.15
    alias_listed: float = 0.12
    recorded_under_alias: float = 0.03
    romanisation_variant: float = 0.30
    diacritics_dropped: float = 0.60
    native_script: float = 0.10
    missing_day: float = 0.10
    year_only: float = 0.06
    wrong_day_or_month: float = 0.05
    estimated_age: float = 0.12
    missing_date_of_birth: float = 0.04
    changed_document: float = 0.12
    missing_document: float = 0.35
    document_typo: float = 0.03
    missing_phone: float = 0.45
    changed_phone: float = 0.15
    missing_sex: float = 0.03
    missing_nationality: float = 0.05
    missing_given_name: float = 0.03


@dataclass(frozen=True)
class WorldConfig:
    """A hidden population of victims and the agencies' lists that capture them.

    Capture is heterogeneous (each victim has a latent visibility, normal on the logit scale with
    `visibility_sd`; agencies lean towards exploitation forms) and dependent (`referrals`: being
    on the first list multiplies the odds of the second by `referral_odds`). Lists are drawn in
    the order given, so a referral counts only from a list earlier in `agencies`.
    """

    population: int = 1000
    agencies: tuple[AgencyConfig, ...] = tuple(KNOWN_AGENCIES.values())
    seed: int = 0
    referrals: tuple[tuple[str, str], ...] = DEFAULT_REFERRALS
    referral_odds: float = 3.0
    visibility_sd: float = 1.0
    nationality_weights: Mapping[str, float] = DEFAULT_NATIONALITY_WEIGHTS
    form_weights: Mapping[str, float] = field(
        default_factory=lambda: {"sexual": 0.5, "labour": 0.4, "other": 0.1}
    )
    noise: NoiseConfig = NoiseConfig()
    reference_date: date = date(2024, 12, 31)

    def __post_init__(self) -> None:
        object.__setattr__(self, "nationality_weights", _frozen(self.nationality_weights))
        object.__setattr__(self, "form_weights", _frozen(self.form_weights))
        self._check()

    def _check(self) -> None:
        if self.population < 1:
            raise ValueError("population must be at least 1")
        names = [agency.name for agency in self.agencies]
        if not names or len(set(names)) != len(names):
            raise ValueError("agencies must be at least one, with distinct names")
        unknown = set(self.nationality_weights) - set(CULTURE_OF_NATIONALITY)
        if unknown:
            raise ValueError(f"no naming culture for nationalities {sorted(unknown)}")
        if set(self.form_weights) - set(EXPLOITATION_FORMS):
            raise ValueError(f"exploitation forms must be among {EXPLOITATION_FORMS}")

    @classmethod
    def for_lists(cls, names: Iterable[str], population: int, seed: int = 0) -> WorldConfig:
        """A world with the named lists: known agency names get their leanings, others a default."""
        agencies = tuple(
            KNOWN_AGENCIES.get(name, AgencyConfig(name, 0.2)) for name in _distinct(names)
        )
        return cls(population=population, agencies=agencies, seed=seed)

    def replace(self, **changes: object) -> WorldConfig:
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


def _distinct(names: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(name.strip() for name in names if name.strip()))
