"""Security headers on every page: the Content-Security-Policy and friends."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_pages_allow_only_their_own_scripts_and_styles(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_the_django_admin_may_use_inline_styles_but_not_inline_scripts(staff_client):
    policy = staff_client.get("/admin/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline';" in policy
    assert "script-src 'self';" in policy
