"""Recording the person's consent to referral, and its withdrawal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.registry.consent_forms import WithdrawConsentForm
from palermo.registry.forms import ConsentForm
from palermo.registry.views.case_file import render_case_file
from palermo.registry.views.common import back_to_case, case_to_act_on


@login_required
@require_http_methods(["POST"])
def record_consent(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_to_act_on(request, reference)
    user = acting_user(request)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        return render_case_file(request, case, status=400, bound={"consent": form})
    form.save_for(case, user)
    messages.success(request, _("The consent is recorded."))
    return back_to_case(case, "consent")


@login_required
@require_http_methods(["POST"])
def withdraw_consent(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case = case_to_act_on(request, reference)
    consent = case.consents.filter(pk=pk, withdrawn_on__isnull=True).first()
    if consent is None:
        raise Http404
    form = WithdrawConsentForm(request.POST, consent=consent)
    if not form.is_valid():
        return render_case_file(request, case, status=400, bound={f"withdraw-{pk}": form})
    ended = form.withdraw(acting_user(request))
    messages.success(
        request,
        ngettext(
            "The consent is withdrawn: no new referrals can be sent, and %(count)d referral it "
            "covered has ended.",
            "The consent is withdrawn: no new referrals can be sent, and %(count)d referrals it "
            "covered have ended.",
            len(ended),
        )
        % {"count": len(ended)},
    )
    return back_to_case(case, "consent")
