"""Palermo's linkage model: what Splink compares, how it blocks and how it is trained.

Every level is written with Splink's level library or plain SQL that sqlglot translates, so the
same model runs on DuckDB and on Spark.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import block_on
from splink.blocking_rule_library import CustomRule


@dataclass(frozen=True)
class ModelSpec:
    """Comparisons and blocking rules for Splink, and the rules used to train it.

    `deterministic_rules` admit almost only true matches (they estimate how often two random
    records match, given their `recall`); each of `em_rules` blocks a sample on which EM learns
    the m probabilities of the comparisons not in that rule.
    """

    comparisons: list[Any]
    blocking_rules: list[Any]
    deterministic_rules: list[Any]
    em_rules: list[Any]
    recall: float = 0.7
    term_frequency_columns: list[str] = field(default_factory=list)


def _level(sql: str, label: str) -> cll.CustomLevel:
    return cll.CustomLevel(sql, label_for_charts=label, base_dialect_str="duckdb")


def name_comparison() -> cl.CustomComparison:
    """Names in any order, romanisation folded into keys (see `_names`), aliases counted."""
    return cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel("name_key"),
            cll.ExactMatchLevel("name_key", term_frequency_adjustments=True),
            cll.JaroWinklerLevel("name_key", 0.95),
            cll.ArrayIntersectLevel("name_keys", 3),
            cll.ArrayIntersectLevel("name_keys", 2),
            cll.ExactMatchLevel("phonetic_key").configure(label_for_charts="same sounds"),
            cll.JaroWinklerLevel("name_key", 0.85),
            cll.ArrayIntersectLevel("name_rare_tokens", 1).configure(
                label_for_charts="a rare name token shared"
            ),
            cll.ArrayIntersectLevel("name_keys", 1),
            cll.ElseLevel(),
        ],
        output_column_name="name",
        comparison_description="name keys in any order, with aliases",
    )


def date_of_birth_comparison() -> cl.CustomComparison:
    """Full dates, partial dates (year or year-month) and ages, compared with tolerance.

    An age is a birth year estimated from the record's own date (`recorded_on`); an age against
    a date of birth or another age gets levels of its own, since an estimate agreeing to within
    a year or two says something, where two written dates that far apart say little.
    """
    same_year = "birth_year_l = birth_year_r"
    estimated = "(birth_year_estimated_l or birth_year_estimated_r)"
    return cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel("birth_year"),
            cll.ExactMatchLevel("dob").configure(label_for_charts="same full date"),
            _level(
                f"{same_year} and birth_month_l = birth_day_r and birth_day_l = birth_month_r",
                "day and month transposed",
            ),
            _level(
                "birth_month_l = birth_month_r and birth_day_l = birth_day_r "
                "and abs(birth_year_l - birth_year_r) = 1",
                "same day and month, year one apart",
            ),
            _level("levenshtein(dob_l, dob_r) <= 1", "one digit apart"),
            _level(f"{same_year} and birth_month_l = birth_month_r", "same year and month"),
            _level(f"{same_year} and not {estimated}", "same year"),
            _level(f"{estimated} and abs(birth_year_l - birth_year_r) <= 1", "age agrees"),
            _level(f"{estimated} and abs(birth_year_l - birth_year_r) <= 3", "age within 3 years"),
            _level(f"{estimated} and abs(birth_year_l - birth_year_r) <= 5", "age within 5 years"),
            _level("abs(birth_year_l - birth_year_r) <= 1", "within a year"),
            _level("abs(birth_year_l - birth_year_r) <= 3", "within three years"),
            cll.ElseLevel(),
        ],
        output_column_name="date_of_birth",
        comparison_description="date of birth, partial dates and estimated ages",
    )


def document_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel("document"),
            cll.ExactMatchLevel("document"),
            cll.ExactMatchLevel("document_ocr").configure(label_for_charts="same but for OCR"),
            cll.LevenshteinLevel("document", 1),
            cll.ElseLevel(),
        ],
        output_column_name="document_number",
    )


def phone_comparison() -> cl.CustomComparison:
    return cl.CustomComparison(
        comparison_levels=[
            cll.NullLevel("phone"),
            cll.ExactMatchLevel("phone"),
            cll.ExactMatchLevel("phone_tail").configure(label_for_charts="same last 8 digits"),
            cll.ElseLevel(),
        ],
        output_column_name="phone",
    )


BIRTH_WINDOWS = ("birth_window", "birth_window_shifted")


def _sound_and_estimated_year(window: str) -> CustomRule:
    """A token's sound and a window of birth years, when either birth year comes from an age.
    (Two written dates years apart are rarely one person: those pairs are left out.)"""
    return CustomRule(
        f"l.name_sounds = r.name_sounds and l.{window} = r.{window} "
        "and (l.birth_year_estimated or r.birth_year_estimated)",
        arrays_to_explode=["name_sounds"],
    )


def palermo_model() -> ModelSpec:
    """The model `palermo link` uses."""
    return ModelSpec(
        comparisons=[
            name_comparison(),
            date_of_birth_comparison(),
            document_comparison(),
            phone_comparison(),
            cl.ExactMatch("sex"),
            cl.ExactMatch("nationality"),
        ],
        # High recall at scale: any one of these brings a pair to be scored. Names are blocked
        # through their order-free keys, so swapped names and romanisation variants still meet;
        # a name alone only when it is rare (see `_standardise`), else with the birth year.
        # (Widening this to birth years within 1-4 adds 6 million pairs at a million records
        # but no links: a common name with only a near birth year stays below the threshold.)
        blocking_rules=[
            block_on("name_key", "birth_year"),
            block_on("name_key_rare"),
            block_on("name_first", "dob"),
            block_on("name_last", "dob"),
            # The OCR-folded number: a number misread by a scanner (O for 0, S for 5) still meets.
            block_on("document_ocr"),
            block_on("phone_tail"),
            CustomRule("l.alias_key = r.name_key"),
            CustomRule("l.name_key = r.alias_key"),
            # No single field has to be right: any one name token with the birth year, a rare
            # token alone, or the name's sound with the birth year.
            block_on("name_tokens", "birth_year", arrays_to_explode=["name_tokens"]),
            block_on("name_rare_tokens", arrays_to_explode=["name_rare_tokens"]),
            block_on("phonetic_key", "birth_year"),
            # The sound of any one token (Metaphone) with the birth year; and where an age stands
            # for the date, with a window of birth years (`_standardise.BIRTH_WINDOW`), since an
            # age said at an interview is often two or three years off and a misheard name
            # (Kanya Boonme / Ganya Bunmee) shares no token with the written one.
            block_on("name_sounds", "birth_year", arrays_to_explode=["name_sounds"]),
            *(_sound_and_estimated_year(window) for window in BIRTH_WINDOWS),
            # (A name token with sex and nationality, for records without any date, was tried:
            # on the independent generator it brought so many look-alike pairs that precision
            # fell from 0.85 to 0.41 at threshold 0.7.)
        ],
        deterministic_rules=[block_on("name_key", "dob"), block_on("document")],
        # EM learns m on blocks made mostly of true matches. Blocking EM on a name or a date
        # alone fails at scale: among a million records such blocks are mostly different
        # people, and EM settles on a "same nationality" class instead of "same person".
        em_rules=[block_on("document"), block_on("phone_tail"), block_on("name_key", "dob")],
        recall=0.7,
        term_frequency_columns=["name_key"],
    )
