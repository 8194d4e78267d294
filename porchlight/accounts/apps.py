from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "porchlight.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from porchlight.accounts import signals  # noqa: F401, PLC0415  connects the audit receivers once apps are loaded
