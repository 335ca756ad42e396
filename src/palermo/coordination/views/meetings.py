"""Meetings of the committee and its working groups, and their action items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.audit.log import record_read
from palermo.coordination.access import (
    action_item_to_act_on,
    is_secretariat,
    measures_visible_to,
    meeting_for,
    meeting_to_act_on,
    meetings_visible_to,
    member,
)
from palermo.coordination.forms.meetings import ActionItemForm, MeetingForm
from palermo.coordination.models import Meeting
from palermo.coordination.views.common import form_page


@login_required
@require_http_methods(["GET"])
def meeting_list(request: HttpRequest) -> HttpResponse:
    user = member(request)
    page = Paginator(meetings_visible_to(user), 25).get_page(request.GET.get("page"))
    return render(request, "coordination/meeting_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    user = member(request)
    form = MeetingForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        meeting = form.save_for(user)
        messages.success(request, _("The meeting is recorded."))
        return redirect("coordination:meeting_detail", meeting.reference)
    status = 400 if form.errors else 200
    return form_page(request, form, _("New meeting"), _("Record the meeting"), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, reference: str) -> HttpResponse:
    user = member(request)
    meeting = meeting_to_act_on(user, reference)
    form = MeetingForm(request.POST or None, instance=meeting, user=user)
    if request.method == "POST" and form.is_valid():
        form.save_for(user)
        messages.success(request, _("The meeting is saved."))
        return redirect("coordination:meeting_detail", meeting.reference)
    back = reverse("coordination:meeting_detail", args=[reference])
    status = 400 if form.errors else 200
    return form_page(request, form, _("Edit the meeting"), _("Save"), status=status, back=back)


@login_required
@require_http_methods(["GET"])
def meeting_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = member(request)
    meeting = meeting_for(user, reference)
    record_read(user, "meeting", meeting.reference)  # the minutes may hold personal data
    return render_meeting(request, meeting)


def render_meeting(
    request: HttpRequest, meeting: Meeting, form: ActionItemForm | None = None, status: int = 200
) -> HttpResponse:
    user = member(request)
    keeps = meeting.recorded_by_id == user.agency_id
    if form is None and keeps:
        form = ActionItemForm(user=user, measures=measures_visible_to(user))
    context = {
        "meeting": meeting,
        "agencies": meeting.agencies_present.all(),
        "items": meeting.action_items.select_related("owner", "measure"),
        "keeps": keeps,
        "action_form": form,
        "user_agency": user.agency_id,
        "is_secretariat": is_secretariat(user),
    }
    return render(request, "coordination/meeting.html", context, status=status)


@login_required
@require_http_methods(["POST"])
def action_item_add(request: HttpRequest, reference: str) -> HttpResponse:
    user = member(request)
    meeting = meeting_to_act_on(user, reference)
    form = ActionItemForm(request.POST, user=user, measures=measures_visible_to(user))
    if not form.is_valid():
        return render_meeting(request, meeting, form, status=400)
    form.save_for(meeting, user)
    messages.success(request, _("The action item is assigned."))
    return redirect("coordination:meeting_detail", meeting.reference)


@login_required
@require_http_methods(["POST"])
def action_item_done(request: HttpRequest, pk: int) -> HttpResponse:
    user = member(request)
    item = action_item_to_act_on(user, pk)
    if item.done_at is None:
        item.mark_done(user)
        messages.success(request, _("The action item is done."))
    if request.POST.get("next") == "home":
        return redirect("home")
    return redirect("coordination:meeting_detail", item.meeting.reference)
