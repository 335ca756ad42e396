"""The one vocabulary of screening outcomes: the stored values and their translated labels.

The scoring (``ilo.py``), the model field, the pages, the API, the statistics and the demo all
name an outcome through :class:`ScreeningOutcome`, and every label comes from the message
catalogue, so the result page and the list cannot disagree. This module needs Django's
``TextChoices`` but no settings, so ``ilo.py`` stays usable without a configured Django.
"""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class ScreeningOutcome(TextChoices):
    PRESUMED_VICTIM = "presumed_victim", _("presumed victim — refer")
    FURTHER_ASSESSMENT = "further_assessment", _("indicators present — further assessment")
    NOT_INDICATED = "not_indicated", _("not indicated")
