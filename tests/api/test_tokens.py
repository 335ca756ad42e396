"""People make and revoke their programs' tokens on a page, or with `palermo apitoken`."""

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import RoleAssignment, User
from palermo.api.models import ApiToken


def test_a_token_is_shown_once_and_never_cached(client: Client, worker: User) -> None:
    client.force_login(worker)

    made = client.post(reverse("api_tokens"), {"name": "shelter system", "days": "30"})
    later = client.get(reverse("api_tokens"))

    token = made.context["new_token"]
    assert token.startswith("plm_")
    assert token in made.content.decode()
    assert "no-store" in made["Cache-Control"]
    assert token not in later.content.decode()
    assert "shelter system" in later.content.decode()
    assert ApiToken.holder_of(token) == worker


def test_a_token_lasts_at_most_a_year(client: Client, worker: User) -> None:
    client.force_login(worker)

    response = client.post(reverse("api_tokens"), {"name": "forever", "days": "5000"})

    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_person_revokes_their_own_token_only(
    client: Client, worker: User, make_user: Callable[..., User]
) -> None:
    mine, token = ApiToken.issue(worker, "mine", days=5)
    theirs, _ = ApiToken.issue(make_user("other", "police", "investigator"), "theirs", days=5)
    client.force_login(worker)

    assert client.post(reverse("api_token_revoke", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("api_token_revoke", args=[mine.pk])).status_code == 302
    assert ApiToken.holder_of(token) is None
    theirs.refresh_from_db()
    assert theirs.is_live


def test_the_command_issues_lists_and_revokes(worker: User) -> None:
    out = StringIO()
    call_command(
        "apitoken",
        "issue",
        worker.username,
        "--name",
        "import script",
        stdout=out,
        stderr=StringIO(),
    )
    token = out.getvalue().strip()
    assert ApiToken.holder_of(token) == worker

    listing = StringIO()
    call_command("apitoken", "list", stdout=listing)
    assert "import script" in listing.getvalue()
    assert token not in listing.getvalue()

    call_command("apitoken", "revoke", str(ApiToken.objects.get().pk), stdout=StringIO())
    assert ApiToken.holder_of(token) is None


def test_the_command_names_what_is_wrong(db: None) -> None:
    with pytest.raises(CommandError, match="no user named 'nobody'"):
        call_command("apitoken", "issue", "nobody", "--name", "x")


def test_the_holder_comes_with_agency_and_roles_in_one_query(
    make_user: Callable[..., User], django_assert_num_queries: Callable[..., Any]
) -> None:
    holder = make_user("two-roles", "police", "investigator")
    RoleAssignment.objects.create(user=holder, role="case_worker")
    _, token = ApiToken.issue(holder, "script", days=1)
    ApiToken.holder_of(token)  # the first use is noted (a write), once a minute at most

    with django_assert_num_queries(1):
        found = ApiToken.holder_of(token)
        assert found is not None
        assert found.agency is not None
        assert found.agency.code == "police"
        assert found.role_set() == {"investigator", "case_worker"}
        assert found.date_joined == holder.date_joined  # converted as the ORM would
    assert found == holder


def test_a_holder_without_roles_or_agency_is_still_the_holder(
    make_user: Callable[..., User],
) -> None:
    holder = make_user("no-roles", "police")
    holder.roles.all().delete()
    holder.agency = None
    holder.save()
    _, token = ApiToken.issue(holder, "script", days=1)

    found = ApiToken.holder_of(token)

    assert found == holder
    assert found is not None
    assert found.agency is None
    assert found.role_set() == frozenset()
