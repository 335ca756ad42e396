"""The duplicate warning: likely matches of a person about to be recorded.

Candidates come from the blind index alone: the new name's token keys, sound keys and document
numbers are hashed with the index key and looked up, so no stored name is decrypted to find
them. Only the few candidates found (at most `CANDIDATE_LIMIT`) are decrypted and compared with
the linkage library's `compare_persons`. What the user is shown of a match depends on whether
they may see that person (see `LikelyMatch`); docs/duplicates.md explains the whole.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Case, Count, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from palermo.accounts.models import Agency, User
from palermo.audit.log import record_event, record_read
from palermo.registry.access import persons_visible_to, victim_cases_visible_to
from palermo.registry.models import NewPersonConfirmation, Person, PersonSearchKey
from palermo.registry.models.identity import LEAST_REASON
from palermo.registry.models.person import (
    DOCUMENT,
    SOUND,
    TOKEN,
    document_digest,
    name_key_digests,
)
from palermo_analytics.linkage import MatchScore, PersonFacts, birth_year_of, compare_persons

# How many persons sharing keys are decrypted and compared: the most keys shared first.
CANDIDATE_LIMIT = 30
# How many persons sharing keys are ranked by their clear fields to choose those decrypted: a
# name shared by more (at a million persons, "Nguyen Thi Lan") is ranked among its first ones.
SHARING_LIMIT = 2000
# How many likely matches are shown.
SHOWN = 5
POSSIBLE_DUPLICATES = "possible_duplicates"
COMPARED = (
    "reference",
    "given_name",
    "family_name",
    "aliases",
    "sex",
    "birth_year",
    "estimated_age",
    "nationality",
    "created_at",
    "recorded_by_agency",
)
UNKNOWN_PERSON = "unknown_person"


@dataclass(frozen=True)
class LikelyMatch:
    """One likely match. `visible`: the user may see this person (their agency's, or referred to
    it), and is shown who it is; otherwise only `agency`, to ask."""

    person: Person
    score: MatchScore
    visible: bool
    agency: Agency
    case_reference: str | None

    def shown_to_user(self, today: datetime.date) -> dict[str, Any]:
        """What the page and the API show: personal details only for a visible match."""
        if not self.visible:
            return {
                "visible": False,
                "agency": self.agency.code,
                "agency_name": self.agency.local_name,
            }
        return {
            "visible": True,
            "reference": self.person.reference,
            "name": self.person.full_name(),
            "age": self.person.age_on(today),
            "sex": self.person.sex,
            "nationality": self.person.nationality,
            "case": self.case_reference,
            "agency": self.agency.code,
            "agency_name": self.agency.local_name,
            "score": self.score.score,
        }


class PossibleDuplicates(Exception):
    """The person may already be on record: link to them, or confirm a new one with a reason."""

    def __init__(self, matches: list[LikelyMatch]) -> None:
        super().__init__(POSSIBLE_DUPLICATES)
        self.matches = matches

    def shown_to_user(self) -> list[dict[str, Any]]:
        """Visible matches each; hidden ones once per agency (how many is not theirs to know)."""
        today = timezone.localdate()
        shown, agencies = [], set()
        for match in self.matches:
            if match.visible:
                shown.append(match.shown_to_user(today))
            elif match.agency.pk not in agencies:
                agencies.add(match.agency.pk)
                shown.append(match.shown_to_user(today))
        return shown


@dataclass(frozen=True)
class PersonChoice:
    """What the user said about who the person is: an existing person's reference, or a new
    person (with the reason, needed when likely matches were shown)."""

    existing_reference: str = ""
    new_person_reason: str = ""


def facts_of(details: dict[str, Any]) -> PersonFacts:
    full_name = " ".join(
        part for part in (details.get("given_name", ""), details.get("family_name", "")) if part
    )
    today = timezone.localdate()
    return PersonFacts(
        names=(full_name,),
        sex=details.get("sex") or "",
        birth_year=birth_year_of(
            details.get("birth_year"), details.get("estimated_age"), today.year
        ),
        nationality=details.get("nationality") or "",
    )


def likely_matches(user: User, details: dict[str, Any]) -> list[LikelyMatch]:
    """Persons already on record who are likely the one in `details`, best first. Audited: that
    a check decrypted so many candidates, never who."""
    facts = facts_of(details)
    found = _candidates(details, facts)
    if not found:
        return []
    visible = set(persons_visible_to(user).filter(pk__in=found).values_list("pk", flat=True))
    matches = []
    # Only what the comparison and the warning need is read (and so decrypted) of each candidate.
    candidates = (
        Person.objects.filter(pk__in=found)
        .select_related("recorded_by_agency")
        .only(*COMPARED, "recorded_by_agency__code", "recorded_by_agency__name")
    )
    for person in candidates:
        score = compare_persons(facts, person.facts())
        if score.likely or found[person.pk]:
            matches.append(_match(user, person, score, person.pk in visible))
    matches.sort(key=lambda match: -match.score.score)
    record_event(
        user,
        "duplicate_check",
        "person",
        changes={"compared": len(found), "likely": len(matches)},
    )
    shown = matches[:SHOWN]
    for match in shown:
        if match.visible:  # the user is about to read who this is
            record_read(user, "person", match.person.reference, changes={"by": "duplicate_check"})
    return shown


def _candidates(details: dict[str, Any], facts: PersonFacts) -> dict[int, bool]:
    """Person pk -> whether a document number matched, for the likeliest of those sharing
    enough keys. Two steps, each on one index: the keys alone (no join, which would make the
    planner read every person), then the clear fields of the persons they found."""
    digests = set()
    for name in facts.names:
        digests |= name_key_digests(name, facts.nationality) if name else set()
    token_count = sum(1 for kind, _digest in digests if kind == TOKEN)
    for document in details.get("document_numbers") or []:
        if document.get("number"):
            digests.add(document_digest(document["number"]))
    if not digests:
        return {}
    # Two shared tokens (or all of a one-token name), or a shared document number.
    needed = min(2, token_count) or 1
    shared = {
        row["person"]: (row["documents"], row["tokens"], row["sounds"])
        for row in PersonSearchKey.objects.filter(digest__in={d for _kind, d in digests})
        .values("person")
        .annotate(
            documents=Count("pk", filter=Q(kind=DOCUMENT)),
            tokens=Count("pk", filter=Q(kind=TOKEN)),
            sounds=Count("pk", filter=Q(kind=SOUND)),
        )
        .filter(Q(documents__gte=1) | Q(tokens__gte=needed) | Q(sounds__gte=needed))
        .order_by("-documents", "-tokens", "-sounds", "person")[:SHARING_LIMIT]
    }
    # Among persons sharing as many keys (a common name shares them with thousands), those whose
    # clear fields agree come first, so the few decrypted are the likeliest.
    agreement = dict(
        Person.objects.not_merged()
        .filter(pk__in=shared)
        .annotate(agreement=_clear_field_agreement(facts))
        .values_list("pk", "agreement")
    )

    def rank(pk: int) -> tuple[int, int, int, int, int]:
        documents, tokens, sounds = shared[pk]
        return (-documents, -tokens, -agreement[pk], -sounds, pk)

    likeliest = sorted(agreement, key=rank)[:CANDIDATE_LIMIT]
    return {pk: shared[pk][0] > 0 for pk in likeliest}


def _clear_field_agreement(facts: PersonFacts) -> Any:
    """0-4: birth year within two years (2), same sex (1), same nationality (1), on the clear
    columns. An estimated age is read as if recorded this year (close enough to rank by)."""
    score: Any = Value(0)
    if facts.birth_year:
        near = (facts.birth_year - 2, facts.birth_year + 2)
        this_year = timezone.localdate().year
        ages = (this_year - near[1], this_year - near[0])
        score += Case(
            When(birth_year__range=near, then=Value(2)),
            When(birth_year__isnull=True, estimated_age__range=ages, then=Value(2)),
            default=Value(0),
        )
    if facts.sex and facts.sex != "unknown":
        score += Case(When(sex=facts.sex, then=Value(1)), default=Value(0))
    if facts.nationality:
        score += Case(When(nationality=facts.nationality, then=Value(1)), default=Value(0))
    return score


def _match(user: User, person: Person, score: MatchScore, visible: bool) -> LikelyMatch:
    case = None
    if visible:
        case = (
            victim_cases_visible_to(user)
            .filter(person=person)
            .order_by("-opened_at")
            .values_list("reference", flat=True)
            .first()
        )
    return LikelyMatch(person, score, visible, person.recorded_by_agency, case)


def person_chosen(user: User, choice: PersonChoice) -> Person | None:
    """The existing person the user chose, if they may see them; None for a new person."""
    if not choice.existing_reference:
        return None
    person = (
        persons_visible_to(user).not_merged().filter(reference=choice.existing_reference).first()
    )
    if person is None:
        raise ValidationError(
            {
                "existing_person": ValidationError(
                    _("No person with that reference is yours to link to."), code=UNKNOWN_PERSON
                )
            }
        )
    return person


def check_new_person(user: User, details: dict[str, Any], choice: PersonChoice) -> list[str]:
    """Before a new person is recorded: raise PossibleDuplicates if likely matches exist and no
    reason was given; the references set aside otherwise."""
    matches = likely_matches(user, details)
    if matches and not choice.new_person_reason.strip():
        raise PossibleDuplicates(matches)
    if choice.new_person_reason and len(choice.new_person_reason.strip()) < LEAST_REASON:
        raise ValidationError(
            {
                "new_person_reason": _(
                    "Say in a sentence why this is a new person (at least %(count)d characters)."
                )
                % {"count": LEAST_REASON}
            }
        )
    return [match.person.reference for match in matches]


def record_new_person_confirmation(
    user: User, person: Person, reason: str, set_aside: list[str]
) -> None:
    """The reason is kept encrypted; the audit entry points at it, and never holds it."""
    confirmation = NewPersonConfirmation.objects.create(
        person=person, confirmed_by=user, reason=reason.strip(), set_aside=set_aside
    )
    record_event(
        user,
        "confirm_new_person",
        "person",
        person.reference,
        changes={"set_aside": set_aside, "reason_of": confirmation.audit_ref},
    )
