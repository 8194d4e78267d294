from django.apps import AppConfig


class RehearseConfig(AppConfig):
    name = "porchlight.rehearse"
    label = "rehearse"
    verbose_name = "Rehearse a conversation"
