"""Settings for `bench/api.py`'s server: Palermo's own, with one bare JSON view added beside
the product's URLs (same server, same middleware), to measure against."""

from palermo.settings import *  # noqa: F403  (the product's settings, unchanged)

ROOT_URLCONF = "api_urls"
