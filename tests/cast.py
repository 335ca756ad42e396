"""The one cast of users the tests share (the `cast` fixture in tests/conftest.py).

As in healthchecks' `hc/test.py`, every test meets the same people: for the agency that owns a
victim case (welfare), its `owner` (the `worker` fixture too), a `colleague` at the same agency
and an `outsider` at another; a police `screener`; a secretariat `analyst`; the criminal-justice
cast (`cast.justice`); the committee's (`cast.committee`); and, for any role, a `Circle` of the
person under test with a colleague, a stranger and a third agency (`cast.circle(role)`, the
access matrix's relations).

Each person is made the first time a test asks for them, so a test pays only for the people it
meets and may still make others of its own with `cast.user(...)`, the one user factory
(`make_user` is the same function as a fixture). Usernames are stable: pages and audit entries
show them, and tests may compare with `person.username`.
"""

from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any

from palermo.accounts.models import Agency, RoleAssignment, User
from palermo.accounts.roles import AgencyKind, Role
from palermo.justice.models import CriminalCase
from palermo.registry.models import Consent, Referral, VictimCase

# The agencies of the generic jurisdiction pack the cast works at.
CASE_OWNING_AGENCY = "welfare"
OTHER_AGENCY = "shelter-ngo"
SCREENING_AGENCY = "police"


def make_user(username: str, agency_code: str, *roles: str, password: str = "") -> User:
    """A user at the agency with the roles; without a password, one who cannot log in by form."""
    user = User.objects.create_user(
        username=username,
        password=password or None,
        agency=Agency.objects.get(code=agency_code),
    )
    RoleAssignment.objects.bulk_create(RoleAssignment(user=user, role=role) for role in roles)
    return user


def refer(case: VictimCase, to: Agency, status: str) -> Referral:
    """A shelter referral of the case, with written consent, sent by whoever opened it, already
    in `status` (for tests about who sees what, not about the referral's own steps)."""
    sender = case.opened_by
    assert sender is not None
    consent = Consent.objects.create(case=case, recorded_by=sender, form="written")
    return Referral.objects.create(
        case=case,
        from_agency=case.owning_agency,
        to_agency=to,
        service="shelter",
        consent=consent,
        sent_by=sender,
        status=status,
    )


def add_agency(like: str, code: str, name: str, kind: AgencyKind) -> Agency:
    """A second agency of a kind, in the same jurisdiction as the agency `like`."""
    jurisdiction = Agency.objects.get(code=like).jurisdiction
    return Agency.objects.create(jurisdiction=jurisdiction, code=code, name=name, kind=kind)


@dataclass(frozen=True)
class Justice:
    """Investigators at the police, prosecutors, judicial officers, and an outsider of each
    kind at an agency with no part in the case."""

    investigator: User
    colleague: User
    outsider: User
    prosecutor: User
    fellow_prosecutor: User
    other_prosecutor: User
    judge: User
    fellow_judge: User
    other_judge: User

    @classmethod
    def cast(cls) -> "Justice":
        add_agency(
            "prosecution", "prosecution-north", "Northern prosecution", AgencyKind.PROSECUTION
        )
        add_agency("court", "court-north", "Northern court", AgencyKind.COURT)
        return cls(
            investigator=make_user("ines", "police", Role.INVESTIGATOR),
            colleague=make_user("ivo", "police", Role.INVESTIGATOR),
            outsider=make_user("otto", "labour", Role.INVESTIGATOR),
            prosecutor=make_user("pia", "prosecution", Role.PROSECUTOR),
            fellow_prosecutor=make_user("paulo", "prosecution", Role.PROSECUTOR),
            other_prosecutor=make_user("pedro", "prosecution-north", Role.PROSECUTOR),
            judge=make_user("judith", "court", Role.JUDICIAL_OFFICER),
            fellow_judge=make_user("jonas", "court", Role.JUDICIAL_OFFICER),
            other_judge=make_user("joana", "court-north", Role.JUDICIAL_OFFICER),
        )

    def open_case(self, **fields: Any) -> CriminalCase:
        return CriminalCase.open(self.investigator, "Report from the hotline.", **fields)

    def case_with_prosecution(self) -> CriminalCase:
        case = self.open_case()
        case.send_to_prosecution(self.prosecutor.agency, self.investigator, "Evidence gathered.")
        return case

    def case_at_trial(self) -> CriminalCase:
        case = self.case_with_prosecution()
        case.submit_to_court(self.judge.agency, self.prosecutor, "Indictment filed.")
        return case


@dataclass(frozen=True)
class Committee:
    """The committee's work: the secretariat, the labour inspectorate (which leads a measure and
    inspects), the police (partner, triages tips), the hotline, and an outsider agency."""

    secretariat: User
    labour: User
    labour_colleague: User
    police: User
    hotline: User
    outsider: User
    auditor: User

    @classmethod
    def cast(cls) -> "Committee":
        return cls(
            secretariat=make_user("sec", "secretariat", Role.ANALYST),
            labour=make_user("inspector", "labour", Role.SCREENER),
            labour_colleague=make_user("inspector2", "labour", Role.SCREENER),
            police=make_user("officer", "police", Role.INVESTIGATOR, Role.SCREENER),
            hotline=make_user("operator", "hotline", Role.SCREENER),
            outsider=make_user("nurse", "health", Role.CASE_WORKER),
            auditor=make_user("auditor", "secretariat", Role.AUDITOR),
        )

    def by_name(self) -> dict[str, User]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


# Everyone who handles records at an agency: the colleagues and strangers of a `Circle`.
WORKER_ROLES = (Role.CASE_WORKER, Role.SCREENER, Role.INVESTIGATOR)


@dataclass(frozen=True)
class Circle:
    """The person under test (any role) at an agency, a colleague at the same agency, a stranger
    at another, and a third agency's worker: the relations of the access matrix."""

    me: User
    colleague: User
    stranger: User
    third: User

    @classmethod
    def around(cls, role: str, home: str, elsewhere: str, third: str) -> "Circle":
        return cls(
            me=make_user("me", home, role),
            colleague=make_user("colleague", home, *WORKER_ROLES),
            stranger=make_user("stranger", elsewhere, *WORKER_ROLES),
            third=make_user("third", third, *WORKER_ROLES),
        )


@dataclass(frozen=True)
class Cast:
    """Everyone a test may meet, each made on first use (cached on the instance)."""

    @cached_property
    def owner(self) -> User:
        """The case worker whose agency owns the victim case."""
        return make_user("owner", CASE_OWNING_AGENCY, Role.CASE_WORKER)

    @cached_property
    def colleague(self) -> User:
        """Another case worker at the owner's agency."""
        return make_user("colleague", CASE_OWNING_AGENCY, Role.CASE_WORKER)

    @cached_property
    def outsider(self) -> User:
        """A case worker at another agency, with no referral: the case does not exist for them."""
        return make_user("outsider", OTHER_AGENCY, Role.CASE_WORKER)

    @cached_property
    def screener(self) -> User:
        """A frontline screener at the police."""
        return make_user("screener", SCREENING_AGENCY, Role.SCREENER)

    @cached_property
    def analyst(self) -> User:
        """An analyst at the committee's secretariat: figures, never names."""
        return make_user("analyst", "secretariat", Role.ANALYST)

    @cached_property
    def justice(self) -> Justice:
        return Justice.cast()

    @cached_property
    def committee(self) -> Committee:
        return Committee.cast()

    def circle(
        self, role: str, home: str = "police", elsewhere: str = "labour", third: str = "hotline"
    ) -> Circle:
        """A person with the role at `home`, with a colleague, a stranger and a third agency."""
        return Circle.around(role, home, elsewhere, third)

    def user(self, username: str, agency_code: str, *roles: str, password: str = "") -> User:
        """Someone the named cast does not have: made by the same factory."""
        return make_user(username, agency_code, *roles, password=password)
