from django.urls import path

from integrations import views

app_name = "integrations"

urlpatterns = [
    path("", views.integration_index, name="index"),
    path("private-apps/", views.private_app_list, name="private-app-list"),
    path("private-apps/new/", views.private_app_create, name="private-app-create"),
    path("private-apps/<int:pk>/", views.private_app_detail, name="private-app-detail"),
    path("private-apps/<int:pk>/auth/", views.private_app_auth, name="private-app-auth"),
    path("private-apps/<int:pk>/activity/", views.private_app_activity, name="private-app-activity"),
    path("private-apps/<int:pk>/edit/", views.private_app_edit, name="private-app-edit"),
    path("private-apps/<int:pk>/delete/", views.private_app_delete, name="private-app-delete"),
    path("private-apps/<int:pk>/token/reveal/", views.access_token_reveal, name="token-reveal"),
    path("private-apps/<int:pk>/token/regenerate/", views.access_token_regenerate, name="token-regenerate"),
]
