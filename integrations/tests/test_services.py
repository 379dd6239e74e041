"""The private app and token services: what they write, what they refuse, and what they audit."""

import json

import pytest
from django.core.exceptions import ValidationError

from integrations import services, tokens
from integrations.models import AccessToken, AuditEvent, PrivateApp

IP = "203.0.113.7"


def create(organisation, actor=None, name="Zapier sync", scopes=("leads:read",), **extra):
    return services.private_app_create(organisation=organisation, actor=actor, name=name, scopes=list(scopes), **extra)


def audit_row_text(event: AuditEvent) -> str:
    return json.dumps([event.app_name, event.action, event.ip_address, event.changes], ensure_ascii=False)


def test_create_issues_an_active_token_that_matches_its_digest(organisation, admin_user):
    app, raw = create(organisation, admin_user, description="  Syncs leads  ", ip_address=IP)

    token = AccessToken.objects.get(app=app)
    assert tokens.is_well_formed(raw)
    assert token.is_active
    assert token.digest == tokens.digest(raw)
    assert tokens.decrypt(token.encrypted) == raw
    assert token.last_four == raw[-4:]
    assert token.created_by == admin_user
    assert app.created_by == admin_user
    assert app.description == "Syncs leads"


def test_create_records_an_audit_event_without_the_token(organisation, admin_user):
    app, raw = create(organisation, admin_user, ip_address=IP)

    event = AuditEvent.objects.get()
    assert event.action == AuditEvent.Action.APP_CREATED
    assert event.actor == admin_user
    assert event.ip_address == IP
    assert event.app == app
    assert event.organisation == organisation
    token = AccessToken.objects.get(app=app)
    for secret in (raw, raw[6:], token.digest, token.encrypted):
        assert secret not in audit_row_text(event)


def test_create_without_an_actor_leaves_created_by_empty(organisation):
    app, _ = create(organisation)

    assert app.created_by is None
    assert AuditEvent.objects.get().actor is None


def test_names_are_unique_per_organisation_ignoring_case(organisation):
    create(organisation, name="Zapier sync")

    with pytest.raises(ValidationError) as error:
        create(organisation, name="  ZAPIER SYNC ")

    assert "name" in error.value.message_dict
    assert PrivateApp.objects.count() == 1


def test_the_same_name_is_fine_in_another_organisation(organisation, other_organisation):
    create(organisation, name="Zapier sync")
    create(other_organisation, name="Zapier sync")

    assert PrivateApp.objects.filter(name="Zapier sync").count() == 2


def test_scopes_are_put_in_catalogue_order_without_duplicates(organisation):
    app, _ = create(organisation, scopes=["messages:delete", "leads:create", "leads:read", "leads:create"])

    app.refresh_from_db()
    assert app.scopes == ["leads:read", "leads:create", "messages:delete"]


@pytest.mark.parametrize("scopes", [["leads:read", "leads:fly"], ["widgets:read"], ["LEADS:READ"], []])
def test_unknown_or_missing_scopes_are_refused_on_the_scopes_field(organisation, scopes):
    with pytest.raises(ValidationError) as error:
        create(organisation, scopes=scopes)

    assert list(error.value.message_dict) == ["scopes"]


def test_a_failed_create_writes_nothing(organisation):
    with pytest.raises(ValidationError):
        create(organisation, name="x" * 81)

    assert not PrivateApp.objects.exists()
    assert not AccessToken.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_create_refused_for_its_name_writes_nothing_more(organisation):
    create(organisation, name="Zapier sync")

    with pytest.raises(ValidationError):
        create(organisation, name="zapier sync")

    assert PrivateApp.objects.count() == 1
    assert AccessToken.objects.count() == 1
    assert AuditEvent.objects.count() == 1


def test_update_keeps_the_token_and_records_what_changed(organisation, admin_user):
    app, raw = create(organisation, admin_user, name="Zapier sync", description="Old", scopes=["leads:read"])
    token_before = AccessToken.objects.get(app=app)

    services.private_app_update(
        app=app,
        actor=admin_user,
        name="Zapier sync",
        description="New",
        scopes=["leads:read", "contacts:read"],
        ip_address=IP,
    )

    token_after = AccessToken.objects.get(app=app)
    assert token_after.pk == token_before.pk
    assert token_after.digest == tokens.digest(raw)
    app.refresh_from_db()
    assert app.description == "New"
    assert app.scopes == ["leads:read", "contacts:read"]
    event = AuditEvent.objects.get(action=AuditEvent.Action.APP_EDITED)
    assert event.changes == {
        "description": {"from": "Old", "to": "New"},
        "scopes": {"from": ["leads:read"], "to": ["leads:read", "contacts:read"]},
    }
    assert event.actor == admin_user
    assert event.ip_address == IP


def test_update_may_change_only_the_case_of_the_name(organisation):
    app, _ = create(organisation, name="Zapier sync")

    services.private_app_update(app=app, actor=None, name="Zapier Sync", description="", scopes=["leads:read"])

    app.refresh_from_db()
    assert app.name == "Zapier Sync"


def test_update_refuses_another_apps_name(organisation):
    create(organisation, name="Zapier sync")
    app, _ = create(organisation, name="Make.com")

    with pytest.raises(ValidationError) as error:
        services.private_app_update(app=app, actor=None, name="ZAPIER SYNC", description="", scopes=["leads:read"])

    assert "name" in error.value.message_dict
    assert PrivateApp.objects.get(pk=app.pk).name == "Make.com"


def test_update_refuses_unknown_scopes_and_changes_nothing(organisation):
    app, _ = create(organisation, scopes=["leads:read"])

    with pytest.raises(ValidationError) as error:
        services.private_app_update(app=app, actor=None, name=app.name, description="", scopes=["leads:fly"])

    assert "scopes" in error.value.message_dict
    assert PrivateApp.objects.get(pk=app.pk).scopes == ["leads:read"]
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.APP_EDITED).exists()


def test_delete_removes_the_tokens_and_keeps_the_audit_trail(organisation, admin_user):
    app, _ = create(organisation, admin_user, name="Zapier sync")
    services.access_token_regenerate(app=app, actor=admin_user)

    services.private_app_delete(app=app, actor=admin_user, ip_address=IP)

    assert not PrivateApp.objects.exists()
    assert not AccessToken.objects.exists()
    events = AuditEvent.objects.all()
    assert {event.action for event in events} == {
        AuditEvent.Action.APP_CREATED,
        AuditEvent.Action.TOKEN_GENERATED,
        AuditEvent.Action.APP_DELETED,
    }
    assert all(event.app is None and event.app_name == "Zapier sync" for event in events)
    deleted = events.get(action=AuditEvent.Action.APP_DELETED)
    assert deleted.actor == admin_user
    assert deleted.ip_address == IP


def test_regenerate_revokes_the_old_token_and_issues_a_new_one(organisation, admin_user):
    app, old_raw = create(organisation, admin_user)

    token, new_raw = services.access_token_regenerate(app=app, actor=admin_user, ip_address=IP)

    assert new_raw != old_raw
    assert token.digest == tokens.digest(new_raw)
    assert AccessToken.objects.filter(app=app).count() == 2
    assert list(AccessToken.objects.filter(app=app, revoked_at__isnull=True)) == [token]
    old = AccessToken.objects.get(digest=tokens.digest(old_raw))
    assert old.revoked_at is not None
    event = AuditEvent.objects.get(action=AuditEvent.Action.TOKEN_GENERATED)
    assert event.actor == admin_user
    assert event.ip_address == IP
    assert new_raw not in audit_row_text(event)


def test_regenerating_many_times_leaves_one_active_token(organisation):
    app, _ = create(organisation)
    for _ in range(3):
        services.access_token_regenerate(app=app, actor=None)

    assert AccessToken.objects.filter(app=app).count() == 4
    assert AccessToken.objects.filter(app=app, revoked_at__isnull=True).count() == 1


@pytest.mark.parametrize(
    ("purpose", "action"),
    [("reveal", AuditEvent.Action.TOKEN_REVEALED), ("copy", AuditEvent.Action.TOKEN_COPIED)],
)
def test_reveal_and_copy_return_the_token_and_are_audited(organisation, admin_user, purpose, action):
    app, raw = create(organisation, admin_user)

    shown = services.access_token_reveal(app=app, actor=admin_user, purpose=purpose, ip_address=IP)

    assert shown == raw
    event = AuditEvent.objects.get(action=action)
    assert event.actor == admin_user
    assert event.ip_address == IP
    assert raw not in audit_row_text(event)


def test_reveal_returns_the_current_token_after_regenerating(organisation):
    app, _ = create(organisation)
    _, new_raw = services.access_token_regenerate(app=app, actor=None)

    assert services.access_token_reveal(app=app, actor=None) == new_raw


def test_revoke_revokes_once_and_audits_once(organisation, staff_user):
    app, _ = create(organisation)
    token = AccessToken.objects.get(app=app)

    assert services.access_token_revoke(token=token, actor=staff_user, ip_address=IP) is True
    assert services.access_token_revoke(token=token, actor=staff_user, ip_address=IP) is False

    assert AccessToken.objects.get(pk=token.pk).revoked_at is not None
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TOKEN_REVOKED).count() == 1
    assert services.access_token_reveal(app=app, actor=None) is None


def test_no_audit_event_ever_holds_token_material(organisation, admin_user):
    app, raw = create(organisation, admin_user)
    services.access_token_reveal(app=app, actor=admin_user)
    _, new_raw = services.access_token_regenerate(app=app, actor=admin_user)
    services.access_token_reveal(app=app, actor=admin_user, purpose="copy")
    services.private_app_update(app=app, actor=admin_user, name="Renamed", description="", scopes=["leads:read"])
    secrets = [raw, new_raw, *AccessToken.objects.values_list("digest", flat=True)]

    for event in AuditEvent.objects.all():
        for secret in secrets:
            assert secret not in audit_row_text(event)


def test_create_rejects_an_over_long_description(organisation):
    with pytest.raises(ValidationError) as error:
        services.private_app_create(
            organisation=organisation, actor=None, name="X", description="d" * 501, scopes=["leads:read"]
        )
    assert "description" in error.value.message_dict
    assert not PrivateApp.objects.exists()
