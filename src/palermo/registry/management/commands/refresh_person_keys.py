"""`palermo refresh-person-keys`: rewrite every person's blind indexes (after an upgrade that adds
a kind of key, such as the name tokens of issue 13, or a change to the name standardisation)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from palermo.audit.log import record_event
from palermo.registry.models import Person
from palermo_analytics.progress import count_progress_bar


class Command(BaseCommand):
    help = "Rewrite the search keys (blind indexes) of every person, in batches, with progress."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--batch", type=int, default=500, help="persons per transaction")

    def handle(self, *args: Any, **options: Any) -> None:
        batch = options["batch"]
        if batch < 1:
            raise CommandError("--batch must be at least 1")
        total = Person.objects.count()
        done = 0
        with count_progress_bar("search keys", "persons") as show:
            for pks in batches_of_person_ids(batch):
                refresh_keys_of(pks)
                done += len(pks)
                show(done, total)
        record_event(None, "refresh_search_keys", "person", changes={"persons": done})
        self.stdout.write(f"search keys rewritten for {done} persons")


def batches_of_person_ids(size: int) -> Any:
    """Primary keys in ascending batches (keyset paging: no OFFSET that slows with the table)."""
    last = 0
    while True:
        pks = list(
            Person.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size]
        )
        if not pks:
            return
        yield pks
        last = pks[-1]


def refresh_keys_of(pks: list[int]) -> None:
    # One transaction per batch: an interrupted run keeps what it did and can simply run again.
    with transaction.atomic():
        for person in Person.objects.filter(pk__in=pks):
            person.refresh_search_keys()
