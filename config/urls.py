from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.static import serve

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("settings/integrations/", include("integrations.urls")),
    path("api/v1/", include("crm.api.urls")),
    path("", include("crm.urls")),
]


def media(request, path):
    # Uploaded logos are re-encoded by us and served from MEDIA_ROOT; in production a proxy or
    # object storage takes over, but a single-box deployment keeps working without one.
    # MEDIA_ROOT is read per request so that settings overrides (tests) apply.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns += [path("media/<path:path>", media, name="media")]
