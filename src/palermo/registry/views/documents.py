"""Documents: uploaded with type and size checked, stored encrypted, downloaded under a generic
name and only through the case's access helper."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.registry.access import victim_case_for
from palermo.registry.downloads import as_download
from palermo.registry.forms import DocumentForm
from palermo.registry.views.case_file import render_case_file
from palermo.registry.views.common import back_to_case, case_to_act_on


@login_required
@require_http_methods(["POST"])
def upload_document(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_to_act_on(request, reference)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_case_file(request, case, status=400, bound={"document": form})
    form.store_for(case, acting_user(request))
    messages.success(request, _("The document is stored, encrypted."))
    return back_to_case(case, "documents")


@login_required
@require_http_methods(["GET"])
def download_document(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    user = acting_user(request)
    case = victim_case_for(user, reference)
    document = case.documents.filter(pk=pk).first()
    if document is None:
        raise Http404
    return as_download(document, user)
