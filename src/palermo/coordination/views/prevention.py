"""Campaigns, trainings, inspections (and the screenings started at one), and coverage."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.permissions import may_read
from palermo.audit.log import record_event, record_read
from palermo.coordination.access import (
    campaign_to_act_on,
    campaigns_visible_to,
    inspection_for,
    inspection_to_act_on,
    inspections_visible_to,
    member,
    tips_visible_to,
    training_for,
    training_to_act_on,
    trainings_visible_to,
)
from palermo.coordination.forms.prevention import (
    CampaignForm,
    InspectionForm,
    TraineesForm,
    TrainingForm,
    save_own,
)
from palermo.coordination.models import Inspection, InspectionScreening
from palermo.coordination.views.common import form_page
from palermo.screening.forms import NewScreeningForm
from palermo.screening.services import start_screening

PER_PAGE = 25


@login_required
@require_http_methods(["GET"])
def campaign_list(request: HttpRequest) -> HttpResponse:
    user = member(request)
    page = Paginator(campaigns_visible_to(user).select_related("agency"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "coordination/campaign_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = member(request)
    campaign = campaign_to_act_on(user, pk) if pk else None
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        save_own(form, user, "campaign")
        messages.success(request, _("The campaign is saved."))
        return redirect("coordination:campaign_list")
    status = 400 if form.errors else 200
    back = reverse("coordination:campaign_list")
    return form_page(request, form, _("Campaign"), _("Save"), status=status, back=back)


@login_required
@require_http_methods(["GET"])
def training_list(request: HttpRequest) -> HttpResponse:
    user = member(request)
    trainings = trainings_visible_to(user).select_related("agency").prefetch_related("trainees")
    page = Paginator(trainings, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "coordination/training_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def training_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = member(request)
    training = training_to_act_on(user, pk) if pk else None
    form = TrainingForm(request.POST or None, instance=training)
    if request.method == "POST" and form.is_valid():
        saved = save_own(form, user, "training")
        messages.success(request, _("The training is saved. Now count who took part."))
        return redirect("coordination:training_detail", saved.pk)
    status = 400 if form.errors else 200
    back = reverse("coordination:training_list")
    return form_page(request, form, _("Training"), _("Save"), status=status, back=back)


@login_required
@require_http_methods(["GET", "POST"])
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = member(request)
    training = training_for(user, pk)
    owns = training.agency_id == user.agency_id
    form = TraineesForm(request.POST or None, user=user, training=training) if owns else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            form.save_for(user)
            messages.success(request, _("The trainees are counted."))
            return redirect("coordination:training_detail", training.pk)
    context = {
        "training": training,
        "rows": training.trainees.select_related("agency"),
        "form": form,
    }
    return render(
        request, "coordination/training.html", context, status=400 if form and form.errors else 200
    )


@login_required
@require_http_methods(["GET"])
def inspection_list(request: HttpRequest) -> HttpResponse:
    user = member(request)
    inspections = inspections_visible_to(user).select_related("agency")
    page = Paginator(inspections, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "coordination/inspection_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def inspection_edit(request: HttpRequest, reference: str = "") -> HttpResponse:
    user = member(request)
    inspection = inspection_to_act_on(user, reference) if reference else None
    form = InspectionForm(request.POST or None, instance=inspection, user=user)
    tip = request.GET.get("tip", "")
    if request.method == "POST" and form.is_valid():
        if inspection is None and tip:
            form.instance.tip = tips_visible_to(user).filter(reference=tip).first()
        saved = save_own(form, user, "inspection")
        assert isinstance(saved, Inspection)
        messages.success(request, _("The inspection is recorded."))
        return redirect("coordination:inspection_detail", saved.reference)
    status = 400 if form.errors else 200
    back = reverse("coordination:inspection_list")
    return form_page(request, form, _("Inspection"), _("Save"), status=status, back=back)


@login_required
@require_http_methods(["GET"])
def inspection_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = member(request)
    inspection = inspection_for(user, reference)
    record_read(user, "inspection", inspection.reference)  # the follow-up is personal data
    owns = inspection.agency_id == user.agency_id
    context = {
        "inspection": inspection,
        "screenings": inspection.screenings.select_related("screening"),
        "owns": owns,
        "may_screen": owns and may_read(user, "screening"),
        "screening_form": NewScreeningForm(),
    }
    return render(request, "coordination/inspection.html", context)


@login_required
@require_http_methods(["POST"])
def inspection_screen(request: HttpRequest, reference: str) -> HttpResponse:
    """Start a screening of a worker met at the inspection, linked to it."""
    user = member(request)
    inspection = inspection_to_act_on(user, reference)
    if not may_read(user, "screening"):
        raise Http404
    form = NewScreeningForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an indicator list."))
        return redirect("coordination:inspection_detail", inspection.reference)
    screening = start_screening(user, form.cleaned_data["indicator_list"])
    InspectionScreening.objects.create(inspection=inspection, screening=screening)
    record_event(
        user,
        "screening_linked",
        "inspection",
        inspection.reference,
        changes={"screening": screening.reference},
    )
    messages.success(request, _("Screening started at the inspection."))
    return redirect("screening:detail", screening.reference)
