from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "porchlight.reminders"
    label = "reminders"
    verbose_name = "Reminders"
