from django.apps import AppConfig


class JurisdictionConfig(AppConfig):
    name = "palermo.jurisdiction"
    label = "jurisdiction"
