from django.urls import path

from porchlight.reminders import views

app_name = "reminders"

urlpatterns = [
    path("reminders/", views.reminder_settings, name="settings"),
    path("reminders/new-link/", views.new_link, name="new_link"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
]
