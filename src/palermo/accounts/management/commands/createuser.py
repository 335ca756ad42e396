from argparse import ArgumentParser
from getpass import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from palermo.accounts.models import Agency, RoleAssignment, User
from palermo.accounts.roles import Role


class Command(BaseCommand):
    help = "Create a user at an agency with one or more roles (the password is asked for)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--agency", required=True, help="agency code")
        parser.add_argument("--role", action="append", required=True, choices=Role.values)
        parser.add_argument("--password-stdin", action="store_true", help="read it from stdin")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(code=options["agency"]).first()
        if agency is None:
            raise CommandError(f"no agency with code {options['agency']!r}")
        if User.objects.filter(username=options["username"]).exists():
            raise CommandError(f"user {options['username']!r} exists already")
        password = input() if options["password_stdin"] else getpass("Password: ")
        user = User(username=options["username"], agency=agency)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        with transaction.atomic():
            user.set_password(password)
            user.is_staff = Role.ADMINISTRATOR in options["role"]
            user.save()
            RoleAssignment.objects.bulk_create(
                RoleAssignment(user=user, role=role) for role in set(options["role"])
            )
        self.stdout.write(f"created {user.username} at {agency.code}: {', '.join(options['role'])}")
