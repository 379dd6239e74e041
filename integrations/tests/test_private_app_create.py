"""/settings/integrations/private-apps/new/: the two-step create wizard, as a modal and as a page."""

import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from PIL import Image

from integrations import services, tokens
from integrations.authentication import authenticate_token
from integrations.models import AccessToken, AuditEvent, PendingLogo, PrivateApp
from integrations.tests.screens import HTMX, image_bytes, make_app, upload

URL = reverse("integrations:private-app-create")


def state_of(response) -> str:
    match = re.search(r'name="state" value="([^"]+)"', response.content.decode())
    assert match, "the step has no signed state"
    return match.group(1)


def step_one(client, name="Marketing Sync Tool", description="Syncs campaign leads", logo=None, headers=None, **extra):
    data = {"step": "1", "name": name, "description": description, **extra}
    if logo is not None:
        data["logo"] = logo
    return client.post(URL, data, **(headers or {}))


def save(client, state, scopes=("leads:read", "leads:create"), headers=None, action="save"):
    return client.post(URL, {"step": "2", "state": state, "scopes": list(scopes), "action": action}, **(headers or {}))


def logo_files(settings) -> list:
    folder = settings.MEDIA_ROOT / "private-app-logos"
    return list(folder.iterdir()) if folder.exists() else []


def assert_nothing_written(settings):
    assert not PrivateApp.objects.exists()
    assert not AccessToken.objects.exists()
    assert logo_files(settings) == []


# Step 1 --------------------------------------------------------------------------------------


def test_htmx_get_renders_a_dialog_with_step_one(admin_client_):
    response = admin_client_.get(URL, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<dialog class="modal" aria-labelledby="wizard-title"')
    assert "<html" not in html
    for label in ('for="id_name">Name', 'for="id_logo">Logo', 'for="id_description">Description', ">Next</button>"):
        assert label in html
    assert f'hx-post="{URL}"' in html
    assert 'enctype="multipart/form-data"' in html


def test_get_without_htmx_renders_a_full_page(admin_client_):
    response = admin_client_.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert 'id="wizard-title">Create private app' in html
    assert "hx-post" not in html


def test_next_shows_the_scope_matrix_with_labelled_checkboxes_and_the_tip(admin_client_):
    response = step_one(admin_client_, headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("{# ") is False
    assert 'id="wizard"' in html
    for module in ("Lead", "Contact", "Account", "Opportunity", "Activity", "Message"):
        assert f'<th scope="row">{module}</th>' in html
        for action in ("Read", "Create", "Update", "Delete"):
            assert f'aria-label="{module}: {action}"' in html
    assert "Tip: Always follow the principle of least privilege." in html
    assert ">Back</button>" in html
    assert ">Save</button>" in html
    assert 'hx-disabled-elt="#wizard button[type=submit]"' in html
    assert not PrivateApp.objects.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "Enter a name for the app."), ("x" * 81, "Keep the name to 80 characters or fewer (it has 81).")],
)
def test_step_one_rejects_a_bad_name_next_to_the_field(admin_client_, name, message, settings):
    response = step_one(admin_client_, name=name, headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<p class="field-error" id="id_name_error">{message}</p>' in html
    assert 'aria-describedby="id_name_help id_name_error" aria-invalid="true"' in html
    assert ">Next</button>" in html
    assert_nothing_written(settings)


def test_step_one_rejects_a_name_taken_in_any_case(admin_client_, organisation):
    make_app(organisation, name="Marketing Sync Tool")

    response = step_one(admin_client_, name="marketing SYNC tool")

    assert services.NAME_TAKEN_MESSAGE in response.content.decode()
    assert PrivateApp.objects.count() == 1


def test_a_name_used_by_another_organisation_is_fine(admin_client_, other_organisation):
    make_app(other_organisation, name="Marketing Sync Tool")

    response = step_one(admin_client_)

    assert "Tip: Always follow" in response.content.decode()


def test_step_one_rejects_an_over_long_description(admin_client_):
    response = step_one(admin_client_, description="d" * 501)

    assert "Keep the description to 500 characters or fewer" in response.content.decode()


# The whole flow -------------------------------------------------------------------------------


def test_save_creates_the_app_shows_the_token_once_and_tells_the_list(admin_client_, admin_user, organisation):
    state = state_of(step_one(admin_client_, headers=HTMX))

    response = save(admin_client_, state, headers=HTMX)

    app = PrivateApp.objects.get()
    assert app.name == "Marketing Sync Tool"
    assert app.description == "Syncs campaign leads"
    assert app.scopes == ["leads:read", "leads:create"]
    assert app.organisation == organisation
    assert app.created_by == admin_user
    html = response.content.decode()
    token = re.search(r'id="new-token" class="token-value mono" value="(crmpa_[^"]+)"', html).group(1)
    assert tokens.is_well_formed(token)
    assert authenticate_token(token).app == app
    assert "Copy this token now" in html
    assert 'aria-label="Copy token"' in html
    trigger = response.headers["HX-Trigger"]
    assert "privateAppCreated" in trigger
    assert "Private app Marketing Sync Tool created." in trigger
    assert "no-store" in response.headers["Cache-Control"]


def test_the_token_is_not_shown_again_on_later_pages(admin_client_):
    state = state_of(step_one(admin_client_, headers=HTMX))
    token = re.search(r"(crmpa_\w+)", save(admin_client_, state, headers=HTMX).content.decode()).group(1)
    app = PrivateApp.objects.get()

    for url in (
        reverse("integrations:private-app-list"),
        reverse("integrations:private-app-detail", args=[app.pk]),
        reverse("integrations:private-app-auth", args=[app.pk]),
    ):
        assert token not in admin_client_.get(url).content.decode()


def test_the_full_page_flow_creates_the_app_and_shows_the_token(admin_client_):
    state = state_of(step_one(admin_client_))

    response = save(admin_client_, state)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert "Copy this token now" in html
    assert "Private app Marketing Sync Tool created." in html  # the toast, as a Django message
    assert PrivateApp.objects.count() == 1


def test_save_records_an_audit_event_with_the_ip(admin_client_, admin_user):
    state = state_of(step_one(admin_client_))

    save(admin_client_, state, headers={"REMOTE_ADDR": "198.51.100.4"})

    event = AuditEvent.objects.get()
    assert event.action == AuditEvent.Action.APP_CREATED
    assert event.actor == admin_user
    assert event.ip_address == "198.51.100.4"


def test_back_keeps_what_was_typed_and_ticked(admin_client_):
    state = state_of(step_one(admin_client_, description="Syncs <b>leads</b>", headers=HTMX))

    back = save(admin_client_, state, scopes=["contacts:update", "messages:read"], action="back", headers=HTMX)

    html = back.content.decode()
    assert 'value="Marketing Sync Tool"' in html
    assert "Syncs &lt;b&gt;leads&lt;/b&gt;</textarea>" in html
    assert '<input type="hidden" name="scopes" value="contacts:update">' in html
    assert ">Next</button>" in html
    # ...and Next again brings the same ticks back.
    again = admin_client_.post(
        URL,
        {
            "step": "1",
            "name": "Marketing Sync Tool",
            "description": "",
            "state": state_of(back),
            "scopes": ["contacts:update", "messages:read"],
        },
        **HTMX,
    ).content.decode()
    assert 'value="contacts:update" aria-label="Contact: Update" checked' in again
    assert 'value="messages:read" aria-label="Message: Read" checked' in again
    assert 'value="leads:read" aria-label="Lead: Read" checked' not in again
    assert not PrivateApp.objects.exists()


def test_step_two_requires_a_scope(admin_client_, settings):
    state = state_of(step_one(admin_client_))

    response = save(admin_client_, state, scopes=[], headers=HTMX)

    assert response.status_code == 200
    assert '<p class="field-error" id="id_scopes_error">Choose at least one scope.</p>' in response.content.decode()
    assert_nothing_written(settings)


def test_step_two_rejects_an_unknown_scope(admin_client_, settings):
    state = state_of(step_one(admin_client_))

    response = save(admin_client_, state, scopes=["leads:read", "invoices:read"])

    assert "Unknown scope: invoices:read." in response.content.decode()
    assert_nothing_written(settings)


def test_a_tampered_state_gets_a_clear_error_and_writes_nothing(admin_client_, admin_user, organisation, settings):
    state = state_of(step_one(admin_client_))
    forged = signing.dumps(
        {"app": None, "name": "Renamed", "description": "", "logo": None, "remove_logo": False},
        key="a key the attacker made up",
        salt=f"integrations.private-app-wizard:{organisation.pk}:{admin_user.pk}",
        compress=True,
    )

    for bad in (state[:-2] + "xx", forged, "garbage"):
        response = save(admin_client_, bad, headers=HTMX)
        assert response.status_code == 200
        assert "This form was changed or has expired. Please start again." in response.content.decode()
    assert_nothing_written(settings)


def test_a_state_signed_for_another_admin_is_refused(admin_client_, organisation, settings):
    from conftest import logged_in, make_user

    colleague = logged_in(make_user("dora", organisation, "admin"))
    state = state_of(step_one(colleague))

    response = save(admin_client_, state)

    assert "This form was changed or has expired" in response.content.decode()
    assert_nothing_written(settings)


def test_an_expired_state_is_refused(admin_client_, settings, monkeypatch):
    state = state_of(step_one(admin_client_))
    monkeypatch.setattr("integrations.forms.STATE_MAX_AGE", -1)

    response = save(admin_client_, state)

    assert "This form was changed or has expired" in response.content.decode()
    assert_nothing_written(settings)


def test_step_two_rechecks_the_name_and_double_submit_makes_one_app(admin_client_):
    state = state_of(step_one(admin_client_, headers=HTMX))

    save(admin_client_, state, headers=HTMX)
    second = save(admin_client_, state, headers=HTMX)

    assert services.NAME_TAKEN_MESSAGE in second.content.decode()
    assert 'id="id_name_error"' in second.content.decode()
    assert PrivateApp.objects.count() == 1
    assert AccessToken.objects.count() == 1


# The limit -----------------------------------------------------------------------------------


def test_at_the_limit_the_modal_shows_the_message_instead_of_the_form(admin_client_, organisation, settings):
    settings.PRIVATE_APPS_PER_ORGANISATION = 1
    make_app(organisation, name="Only one")

    response = admin_client_.get(URL, **HTMX)

    html = response.content.decode()
    assert services.limit_reached_message() in html
    assert "<form" not in html


def test_a_forced_post_at_the_limit_gets_the_same_message(admin_client_, organisation, settings):
    settings.PRIVATE_APPS_PER_ORGANISATION = 1
    make_app(organisation, name="Only one")

    for response in (step_one(admin_client_, name="Second"), save(admin_client_, "whatever")):
        assert response.status_code == 200
        assert services.limit_reached_message() in response.content.decode()
    assert PrivateApp.objects.count() == 1


def test_the_21st_app_is_refused_even_when_the_limit_is_reached_between_the_steps(admin_client_, organisation):
    for number in range(19):
        make_app(organisation, name=f"App {number}")
    state = state_of(step_one(admin_client_, name="Twentieth"))
    make_app(organisation, name="Sneaked in")  # the 20th, while the wizard was open

    response = save(admin_client_, state, headers=HTMX)

    assert response.status_code == 200
    assert services.limit_reached_message() in response.content.decode()
    assert PrivateApp.objects.count() == 20
    assert not PrivateApp.objects.filter(name="Twentieth").exists()


# Logos ---------------------------------------------------------------------------------------


def test_a_logo_chosen_at_step_one_is_saved_re_encoded(admin_client_, settings):
    state = state_of(step_one(admin_client_, logo=upload(image_bytes("PNG", (600, 600)))))
    assert PendingLogo.objects.count() == 1
    assert logo_files(settings) == []  # nothing in MEDIA_ROOT until Save

    save(admin_client_, state)

    app = PrivateApp.objects.get()
    assert re.fullmatch(r"private-app-logos/[0-9a-f]{32}\.png", app.logo.name)
    with Image.open(app.logo.path) as image:
        assert image.format == "PNG"
        assert image.size == (256, 256)
    assert not PendingLogo.objects.exists()  # used, so no longer waiting


def test_a_jpeg_logo_stays_a_jpeg_without_its_metadata(admin_client_):
    exif = Image.Exif()
    exif[0x010F] = "Secret Camera Co"
    data = image_bytes("JPEG", (128, 128), exif=exif.tobytes())
    state = state_of(step_one(admin_client_, logo=upload(data, "photo.jpeg", "image/jpeg")))

    save(admin_client_, state)

    app = PrivateApp.objects.get()
    assert app.logo.name.endswith(".jpg")
    with open(app.logo.path, "rb") as stored:
        content = stored.read()
    assert b"Secret Camera Co" not in content
    assert b"Exif" not in content


def test_the_logo_is_served_from_media_with_the_right_content_type(admin_client_):
    state = state_of(
        step_one(admin_client_, logo=upload(image_bytes("PNG"), name="logo.html", content_type="text/html"))
    )
    save(admin_client_, state)
    app = PrivateApp.objects.get()
    assert app.logo.url.startswith("/media/private-app-logos/")

    response = admin_client_.get(app.logo.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_valid_logo_survives_an_error_elsewhere_at_step_one(admin_client_):
    first = step_one(admin_client_, name="", logo=upload(image_bytes("PNG")))
    assert "Enter a name for the app." in first.content.decode()
    assert 'alt="Current logo"' in first.content.decode()

    second = admin_client_.post(URL, {"step": "1", "name": "Fixed", "description": "", "state": state_of(first)})
    save(admin_client_, state_of(second))

    assert PrivateApp.objects.get().logo


def test_a_logo_chosen_then_removed_at_step_one_is_not_saved(admin_client_):
    first = step_one(admin_client_, logo=upload(image_bytes("PNG")))
    back = save(admin_client_, state_of(first), action="back")
    assert 'name="remove_logo"' in back.content.decode()

    again = admin_client_.post(
        URL,
        {"step": "1", "name": "Marketing Sync Tool", "description": "", "state": state_of(back), "remove_logo": "on"},
    )
    save(admin_client_, state_of(again))

    assert not PrivateApp.objects.get().logo


# 20000 by 20000 one-bit pixels: a few KB on disk, 400 million pixels once decoded.
BOMB = image_bytes("PNG", (20000, 20000), mode="1")


def _truncated() -> bytes:
    data = image_bytes("PNG", (64, 64))
    return data[: len(data) // 2]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        pytest.param(image_bytes("GIF"), "logo.png", "The logo must be a JPG or PNG image.", id="gif"),
        pytest.param(image_bytes("WEBP"), "logo.png", "The logo must be a JPG or PNG image.", id="webp"),
        pytest.param(
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
            "logo.png",
            "The logo must be a JPG or PNG image.",
            id="svg",
        ),
        pytest.param(
            b"<html><script>alert(1)</script></html>", "logo.png", "The logo must be a JPG or PNG image.", id="html"
        ),
        pytest.param(b"", "logo.png", "The submitted file is empty.", id="empty"),
        pytest.param(_truncated(), "logo.png", "The logo file is damaged or incomplete.", id="truncated"),
        pytest.param(image_bytes("PNG", (64, 32)), "logo.png", "The logo must be square", id="not-square"),
        pytest.param(
            image_bytes("PNG", (600, 600)) + b"\0" * 1_048_576,
            "logo.png",
            "The logo must be 1 MB or smaller.",
            id="too-big",
        ),
        pytest.param(BOMB, "logo.png", "The logo is too large in pixels", id="decompression-bomb"),
        pytest.param(
            image_bytes("PNG", (5000, 5000), mode="1"),
            "logo.png",
            "The logo is too large in pixels",
            id="over-pixel-cap",
        ),
    ],
)
def test_step_one_refuses_a_bad_logo_with_a_clear_message(admin_client_, settings, data, name, message):
    response = step_one(admin_client_, logo=upload(data, name), headers=HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'id="id_logo_error"' in html
    assert ">Next</button>" in html
    assert not PendingLogo.objects.exists()
    assert_nothing_written(settings)


def test_the_bomb_is_refused_without_being_decoded(admin_client_, monkeypatch):
    def explode(self, *args, **kwargs):
        raise AssertionError("load() must not run on a decompression bomb")

    monkeypatch.setattr(Image.Image, "load", explode)
    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", explode)

    response = step_one(admin_client_, logo=upload(BOMB))

    assert "The logo is too large in pixels" in response.content.decode()


def test_a_failed_save_leaves_no_stray_logo_file(admin_client_, organisation, settings):
    state = state_of(step_one(admin_client_, logo=upload(image_bytes("PNG"))))
    make_app(organisation, name="marketing sync tool")  # the name is taken before Save

    response = save(admin_client_, state)

    assert services.NAME_TAKEN_MESSAGE in response.content.decode()
    assert PrivateApp.objects.count() == 1
    assert logo_files(settings) == []


def test_a_pending_logo_of_another_user_cannot_be_borrowed(admin_client_, organisation):
    from conftest import logged_in, make_user

    colleague = logged_in(make_user("dora", organisation, "admin"))
    step_one(colleague, logo=upload(image_bytes("PNG")))
    key = PendingLogo.objects.get().key
    from django.test import RequestFactory

    from integrations.forms import wizard_state_dump

    request = RequestFactory().post(URL)
    request.organisation, request.user = (
        organisation,
        organisation.memberships.get(role="admin", user__username="alice").user,
    )
    state = wizard_state_dump(
        request, {"app": None, "name": "Borrowed", "description": "", "logo": key, "remove_logo": False}
    )

    response = save(admin_client_, state)

    assert "The logo you chose has expired" in response.content.decode()
    assert not PrivateApp.objects.exists()


# Access --------------------------------------------------------------------------------------


def test_it_forbids_members(member_client, settings):
    assert member_client.get(URL).status_code == 403
    assert step_one(member_client).status_code == 403
    assert_nothing_written(settings)


def test_it_enforces_csrf(admin_user, settings):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)

    response = step_one(client)

    assert response.status_code == 403
    assert_nothing_written(settings)
