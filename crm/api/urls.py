"""/api/v1/: discovery, then a list URL and a detail URL per module of the catalogue."""

from django.urls import path

from crm.api import views
from crm.catalogue import MODULES

app_name = "api"

urlpatterns = [path("", views.discovery, name="discovery")]
for module in MODULES:
    urlpatterns += [
        path(f"{module.resource}/", views.record_collection, {"module": module}, name=f"{module.resource}-list"),
        path(f"{module.resource}/<int:pk>/", views.record_detail, {"module": module}, name=f"{module.resource}-detail"),
    ]
