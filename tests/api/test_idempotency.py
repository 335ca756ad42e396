"""Writes safe to send twice: the same Idempotency-Key (API) or submission key (page form)
gets the first answer back and writes nothing more; a failed write leaves nothing behind."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.api.models import IdempotentRequest
from palermo.registry.forms import ConsentForm
from palermo.registry.models import Consent, VictimCase
from tests.api.program import Headers


def consent(client: Client, case: VictimCase, headers: dict[str, str], **body: Any) -> Any:
    return client.post(
        reverse("api:consent_record", args=[case.reference]),
        {"form": "oral", **body},
        content_type="application/json",
        headers=headers,
    )


def test_a_retried_write_is_made_once_and_answered_the_same(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    headers = {**bearer(worker), "Idempotency-Key": "consent-1"}
    before = Consent.objects.count()

    first = consent(program, case, headers)
    again = consent(program, case, headers)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert Consent.objects.count() == before + 1


def test_without_a_key_each_write_is_made(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    before = Consent.objects.count()
    consent(program, case, bearer(worker))
    consent(program, case, bearer(worker))
    assert Consent.objects.count() == before + 2


def test_the_same_key_with_another_body_is_refused(
    program: Client, case: VictimCase, worker: User, bearer: Headers
) -> None:
    headers = {**bearer(worker), "Idempotency-Key": "consent-2"}
    consent(program, case, headers)

    other = consent(program, case, headers, form="written")

    assert other.status_code == 422
    assert other.json()["detail"][0]["loc"] == ["header", "Idempotency-Key"]
    assert Consent.objects.filter(case=case, form="written").count() == 1  # the fixture's


def test_keys_are_kept_per_user(
    program: Client, case: VictimCase, worker: User, bearer: Headers, make_user: Callable[..., User]
) -> None:
    colleague = make_user("colleague", "welfare", "case_worker")
    before = Consent.objects.count()
    consent(program, case, {**bearer(worker), "Idempotency-Key": "same"})
    consent(program, case, {**bearer(colleague), "Idempotency-Key": "same"})
    assert Consent.objects.count() == before + 2


def test_a_write_that_fails_leaves_nothing_and_may_be_retried(
    case: VictimCase, worker: User, bearer: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    headers = {**bearer(worker), "Idempotency-Key": "consent-3"}
    before = Consent.objects.count()
    saved = ConsentForm.save_for

    def write_then_break(self: ConsentForm, case: VictimCase, by: User) -> Consent:
        saved(self, case, by)
        raise RuntimeError("the server fell over after writing")

    monkeypatch.setattr(ConsentForm, "save_for", write_then_break)
    failed = consent(Client(raise_request_exception=False), case, headers)
    assert failed.status_code == 500
    assert Consent.objects.count() == before
    assert not IdempotentRequest.objects.exists()

    monkeypatch.setattr(ConsentForm, "save_for", saved)
    retried = consent(Client(), case, headers)
    assert retried.status_code == 201
    assert Consent.objects.count() == before + 1


def test_a_page_form_sent_twice_records_once(
    client: Client, case: VictimCase, worker: User
) -> None:
    client.force_login(worker)
    url = reverse("registry:consent_record", args=[case.reference])
    form = {"consent-form": "oral", "consent-given_on": "2026-01-05", "submission_key": "k1"}
    before = Consent.objects.count()

    first = client.post(url, form)
    again = client.post(url, form)

    assert (first.status_code, again.status_code) == (302, 302)
    assert again["Location"] == first["Location"]
    assert Consent.objects.count() == before + 1


def test_a_page_form_resent_with_other_values_is_refused(
    client: Client, case: VictimCase, worker: User
) -> None:
    client.force_login(worker)
    url = reverse("registry:consent_record", args=[case.reference])
    form = {"consent-form": "oral", "consent-given_on": "2026-01-05", "submission_key": "k2"}
    client.post(url, form)

    other = client.post(url, {**form, "consent-form": "written"})

    assert other.status_code == 409
    assert "already sent" in other.content.decode()
