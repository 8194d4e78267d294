from django.apps import AppConfig


class YourDataConfig(AppConfig):
    name = "porchlight.yourdata"
    label = "yourdata"
    verbose_name = "Your data"
