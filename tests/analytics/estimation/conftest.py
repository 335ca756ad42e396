from typing import Any

import pytest

from tests.analytics.estimation.tables import sparsemse_reference


@pytest.fixture(scope="session")
def reference() -> dict[str, Any]:
    return sparsemse_reference()
