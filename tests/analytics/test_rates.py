from palermo_analytics.reporting import rates_per_100k


def test_rates_come_from_the_margins_and_skip_unknown_groups() -> None:
    # rows female, male, unknown; columns child, adult, unknown; margins last.
    grid = [[2, 10, 0, 12], [1, 20, 1, 22], [0, 3, 0, 3], [3, 33, 1, 37]]
    rates = rates_per_100k(
        grid, ["female", "male", "unknown"], ["child", "adult", "unknown"], {"total": 74_000}
    )
    assert [rate.group for rate in rates] == ["total", "female", "male", "child", "adult"]
    assert rates[0].victims == 37
    assert rates[0].per_100k == 50.0
    assert rates[1].victims == 12
    assert rates[1].per_100k is None
    assert rates[1].population is None


def test_a_hidden_count_has_no_rate() -> None:
    grid = [[None, None], [None, 40]]
    rates = rates_per_100k(grid, ["female"], ["adult"], {"total": 1000, "female": 500})
    assert rates[0].per_100k == 4000.0
    assert rates[1].victims is None
    assert rates[1].per_100k is None
