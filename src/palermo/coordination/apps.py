from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "palermo.coordination"
    label = "coordination"
