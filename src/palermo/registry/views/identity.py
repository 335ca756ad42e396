"""The merge and split page of a person: for a case worker of the agency holding the person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.registry.access import record_person_read
from palermo.registry.identity_forms import MergeForm, SplitForm
from palermo.registry.merging import (
    change_to_undo,
    changes_of,
    merge_persons,
    person_to_merge,
    persons_to_merge_for,
    split_person,
    undo,
)
from palermo.registry.models import IdentityChangeKind


@login_required
@require_http_methods(["GET", "POST"])
def person_identity(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    person = person_to_merge(user, reference)
    merge_form = MergeForm(request.POST if "merge" in request.POST else None, prefix="merge")
    split_form = SplitForm(
        request.POST if "split" in request.POST else None, person=person, prefix="split"
    )
    if merge_form.is_bound and merge_form.is_valid():
        other = persons_to_merge_for(user).filter(reference=merge_form.cleaned_data["absorb"])
        if not other.exists():
            merge_form.add_error(
                "absorb", _("No person with this reference is your agency's to merge: ask its own.")
            )
        else:
            try:
                merge_persons(user, person, other.get(), merge_form.cleaned_data["reason"])
            except ValidationError as error:
                merge_form.add_error(None, error)
            else:
                messages.success(request, _("The records are merged. You can undo it below."))
                return redirect("registry:person_identity", person.reference)
    if split_form.is_bound and split_form.is_valid():
        cleaned = split_form.cleaned_data
        names = {"given_name": cleaned["given_name"], "family_name": cleaned["family_name"]}
        try:
            change = split_person(user, person, cleaned["cases"], cleaned["reason"], names)
        except ValidationError as error:
            split_form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The chosen cases now belong to the new person %(reference)s.")
                % {"reference": change.target.reference},
            )
            return redirect("registry:person_identity", person.reference)
    record_person_read(user, person)
    context = {
        "person": person,
        "age": person.age_on(timezone.localdate()),
        "cases": person.victim_cases.order_by("-opened_at"),
        "changes": changes_of(person).select_related("source", "target", "made_by"),
        "merge_form": merge_form,
        "split_form": split_form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "registry/person_identity.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def undo_identity_change(request: HttpRequest, pk: int) -> HttpResponse:
    user = acting_user(request)
    change = change_to_undo(user, pk)
    try:
        undo(user, change)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Undone: the records are as they were before."))
    # Back to the page the change was made from: the kept person of a merge, the split one's.
    made_from = change.target if change.kind == IdentityChangeKind.MERGE else change.source
    return redirect("registry:person_identity", made_from.reference)
