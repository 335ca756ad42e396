"""The screening pages: my screenings, start one, answer as you go, finish and see why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.htmx import is_htmx
from palermo.screening import display, ilo
from palermo.screening.access import (
    drafts_first,
    screener,
    screening_for,
    screening_read_by,
    screenings_visible_to,
)
from palermo.screening.forms import (
    ANSWER_CHOICES,
    NOT_ANSWERS,
    NewScreeningForm,
    answers_from,
    notes_from,
)
from palermo.screening.models import Screening, ScreeningStatus
from palermo.screening.outcomes import ScreeningOutcome
from palermo.screening.services import (
    FINISHED,
    check_answers_may_change,
    finish_screening,
    record_answers,
    screen_again,
    start_screening,
)
from palermo.screening.views.common import case_url

PER_PAGE = 25


@login_required
@require_http_methods(["GET"])
def screening_list(request: HttpRequest) -> HttpResponse:
    user = screener(request)
    screenings = drafts_first(screenings_visible_to(user))
    page = Paginator(screenings, PER_PAGE).get_page(request.GET.get("page"))
    labels = {found.code: display.list_summary(found)["label"] for found in ilo.indicator_lists()}
    rows = [
        {"screening": s, "list_label": labels.get(s.indicator_list, s.indicator_list)} for s in page
    ]
    return render(request, "screening/list.html", {"page": page, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def screening_new(request: HttpRequest) -> HttpResponse:
    user = screener(request)
    form = NewScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        screening = start_screening(user, form.cleaned_data["indicator_list"])
        messages.success(request, _("Screening started. Each answer is saved as you give it."))
        return redirect("screening:detail", screening.reference)
    lists = [display.list_summary(found) for found in ilo.indicator_lists()]
    return render(request, "screening/new.html", {"form": form, "lists": lists})


@login_required
@require_http_methods(["GET"])
def screening_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = acting_user(request)
    screening = screening_read_by(user, reference)
    return render_detail(request, screening)


@login_required
@require_http_methods(["POST"])
def screening_answer(request: HttpRequest, reference: str) -> HttpResponse:
    """Save answers: one at a time from htmx (a small status fragment), or all without JS."""
    user = acting_user(request)
    screening = screening_for(user, reference)
    try:
        record_answers(
            screening, posted_answers(request, screening), user, posted_notes(request, screening)
        )
    except ValidationError as error:
        status = 409 if error_code(error) == FINISHED else 400
        return refuse(request, screening, error.messages[0], status)
    if is_htmx(request):
        return render(request, "screening/_saved.html")
    messages.success(request, _("Your answers are saved. You can finish the screening later."))
    return redirect("screening:detail", screening.reference)


@login_required
@require_http_methods(["POST"])
def screening_finish(request: HttpRequest, reference: str) -> HttpResponse:
    """Save whatever the form holds, then score it; the result shows on the screening's page."""
    user = acting_user(request)
    screening = screening_for(user, reference)
    try:
        if set(request.POST) - NOT_ANSWERS:
            answers = posted_answers(request, screening)
            record_answers(screening, answers, user, posted_notes(request, screening))
        finish_screening(screening, user)
    except ValidationError as error:
        if error_code(error) != FINISHED:
            return render_detail(request, screening, error=error.messages[0], status=400)
        messages.info(request, error.messages[0])
    else:
        messages.success(request, _("The screening is finished. Its result is below."))
    return redirect("screening:detail", screening.reference)


def posted_answers(request: HttpRequest, screening: Screening) -> dict[str, str]:
    # A finished screening refuses answers before they are checked: saying "finished" is more
    # useful than naming a mistyped indicator of a form that can no longer change.
    check_answers_may_change(screening)
    return answers_from(request.POST, ilo.indicator_list(screening.indicator_list))


def posted_notes(request: HttpRequest, screening: Screening) -> dict[str, str]:
    return notes_from(request.POST, ilo.indicator_list(screening.indicator_list))


@login_required
@require_http_methods(["POST"])
def screening_again(request: HttpRequest, reference: str) -> HttpResponse:
    """ "Further assessment": screen the person again, starting from the answers given."""
    user = screener(request)
    screening = screening_for(user, reference)
    try:
        again = screen_again(screening, user)
    except ValidationError as error:
        return render_detail(request, screening, error=error.messages[0], status=409)
    messages.success(
        request,
        _("A new screening starts from the answers of %(reference)s.")
        % {"reference": screening.reference},
    )
    return redirect("screening:detail", again.reference)


def error_code(error: ValidationError) -> str | None:
    return getattr(error, "code", None)


def refuse(request: HttpRequest, screening: Screening, message: str, status: int) -> HttpResponse:
    if is_htmx(request):
        return render(request, "screening/_not_saved.html", {"message": message}, status=status)
    return render_detail(request, screening, error=message, status=status)


def render_detail(
    request: HttpRequest, screening: Screening, error: str = "", status: int = 200
) -> HttpResponse:
    indicators = ilo.indicator_list(screening.indicator_list)
    completed = screening.status == ScreeningStatus.COMPLETED
    dimensions = None if completed else display.questions(screening)
    context = {
        "screening": screening,
        "indicator_list": display.list_summary(indicators),
        "error": error,
        "completed": completed,
        "result": display.result(screening) if completed else None,
        "dimensions": dimensions,
        "progress": display.progress(dimensions) if dimensions else None,
        "answer_choices": ANSWER_CHOICES,
        "case_url": case_url(screening.victim_case) if screening.victim_case else "",
        "further_assessment": screening.outcome == ScreeningOutcome.FURTHER_ASSESSMENT,
        "followed_by": screening.followed_by.order_by("started_at").first(),
    }
    return render(request, "screening/detail.html", context, status=status)
