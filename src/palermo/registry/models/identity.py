"""Who a record is: a new person recorded despite likely matches (and why), and persons merged
or split, each kept so that it can be undone exactly."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from palermo.core import limits
from palermo.privacy.fields import EncryptedTextField

# The reason a person gives for a merge, a split or a new person must say something.
LEAST_REASON = 10


class NewPersonConfirmation(models.Model):
    """A person recorded as new although likely matches were shown: who decided, why (encrypted)
    and which records were set aside (references only)."""

    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="new_person_confirmations"
    )
    confirmed_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(default=timezone.now)
    reason = EncryptedTextField(_("reason"), max_length=limits.REASON)
    set_aside = models.JSONField(default=list)  # references of the likely matches shown

    def __str__(self) -> str:
        return f"new person {self.person_id}"

    @property
    def audit_ref(self) -> str:
        return f"registry.newpersonconfirmation:{self.pk}"


class IdentityChangeKind(models.TextChoices):
    MERGE = "merge", _("merge")
    SPLIT = "split", _("split")


class IdentityChange(models.Model):
    """A merge (every record of `source` moved to `target`, `source` kept as merged into it) or a
    split (chosen records of `source` moved to the new person `target`). `moved` lists exactly
    which rows moved, by model, so an undo moves those back and nothing else."""

    kind = models.CharField(max_length=10, choices=IdentityChangeKind.choices)
    source = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    target = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="+")
    moved = models.JSONField(default=dict)  # {"registry.victimcase": [pk, …], …}
    reason = EncryptedTextField(_("reason"), max_length=limits.REASON)
    made_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)
    undone_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-made_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_id} → {self.target_id}"

    @property
    def audit_ref(self) -> str:
        return f"registry.identitychange:{self.pk}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
