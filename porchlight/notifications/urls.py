from django.urls import path

from porchlight.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/read/", views.read_all, name="read_all"),
    path("notifications/<uuid:notification_id>/", views.open_notification, name="open"),
]
