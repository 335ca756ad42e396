"""Long-running jobs (imports, linkage, estimation, reports) and the progress people see."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=40)
    owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="jobs")
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=100, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def report_progress(self, stage: str, done: int, total: int) -> None:
        """Called from inside a task: one small UPDATE, so the web page can poll it."""
        Job.objects.filter(pk=self.pk).update(
            stage=stage[:100], done=done, total=total, status=JobStatus.RUNNING
        )

    def finish(self, result: dict[str, object] | None = None, error: str = "") -> None:
        self.status = JobStatus.FAILED if error else JobStatus.SUCCEEDED
        self.result, self.error, self.finished_at = result or {}, error, timezone.now()
        self.save(update_fields=["status", "result", "error", "finished_at"])
