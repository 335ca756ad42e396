"""Rate-limit counts: one row per (limit, key), counted with one statement per request."""

from django.db import models


class RateCount(models.Model):
    """How many requests one key (an address, a token's digest…) made in the current window of
    one limit. On PostgreSQL the table is UNLOGGED: a count needs no disk flush (a crash empties
    it, which only forgives the requests of the window it happened in)."""

    key = models.CharField(max_length=64, primary_key=True)  # sha256 of limit and key
    count = models.IntegerField()
    window_ends = models.BigIntegerField()  # Unix time, seconds

    def __str__(self) -> str:
        return f"{self.count} until {self.window_ends}"
