"""One country vocabulary: names in three languages, codes stored, Kosovo accepted everywhere."""

from collections.abc import Callable

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import translation

from palermo.accounts.models import User
from palermo.core import countries
from palermo.core.countries import CountryField
from palermo.justice.forms import SuspectForm
from palermo.registry.forms import ExploitationDetailsForm
from palermo.registry.models import Exploitation, Person, VictimCase
from palermo.screening.forms import OpenCaseForm


@pytest.mark.parametrize(
    ("language", "typed", "code"),
    [
        ("en", "Vietnam", "VN"),  # was cut to "VI" (US Virgin Islands) by the old two-letter box
        ("en", "  viet nam ", None),
        ("en", "vn", "VN"),
        ("zh-hant", "越南", "VN"),
        ("pt", "Vietnã", "VN"),
        ("pt", "vietna", "VN"),
        ("pt", "Vietnam", "VN"),  # English names are understood in every language
        ("en", "Kosovo", "XK"),
        ("en", "Atlantis", None),
    ],
)
def test_a_country_is_typed_by_name_or_code_in_the_readers_language(
    language: str, typed: str, code: str | None
) -> None:
    with translation.override(language):
        form_field = CountryField(required=False)
        if code is None:
            with pytest.raises(countries.ValidationError):
                form_field.clean(typed)
        else:
            assert form_field.clean(typed) == code


@pytest.mark.parametrize("language", ["en", "zh-hant", "pt"])
def test_the_choices_are_sorted_by_their_translated_names(language: str) -> None:
    with translation.override(language):
        names = [name for _code, name in countries.choices()]
        assert len(names) >= 249
        assert names == sorted(names, key=countries.sort_key)
        assert countries.country_name("DE") != "DE"
    with translation.override("pt"):
        assert countries.country_name("DE") == "Alemanha"
    with translation.override("zh-hant"):
        assert countries.country_name("DE") == "德國"


def test_kosovo_is_accepted_the_same_way_by_every_form(make_user: Callable[..., User]) -> None:
    """The case file accepted XK and the screening refused it; now every form agrees."""
    police = make_user("officer", "police", "screener")
    opening = OpenCaseForm(
        {"sex": "unknown", "nationality": "XK", "refer_now": ""}, user=police, prefix=None
    )
    details = ExploitationDetailsForm(
        {"country_of_origin": "XK", "transit_countries": ["XK"], "country_of_exploitation": "XK"}
    )
    suspect = SuspectForm({"given_name": "A", "sex": "unknown", "nationality": "XK"}, prefix=None)

    assert opening.is_valid(), opening.errors
    assert details.is_valid(), details.errors
    assert suspect.is_valid(), suspect.errors
    assert opening.cleaned_data["nationality"] == "XK"
    assert details.cleaned_data["transit_countries"] == ["XK"]
    assert suspect.cleaned_data["nationality"] == "XK"


def test_the_form_offers_the_names_and_shows_a_stored_code_as_its_name() -> None:
    with translation.override("pt"):
        page = str(ExploitationDetailsForm(initial={"country_of_origin": "VN"}))

    assert 'list="id_country_of_origin_countries"' in page
    assert '<option value="Vietnã">' in page
    assert 'value="Vietnã"' in page
    assert 'value="VN"' in page  # transit: a select whose values are codes, labels names


def test_the_case_file_shows_country_names_not_codes(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    Person.objects.filter(pk=welfare_case.person_id).update(nationality="VN")
    Exploitation.objects.create(
        case=welfare_case,
        country_of_origin="XK",
        transit_countries=["TH"],
        country_of_exploitation="MO",
    )
    client.force_login(owner)

    page = client.get(
        reverse("registry:case_detail", args=[welfare_case.reference])
    ).content.decode()

    assert "<dd>Vietnam</dd>" in page
    assert "<dd>Kosovo</dd>" in page
    assert "<dd>Thailand</dd>" in page
    assert "<dd>VN</dd>" not in page


def test_the_api_refuses_a_code_that_is_no_country_naming_the_field(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    client.force_login(owner)
    url = reverse("api:exploitation", args=[welfare_case.reference])

    response = client.put(
        url,
        {"transit_countries": ["TH", "ZZ"], "country_of_origin": "XK"},
        content_type="application/json",
    )

    assert response.status_code == 422, response.content
    assert "transit_countries" in response.content.decode()
    assert "ZZ" in response.content.decode()
    assert not Exploitation.objects.filter(case=welfare_case).exists()


def test_the_migration_keeps_known_codes_and_blanks_the_rest(
    welfare_case: VictimCase, capsys: pytest.CaptureFixture[str]
) -> None:
    from importlib import import_module

    migration = import_module("palermo.registry.migrations.0007_country_vocabulary")
    Person.objects.filter(pk=welfare_case.person_id).update(nationality="vn")
    other = Person.objects.create(nationality="QQ", recorded_by_agency=welfare_case.owning_agency)
    Exploitation.objects.create(
        case=welfare_case,
        country_of_origin="ZZ",
        transit_countries=["th", "Q1"],
        country_of_exploitation="MO",
    )

    migration.blank_codes_that_are_not_countries(apps, None)

    assert Person.objects.get(pk=welfare_case.person_id).nationality == "VN"
    assert Person.objects.get(pk=other.pk).nationality == ""
    record = Exploitation.objects.get(case=welfare_case)
    assert (record.country_of_origin, record.transit_countries) == ("", ["TH"])
    assert record.country_of_exploitation == "MO"
    assert "3 stored country code(s) named no country" in capsys.readouterr().out
