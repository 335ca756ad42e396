from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkReviewConfig(AppConfig):
    name = "palermo.linkreview"
    label = "linkreview"
    verbose_name = _("Linkage review")

    def ready(self) -> None:
        # The review queue is a data-quality figure of the annual report.
        from palermo.linkreview.statistics import FIGURES
        from palermo.reporting import sources

        sources.register(*FIGURES)
