from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "porchlight.directory"
    label = "directory"
    verbose_name = "Where to get help"
