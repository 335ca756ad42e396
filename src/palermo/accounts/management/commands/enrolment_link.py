from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from palermo.accounts.enrolment import DEFAULT_HOURS, issue_enrolment_link
from palermo.accounts.models import User


class Command(BaseCommand):
    help = (
        "Reset a user's second factor and print a one-time enrolment link (the only way to be "
        "shown a new authenticator key)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--hours", type=int, default=DEFAULT_HOURS, choices=range(1, 721))
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['username']!r}")
        path = issue_enrolment_link(user, None, hours=options["hours"])
        self.stdout.write(options["base_url"].rstrip("/") + path)
