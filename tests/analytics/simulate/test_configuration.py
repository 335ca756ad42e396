"""Configurations that cannot make a world are refused."""

import pytest

from palermo_analytics.simulate import AgencyConfig, WorldConfig


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"population": 0}, "population"),
        ({"agencies": ()}, "agencies"),
        ({"agencies": (AgencyConfig("a", 0.2), AgencyConfig("a", 0.3))}, "distinct"),
        ({"nationality_weights": {"XX": 1.0}}, "naming culture"),
        ({"form_weights": {"begging": 1.0}}, "exploitation forms"),
    ],
)
def test_a_bad_configuration_is_refused(changes: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        WorldConfig(**changes)


def test_a_capture_rate_must_be_a_probability() -> None:
    with pytest.raises(ValueError, match="capture_rate"):
        AgencyConfig("police", 1.5)


def test_known_agencies_keep_their_leanings_and_others_get_a_default() -> None:
    config = WorldConfig.for_lists(["police", "embassy"], population=10)

    police, embassy = config.agencies
    assert police.form_odds["sexual"] > 1
    assert embassy.name == "embassy"
    assert embassy.form_odds == {}
