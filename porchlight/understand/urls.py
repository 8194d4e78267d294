from django.urls import path

from porchlight.understand import views

app_name = "understand"

urlpatterns = [
    path("c/<uuid:circle_id>/understand/", views.overview, name="overview"),
    path("c/<uuid:circle_id>/understand/questions/", views.questions, name="questions"),
    path("c/<uuid:circle_id>/understand/adjust/", views.adjust, name="adjust"),
    path("c/<uuid:circle_id>/understand/stage/", views.stage, name="stage"),
    path("learn/", views.learn, name="learn"),
    path("learn/<slug:slug>/", views.article, name="article"),
]
