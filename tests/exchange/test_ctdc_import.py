"""`palermo import ctdc`: partners' releases in, as reference data, all or nothing."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from palermo.accounts.models import User
from palermo.exchange.models import ReferenceDataset, ReferenceVictim
from palermo.registry.models import Person

CTDC = Path("/work/shared/data/ctdc")
HEADER = (
    "yearOfRegistration,gender,ageBroad,citizenship,isForcedLabour,isSexualExploit,"
    "CountryOfExploitation"
)


def load(path: Path, user: str = "analyst") -> None:
    call_command("import", "ctdc", str(path), "--as", user)


def test_namibia_stays_namibia(analyst: User, tmp_path: Path) -> None:
    file = tmp_path / "partner.csv"
    file.write_text(f"{HEADER}\n2019,Female,18--20,NA,0,1,MO\n2019,Male,-99,-99,1,0,\n")
    load(file)
    first, second = ReferenceVictim.objects.order_by("row_number")
    assert (first.citizenship, first.citizenship_region) == ("NA", "Africa")
    assert first.forms == ["isSexualExploit"]
    assert (second.citizenship, second.age_band) == ("", "")
    assert Person.objects.count() == 0  # reference data never becomes registry victims


def test_every_problem_is_reported_with_its_line_and_column_and_nothing_loads(
    analyst: User, tmp_path: Path
) -> None:
    file = tmp_path / "bad.csv"
    file.write_text(
        f"{HEADER}\n2019,Female,18--20,NA,0,1,MO\n19x,Female,18--20,ZZ,0,1,MO\n2019,Woman,18--20,MO,2,1,MO\n"
    )
    with pytest.raises(CommandError) as raised:
        load(file)
    message = str(raised.value)
    assert "4 problem(s), nothing loaded" in message
    assert "line 3, column yearOfRegistration: '19x' is not a year" in message
    assert "line 3, column citizenship: 'ZZ' is not an ISO 3166-1 alpha-2 country code" in message
    assert "line 4, column gender" in message
    assert "line 4, column isForcedLabour" in message
    assert not ReferenceDataset.objects.exists()
    assert not ReferenceVictim.objects.exists()


def test_a_file_with_no_ctdc_column_is_refused(analyst: User, tmp_path: Path) -> None:
    file = tmp_path / "other.csv"
    file.write_text("name,age\nx,3\n")
    with pytest.raises(CommandError, match="no CTDC column"):
        load(file)


def test_only_an_analyst_imports(worker: User, tmp_path: Path) -> None:
    file = tmp_path / "partner.csv"
    file.write_text(f"{HEADER}\n2019,Female,18--20,NA,0,1,MO\n")
    with pytest.raises(CommandError, match="analyst role"):
        load(file, user=worker.username)
    assert not ReferenceDataset.objects.exists()


@pytest.mark.skipif(not CTDC.is_dir(), reason="the shared CTDC files are not on this machine")
@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("global_2020_subset_a.csv", 48801),
        ("global_2020_subset_b.csv", 48773),
        ("CTDC_VPsynthetic_condensed.csv", 21195),
    ],
)
def test_the_published_ctdc_files_load(
    analyst: User, name: str, rows: int, make_user: Callable[..., User]
) -> None:
    load(CTDC / name)
    dataset = ReferenceDataset.objects.get()
    assert dataset.row_count == rows == dataset.rows.count()
