from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "porchlight.journal"
    label = "journal"
    verbose_name = "Journal"
