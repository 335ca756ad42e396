from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "palermo.reporting"
    label = "reporting"

    def ready(self) -> None:
        # The built-in figures join the registry here, as any other app's figures do.
        from palermo.reporting.figures import register_built_in_figures

        register_built_in_figures()
