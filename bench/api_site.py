"""Settings for `bench/api.py`'s server: Palermo's own, with one bare JSON view added beside
the product's URLs (same server, same middleware), to measure against."""

from palermo.settings import *  # noqa: F403  (the product's settings, unchanged)

ROOT_URLCONF = "api_urls"

# The rate limits still count every call (their cost is part of each request), but the load is
# one client address and one token at hundreds of calls a second: limits that refuse nothing.
PALERMO_RATES = {"api_address": "100000000/m", "api_token": "100000000/m"}
