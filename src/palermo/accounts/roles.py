"""Roles and agency kinds: the vocabulary of who may do what."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SCREENER = "screener", _("frontline screener")
    CASE_WORKER = "case_worker", _("case worker")
    INVESTIGATOR = "investigator", _("investigator")
    PROSECUTOR = "prosecutor", _("prosecutor")
    JUDICIAL_OFFICER = "judicial_officer", _("judicial officer")
    ANALYST = "analyst", _("analyst")
    AUDITOR = "auditor", _("auditor")
    ADMINISTRATOR = "administrator", _("administrator")
    # Granted to those who review uncertain linkage pairs: they see records of every list.
    LINKAGE_REVIEWER = "linkage_reviewer", _("linkage reviewer")


class AgencyKind(models.TextChoices):
    POLICE = "police", _("police")
    PROSECUTION = "prosecution", _("prosecution")
    COURT = "court", _("court")
    SOCIAL_WELFARE = "social_welfare", _("social welfare")
    LABOUR = "labour", _("labour inspection")
    HEALTH = "health", _("health")
    NGO = "ngo", _("non-governmental organisation")
    HOTLINE = "hotline", _("hotline")
    SECRETARIAT = "secretariat", _("committee secretariat")
    OTHER = "other", _("other government body")
