"""The support admin for private apps, tokens and audit events."""

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import logged_in, make_user
from integrations import services
from integrations.models import AccessToken, AuditEvent, PrivateApp


@pytest.fixture
def app_and_raw(organisation, admin_user):
    app, raw = services.private_app_create(
        organisation=organisation, actor=admin_user, name="Zapier sync", scopes=["leads:read", "contacts:create"]
    )
    return app, raw


def change_form_data(app: PrivateApp, **fields) -> dict:
    """What a browser posts: the fields plus the read-only token inline's management form."""
    token_ids = list(AccessToken.objects.filter(app=app).values_list("pk", flat=True))
    data = {
        "tokens-TOTAL_FORMS": len(token_ids),
        "tokens-INITIAL_FORMS": len(token_ids),
        "tokens-MIN_NUM_FORMS": 0,
        "tokens-MAX_NUM_FORMS": 1000,
        **fields,
    }
    for index, pk in enumerate(token_ids):
        data |= {f"tokens-{index}-id": pk, f"tokens-{index}-app": app.pk}
    return data


def admin_urls(app: PrivateApp) -> list[str]:
    token = AccessToken.objects.filter(app=app).first()
    event = AuditEvent.objects.filter(app=app).first()
    return [
        reverse("admin:index"),
        reverse("admin:app_list", args=["integrations"]),
        reverse("admin:integrations_privateapp_changelist"),
        reverse("admin:integrations_privateapp_changelist") + "?q=zapier",
        reverse("admin:integrations_privateapp_change", args=[app.pk]),
        reverse("admin:integrations_privateapp_delete", args=[app.pk]),
        reverse("admin:integrations_privateapp_history", args=[app.pk]),
        reverse("admin:integrations_accesstoken_changelist"),
        reverse("admin:integrations_accesstoken_changelist") + "?status=revoked",
        reverse("admin:integrations_accesstoken_change", args=[token.pk]),
        reverse("admin:integrations_auditevent_changelist"),
        reverse("admin:integrations_auditevent_change", args=[event.pk]),
    ]


def test_staff_can_load_every_page(app_and_raw, staff_client):
    app, _ = app_and_raw

    for url in admin_urls(app):
        assert staff_client.get(url).status_code == 200, url


def test_no_page_shows_the_token_its_digest_or_its_ciphertext(app_and_raw, staff_client, admin_user):
    app, first_raw = app_and_raw
    _, second_raw = services.access_token_regenerate(app=app, actor=admin_user)
    services.access_token_reveal(app=app, actor=admin_user)
    secrets = [first_raw, second_raw]
    for token in AccessToken.objects.filter(app=app):
        secrets += [token.digest, token.encrypted]

    for url in admin_urls(app):
        html = staff_client.get(url).content.decode()
        for secret in secrets:
            assert secret not in html, url
    changelist = staff_client.get(reverse("admin:integrations_accesstoken_changelist")).content.decode()
    assert f"crmpa_••••••••{second_raw[-4:]}" in changelist


def test_the_app_list_shows_scopes_and_the_masked_active_token(app_and_raw, staff_client, admin_user):
    app, _ = app_and_raw
    _, second_raw = services.access_token_regenerate(app=app, actor=admin_user)

    html = staff_client.get(reverse("admin:integrations_privateapp_changelist")).content.decode()

    assert "Lead: Read; Contact: Create" in html
    assert f"crmpa_••••••••{second_raw[-4:]}" in html


def test_the_app_list_does_not_query_per_row(organisation, staff_client):
    def changelist_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(reverse("admin:integrations_privateapp_changelist")).status_code == 200
        return len(captured)

    services.private_app_create(organisation=organisation, actor=None, name="App 0", scopes=["leads:read"])
    one = changelist_queries()
    for number in range(1, 6):
        services.private_app_create(organisation=organisation, actor=None, name=f"App {number}", scopes=["leads:read"])

    assert changelist_queries() == one


@pytest.mark.parametrize(
    "changelist", ["admin:integrations_accesstoken_changelist", "admin:integrations_auditevent_changelist"]
)
def test_the_token_and_audit_lists_do_not_query_per_row(organisation, admin_user, staff_client, changelist):
    def changelist_queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert staff_client.get(reverse(changelist)).status_code == 200
        return len(captured)

    services.private_app_create(organisation=organisation, actor=admin_user, name="App 0", scopes=["leads:read"])
    one = changelist_queries()
    for number in range(1, 6):
        services.private_app_create(
            organisation=organisation, actor=admin_user, name=f"App {number}", scopes=["leads:read"]
        )

    assert changelist_queries() == one


@pytest.mark.parametrize("model", ["privateapp", "accesstoken", "auditevent"])
def test_nothing_can_be_added_from_the_admin(staff_client, model):
    assert staff_client.get(reverse(f"admin:integrations_{model}_add")).status_code == 403


def test_editing_an_app_goes_through_the_service_and_is_audited(app_and_raw, staff_client, staff_user):
    app, _ = app_and_raw
    token = AccessToken.objects.get(app=app)

    response = staff_client.post(
        reverse("admin:integrations_privateapp_change", args=[app.pk]),
        change_form_data(
            app, name="Zapier sync", description="Edited by support", scopes=["leads:read", "leads:update"]
        ),
    )

    assert response.status_code == 302
    app.refresh_from_db()
    assert app.scopes == ["leads:read", "leads:update"]
    assert app.description == "Edited by support"
    assert AccessToken.objects.get(app=app, revoked_at__isnull=True) == token
    event = AuditEvent.objects.get(action=AuditEvent.Action.APP_EDITED)
    assert event.actor == staff_user
    assert event.ip_address == "127.0.0.1"
    assert event.changes == {
        "description": {"from": "", "to": "Edited by support"},
        "scopes": {"from": ["leads:read", "contacts:create"], "to": ["leads:read", "leads:update"]},
    }


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"name": "Zapier sync", "description": "", "scopes": []}, "scopes"),
        ({"name": "Zapier sync", "description": "", "scopes": ["leads:read", "leads:fly"]}, "scopes"),
        ({"name": "OTHER APP", "description": "", "scopes": ["leads:read"]}, "name"),
        ({"name": "", "description": "", "scopes": ["leads:read"]}, "name"),
    ],
)
def test_an_invalid_edit_is_refused_with_a_form_error(app_and_raw, organisation, staff_client, data, field):
    app, _ = app_and_raw
    services.private_app_create(organisation=organisation, actor=None, name="Other app", scopes=["leads:read"])

    response = staff_client.post(
        reverse("admin:integrations_privateapp_change", args=[app.pk]), change_form_data(app, **data)
    )

    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    app.refresh_from_db()
    assert app.name == "Zapier sync"
    assert app.scopes == ["leads:read", "contacts:create"]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.APP_EDITED).exists()


def test_deleting_an_app_goes_through_the_service_and_is_audited(app_and_raw, staff_client, staff_user):
    app, _ = app_and_raw

    response = staff_client.post(reverse("admin:integrations_privateapp_delete", args=[app.pk]), {"post": "yes"})

    assert response.status_code == 302
    assert not PrivateApp.objects.exists()
    assert not AccessToken.objects.exists()
    event = AuditEvent.objects.get(action=AuditEvent.Action.APP_DELETED)
    assert event.actor == staff_user
    assert event.app_name == "Zapier sync"


def test_the_revoke_action_revokes_the_selected_tokens_and_audits_each(
    app_and_raw, organisation, staff_client, staff_user
):
    app, _ = app_and_raw
    other_app, _ = services.private_app_create(
        organisation=organisation, actor=None, name="Other", scopes=["leads:read"]
    )
    services.access_token_regenerate(app=other_app, actor=None)
    already_revoked = AccessToken.objects.get(app=other_app, revoked_at__isnull=False)
    chosen = [AccessToken.objects.get(app=app).pk, AccessToken.objects.get(app=other_app, revoked_at=None).pk]

    response = staff_client.post(
        reverse("admin:integrations_accesstoken_changelist"),
        {"action": "revoke_selected", "_selected_action": [*chosen, already_revoked.pk]},
        follow=True,
    )

    assert "Revoked 2 tokens." in [str(message) for message in response.context["messages"]]
    assert not AccessToken.objects.filter(revoked_at__isnull=True).exists()
    events = AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_REVOKED)
    assert events.count() == 2
    assert all(event.actor == staff_user and event.ip_address == "127.0.0.1" for event in events)


def test_staff_with_view_permission_only_cannot_revoke(app_and_raw):
    viewer = make_user("victor", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_accesstoken"))
    client = logged_in(viewer)
    token = AccessToken.objects.get()

    listing = client.get(reverse("admin:integrations_accesstoken_changelist"))
    client.post(
        reverse("admin:integrations_accesstoken_changelist"),
        {"action": "revoke_selected", "_selected_action": [token.pk]},
    )

    assert listing.status_code == 200
    assert "revoke_selected" not in listing.content.decode()
    assert AccessToken.objects.get(pk=token.pk).revoked_at is None


def test_nothing_can_be_changed_or_deleted_in_the_audit_trail(app_and_raw, staff_client):
    event = AuditEvent.objects.get()

    deleting = staff_client.post(reverse("admin:integrations_auditevent_delete", args=[event.pk]), {"post": "yes"})
    changing = staff_client.post(reverse("admin:integrations_auditevent_change", args=[event.pk]), {"app_name": "X"})

    assert deleting.status_code == 403
    assert changing.status_code == 403
    assert AuditEvent.objects.get().app_name == "Zapier sync"


@pytest.mark.parametrize("client_fixture", ["admin_client_", "member_client"])
def test_people_who_are_not_staff_are_sent_to_the_admin_login(app_and_raw, request, client_fixture):
    app, _ = app_and_raw
    client = request.getfixturevalue(client_fixture)

    for url in admin_urls(app):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url
