import time
from argparse import ArgumentParser
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from palermo.accounts.enrolment import issue_enrolment_link
from palermo.accounts.models import User
from palermo.core.demo import DEMO_PASSWORD, DEMO_USERS, demo_is_seeded, seed_demo


class Command(BaseCommand):
    help = "Migrate, seed a synthetic jurisdiction (once) and serve it on http://127.0.0.1:8000."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--seed-only", action="store_true", help="seed, then exit")
        parser.add_argument("--pack", default="macao", help="jurisdiction pack (default: macao)")
        parser.add_argument("--persons", type=int, default=300)
        parser.add_argument("--port", default="8000")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        call_command("migrate", verbosity=0)
        if demo_is_seeded():
            self.stdout.write("demo data already present; keeping it")
        else:
            self.stdout.write(f"seeding a synthetic jurisdiction ({options['persons']} persons)…")
            seed_demo(pack=options["pack"], persons=options["persons"])
        self.stdout.write(f"ready in {time.monotonic() - started:.1f} s")
        self._print_logins(options["port"])
        if not options["seed_only"]:
            call_command("serve", port=options["port"])

    def _print_logins(self, port: str) -> None:
        self.stdout.write(
            f"\nOpen http://127.0.0.1:{port}/ and log in as (password {DEMO_PASSWORD}):"
        )
        agencies = dict(User.objects.values_list("username", "agency__name"))
        for username, _kind, roles in DEMO_USERS:
            where = agencies.get(username, "")
            self.stdout.write(f"  {username:<13} {', '.join(roles):<30} {where}")
        self.stdout.write(
            "\nEvery login also asks for a one-time code. Open a user's one-time enrolment link"
            "\nfirst: after the password, Palermo shows a QR code to scan with any authenticator"
            "\napp (or the key printed under it). Links for the users not enrolled yet:"
        )
        for user in User.objects.filter(username__in=[u for u, _k, _r in DEMO_USERS]):
            if not user.totp_confirmed:
                link = issue_enrolment_link(user, None)
                self.stdout.write(f"  {user.username:<13} http://127.0.0.1:{port}{link}")
