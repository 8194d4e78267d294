from django.urls import path

from porchlight.understand import views

app_name = "understand"

urlpatterns = [
    path("learn/", views.learn, name="learn"),
    path("learn/<slug:slug>/", views.article, name="article"),
]

# Mounted under /c/<circle>/ by porchlight/urls.py.
circle_urlpatterns = [
    path("understand/", views.overview, name="overview"),
    path("understand/questions/", views.questions, name="questions"),
    path("understand/adjust/", views.adjust, name="adjust"),
    path("understand/stage/", views.stage, name="stage"),
]
