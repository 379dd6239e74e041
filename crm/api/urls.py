"""/api/v1/: discovery, then a list URL and a detail URL per module of the catalogue."""

from django.urls import path

from crm.api import views
from crm.catalogue import MODULES

app_name = "api"

urlpatterns = [
    path("", views.discovery, name="discovery"),
    path("openapi.json", views.openapi_json, name="openapi"),
    path("docs/", views.docs, name="docs"),
]
for module in MODULES:
    urlpatterns += [
        path(f"{module.resource}/", views.record_collection, {"module": module}, name=f"{module.resource}-list"),
        # Any segment, not only digits: /leads/abc/ is then a 404 from the authenticated view,
        # with the rate-limit headers every authenticated answer carries.
        path(f"{module.resource}/<str:pk>/", views.record_detail, {"module": module}, name=f"{module.resource}-detail"),
        # Without the slash too: APPEND_SLASH cannot redirect a POST or PATCH without losing its body.
        path(module.resource, views.record_collection, {"module": module}),
        path(f"{module.resource}/<str:pk>", views.record_detail, {"module": module}),
    ]
