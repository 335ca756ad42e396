"""The same linkage on Splink's Spark backend (PySpark in local mode), on a small world."""

from dataclasses import replace

import pytest

from palermo_analytics.linkage import link_records, score_linkage, spark_is_available

pytestmark = [
    pytest.mark.spark,
    pytest.mark.slow,
    pytest.mark.skipif(
        not spark_is_available(),
        reason="PySpark is not installed (pip install 'palermo[spark]'; it needs Java 17)",
    ),
]


def test_spark_links_as_well_as_duckdb(linked) -> None:
    on_spark = link_records(linked.lists, replace(linked.result.settings, engine="spark"))

    spark = score_linkage(on_spark.linked, linked.world.truth())
    duckdb = score_linkage(linked.result.linked, linked.world.truth())
    assert spark.f1 == pytest.approx(duckdb.f1, abs=0.05)
    assert on_spark.capture_histories()["count"].sum() == on_spark.person_count
