"""Correcting the person's details from the case file: the owning agency, audited, history kept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.registry.access import record_case_read, record_person_read
from palermo.registry.models.child import child_protection_of, is_a_child
from palermo.registry.models.correction import may_correct_person
from palermo.registry.person_forms import ChildProtectionForm, PersonDetailsForm
from palermo.registry.views.common import back_to_case, case_to_act_on


@login_required
@require_http_methods(["GET", "POST"])
def correct_person_details(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    case = case_to_act_on(request, reference)
    if not may_correct_person(case, user):
        raise PermissionDenied
    form = PersonDetailsForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        if form.save(user) is None:
            messages.info(request, _("Nothing was changed."))
        else:
            messages.success(request, _("The person's details are corrected."))
        return back_to_case(case, "person")
    # The form shows the current details: reading them is recorded as the case file's are.
    record_person_read(user, case.person)
    status = 400 if request.method == "POST" else 200
    return render(request, "registry/person_edit.html", {"case": case, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def child_protection_edit(request: HttpRequest, reference: str) -> HttpResponse:
    """The guardian and the best-interests assessment: only for a child, by the owning agency."""
    user = acting_user(request)
    case = case_to_act_on(request, reference)
    if not may_correct_person(case, user):
        raise PermissionDenied
    if not is_a_child(case):
        raise Http404  # the page exists for children only
    form = ChildProtectionForm(request.POST or None, instance=child_protection_of(case))
    if request.method == "POST" and form.is_valid():
        form.save_for(case, user)
        messages.success(request, _("The child protection details are saved."))
        return back_to_case(case, "child-protection")
    record_case_read(user, case, "child protection")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "registry/child_protection_edit.html", {"case": case, "form": form}, status=status
    )
