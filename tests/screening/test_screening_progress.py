"""The screening form a dimension at a time: each dimension folds (<details>), the first with an
indicator unanswered is open, and the progress counts the answers saved so far."""

from typing import Any

from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.screening import ilo
from palermo.screening.models import Screening
from palermo.screening.services import record_answers, start_screening


def form_of(screener: User, screening: Screening) -> Any:
    client = Client()
    client.force_login(screener)
    return client.get(reverse("screening:detail", args=[screening.reference]))


def test_each_dimension_folds_and_the_first_is_open(screener: User) -> None:
    screening = start_screening(screener, "adult_labour")
    indicators = ilo.indicator_list("adult_labour")

    response = form_of(screener, screening)

    page = response.content.decode()
    assert page.count('<details class="dimension"') == len(indicators.dimensions)
    assert page.count('<details class="dimension" id="dimension-1" open>') == 1
    assert page.count(" open>") == 1
    assert response.context["progress"] == {"answered": 0, "total": len(indicators.indicators)}
    assert f'<progress max="{len(indicators.indicators)}" value="0"' in page


def test_progress_counts_saved_answers_and_opens_the_next_unfinished_dimension(
    screener: User,
) -> None:
    screening = start_screening(screener, "adult_labour")
    indicators = ilo.indicator_list("adult_labour")
    first = indicators.dimensions[0]
    record_answers(screening, {i.key: "not_observed" for i in first.indicators}, screener)
    screening.refresh_from_db()

    response = form_of(screener, screening)

    dimensions = response.context["dimensions"]
    assert dimensions[0]["answered"] == dimensions[0]["total"] == len(first.indicators)
    assert "open" not in dimensions[0]
    assert dimensions[1]["open"] is True
    assert response.context["progress"]["answered"] == len(first.indicators)
    page = response.content.decode()
    assert '<details class="dimension" id="dimension-2" open>' in page
    # Answers given in a folded dimension are still in the one form: "Save answers" keeps them.
    assert page.count("checked") >= len(first.indicators)
