from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkReviewConfig(AppConfig):
    name = "palermo.linkreview"
    label = "linkreview"
    verbose_name = _("Linkage review")
