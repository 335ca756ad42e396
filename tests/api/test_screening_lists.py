"""The indicator lists through the API: the four lists, in the caller's language, with the
verification a client must warn about as the page does."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.screening import ilo


def test_the_four_lists_say_how_far_they_were_verified(
    program: Client, worker: User, bearer: Callable[[User], dict[str, str]]
) -> None:
    response = program.get(reverse("api:indicator_lists"), headers=bearer(worker))

    assert response.status_code == 200
    lists = {found["code"]: found for found in response.json()["results"]}
    assert set(lists) == {"adult_labour", "adult_sexual", "child_labour", "child_sexual"}
    assert lists["adult_sexual"]["verification"] == "provisional"
    assert lists["child_labour"]["verification"] == "secondary_source"
    assert (lists["child_labour"]["age_group"], lists["child_labour"]["form_of_exploitation"]) == (
        "child",
        "labour",
    )


@pytest.mark.parametrize(("language", "label"), [("pt", "pt"), ("zh-hant", "zh_hant")])
def test_labels_follow_the_accept_language_header(
    program: Client,
    worker: User,
    bearer: Callable[[User], dict[str, str]],
    language: str,
    label: str,
) -> None:
    headers = {**bearer(worker), "Accept-Language": language}

    response = program.get(reverse("api:indicator_lists"), headers=headers)

    expected = getattr(ilo.indicator_list("adult_labour").label, label)
    assert expected in [found["label"] for found in response.json()["results"]]
    assert expected != ilo.indicator_list("adult_labour").label.en


def test_labels_follow_the_language_a_logged_in_person_chose(worker: User, client: Client) -> None:
    worker.language = "pt"
    worker.save()
    client.force_login(worker)

    response = client.get(reverse("api:indicator_list", args=["adult_labour"]))

    assert response.json()["label"] == ilo.indicator_list("adult_labour").label.pt


def test_a_list_gives_every_indicator_by_dimension_with_its_strength(
    program: Client, worker: User, bearer: Callable[[User], dict[str, str]]
) -> None:
    response = program.get(
        reverse("api:indicator_list", args=["adult_labour"]), headers=bearer(worker)
    )

    assert response.status_code == 200
    body = response.json()
    indicators = ilo.indicator_list("adult_labour")
    assert [d["code"] for d in body["dimensions"]] == [d.code for d in indicators.dimensions]
    given = {i["key"]: i for d in body["dimensions"] for i in d["indicators"]}
    assert set(given) == indicators.indicator_keys
    debt = given["coercion_at_destination.debt_bondage"]
    assert (debt["strength"], debt["label"]) == ("strong", "Debt bondage")
    assert body["verification"] == "secondary_source"


def test_an_unknown_list_is_not_found(
    program: Client, worker: User, bearer: Callable[[User], dict[str, str]]
) -> None:
    response = program.get(reverse("api:indicator_list", args=["adults"]), headers=bearer(worker))

    assert response.status_code == 404


def test_the_lists_are_for_callers_only(program: Client, db: None) -> None:
    assert program.get(reverse("api:indicator_lists")).status_code == 401
