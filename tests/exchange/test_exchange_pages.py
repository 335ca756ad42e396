"""The exchange page: analysts start releases as background jobs; nobody else sees it."""

import io
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.exchange.models import CtdcExport, ReferenceDataset, ReferenceVictim
from palermo.jobs.models import Job, JobStatus


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=io.StringIO())


@pytest.fixture
def exports(settings: Any, tmp_path: Path) -> Path:
    settings.PALERMO_EXPORTS_DIR = tmp_path
    return tmp_path


def test_an_analyst_sees_the_exchange_page(analyst: User, client: Client) -> None:
    client.force_login(analyst)
    page = client.get("/exchange/").content.decode()
    assert "CTDC" in page
    assert "/exchange/ctdc/" in page


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ANALYST])
def test_other_roles_do_not_see_it(
    role: str, make_user: Callable[..., User], client: Client
) -> None:
    client.force_login(make_user("someone", "secretariat", role))
    assert client.get("/exchange/").status_code == 404
    assert client.post("/exchange/ctdc/", {"year_from": 2015, "year_to": 2025}).status_code == 404
    assert not Job.objects.exists()


def test_an_outsider_is_sent_to_log_in(db: None, client: Client) -> None:
    response = client.get("/exchange/")
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_a_bad_form_is_answered_with_its_errors(analyst: User, client: Client) -> None:
    client.force_login(analyst)
    response = client.post(
        "/exchange/ctdc/", {"year_from": 2025, "year_to": 2015, "k": 11, "l": 2, "suppress_max": 5}
    )
    assert response.status_code == 400
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_release_from_the_page_runs_in_the_worker_and_can_be_downloaded(
    make_victims: Callable[..., Any],
    analyst: User,
    make_user: Callable[..., User],
    client: Client,
    exports: Path,
) -> None:
    make_victims(300, seed=4)
    client.force_login(analyst)
    response = client.post(
        "/exchange/ctdc/", {"year_from": 2015, "year_to": 2025, "k": 11, "l": 2, "suppress_max": 5}
    )
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    run_worker()
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED, job.error
    export = CtdcExport.objects.get()
    files = sorted(p.name for p in exports.iterdir())
    assert files == [export.file_name, export.file_name + ".report.json"]
    assert stat.S_IMODE((exports / export.file_name).stat().st_mode) == 0o600
    download = client.get(f"/exchange/download/ctdc/{export.reference}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"yearOfRegistration,")
    client.force_login(make_user("worker", "welfare", Role.CASE_WORKER))
    assert client.get(f"/exchange/download/ctdc/{export.reference}/").status_code == 404


def test_partner_figures_beside_ours_hide_our_small_cells(
    make_victims: Callable[..., Any], analyst: User, client: Client
) -> None:
    make_victims(5)
    dataset = ReferenceDataset.objects.create(
        name="Partner 2020", file_name="p.csv", sha256="0" * 64, row_count=1, imported_by=analyst
    )
    ReferenceVictim.objects.create(
        dataset=dataset, row_number=1, citizenship_region="Asia", forms=["isSexualExploit"]
    )
    client.force_login(analyst)
    page = client.get(f"/exchange/reference/{dataset.pk}/").content.decode()
    assert "Partner 2020" in page
    assert "fewer than 11" in page
