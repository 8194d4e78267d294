from django.urls import path

from porchlight.rehearse import views

app_name = "rehearse"

urlpatterns = [
    path("c/<uuid:circle_id>/rehearse/", views.choose, name="choose"),
    path("c/<uuid:circle_id>/rehearse/start/", views.start, name="start"),
    path("c/<uuid:circle_id>/rehearse/<uuid:session_id>/", views.session, name="session"),
    path("c/<uuid:circle_id>/rehearse/<uuid:session_id>/turn/", views.turn, name="turn"),
    path("c/<uuid:circle_id>/rehearse/<uuid:session_id>/rewind/", views.rewind, name="rewind"),
    path("c/<uuid:circle_id>/rehearse/<uuid:session_id>/finish/", views.finish, name="finish"),
    path("c/<uuid:circle_id>/rehearse/<uuid:session_id>/share/", views.share, name="share"),
]
