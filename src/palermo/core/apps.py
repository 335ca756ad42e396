from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Operations: the demo, the server, the task worker, key rotation."""

    name = "palermo.core"
    label = "core"
