"""Training: EM learns from blocks of likely matches, and skips blocks that find no pairs."""

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
