from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    """Command-line and task wrappers around the Django-free analytics library."""

    name = "palermo.analysis"
    label = "analysis"
