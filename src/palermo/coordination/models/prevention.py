"""Prevention and outreach: campaigns, trainings and inspections (with their screenings)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from palermo.accounts.roles import Role
from palermo.privacy.fields import EncryptedTextField
from palermo.references import new_reference


class Channel(models.TextChoices):
    TELEVISION = "television", _("television")
    RADIO = "radio", _("radio")
    PRINT = "print", _("print and posters")
    SOCIAL_MEDIA = "social_media", _("social media")
    OUTREACH = "outreach", _("outreach in person")
    BORDER = "border", _("border crossings")


class Audience(models.TextChoices):
    PUBLIC = "public", _("general public")
    MIGRANT_WORKERS = "migrant_workers", _("migrant workers")
    DOMESTIC_WORKERS = "domestic_workers", _("migrant domestic workers")
    EMPLOYERS = "employers", _("employers and job agencies")
    STUDENTS = "students", _("students")
    SEX_WORKERS = "sex_workers", _("people in commercial sex")
    TOURISTS = "tourists", _("visitors and tourists")


class CampaignLanguage(models.TextChoices):
    CHINESE = "zh-hant", _("Traditional Chinese")
    PORTUGUESE = "pt", _("Portuguese")
    ENGLISH = "en", _("English")
    TAGALOG = "tl", _("Tagalog")
    INDONESIAN = "id", _("Indonesian")
    VIETNAMESE = "vi", _("Vietnamese")


def new_campaign_reference() -> str:
    return new_reference("CA")


class Campaign(models.Model):
    # A pseudonymous handle, so the annual report's drill-down lists campaigns like other records.
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_campaign_reference, editable=False
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    languages = models.JSONField(_("languages"), default=list)
    audiences = models.JSONField(_("audiences"), default=list)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    reach = models.PositiveIntegerField(_("people reached"), default=0)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class Topic(models.TextChoices):
    SCREENING = "screening", _("screening with the indicators")
    INTERVIEWING = "interviewing", _("victim-centred interviewing")
    LABOUR = "labour", _("labour exploitation")
    SEXUAL = "sexual", _("sexual exploitation")
    LAW = "law", _("the law and its application")
    REFERRAL = "referral", _("referral to services")


def new_training_reference() -> str:
    return new_reference("TR")


class Training(models.Model):
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_training_reference, editable=False
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    course = models.CharField(_("course"), max_length=200)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    topics = models.JSONField(_("topics"), default=list)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.course


class Trainees(models.Model):
    """How many people of one agency and role took part (a count: names stay off the platform)."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="trainees")
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    count = models.PositiveIntegerField(_("trainees"))

    class Meta:
        verbose_name = _("trainees")
        verbose_name_plural = _("trainees")
        constraints = [
            models.UniqueConstraint(
                fields=["training", "agency", "role"], name="unique_trainees_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.training} {self.agency} {self.role}"


class InspectionKind(models.TextChoices):
    LABOUR = "labour", _("labour inspection")
    POLICE = "police", _("police inspection")
    JOINT = "joint", _("joint inspection")


class Sector(models.TextChoices):
    """The at-risk groups are the people working in these sectors: coverage is counted by them."""

    DOMESTIC_WORK = "domestic_work", _("domestic work")
    CONSTRUCTION = "construction", _("construction")
    ENTERTAINMENT = "entertainment", _("entertainment and commercial sex")
    HOSPITALITY = "hospitality", _("hospitality and catering")
    MANUFACTURING = "manufacturing", _("manufacturing")
    JOB_AGENCY = "job_agency", _("employment agencies")
    OTHER = "other", _("other")


def new_inspection_reference() -> str:
    return new_reference("IN")


class Inspection(models.Model):
    reference = models.CharField(
        _("reference"), max_length=20, unique=True, default=new_inspection_reference, editable=False
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=InspectionKind.choices)
    inspected_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, help_text=_("Business or site, district."))
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    workers_met = models.PositiveIntegerField(_("workers met"), default=0)
    indicators_found = models.BooleanField(_("indicators of trafficking found"), default=False)
    referrals_made = models.PositiveIntegerField(_("referrals made"), default=0)
    # What happens next can name an employer's staff or a worker: encrypted.
    follow_up = EncryptedTextField(_("follow-up"), blank=True)
    tip = models.ForeignKey(
        "coordination.Tip",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("prompted by tip"),
    )

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-inspected_on", "-pk"]

    def __str__(self) -> str:
        return self.reference


class InspectionScreening(models.Model):
    """A screening started on the spot during an inspection (a screening belongs to one)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="screenings")
    screening = models.OneToOneField(
        "screening.Screening", on_delete=models.CASCADE, related_name="inspection_link"
    )

    class Meta:
        verbose_name = _("screening at an inspection")
        verbose_name_plural = _("screenings at inspections")

    def __str__(self) -> str:
        return f"{self.inspection} {self.screening}"
