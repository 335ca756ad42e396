"""The administrator's pages about agencies: their names, kinds and standing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from palermo.accounts.models import Agency
from palermo.administration.access import administrator
from palermo.administration.forms import AgencyForm
from palermo.audit.log import record_event


@login_required
@require_GET
def agencies(request: HttpRequest) -> HttpResponse:
    administrator(request)
    listed = Agency.objects.order_by("name")
    return render(request, "administration/agencies.html", {"agencies": listed})


@login_required
@require_http_methods(["GET", "POST"])
def agency(request: HttpRequest, pk: int) -> HttpResponse:
    by = administrator(request)
    chosen = get_object_or_404(Agency, pk=pk)
    form = AgencyForm(request.POST or None, instance=chosen)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            # Which fields changed, not their values (names of agencies are not personal, but
            # the trail records what changed and the record holds the rest).
            record_event(
                by, "agency_changed", "agency", chosen.code, changes={"fields": form.changed_data}
            )
        messages.success(request, _("Agency saved."))
        return redirect("administration:agencies")
    context = {"agency": chosen, "form": form}
    status = 400 if form.errors else 200
    return render(request, "administration/agency.html", context, status=status)
