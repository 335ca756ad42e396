"""Need-to-know, cell by cell: every role × every object type × how the record relates to the
user's agency. Each cell asserts allowed (200) or refused (404: a record you may not know exists).

Relations: "mine" (the user made it), "colleague" (someone else at the user's agency made it),
"referred" (another agency's record referred, sent or submitted to the user's agency), "other"
(another agency's record with no link to the user's agency).
"""

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from palermo.accounts.models import User
from palermo.accounts.roles import Role
from palermo.audit.log import record_event
from palermo.justice.models import CriminalCase, JudicialAuthorisation
from palermo.registry.models import Consent, Person, Referral, VictimCase
from palermo.screening.models import Screening
from tests.cast import Cast

RELATIONS = ["mine", "colleague", "referred", "other"]
NONE: set[str] = set()

RULES = Path(__file__).resolve().parents[2] / "docs" / "access-rules.md"


def rules_from_the_docs() -> dict[str, dict[str, set[str]]]:
    """object type → role → relations in which the role may read it (docs/access-rules.md)."""
    text = RULES.read_text(encoding="utf-8")
    table = text.split("<!-- access-matrix: start -->")[1].split("<!-- access-matrix: end -->")[0]
    expected: dict[str, dict[str, set[str]]] = {}
    for line in table.strip().splitlines()[2:]:
        object_type, role, *cells = [cell.strip() for cell in line.strip("|").split("|")]
        assert role in Role.values, f"docs/access-rules.md: unknown role {role!r}"
        assert set(cells) <= {"yes", "no"}, f"docs/access-rules.md: {line}"
        allowed = {
            relation for relation, cell in zip(RELATIONS, cells, strict=True) if cell == "yes"
        }
        expected.setdefault(object_type, {})[role] = allowed
    return expected


# object type → role → the relations in which the role may read the record.
EXPECTED = rules_from_the_docs()


class World:
    """Records of every object type, by how they relate to the person under test (`me`): the
    people are the cast's circle around a role at the police (tests/cast.py)."""

    def __init__(self, cast: Cast, role: str) -> None:
        circle = cast.circle(role)
        self.me, self.colleague = circle.me, circle.colleague
        self.stranger, self.third = circle.stranger, circle.third

    def author(self, relation: str) -> User:
        return {"mine": self.me, "colleague": self.colleague}.get(relation, self.stranger)

    def victim_case(self, relation: str) -> VictimCase:
        author = self.author(relation)
        person = Person.objects.create(
            given_name="Test", family_name="Person", recorded_by_agency=author.agency
        )
        case = VictimCase.objects.create(
            person=person, owning_agency=author.agency, opened_by=author
        )
        if relation == "referred":
            Consent.objects.create(case=case, recorded_by=author, form="written")
            Referral.send(case, self.me.agency, "shelter", author).answer(True, self.colleague)
        return case

    def referral(self, relation: str) -> Referral:
        case = self.victim_case("other" if relation in {"referred", "other"} else relation)
        sender = case.opened_by
        Consent.objects.create(case=case, recorded_by=sender, form="oral")
        target = {"referred": self.me.agency, "other": self.third.agency}.get(
            relation, self.stranger.agency
        )
        return Referral.send(case, target, "medical", sender)

    def criminal_case(self, relation: str) -> CriminalCase:
        owner = self.author(relation).agency
        case = CriminalCase.objects.create(owning_agency=owner)
        if relation == "referred":
            case.prosecution_agency = case.court_agency = self.me.agency
            case.save()
        return case

    def authorisation(self, relation: str) -> JudicialAuthorisation:
        case = self.criminal_case(relation)
        court = self.me.agency if relation == "referred" else self.third.agency
        return JudicialAuthorisation.objects.create(
            case=case, kind="search", court=court, requested_by=self.colleague, scope="x"
        )

    def screening(self, relation: str) -> Screening:
        author = self.author(relation)
        return Screening.objects.create(
            screener=author, agency=author.agency, indicator_list="adult_labour"
        )


def url_of(world: World, object_type: str, relation: str) -> str:
    if object_type == "victim_case":
        return reverse("api:victim_case", args=[world.victim_case(relation).reference])
    if object_type == "person":
        return reverse("api:person", args=[world.victim_case(relation).person.reference])
    if object_type == "person_merge":
        person = world.victim_case(relation).person
        return reverse("registry:person_identity", args=[person.reference])
    if object_type == "referral":
        return reverse("api:referral", args=[world.referral(relation).pk])
    if object_type == "criminal_case":
        return reverse("api:criminal_case", args=[world.criminal_case(relation).reference])
    if object_type == "authorisation":
        return reverse("api:authorisation", args=[world.authorisation(relation).pk])
    if object_type == "screening":
        return reverse("api:screening", args=[world.screening(relation).reference])
    raise AssertionError(object_type)


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("object_type", [t for t in EXPECTED if t != "audit_entry"])
def test_record_access(
    object_type: str, role: str, relation: str, cast: Cast, client: Client
) -> None:
    world = World(cast, role)
    url = url_of(world, object_type, relation)
    client.force_login(world.me)

    response = client.get(url)

    allowed = relation in EXPECTED[object_type].get(role, NONE)
    assert response.status_code == (200 if allowed else 404)


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", Role.values)
def test_audit_trail_access(role: str, relation: str, cast: Cast, client: Client) -> None:
    world = World(cast, role)
    entry = record_event(world.author(relation), "read", "victim_case", "VC-TEST")
    client.force_login(world.me)

    rows = client.get(reverse("api:audit_trail")).json()["entries"]

    allowed = relation in EXPECTED["audit_entry"].get(role, NONE)
    assert (entry.sequence in {row["sequence"] for row in rows}) is allowed


def test_anonymous_api_requests_are_unauthorised(db: None, client: Client) -> None:
    response = client.get(reverse("api:victim_case", args=["VC-00000-00000"]))
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_an_ended_referral_no_longer_grants_access(cast: Cast, client: Client) -> None:
    world = World(cast, Role.CASE_WORKER)
    case = world.victim_case("referred")
    client.force_login(world.me)
    url = reverse("api:victim_case", args=[case.reference])
    assert client.get(url).status_code == 200

    Referral.objects.get(case=case).end(world.colleague)

    assert client.get(url).status_code == 404


def test_reading_a_record_is_audited(cast: Cast, client: Client) -> None:
    world = World(cast, Role.CASE_WORKER)
    case = world.victim_case("mine")
    client.force_login(world.me)

    client.get(reverse("api:person", args=[case.person.reference]))

    from palermo.audit.models import AuditEntry
    from palermo.audit.reads import fold_pending_reads

    fold_pending_reads()  # reads reach the chain at the next fold
    read = AuditEntry.objects.filter(action="read", object_ref=case.person.reference).get()
    assert read.actor == "me"


HTML_PAGES = {
    "victim_case": ("registry:case_detail", World.victim_case),
    "criminal_case": ("justice:case_detail", World.criminal_case),
    "screening": ("screening:detail", World.screening),
}


@pytest.mark.parametrize("relation", RELATIONS)
@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("object_type", HTML_PAGES)
def test_html_page_access(
    object_type: str, role: str, relation: str, cast: Cast, client: Client
) -> None:
    """The web pages obey the same matrix as the API: same helpers, same answers."""
    world = World(cast, role)
    url_name, build = HTML_PAGES[object_type]
    record = build(world, relation)
    client.force_login(world.me)

    response = client.get(reverse(url_name, args=[record.reference]))

    allowed = relation in EXPECTED[object_type].get(role, NONE)
    assert response.status_code == (200 if allowed else 404)
