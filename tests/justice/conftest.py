"""A small criminal-justice world: see cast.py."""

from tests.justice.cast import Cast, cast_fixture

__all__ = ["Cast", "cast_fixture"]
