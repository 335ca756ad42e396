"""The administrator's pages about people: the list, a new account, roles, deactivation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from palermo.accounts.enrolment import DEFAULT_HOURS
from palermo.accounts.models import User
from palermo.administration.access import administrator
from palermo.administration.forms import NewPersonForm, PeopleFilterForm, RolesForm
from palermo.administration.people import (
    Refused,
    change_roles_and_agency,
    create_staff_member,
    set_active,
)
from palermo.paging import CappedPaginator

PAGE_SIZE = 25


@login_required
@require_GET
def people(request: HttpRequest) -> HttpResponse:
    administrator(request)
    chosen = PeopleFilterForm(request.GET or None)
    found = _filtered(User.objects.select_related("agency").order_by("username", "pk"), chosen)
    page = CappedPaginator(found.prefetch_related("roles"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "administration/people.html", {"filters": chosen, "page": page})


def _filtered(users: QuerySet[User], chosen: PeopleFilterForm) -> QuerySet[User]:
    if not chosen.is_valid():
        return users
    data = chosen.cleaned_data
    if data["q"]:
        users = users.filter(username__icontains=data["q"])
    if data["agency"]:
        users = users.filter(agency=data["agency"])
    if data["role"]:
        users = users.filter(roles__role=data["role"])
    if data["active"]:
        users = users.filter(is_active=data["active"] == "yes")
    return users


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def new_person(request: HttpRequest) -> HttpResponse:
    by = administrator(request)
    form = NewPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        path = create_staff_member(
            by, data["username"], data["password"], data["agency"], data["roles"]
        )
        return show_link_once(request, data["username"], path)
    status = 400 if form.errors else 200
    return render(request, "administration/person_new.html", {"form": form}, status=status)


def show_link_once(request: HttpRequest, username: str, path: str) -> HttpResponse:
    """The link is in this answer only: not in a message, the session or a redirect."""
    link = request.build_absolute_uri(path)
    context = {"username": username, "link": link, "hours": DEFAULT_HOURS}
    return render(request, "administration/link_issued.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person(request: HttpRequest, pk: int) -> HttpResponse:
    by = administrator(request)
    user = get_object_or_404(User.objects.select_related("agency"), pk=pk)
    initial = {"agency": user.agency, "roles": sorted(user.role_set())}
    form = RolesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            change_roles_and_agency(
                by, user, form.cleaned_data["agency"], form.cleaned_data["roles"]
            )
        except Refused as refusal:
            form.add_error("roles", str(refusal))
        else:
            messages.success(request, _("Roles and agency saved."))
            return redirect("administration:person", user.pk)
    context = {"person": user, "form": form, "is_me": user.pk == by.pk}
    return render(
        request, "administration/person.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def activation(request: HttpRequest, pk: int) -> HttpResponse:
    by = administrator(request)
    user = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "yes"
    try:
        set_active(by, user, active)
    except Refused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("Account reactivated.") if active else _("Account deactivated.")
        )
    return redirect("administration:person", user.pk)
