from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "palermo.coordination"
    label = "coordination"

    def ready(self) -> None:
        # The committee's prevention work feeds the annual report through its figure registry.
        from palermo.coordination.statistics import FIGURES, TREND_MEASURES
        from palermo.reporting import sources

        sources.register(*FIGURES)
        sources.register_trend(*TREND_MEASURES)
