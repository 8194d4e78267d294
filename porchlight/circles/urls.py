from django.urls import path

from porchlight.circles import views

app_name = "circles"

urlpatterns = [
    path("circles/new/", views.create, name="create"),
    path("invite/<str:token>/", views.accept_invitation, name="invitation.accept"),
]

# Mounted under /c/<circle>/ by porchlight/urls.py (with home's and yourdata's pages).
circle_urlpatterns = [
    path("edit/", views.edit, name="edit"),
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
]
