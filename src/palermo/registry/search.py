"""Finding cases by reference, name or document number among those a user may see.

A name is looked up by its tokens' standardised keys and sounds (the keys the duplicate check
uses), so part of a name or another spelling of it finds the person: "Nguyen" finds "Thi Lan
Nguyen", "Pham Vu" finds "Vũ Phạm". Cases come back ranked by how many tokens match. Nothing is
decrypted; the page and the API both search here, and a search by a name or a document number is
audited here."""

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from palermo.accounts.models import User
from palermo.audit.log import record_event
from palermo.registry.listing import LIST_ORDER, filter_cases, for_listing
from palermo.registry.models import Person, PersonSearchKey, VictimCase
from palermo.registry.models.person import SOUND, TOKEN, name_key_digests

PERSONAL = ("name", "document_number")
# Most matching name tokens first, then sounds, then the list's own order.
RANKED: list[str] = ["-name_tokens", "-name_sounds", "-opened_at", "-pk"]
CRITERIA = ("reference", "name", "document_number", "stage", "agency", "year", "form")


def found_for(
    user: User, visible: QuerySet[VictimCase], criteria: dict[str, Any]
) -> QuerySet[VictimCase] | None:
    """The visible cases matching the criteria (None if none is given): a search by a name or a
    document number is audited (the page and the API both come here)."""
    if not _has_criteria(criteria):
        return None
    cases = matching(visible, criteria)
    _audit_personal_search(user, criteria, cases)
    return cases


def matching(visible: QuerySet[VictimCase], criteria: dict[str, Any]) -> QuerySet[VictimCase]:
    """Cases among those visible that match every criterion given."""
    cases = visible
    if criteria.get("reference"):
        cases = cases.filter(reference=criteria["reference"])
    if criteria.get("name"):
        cases = with_name_like(cases, criteria["name"])
    if criteria.get("document_number"):
        number = criteria["document_number"]
        cases = cases.filter(person__in=Person.objects.with_document_number(number))
    return filter_cases(cases, criteria)


def with_name_like(cases: QuerySet[VictimCase], name: str) -> QuerySet[VictimCase]:
    """Cases whose person shares a token of `name` (or sounds like every token of it), with
    `name_tokens` and `name_sounds` counted for ranking. Nothing is decrypted."""
    digests = name_key_digests(name)
    tokens = [digest for kind, digest in digests if kind == TOKEN]
    sounds = [digest for kind, digest in digests if kind == SOUND]
    # The digest index narrows the cases first; the ranking counts run on those alone.
    sharing = PersonSearchKey.objects.filter(digest__in=tokens + sounds).values("person")
    cases = cases.filter(person__in=sharing).annotate(
        name_tokens=_keys_shared(TOKEN, tokens), name_sounds=_keys_shared(SOUND, sounds)
    )
    return cases.filter(Q(name_tokens__gt=0) | Q(name_sounds__gte=max(len(sounds), 1)))


def _keys_shared(kind: str, digests: list[str]) -> Coalesce:
    shared = (
        PersonSearchKey.objects.filter(person=OuterRef("person"), kind=kind, digest__in=digests)
        .values("person")
        .annotate(count=Count("pk"))
        .values("count")[:1]
    )
    return Coalesce(Subquery(shared, output_field=IntegerField()), 0)


def ranked_for_listing(cases: QuerySet[VictimCase]) -> QuerySet[VictimCase]:
    """Best name matches first when a name was asked, then the list's order."""
    return for_listing(cases).order_by(*ranked_order(cases))


def ranked_order(cases: QuerySet[VictimCase]) -> Sequence[str]:
    return RANKED if "name_tokens" in cases.query.annotations else LIST_ORDER


def _has_criteria(criteria: dict[str, Any]) -> bool:
    return any(criteria.get(name) for name in CRITERIA)


def _audit_personal_search(
    user: User, criteria: dict[str, Any], cases: QuerySet[VictimCase]
) -> None:
    """Who searched by a name or a document number, and how many cases came back: never what."""
    kinds = [kind for kind in PERSONAL if criteria.get(kind)]
    if kinds:
        record_event(user, "search", "person", changes={"by": kinds, "found": cases.count()})
