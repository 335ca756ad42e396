"""Merging two records of one person, splitting one record of two persons, and undoing either.

Who: a case worker of the agency that holds every record of the persons concerned (they
recorded the person, and own each victim case and screening pointing at them; a person who is a
suspect in a criminal case is the police's, and is not merged here). Anyone else asks that agency.
See docs/access-rules.md and docs/duplicates.md.

Each change keeps an `IdentityChange` listing exactly which rows moved, so an undo moves those
rows back and nothing else; the merged person is never deleted, only marked as merged.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.audit.log import record_event
from palermo.conflicts import locked_row
from palermo.registry.models import (
    IdentityChange,
    IdentityChangeKind,
    NewPersonConfirmation,
    Person,
    PersonSearchKey,
    VictimCase,
)
from palermo.registry.models.identity import LEAST_REASON

# Rows that describe the person record itself rather than point at the person: never moved.
_OWN_ROWS = (PersonSearchKey, NewPersonConfirmation, IdentityChange, Person)
# Identifying fields a split copies to the new person before the user corrects them.
_COPIED = ("given_name", "family_name", "sex", "birth_year", "estimated_age", "nationality")


def persons_to_merge_for(user: User) -> QuerySet[Person]:
    """Persons every record of which belongs to the user's agency, for its case workers."""
    if not user.has_role(Role.CASE_WORKER) or user.agency_id is None:
        return Person.objects.none()
    from palermo.justice.models import Suspect
    from palermo.screening.models import Screening

    elsewhere_cases = VictimCase.objects.filter(person=OuterRef("pk")).exclude(
        owning_agency=user.agency_id
    )
    elsewhere_screenings = Screening.objects.filter(person=OuterRef("pk")).exclude(
        agency=user.agency_id
    )
    suspects = Suspect.objects.filter(person=OuterRef("pk"))
    return (
        Person.objects.filter(recorded_by_agency=user.agency_id)
        .exclude(Exists(elsewhere_cases))
        .exclude(Exists(elsewhere_screenings))
        .exclude(Exists(suspects))
    )


def person_to_merge(user: User, reference: str) -> Person:
    """The person, or 404 for one the user may not merge or split (whether or not they see it:
    the merge page exists only for the holding agency)."""
    person = persons_to_merge_for(user).filter(reference=reference).first()
    if person is None:
        raise Http404
    return person


def changes_of(person: Person) -> QuerySet[IdentityChange]:
    return IdentityChange.objects.filter(models.Q(source=person) | models.Q(target=person))


def change_to_undo(user: User, pk: int) -> IdentityChange:
    """The change, if both its persons are the user's to merge (404 otherwise)."""
    change = IdentityChange.objects.filter(pk=pk).select_related("source", "target").first()
    mergeable = persons_to_merge_for(user)
    if change is None or mergeable.filter(pk__in=[change.source_id, change.target_id]).count() < 2:
        raise Http404
    return change


def merge_persons(user: User, keep: Person, absorb: Person, reason: str) -> IdentityChange:
    """Every record of `absorb` moves to `keep`; `absorb` stays, marked as merged into it."""
    _check_reason(reason)
    if keep.pk == absorb.pk:
        raise ValidationError({"absorb": _("A person cannot be merged with themselves.")})
    with transaction.atomic():
        keep, absorb = locked_row(keep), locked_row(absorb)
        if keep.merged_into_id or absorb.merged_into_id:
            raise ValidationError(_("One of these records has already been merged."))
        moved = _move_rows(absorb, keep, rows_of(absorb))
        absorb.merged_into = keep
        absorb.save(update_fields=["merged_into"])
        keep.refresh_search_keys()  # found under the merged record's names too
        return _recorded(user, IdentityChangeKind.MERGE, absorb, keep, moved, reason)


def split_person(
    user: User, person: Person, case_references: list[str], reason: str, names: dict[str, str]
) -> IdentityChange:
    """The chosen victim cases (and the screenings that opened them) move to a new person, made
    from this one's details with the names given."""
    _check_reason(reason)
    with transaction.atomic():
        person = locked_row(person)
        cases = list(person.victim_cases.filter(reference__in=case_references))
        if not cases or len(cases) == person.victim_cases.count():
            raise ValidationError(
                {"cases": _("Choose some of the person's cases, not none and not all.")}
            )
        copied = {name: getattr(person, name) for name in _COPIED}
        copied.update({name: value for name, value in names.items() if value})
        new = Person.objects.create(recorded_by_agency=person.recorded_by_agency, **copied)
        record_event(user, "create", "person", new.reference)
        moved = _move_rows(person, new, _rows_of_cases(person, cases))
        return _recorded(user, IdentityChangeKind.SPLIT, person, new, moved, reason)


def undo(user: User, change: IdentityChange) -> None:
    """Move back exactly the rows the change moved (those still where it put them)."""
    with transaction.atomic():
        change = locked_row(change)
        if change.is_undone:
            raise ValidationError(_("This change has already been undone."))
        source, target = locked_row(change.source), locked_row(change.target)
        for label, pks in change.moved.items():
            model, field = _model_and_field(label)
            model._default_manager.filter(pk__in=pks, **{field: target}).update(**{field: source})
        if change.kind == IdentityChangeKind.MERGE:
            source.merged_into = None
            source.save(update_fields=["merged_into"])
            target.refresh_search_keys()  # no longer found under the other record's names
        else:
            # The person the split made lives on only as a record of it.
            target.merged_into = source
            target.save(update_fields=["merged_into"])
            source.refresh_search_keys()
        change.undone_by, change.undone_at = user, timezone.now()
        change.save(update_fields=["undone_by", "undone_at"])
        record_event(
            user,
            f"undo_{change.kind}",
            "person",
            source.reference,
            changes={"other": target.reference, "change": change.audit_ref},
        )


def rows_of(person: Person) -> dict[str, list[int]]:
    """Every row pointing at the person, by "app.model:field" label."""
    rows = {}
    for relation in _relations():
        label = f"{relation.related_model._meta.label_lower}:{relation.field.name}"
        pks = list(
            relation.related_model._default_manager.filter(
                **{relation.field.name: person}
            ).values_list("pk", flat=True)
        )
        if pks:
            rows[label] = pks
    return rows


def _rows_of_cases(person: Person, cases: list[VictimCase]) -> dict[str, list[int]]:
    from palermo.screening.models import Screening

    screenings = Screening.objects.filter(person=person, victim_case__in=cases)
    rows = {"registry.victimcase:person": [case.pk for case in cases]}
    if screening_pks := list(screenings.values_list("pk", flat=True)):
        rows["screening.screening:person"] = screening_pks
    return rows


def _relations() -> list[Any]:
    return [
        field
        for field in Person._meta.get_fields(include_hidden=True)
        if field.one_to_many and field.auto_created and field.related_model not in _OWN_ROWS
    ]


def _model_and_field(label: str) -> tuple[type[models.Model], str]:
    from django.apps import apps

    model_label, field = label.split(":")
    return apps.get_model(model_label), field


def _move_rows(source: Person, target: Person, rows: dict[str, list[int]]) -> dict[str, list[int]]:
    for label, pks in rows.items():
        model, field = _model_and_field(label)
        model._default_manager.filter(pk__in=pks, **{field: source}).update(**{field: target})
    return rows


def _recorded(
    user: User,
    kind: str,
    source: Person,
    target: Person,
    moved: dict[str, list[int]],
    reason: str,
) -> IdentityChange:
    change = IdentityChange.objects.create(
        kind=kind, source=source, target=target, moved=moved, reason=reason.strip(), made_by=user
    )
    record_event(
        user,
        kind,
        "person",
        source.reference,
        changes={
            "other": target.reference,
            "moved": {label: len(pks) for label, pks in moved.items()},
            "reason_of": change.audit_ref,
        },
    )
    return change


def _check_reason(reason: str) -> None:
    if len(reason.strip()) < LEAST_REASON:
        raise ValidationError(
            {
                "reason": _("Say in a sentence why (at least %(count)d characters).")
                % {"count": LEAST_REASON}
            }
        )
