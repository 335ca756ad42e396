"""Disclosure control for data exchange: CTDC-standard releases that expose no one.

- `anonymise` generalises a CTDC table along declared hierarchies and suppresses at most a given
  share of rows until every combination of released values occurs at least k times and each class
  has at least ℓ distinct values of each sensitive attribute, choosing the least-loss node found;
- `check_release` has pycanon, an independent library, measure what a release achieves;
- `dp_tables` releases differentially private counts over public key sets with OpenDP;
- `read_ctdc_release` validates a partner's CTDC file, with the row and column of every problem.

    >>> release = anonymise(table, Policy(k=11, l=2, suppress_max=0.05))  # doctest: +SKIP
    >>> check_release(release.data, 11, 2).passes  # doctest: +SKIP
    True
"""

from palermo_analytics.disclosure._anonymise import (
    NothingReleasable,
    Release,
    Transformation,
    anonymise,
)
from palermo_analytics.disclosure._check import Verdict, check_release
from palermo_analytics.disclosure._ctdc import (
    FLAG_COLUMNS,
    FORM_COLUMNS,
    MEANS_COLUMNS,
    RELEASE_COLUMNS,
    UNKNOWN,
    Flag,
    from_ctdc,
    to_ctdc,
)
from palermo_analytics.disclosure._dp import (
    CONFIDENCE,
    COUNT_TABLES,
    DPTable,
    ctdc_count_tables,
    dp_tables,
)
from palermo_analytics.disclosure._hierarchies import DIMENSIONS, Dimension, Level
from palermo_analytics.disclosure._lattice import Policy
from palermo_analytics.disclosure._reference import (
    CtdcFileError,
    CtdcRelease,
    Problem,
    read_ctdc_release,
    reference_row,
)
from palermo_analytics.disclosure._synthetic import synthetic_ctdc_table

__all__ = [
    "CONFIDENCE",
    "COUNT_TABLES",
    "DIMENSIONS",
    "FLAG_COLUMNS",
    "FORM_COLUMNS",
    "MEANS_COLUMNS",
    "RELEASE_COLUMNS",
    "UNKNOWN",
    "CtdcFileError",
    "CtdcRelease",
    "DPTable",
    "Dimension",
    "Flag",
    "Level",
    "NothingReleasable",
    "Policy",
    "Problem",
    "Release",
    "Transformation",
    "Verdict",
    "anonymise",
    "check_release",
    "ctdc_count_tables",
    "dp_tables",
    "from_ctdc",
    "read_ctdc_release",
    "reference_row",
    "synthetic_ctdc_table",
    "to_ctdc",
]
