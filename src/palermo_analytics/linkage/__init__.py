"""Record linkage across agencies' person lists, so that each victim is counted once.

Names, dates, documents and phones are standardised (romanisation variants folded into keys by
the tables in `data/`), then Splink's Fellegi-Sunter model scores record pairs and clusters them
into persons. The capture-history table it yields is what Multiple Systems Estimation reads.

    result = link_records(["police.csv", "ngo.csv"], LinkageSettings(threshold=0.9))
    result.linked               # record_id, source, person_id
    result.capture_histories()  # one 0/1 column per source, count
"""

from palermo_analytics.linkage._decisions import (
    DECISIONS,
    DecisionError,
    apply_decisions,
    read_decisions,
)
from palermo_analytics.linkage._engines import EngineUnavailable, spark_is_available
from palermo_analytics.linkage._evaluation import (
    LinkageScores,
    recall_by_cause,
    score_linkage,
    true_pairs,
)
from palermo_analytics.linkage._model import ModelSpec, palermo_model
from palermo_analytics.linkage._person_lists import (
    PERSON_LIST_COLUMNS,
    PersonListError,
    read_person_list,
    read_person_lists,
)
from palermo_analytics.linkage._person_match import (
    LIKELY_MATCH,
    MatchScore,
    PersonFacts,
    birth_year_of,
    compare_persons,
    name_sound_keys,
    name_token_keys,
)
from palermo_analytics.linkage._report import LinkageReport, model_parameters
from palermo_analytics.linkage._result import LinkageResult, capture_histories, link_records
from palermo_analytics.linkage._settings import ENGINES, LinkageSettings
from palermo_analytics.linkage._splink_run import SplinkRun, run_splink
from palermo_analytics.linkage._standardise import standardise
from palermo_analytics.linkage._uncertainty import relink_at, sample_linkages

__all__ = [
    "DECISIONS",
    "ENGINES",
    "LIKELY_MATCH",
    "PERSON_LIST_COLUMNS",
    "DecisionError",
    "EngineUnavailable",
    "LinkageReport",
    "LinkageResult",
    "LinkageScores",
    "LinkageSettings",
    "MatchScore",
    "ModelSpec",
    "PersonFacts",
    "PersonListError",
    "SplinkRun",
    "apply_decisions",
    "birth_year_of",
    "capture_histories",
    "compare_persons",
    "link_records",
    "model_parameters",
    "name_sound_keys",
    "name_token_keys",
    "palermo_model",
    "read_decisions",
    "read_person_list",
    "read_person_lists",
    "recall_by_cause",
    "relink_at",
    "run_splink",
    "sample_linkages",
    "score_linkage",
    "spark_is_available",
    "standardise",
    "true_pairs",
]
