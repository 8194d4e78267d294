from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "porchlight.coach"
    label = "coach"
    verbose_name = "Conversation coach"
