from django.apps import AppConfig


class JusticeConfig(AppConfig):
    name = "palermo.justice"
    label = "justice"
