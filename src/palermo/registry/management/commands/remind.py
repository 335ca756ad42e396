"""`palermo remind`: notify case workers of reflection periods ending and decisions due.

Run it daily (cron or a systemd timer); the home page also sends an agency's reminders when one
of its workers opens it. A person is told once per case and kind, so running it again is safe."""

from typing import Any

from django.core.management.base import BaseCommand

from palermo.registry.models import VictimCase
from palermo.registry.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Notify case workers of reflection periods ending and identification decisions due."

    def handle(self, *args: Any, **options: Any) -> None:
        told = send_due_reminders(VictimCase.objects.all())
        self.stdout.write(f"{told} notification(s) sent")
