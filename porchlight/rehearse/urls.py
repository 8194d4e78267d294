from django.urls import path

from porchlight.rehearse import views

app_name = "rehearse"

# Mounted under /c/<circle>/ by porchlight/urls.py.
circle_urlpatterns = [
    path("rehearse/", views.choose, name="choose"),
    path("rehearse/start/", views.start, name="start"),
    path("rehearse/<uuid:session_id>/", views.session, name="session"),
    path("rehearse/<uuid:session_id>/turn/", views.turn, name="turn"),
    path("rehearse/<uuid:session_id>/rewind/", views.rewind, name="rewind"),
    path("rehearse/<uuid:session_id>/finish/", views.finish, name="finish"),
    path("rehearse/<uuid:session_id>/share/", views.share, name="share"),
]
