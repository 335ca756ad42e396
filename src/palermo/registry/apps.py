from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "palermo.registry"
    label = "registry"
