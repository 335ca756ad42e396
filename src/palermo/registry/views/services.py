"""Recording a service given to the person (shelter, medical care, legal aid...)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.registry.forms import ServiceForm
from palermo.registry.views.case_file import render_case_file
from palermo.registry.views.common import back_to_case, case_to_act_on


@login_required
@require_http_methods(["POST"])
def add_service(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_to_act_on(request, reference)
    user = acting_user(request)
    form = ServiceForm(request.POST, user=user)
    if not form.is_valid():
        return render_case_file(request, case, status=400, bound={"service": form})
    form.save_for(case, user)
    messages.success(request, _("The service is recorded."))
    return back_to_case(case, "services")
