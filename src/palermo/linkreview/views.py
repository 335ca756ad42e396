"""Clerical review pages: batches, pairs side by side, decisions, and the decisions file."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from palermo.accounts.models import User
from palermo.audit.log import record_event, record_read
from palermo.linkreview.access import may_review_linkage, review_batches_visible_to
from palermo.linkreview.forms import DecisionForm, UploadForm
from palermo.linkreview.models import LinkDecision, ReviewPair
from palermo.linkreview.services import RECORD_FIELDS, ReviewFileError, import_review_batch
from palermo_analytics.safe_output import neutralise

FIELD_LABELS = {
    "full_name": _("full name"), "given_name": _("given name"), "family_name": _("family name"),
    "date_of_birth": _("date of birth"), "age": _("age"), "sex": _("sex"),
    "nationality": _("nationality"), "document_number": _("document number"), "phone": _("phone"),
}  # fmt: skip
DECISIONS_FILE_COLUMNS = ("source_l", "record_id_l", "source_r", "record_id_r", "decision")


def _reviewer(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not may_review_linkage(user):
        raise Http404
    return user


@login_required
@require_http_methods(["GET", "POST"])
def batch_list(request: HttpRequest) -> HttpResponse:
    user = _reviewer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["pairs"]
        try:
            batch = import_review_batch(
                user,
                form.cleaned_data["title"],
                upload,
                upload.name,
                form.cleaned_data["threshold"],
            )
        except ReviewFileError as error:
            form.add_error("pairs", str(error))
        else:
            return redirect("linkreview:batch", batch.pk)
    batches = review_batches_visible_to(user)
    return render(request, "linkreview/batch_list.html", {"batches": batches, "form": form})


@login_required
@require_GET
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reviewer(request)
    batch = get_object_or_404(review_batches_visible_to(user), pk=pk)
    pairs = batch.pairs.nearest_the_threshold_first()
    page = Paginator(pairs, 20).get_page(request.GET.get("page"))
    record_read(user, "linkage_review_batch", str(batch.pk), reason=f"page {page.number}")
    decided = LinkDecision.objects.in_bulk([pair.key for pair in page], field_name="key")
    rows = [
        {
            "pair": pair,
            "fields": [
                (FIELD_LABELS[f], pair.record_l.get(f, ""), pair.record_r.get(f, ""))
                for f in RECORD_FIELDS
            ],
            "decision": decided.get(pair.key),
        }
        for pair in page
    ]
    return render(
        request,
        "linkreview/batch_detail.html",
        {"batch": batch, "page": page, "rows": rows, "form": DecisionForm()},
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = _reviewer(request)
    pair = get_object_or_404(
        ReviewPair.objects.filter(batch__in=review_batches_visible_to(user)), pk=pk
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise Http404
    decision = form.cleaned_data["decision"]
    with transaction.atomic():
        LinkDecision.objects.update_or_create(
            key=pair.key,
            defaults={
                "source_l": pair.source_l, "record_id_l": pair.record_id_l,
                "source_r": pair.source_r, "record_id_r": pair.record_id_r,
                "decision": decision, "decided_by": user, "decided_at": timezone.now(),
            },
        )  # fmt: skip
        record_event(
            user,
            "decide",
            "linkage_pair",
            f"{pair.batch_id}:{pair.pk}",
            changes={"decision": decision},
        )
    page = request.POST.get("page", "1")
    page = page if page.isdigit() else "1"
    return redirect(f"{pair.batch.get_absolute_url()}?page={page}#pair-{pair.pk}")


@login_required
@require_GET
def decisions_file(request: HttpRequest) -> HttpResponse:
    """Every settled decision, for `palermo link --decisions` the next time the lists are linked."""
    user = _reviewer(request)
    decisions = LinkDecision.objects.settled().order_by("key")
    record_event(user, "export", "linkage_decisions", changes={"decisions": decisions.count()})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
    writer = csv.writer(response)
    writer.writerow(DECISIONS_FILE_COLUMNS)
    for decision in decisions:
        writer.writerow(
            [neutralise(getattr(decision, column)) for column in DECISIONS_FILE_COLUMNS]
        )
    return response
