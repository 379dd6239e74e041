"""The guards every organisation page goes through: member_required and admin_required."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from conftest import make_user
from crm.tenancy import admin_required, member_required, membership_for


def who(request) -> HttpResponse:
    return HttpResponse(f"{request.organisation.slug}:{request.membership.role}")


def request_as(user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    return request


@pytest.mark.parametrize("guard", [member_required, admin_required])
def test_anonymous_users_are_sent_to_log_in(guard, db):
    response = guard(who)(request_as(AnonymousUser()))
    assert response.status_code == 302
    assert response.url == "/login/?next=/somewhere/"


@pytest.mark.parametrize("guard", [member_required, admin_required])
def test_users_without_an_organisation_are_refused(guard, db):
    with pytest.raises(PermissionDenied, match="does not belong to an organisation"):
        guard(who)(request_as(make_user("loner")))


def test_member_required_lets_members_in_with_their_organisation(member_user):
    assert member_required(who)(request_as(member_user)).content == b"acme:member"


def test_admin_required_refuses_members(member_user):
    with pytest.raises(PermissionDenied, match="Only organisation admins"):
        admin_required(who)(request_as(member_user))


def test_admin_required_lets_admins_in_with_their_own_organisation(admin_user, other_admin):
    assert admin_required(who)(request_as(admin_user)).content == b"acme:admin"
    assert admin_required(who)(request_as(other_admin)).content == b"globex:admin"


def test_the_membership_is_looked_up_once_per_request(admin_user, django_assert_num_queries):
    request = request_as(admin_user)
    with django_assert_num_queries(1):
        assert membership_for(request).organisation.slug == "acme"
        assert membership_for(request).organisation.slug == "acme"
