"""The criminal-justice cast shared by the page tests (tests/justice) and the API tests
(tests/api): investigators at the police, prosecutors, judicial officers, and an outsider of each
kind at an agency with no part in the case.

A test package takes the fixture by importing `cast_fixture` (pytest finds it there as `cast`)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from palermo.accounts.models import Agency, User
from palermo.accounts.roles import AgencyKind, Role
from palermo.justice.models import CriminalCase


@dataclass
class Cast:
    investigator: User
    colleague: User
    outsider: User
    prosecutor: User
    fellow_prosecutor: User
    other_prosecutor: User
    judge: User
    fellow_judge: User
    other_judge: User

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


@pytest.fixture(name="cast")
def cast_fixture(make_user: Callable[..., User], agency: Callable[[str], Agency]) -> Cast:
    police = agency("police")
    second_prosecution = Agency.objects.create(
        jurisdiction=police.jurisdiction,
        code="prosecution-north",
        name="Northern prosecution",
        kind=AgencyKind.PROSECUTION,
    )
    second_court = Agency.objects.create(
        jurisdiction=police.jurisdiction,
        code="court-north",
        name="Northern court",
        kind=AgencyKind.COURT,
    )
    return Cast(
        investigator=make_user("ines", "police", Role.INVESTIGATOR),
        colleague=make_user("ivo", "police", Role.INVESTIGATOR),
        outsider=make_user("otto", "labour", Role.INVESTIGATOR),
        prosecutor=make_user("pia", "prosecution", Role.PROSECUTOR),
        fellow_prosecutor=make_user("paulo", "prosecution", Role.PROSECUTOR),
        other_prosecutor=make_user("pedro", second_prosecution.code, Role.PROSECUTOR),
        judge=make_user("judith", "court", Role.JUDICIAL_OFFICER),
        fellow_judge=make_user("jonas", "court", Role.JUDICIAL_OFFICER),
        other_judge=make_user("joana", second_court.code, Role.JUDICIAL_OFFICER),
    )
