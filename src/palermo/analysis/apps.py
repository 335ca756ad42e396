from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    """Django-side home of the analytics (the commands themselves live in palermo_analytics.cli)."""

    name = "palermo.analysis"
    label = "analysis"
