"""An agency is named in the reader's language, as the jurisdiction's pack gives it."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from palermo.accounts.models import Agency, User
from palermo.jurisdiction.packs import PackError, load_pack, read_pack


def test_the_macao_pack_gives_the_official_chinese_and_portuguese_names(db: None) -> None:
    load_pack("macao")
    police = Agency.objects.get(code="pj")

    assert police.name_in("zh-hant") == "司法警察局"
    assert police.name_in("pt") == "Polícia Judiciária (PJ)"
    assert police.name_in("en") == "Judiciary Police (PJ)"
    with translation.override("zh-hant"):
        assert str(police) == "司法警察局"


def test_every_built_in_agency_is_named_in_every_language() -> None:
    for pack in ("generic", "macao"):
        for agency in read_pack(pack)["agencies"]:
            assert set(agency["names"]) == {"zh-hant", "pt"}, agency["code"]


def test_a_language_without_a_name_falls_back_to_the_name(agency: Callable[[str], Agency]) -> None:
    police = agency("police")
    police.names = {"pt": "Polícia"}

    assert police.name_in("zh-hant") == "Police"
    assert police.name_in("pt-br") == "Polícia"


def test_an_empty_name_in_a_pack_is_refused(tmp_path: Path) -> None:
    text = Path(read_pack.__code__.co_filename).parent / "packs" / "generic.yaml"
    broken = tmp_path / "pack.yaml"
    broken.write_text(
        text.read_text(encoding="utf-8").replace("pt: Polícia}", "pt: ''}"), encoding="utf-8"
    )

    with pytest.raises(PackError, match=r"agency 2: names.pt is empty"):
        read_pack(str(broken))


@pytest.mark.parametrize(("language", "shown"), [("zh-hant", "社會福利部門"), ("pt", "Serviço")])
def test_the_header_names_the_agency_in_the_readers_language(
    make_user: Callable[..., User], client: Client, language: str, shown: str
) -> None:
    user = make_user("worker", "welfare", "case_worker")
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)

    page = client.get("/").content.decode()

    assert shown in page
    assert "Social welfare department" not in page
