"""The SQL engines Splink runs on: DuckDB in-process, or Spark (PySpark in local mode)."""

from __future__ import annotations

import os
import sys
import tempfile
from typing import Any

from palermo_analytics.linkage._settings import Engine


class EngineUnavailable(RuntimeError):
    """The engine asked for cannot run here (e.g. PySpark is not installed)."""


def spark_is_available() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return True


def _local_spark_session() -> Any:
    """A local Spark session with Splink's string-similarity functions on its class path."""
    if not spark_is_available():
        raise EngineUnavailable(
            "the Spark engine needs PySpark: install Palermo with the 'spark' extra "
            "(pip install 'palermo[spark]') and Java 17"
        )
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    cores = max(1, min(4, os.cpu_count() or 1))
    # Python workers must run this interpreter, not whatever `python3` is first on the PATH;
    # PySpark reads the variable when it starts the workers.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("palermo-link")
        .config("spark.jars", similarity_jar_location())
        .config("spark.sql.shuffle.partitions", str(cores))
        .config("spark.default.parallelism", str(cores))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(tempfile.mkdtemp(prefix="palermo-spark-"))
    return session


def database_api(engine: Engine) -> Any:
    """A Splink database API for `engine`."""
    if engine == "spark":
        from splink.backends.spark import SparkAPI

        return SparkAPI(spark_session=_local_spark_session(), break_lineage_method="parquet")
    from splink import DuckDBAPI

    return DuckDBAPI()


def close(db_api: Any, engine: Engine) -> None:
    """Release what the engine holds (DuckDB's connection; Spark's session stays for reuse)."""
    if engine == "duckdb":
        db_api._con.close()
