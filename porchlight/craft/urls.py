from django.urls import path

from porchlight.craft import views

app_name = "craft"

# Mounted under /c/<circle>/ by porchlight/urls.py.
circle_urlpatterns = [
    path("craft/", views.overview, name="overview"),
    path("craft/pattern/", views.pattern, name="pattern"),
    path("craft/rewards/", views.rewards, name="rewards"),
    path("craft/invitation/", views.invitation, name="invitation"),
    path("craft/options/", views.options, name="options"),
    path("craft/outcomes/", views.outcomes, name="outcomes"),
    path("craft/versions/", views.history, name="history"),
    path("craft/share/", views.share, name="share"),
    path("craft/comment/", views.comment, name="comment"),
    path("craft/rehearse/", views.rehearse, name="rehearse"),
    path("craft/invitation-plan.pdf", views.card, name="card"),
]
