"""Emergency ("break the glass") access to a case outside the user's agencies, with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.accounts.roles import Role
from palermo.registry.access import victim_cases_visible_to
from palermo.registry.forms import BreakGlassForm
from palermo.registry.models import BreakGlassGrant, VictimCase
from palermo.registry.views.common import message_of


@login_required
@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    if not user.has_role(Role.CASE_WORKER):
        raise PermissionDenied
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"]
        if victim_cases_visible_to(user).filter(reference=reference).exists():
            messages.info(request, _("You already have access to this case."))
            return redirect("registry:case_detail", reference)
        # Deliberately outside the access helper: reaching such a case is this page's purpose,
        # and the grant (with its reason) is what the audit trail records.
        case = VictimCase.objects.filter(reference=reference).first()
        if case is None:
            form.add_error("reference", _("No case has this reference."))
        else:
            try:
                BreakGlassGrant.open(case, user, form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error("reason", message_of(error))
            else:
                messages.warning(request, _("Emergency access granted. It is audited."))
                return redirect("registry:case_detail", case.reference)
    status = 400 if request.method == "POST" else 200
    return render(request, "registry/break_glass.html", {"form": form}, status=status)
