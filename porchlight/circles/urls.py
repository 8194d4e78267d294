from django.urls import path

from porchlight.circles import views

app_name = "circles"

urlpatterns = [
    path("circles/new/", views.create, name="create"),
    path("invite/<str:token>/", views.accept_invitation, name="invitation.accept"),
]

# Mounted under /c/<circle>/ by porchlight/urls.py.
circle_urlpatterns = [
    path("", views.home, name="home"),
    path("edit/", views.edit, name="edit"),
    path("s/<slug:slug>/", views.section, name="section"),
    path("members/", views.members, name="members"),
    path("members/invite/", views.invite, name="invite"),
    path(
        "members/<uuid:membership_id>/role/",
        views.change_role,
        name="member.role",
    ),
    path(
        "members/<uuid:membership_id>/remove/",
        views.remove_member,
        name="member.remove",
    ),
    path(
        "invitations/<uuid:invitation_id>/withdraw/",
        views.revoke_invitation,
        name="invitation.revoke",
    ),
    path("leave/", views.leave, name="leave"),
    path("activity/", views.activity, name="activity"),
    path("delete/", views.delete, name="delete"),
    path("export.json", views.export_json, name="export.json"),
    path("export.pdf", views.export_pdf, name="export.pdf"),
]
