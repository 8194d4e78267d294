from django.urls import path

from porchlight.circles import views

app_name = "circles"

urlpatterns = [
    path("circles/new/", views.create, name="create"),
    path("c/<uuid:circle_id>/edit/", views.edit, name="edit"),
    path("c/<uuid:circle_id>/members/", views.members, name="members"),
    path("c/<uuid:circle_id>/members/invite/", views.invite, name="invite"),
    path(
        "c/<uuid:circle_id>/members/<uuid:membership_id>/role/",
        views.change_role,
        name="member.role",
    ),
    path(
        "c/<uuid:circle_id>/members/<uuid:membership_id>/remove/",
        views.remove_member,
        name="member.remove",
    ),
    path(
        "c/<uuid:circle_id>/invitations/<uuid:invitation_id>/withdraw/",
        views.revoke_invitation,
        name="invitation.revoke",
    ),
    path("c/<uuid:circle_id>/leave/", views.leave, name="leave"),
    path("c/<uuid:circle_id>/activity/", views.activity, name="activity"),
    path("c/<uuid:circle_id>/delete/", views.delete, name="delete"),
    path("invite/<str:token>/", views.accept_invitation, name="invitation.accept"),
]
