"""Clerical review of record linkage: uncertain pairs side by side, and the decisions taken.

A batch holds the uncertain pairs of one `palermo link` run (its `uncertain_pairs.csv`, uploaded),
each pair with both records' fields encrypted at rest. A decision is remembered by the pair's
record ids, not by the batch, so the next linkage of the same lists uses it and does not ask again.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.privacy.fields import EncryptedJSONField


class Decision(models.TextChoices):
    SAME = "same", _("same person")
    DIFFERENT = "different", _("different people")
    UNSURE = "unsure", _("unsure")


class ReviewBatch(models.Model):
    title = models.CharField(_("title"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    threshold = models.FloatField(_("threshold"), null=True, blank=True)

    objects: models.Manager["ReviewBatch"] = models.Manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("review batch")
        verbose_name_plural = _("review batches")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("linkreview:batch", args=[self.pk])


class ReviewPairQuerySet(models.QuerySet["ReviewPair"]):
    def nearest_the_threshold_first(self) -> "ReviewPairQuerySet":
        return self.order_by("distance", "pk")


class ReviewPair(models.Model):
    batch = models.ForeignKey(ReviewBatch, on_delete=models.CASCADE, related_name="pairs")
    source_l = models.CharField(max_length=100)
    record_id_l = models.CharField(max_length=200)
    source_r = models.CharField(max_length=100)
    record_id_r = models.CharField(max_length=200)
    match_probability = models.FloatField()
    distance = models.FloatField(default=0.0)  # |match weight - threshold weight|
    record_l = EncryptedJSONField(_("left record"))
    record_r = EncryptedJSONField(_("right record"))

    objects = ReviewPairQuerySet.as_manager()

    class Meta:
        verbose_name = _("review pair")
        verbose_name_plural = _("review pairs")

    def __str__(self) -> str:
        return f"{self.source_l}/{self.record_id_l} – {self.source_r}/{self.record_id_r}"

    @property
    def key(self) -> str:
        return pair_key(self.source_l, self.record_id_l, self.source_r, self.record_id_r)


def pair_key(source_l: str, record_l: str, source_r: str, record_r: str) -> str:
    """The pair's identity whatever order its records come in."""
    left, right = f"{source_l}/{record_l}", f"{source_r}/{record_r}"
    return "\x1f".join(sorted((left, right)))


class LinkDecisionQuerySet(models.QuerySet["LinkDecision"]):
    def settled(self) -> "LinkDecisionQuerySet":
        """Decisions that change a linkage: same or different (not unsure)."""
        return self.exclude(decision=Decision.UNSURE)


class LinkDecision(models.Model):
    """A reviewer's decision on a pair of records, whichever batch it was seen in."""

    key = models.CharField(max_length=400, unique=True)
    source_l = models.CharField(max_length=100)
    record_id_l = models.CharField(max_length=200)
    source_r = models.CharField(max_length=100)
    record_id_r = models.CharField(max_length=200)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    objects = LinkDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("linkage decision")
        verbose_name_plural = _("linkage decisions")

    def __str__(self) -> str:
        return f"{self.key}: {self.decision}"
