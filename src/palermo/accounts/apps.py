from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "palermo.accounts"
    label = "accounts"

    def ready(self) -> None:
        from palermo.accounts import signals  # noqa: F401  (connects login-failure counting)
