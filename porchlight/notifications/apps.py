from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "porchlight.notifications"
    label = "notifications"
    verbose_name = "Notifications"
