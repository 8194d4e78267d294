from django.urls import path

from porchlight.team import views

app_name = "team"

# Mounted under /c/<circle>/ by porchlight/urls.py.
circle_urlpatterns = [
    path("team/", views.plan, name="plan"),
    path("team/edit/", views.plan_edit, name="plan.edit"),
    path("team/history/", views.plan_history, name="plan.history"),
    path("team/versions/<int:number>/", views.plan_version, name="plan.version"),
    path("team/share/", views.plan_share, name="plan.share"),
    path("team/comment/", views.plan_comment, name="plan.comment"),
    path("team/cards.pdf", views.plan_cards, name="plan.cards"),
    path("team/letters/", views.letters, name="letters"),
    path("team/letters/new/", views.letter_form, name="letter.new"),
    path("team/letters/<uuid:letter_id>/", views.letter, name="letter"),
    path("team/letters/<uuid:letter_id>/edit/", views.letter_form, name="letter.edit"),
    path("team/letters/<uuid:letter_id>/share/", views.letter_share, name="letter.share"),
]
