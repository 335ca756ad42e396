"""Amounts shown with the jurisdiction's currency, in each language's number format."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from palermo.core.money import format_money
from palermo.jurisdiction.packs import PackError, load_pack, read_pack

AMOUNT = Decimal("1234567.5")


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "MOP 1,234,567.50"), ("zh-hant", "MOP 1,234,567.50"), ("pt", "1.234.567,50 MOP")],
)
def test_an_amount_is_written_as_the_readers_language_writes_money(
    language: str, shown: str
) -> None:
    with translation.override(language):
        assert format_money(AMOUNT, "MOP") == shown


def test_no_currency_in_the_pack_shows_the_number_alone() -> None:
    with translation.override("en"):
        assert format_money(AMOUNT, "") == "1,234,567.50"
        assert format_money(None, "MOP") == ""


def test_the_tag_takes_the_currency_from_the_active_pack(db: None) -> None:
    load_pack("macao")
    page = Template("{% money amount %}|{% money amount as fine %}{{ fine }}")

    with translation.override("pt"):
        shown = page.render(Context({"amount": Decimal("80000")}))

    assert shown == "80.000,00 MOP|80.000,00 MOP"


def test_the_generic_pack_names_no_currency(db: None) -> None:
    load_pack("generic")

    with translation.override("en"):
        assert Template("{% money 12 %}").render(Context()) == "12.00"


@pytest.mark.parametrize("currency", ["pataca", "mop", "12"])
def test_a_currency_that_is_not_an_iso_code_is_refused(tmp_path: Path, currency: str) -> None:
    text = (Path(read_pack.__code__.co_filename).parent / "packs" / "macao.yaml").read_text(
        encoding="utf-8"
    )
    broken = tmp_path / "pack.yaml"
    broken.write_text(text.replace("currency: MOP", f"currency: '{currency}'"), encoding="utf-8")

    with pytest.raises(PackError, match="not an ISO 4217 code"):
        read_pack(str(broken))
