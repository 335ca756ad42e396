"""The case file: the one page that shows who the person is, so every view of it is audited."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from palermo.accounts.acting import acting_user
from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.justice.models import VictimLink
from palermo.registry.access import live_grant, record_case_read, victim_case_for
from palermo.registry.casework_forms import AssignForm, NoteForm, TaskForm
from palermo.registry.columns import age_group_of_person
from palermo.registry.consent_forms import WithdrawConsentForm
from palermo.registry.forms import (
    ConsentForm,
    DocumentForm,
    ReferralForm,
    ServiceForm,
    move_form_for,
)
from palermo.registry.models import Consent, Exploitation, Stage, VictimCase
from palermo.registry.models.case import NEXT_STAGES
from palermo.registry.models.child import child_protection_of, is_a_child
from palermo.registry.models.correction import may_correct_person
from palermo.registry.models.exploitation import CODE_LISTS
from palermo.registry.models.referral import ReferralStatus

STAGE_ORDER = list(Stage.values)


@login_required
@require_http_methods(["GET"])
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    case = victim_case_for(acting_user(request), reference)
    return render_case_file(request, case)


def render_case_file(
    request: HttpRequest,
    case: VictimCase,
    *,
    status: int = 200,
    bound: dict[str, forms.BaseForm] | None = None,
    move_error: str = "",
) -> HttpResponse:
    """The case file, with any form the user just sent (and its errors) in place of a blank one."""
    user = acting_user(request)
    grant = live_grant(user.pk, case)
    record_case_read(user, case)
    bound = bound or {}
    context: dict[str, Any] = {
        "case": case,
        "person": case.person,
        "transitions": case.transitions.select_related("by", "by__agency"),
        "can_act": user.has_role(Role.CASE_WORKER),
        "can_correct_person": may_correct_person(case, user),
        "corrections": case.person.corrections.select_related("by", "by__agency"),
        # Shown only when the person is a child (under 18 by their recorded age).
        "is_a_child": is_a_child(case),
        "child_protection": child_protection_of(case),
        "grant": grant,
        "move_forms": [
            (stage, Stage(stage).label, bound.get(f"move-{stage}") or move_form_for(stage, user))
            for stage in sorted(NEXT_STAGES[case.stage], key=STAGE_ORDER.index)
            if case.may_be_moved_by(user)
        ],
        "move_error": move_error,
        "case_moves_on": bool(NEXT_STAGES[case.stage]),
        "exploitation": exploitation_summary(case),
        "services": case.services.select_related("provider").order_by("-started_on", "-pk"),
        "consents": consents_with_withdrawal_forms(case, bound),
        "referrals": case.referrals.select_related("from_agency", "to_agency"),
        "links": VictimLink.objects.filter(victim_case=case).select_related("criminal_case"),
        "documents": case.documents.select_related("uploaded_by").defer("content"),
        "service_form": bound.get("service") or ServiceForm(user=user),
        "consent_form": bound.get("consent") or ConsentForm(),
        "referral_form": bound.get("referral") or ReferralForm(user=user),
        "document_form": bound.get("document") or DocumentForm(),
        "max_upload_bytes": settings.PALERMO_MAX_UPLOAD_BYTES,
        **casework_context(user, case, bound),
        "open_sections": open_sections(bound),
        "summary": case_summary(case),
    }
    return render(request, "registry/case_detail.html", context, status=status)


def consents_with_withdrawal_forms(
    case: VictimCase, bound: dict[str, forms.BaseForm]
) -> list[Consent]:
    """Each consent, with the referrals its withdrawal would end and the form that withdraws
    it (the one just sent, with its errors, if any)."""
    consents = list(case.consents.select_related("recorded_by").order_by("-given_on", "-pk"))
    for consent in consents:
        consent.covered = list(consent.referrals_it_covers().select_related("to_agency"))  # type: ignore[attr-defined]
        consent.withdraw_form = bound.get(f"withdraw-{consent.pk}") or WithdrawConsentForm(  # type: ignore[attr-defined]
            consent=consent
        )
    return consents


def casework_context(
    user: User, case: VictimCase, bound: dict[str, forms.BaseForm]
) -> dict[str, Any]:
    """Assignment, notes and the care plan; the forms to change them are the owning agency's
    case workers' (notes: anyone who may act on the case)."""
    can_manage = user.has_role(Role.CASE_WORKER) and user.agency_id == case.owning_agency_id
    return {
        "can_manage": can_manage,
        "notes": case.notes.select_related("written_by"),
        "tasks": case.care_plan.select_related("assigned_to", "done_by"),
        "assign_form": bound.get("assign") or (AssignForm(case=case) if can_manage else None),
        "note_form": bound.get("note") or NoteForm(),
        "task_form": bound.get("task") or (TaskForm(case=case) if can_manage else None),
    }


# The sections a case file opens with: the work in hand. The others fold away under their
# headings, and the summary at the top says what is in them.
OPEN_SECTIONS = frozenset({"stages", "care-plan", "notes"})
# A form sent with a mistake comes back in its section, open.
SECTION_OF_FORM = {
    "service": "services",
    "consent": "consent",
    "referral": "referrals",
    "document": "documents",
    "assign": "casework",
    "note": "notes",
    "task": "care-plan",
}


def open_sections(bound: dict[str, forms.BaseForm]) -> frozenset[str]:
    sent = {SECTION_OF_FORM.get(name, "stages") for name in bound}
    return OPEN_SECTIONS | sent


def case_summary(case: VictimCase) -> dict[str, Any]:
    """What the top of the case file says at a glance (counts, the next task, flags)."""
    today = timezone.localdate()
    open_tasks = case.care_plan.filter(done_at__isnull=True)
    return {
        "days_in_stage": case.days_in_stage(),
        "age_group": age_group_of_person(case.person, today),
        "open_tasks": open_tasks.count(),
        "next_task": open_tasks.order_by("due_on", "pk").first(),
        "active_referrals": case.referrals.filter(status=ReferralStatus.ACCEPTED).count(),
        "has_consent": case.consents.filter(
            covers_referral=True, withdrawn_on__isnull=True
        ).exists(),
        "reflection_ending": case.reflection_period_ends_soon(),
    }


def exploitation_summary(case: VictimCase) -> dict[str, Any] | None:
    """The exploitation details with codes turned into their (translated) labels."""
    exploitation = Exploitation.objects.filter(case=case).first()
    if exploitation is None:
        return None
    groups = []
    for name, choices in CODE_LISTS.items():
        labels = dict(choices.choices)
        codes: list[str] = getattr(exploitation, name)
        field = Exploitation._meta.get_field(name)
        assert isinstance(field, models.Field)
        verbose = field.verbose_name
        groups.append((verbose, [labels.get(code, code) for code in codes]))
    return {"record": exploitation, "groups": groups}
