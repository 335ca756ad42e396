"""`palermo apitoken issue|list|revoke`: API tokens from the command line (for set-up scripts)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from palermo.accounts.models import User
from palermo.api.forms import MAX_TOKEN_DAYS
from palermo.api.models import ApiToken


class Command(BaseCommand):
    help = "Issue, list or revoke API tokens. A new token is printed once and never stored."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        issue = actions.add_parser("issue", help="issue a token for a user")
        issue.add_argument("username")
        issue.add_argument("--name", required=True, help="what the token is for")
        issue.add_argument("--days", type=int, default=90)
        listing = actions.add_parser("list", help="list tokens (never the tokens themselves)")
        listing.add_argument("username", nargs="?")
        revoke = actions.add_parser("revoke", help="revoke a token by its id")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _issue(self, options: dict[str, Any]) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user named {options['username']!r}")
        if not 1 <= options["days"] <= MAX_TOKEN_DAYS:
            raise CommandError(f"--days must be between 1 and {MAX_TOKEN_DAYS}")
        issued, token = ApiToken.issue(user, options["name"], options["days"])
        self.stderr.write(
            f"token {issued.pk} for {user.username}, expires {issued.expires_at:%Y-%m-%d}"
        )
        self.stdout.write(token)

    def _list(self, options: dict[str, Any]) -> None:
        tokens = ApiToken.objects.select_related("user")
        if options["username"]:
            tokens = tokens.filter(user__username=options["username"])
        for token in tokens:
            state = "live" if token.is_live else ("revoked" if token.revoked_at else "expired")
            self.stdout.write(
                f"{token.pk}\t{token.user.username}\t{token.hint}…\t{token.name}\t"
                f"expires {token.expires_at:%Y-%m-%d}\t{state}"
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        token = ApiToken.objects.select_related("user").filter(pk=options["id"]).first()
        if token is None:
            raise CommandError(f"no token with id {options['id']}")
        token.revoke(token.user)
        self.stdout.write(f"token {token.pk} revoked")
