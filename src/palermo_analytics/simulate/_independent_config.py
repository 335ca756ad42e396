"""What the independent generator's world looks like: latent classes, agencies and their habits.

This generator is built differently from `simulate_world` on purpose: capture comes from latent
classes of visibility (Manrique-Vallier's model of heterogeneity) with list-specific leanings and
referrals, and each agency has recording habits of its own (which fields it asks, which spelling
system its clerks use, how often they mishear, mistype or scan).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

# Latent classes of victims: share of the population and the shift of every list's logit.
VISIBILITY_CLASSES = ((0.55, -1.3), (0.33, 0.0), (0.12, 1.6))

NATIONALITY_WEIGHTS = MappingProxyType(
    {"CN": 20, "HK": 5, "MO": 5, "TW": 2, "VN": 15, "PH": 14, "ID": 9, "TH": 7, "MN": 5,
     "RU": 5, "UA": 7, "BR": 4, "PT": 2}
)  # fmt: skip
CULTURE = MappingProxyType(
    {"CN": "chinese", "HK": "chinese", "MO": "chinese", "TW": "chinese", "VN": "vietnamese",
     "PH": "filipino", "ID": "indonesian", "TH": "thai", "MN": "mongolian", "RU": "east_slavic",
     "UA": "east_slavic", "BR": "lusophone", "PT": "lusophone"}
)  # fmt: skip


@dataclass(frozen=True)
class Practice:
    """One agency's list: whom it finds and how its records are written.

    `class_shift` adds to the latent class's shift (a hotline reaches the least visible better);
    the `p_*` are probabilities per record; `russian_form` is the chance that a Ukrainian's given
    name is written in its Russian form; `schemes` the transliterations its clerks use.
    """

    name: str
    capture_rate: float
    form_odds: Mapping[str, float] = field(default_factory=dict)
    class_shift: tuple[float, float, float] = (0.0, 0.0, 0.0)
    local_odds: float = 1.0  # odds multiplier for Chinese nationals (a consulate rarely sees them)
    duplicate_rate: float = 0.03
    layout: tuple[float, float, float] = (0.5, 0.3, 0.2)  # split, full only, both
    p_dob: float = 0.6
    p_age: float = 0.25
    p_document: float = 0.4
    p_phone: float = 0.4
    p_typo: float = 0.06
    p_phonetic: float = 0.03
    p_ocr: float = 0.03
    p_date_error: float = 0.04
    p_home_system: float = 0.8
    russian_form: float = 0.2
    p_upper: float = 0.2
    p_nickname: float = 0.05
    schemes: tuple[str, ...] = ("icao_passport", "bgn_pcgn", "ukrainian_2010")

    def __post_init__(self) -> None:
        object.__setattr__(self, "form_odds", MappingProxyType(dict(self.form_odds)))
        if not 0 < self.capture_rate < 1:
            raise ValueError(f"capture_rate of {self.name!r} must be between 0 and 1")


PRACTICES = MappingProxyType(
    {
        "police": Practice(
            "police", 0.16, {"sexual": 2.0, "labour": 0.6}, (0.0, 0.0, 0.3), layout=(0.7, 0.1, 0.2),
            p_dob=0.75, p_age=0.15, p_document=0.55, p_phone=0.3, p_ocr=0.08, p_upper=0.5,
            russian_form=0.35, schemes=("icao_passport", "icao_passport", "bgn_pcgn"),
        ),
        "ngo": Practice(
            "ngo", 0.14, {"sexual": 1.2}, (0.3, 0.0, 0.0), layout=(0.3, 0.5, 0.2), p_dob=0.4,
            p_age=0.45, p_document=0.15, p_phone=0.55, p_typo=0.08, p_nickname=0.15,
            p_home_system=0.6, russian_form=0.15, schemes=("bgn_pcgn", "french", "german"),
        ),
        "shelter": Practice(
            "shelter", 0.07, {"sexual": 1.6, "labour": 0.7}, (-0.4, 0.0, 0.4), p_dob=0.7,
            p_age=0.2, p_document=0.35, p_phone=0.35, p_date_error=0.08, russian_form=0.1,
        ),
        "hotline": Practice(
            "hotline", 0.09, {"labour": 1.4}, (0.6, 0.0, -0.3), layout=(0.1, 0.8, 0.1),
            p_dob=0.1, p_age=0.4, p_document=0.02, p_phone=0.9, p_typo=0.05, p_phonetic=0.3,
            p_home_system=0.4, russian_form=0.4, p_upper=0.0, p_nickname=0.2,
            schemes=("bgn_pcgn", "german", "french", "icao_passport"),
        ),
        "labour": Practice(
            "labour", 0.11, {"sexual": 0.2, "labour": 3.0}, layout=(0.6, 0.2, 0.2), p_dob=0.7,
            p_age=0.2, p_document=0.6, p_phone=0.3, p_ocr=0.12, p_date_error=0.1, p_upper=0.7,
        ),
        "consulate": Practice(
            "consulate", 0.10, {}, (0.0, 0.2, 0.2), local_odds=0.05, layout=(0.8, 0.0, 0.2),
            p_dob=0.9, p_age=0.05, p_document=0.85, p_phone=0.3, p_typo=0.02, p_ocr=0.05,
            p_home_system=0.95, russian_form=0.0, p_upper=0.6, schemes=("ukrainian_2010",),
        ),
    }
)  # fmt: skip

# Referral routes: being on the first list multiplies the odds of the second.
REFERRALS = (("police", "shelter", 4.0), ("hotline", "ngo", 3.0), ("ngo", "shelter", 2.0),
             ("labour", "consulate", 2.0), ("shelter", "hotline", 0.5))  # fmt: skip


@dataclass(frozen=True)
class IndependentWorldConfig:
    """A world of the independent generator: the population, its lists and the seed."""

    population: int = 1000
    agencies: tuple[Practice, ...] = tuple(PRACTICES.values())
    seed: int = 0
    reference_date: date = date(2024, 6, 30)
    recording_years: int = 3  # records are made over this many years before `reference_date`
    household_share: float = 0.25  # share of victims in a family or group sharing a phone
    unknown_birthday_share: float = 0.1  # victims who know only their year of birth

    def __post_init__(self) -> None:
        if self.population < 1:
            raise ValueError("population must be at least 1")
        names = [agency.name for agency in self.agencies]
        if not names or len(set(names)) != len(names):
            raise ValueError("agencies must be at least one, with distinct names")

    @classmethod
    def for_lists(
        cls, names: Iterable[str] | None, population: int, seed: int = 0
    ) -> IndependentWorldConfig:
        """Known list names get their habits; any other name a middling default."""
        if names is None:
            return cls(population=population, seed=seed)
        chosen = list(dict.fromkeys(name.strip() for name in names if name.strip()))
        agencies = tuple(PRACTICES.get(name, Practice(name, 0.1)) for name in chosen)
        return cls(population=population, agencies=agencies, seed=seed)
