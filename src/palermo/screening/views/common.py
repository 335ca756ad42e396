"""Small helpers every screening view uses."""

from django.urls import reverse

from palermo.registry.models import VictimCase


def case_url(case: VictimCase) -> str:
    return reverse("registry:case_detail", args=[case.reference])
