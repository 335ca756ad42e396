"""Training: EM learns from blocks of likely matches, and skips blocks that find no pairs."""

import pytest

from palermo_analytics.linkage import LinkageSettings, link_records, palermo_model, score_linkage


def test_em_never_blocks_on_a_name_or_a_date_alone() -> None:
    # At a million records such blocks are mostly different people and EM learns "same
    # nationality" instead of "same person" (recall fell from 0.85 to 0.46).
    rules = [
        rule.get_blocking_rule("duckdb").blocking_rule_sql for rule in palermo_model().em_rules
    ]

    assert 'l."name_key" = r."name_key"' not in rules
    assert 'l."dob" = r."dob"' not in rules
    assert any("document" in rule for rule in rules)


def test_lists_without_phone_numbers_still_train_and_link(linked) -> None:
    lists = linked.lists.assign(phone="")

    result = link_records(lists, LinkageSettings(u_max_pairs=2e5, em_max_pairs=2e5))

    scores = score_linkage(result.linked, linked.world.truth())
    assert scores.precision > 0.9
    assert scores.recall > 0.8


def test_em_learns_that_matches_mostly_share_documents(linked) -> None:
    levels = {
        comparison["output_column_name"]: comparison["comparison_levels"]
        for comparison in linked.result.model["comparisons"]
    }
    exact_document = next(
        level for level in levels["document_number"] if "Exact" in level["label_for_charts"]
    )

    assert exact_document["m_probability"] > 0.5


def test_an_age_that_agrees_with_a_date_of_birth_counts_as_evidence(linked) -> None:
    levels = {
        comparison["output_column_name"]: comparison["comparison_levels"]
        for comparison in linked.result.model["comparisons"]
    }
    agrees = next(
        level for level in levels["date_of_birth"] if level["label_for_charts"] == "age agrees"
    )

    assert agrees["m_probability"] / agrees["u_probability"] > 2  # over a bit of evidence


def test_the_prior_is_estimated_not_the_deterministic_rules_guess(linked) -> None:
    # On this world the rules' guess (70 % recall assumed) is 20 % below the true share of
    # matching pairs; the estimate from the scored pairs is within 6 %.
    lists, truth = linked.lists, linked.world.truth()
    per_person = truth["person_id"].value_counts()
    true_pairs = int((per_person * (per_person - 1) // 2).sum())
    all_pairs = len(lists) * (len(lists) - 1) / 2
    prior = linked.result.model["probability_two_random_records_match"]

    assert prior == pytest.approx(true_pairs / all_pairs, rel=0.12)
