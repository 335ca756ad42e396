"""Notes the system writes on a stage move are shown in the reader's language, and a stage
code never reaches a page (the demo once showed "moved to presumed_victim")."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

from palermo.accounts.models import User
from palermo.registry.models import Stage, StageTransition, VictimCase
from palermo.registry.system_notes import shown, system_note


def test_a_system_note_is_stored_in_english_and_shown_in_the_readers_language() -> None:
    with translation.override("pt"):
        note = system_note(
            "Screening %(reference)s found a presumed victim of trafficking.", reference="S-1A-2B"
        )
        assert note == "Screening S-1A-2B found a presumed victim of trafficking."
        assert shown(note) != note
        assert "S-1A-2B" in shown(note)


def test_a_stage_code_is_shown_as_its_label() -> None:
    note = system_note("Demo: moved to “%(stage)s”.", stage="presumed_victim")
    with translation.override("en"):
        assert shown(note) == "Demo: moved to “presumed victim”."
    with translation.override("zh-hant"):
        assert "presumed_victim" not in shown(note)


def test_a_note_a_person_typed_is_shown_as_typed() -> None:
    assert shown("Met at the shelter; moved to presumed_victim") == (
        "Met at the shelter; moved to presumed_victim"
    )


def test_the_case_file_shows_the_note_in_portuguese(
    client: Client, welfare_case: VictimCase, owner: User
) -> None:
    welfare_case.move_to(
        Stage.SCREENING,
        owner,
        system_note(
            "Screened with the ILO indicators in screening %(reference)s.", reference="S-9Z"
        ),
    )
    assert StageTransition.objects.get().reason.startswith("Screened with")
    client.force_login(owner)

    page = client.get(
        reverse("registry:case_detail", args=[welfare_case.reference]),
        headers={"accept-language": "pt"},
    ).content.decode()

    with translation.override("pt"):
        expected = shown(StageTransition.objects.get().reason)
    assert expected != StageTransition.objects.get().reason
    assert expected in page
