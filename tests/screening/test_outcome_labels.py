"""One outcome vocabulary: the result page and the list name an outcome the same way in each
language (they used to disagree in Chinese, one reading the indicator data, one the catalogue)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from palermo.screening import ilo
from palermo.screening.outcomes import ScreeningOutcome
from palermo.screening.services import finish_screening, record_answers, start_screening

# Every indicator of the list observed: a presumed victim by any reading of the rules.
PRESUMED_VICTIM = dict.fromkeys(ilo.indicator_list("adult_labour").indicator_keys, "observed")


@pytest.mark.parametrize("language", ["zh-hant", "pt"])
@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        (PRESUMED_VICTIM, ScreeningOutcome.PRESUMED_VICTIM),
        ({"exploitation.excessive_working_days_or_hours": "observed"}, "further_assessment"),
        ({}, ScreeningOutcome.NOT_INDICATED),
    ],
)
def test_the_result_page_and_the_list_show_the_same_translated_label(
    make_user: Callable[..., Any], language: str, answers: dict[str, str], outcome: str
) -> None:
    screener = make_user("screener", "police", "screener")
    screener.language = language
    screener.save()
    screening = start_screening(screener, "adult_labour")
    record_answers(screening, answers, screener)
    finish_screening(screening, screener)
    client = Client()
    client.force_login(screener)
    with translation.override(language):
        label = str(ScreeningOutcome(outcome).label)
    assert label != str(ScreeningOutcome(outcome).label), "the label is not translated"

    result = client.get(reverse("screening:detail", args=[screening.reference])).content.decode()
    listed = client.get(reverse("screening:list")).content.decode()

    shown = label[0].upper() + label[1:]
    assert f"<strong>{shown}</strong>" in result
    assert f">{shown}</span>" in listed
