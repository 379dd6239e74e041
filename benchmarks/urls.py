"""The product's URLs and, only here, the bare views the benchmark compares the API with."""

from django.urls import path

from benchmarks import views
from config.urls import urlpatterns as product_urlpatterns

urlpatterns = [
    path("bench/leads/", views.bare_leads),
    path("bench/leads/<int:pk>/", views.bare_lead),
    *product_urlpatterns,
]
