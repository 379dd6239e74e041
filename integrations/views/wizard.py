"""The two-step create/edit wizard: step 1 details and logo, step 2 scopes, then Save.

Step 1's validated values travel to step 2 in a signed hidden field (bound to the user and
organisation, with a max age); its logo waits server-side as a PendingLogo whose random key
rides in that same signed field. Step 2 re-validates everything before the service runs.
"""

import base64

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django_htmx.http import reswap

from crm.catalogue import scopes_in_order
from integrations import logos, services
from integrations.audit import client_ip
from integrations.forms import (
    PrivateAppDetailsForm,
    PrivateAppScopesForm,
    wizard_state_dump,
    wizard_state_load,
)
from integrations.models import PrivateApp
from integrations.views._common import events, is_htmx, toast

LOGO_EXPIRED_MESSAGE = "The logo you chose has expired. Please choose the file again."


class Wizard:
    """One request's worth of the wizard, for a new app (app=None) or an existing one."""

    def __init__(self, request: HttpRequest, app: PrivateApp | None = None) -> None:
        self.request, self.app = request, app
        self.organisation, self.user = request.organisation, request.user

    def respond(self) -> HttpResponse:
        if self.app is None and services.private_app_limit_reached(organisation=self.organisation):
            # The same message for the modal, the full page and a forced POST.
            return self.render({"step": 1, "limit_message": services.limit_reached_message()})
        if self.request.method == "GET":
            return self.step_one(self.details_form(initial=self.initial()), {}, self.initial()["scopes"])
        if self.request.POST.get("step") == "2":
            return self.post_step_two()
        return self.post_step_one()

    # Steps ------------------------------------------------------------------------------

    def post_step_one(self) -> HttpResponse:
        prior = self.load_state(self.request.POST.get("state"))
        if isinstance(prior, HttpResponse):
            return prior
        form = self.details_form(data=self.request.POST, files=self.request.FILES)
        valid = form.is_valid()
        state = {"app": self.app_pk, "logo": prior.get("logo")}
        # A valid logo is kept even when another field is wrong, so it need not be chosen twice.
        if new_logo := form.cleaned_data.get("logo"):
            state["logo"] = logos.pending_logo_store(organisation=self.organisation, user=self.user, logo=new_logo)
        scopes = scopes_in_order(self.request.POST.getlist("scopes"))
        if not valid:
            return self.step_one(form, state, scopes)
        remove_logo = form.cleaned_data["remove_logo"] and not new_logo
        state |= {
            "name": form.cleaned_data["name"],
            "description": form.cleaned_data["description"],
            "remove_logo": remove_logo,
            "logo": None if remove_logo else state["logo"],
        }
        return self.step_two(PrivateAppScopesForm(initial={"scopes": scopes}), state)

    def post_step_two(self) -> HttpResponse:
        state = self.load_state(self.request.POST.get("state", ""))
        if isinstance(state, HttpResponse):
            return state
        scopes = scopes_in_order(self.request.POST.getlist("scopes"))
        if self.request.POST.get("action") == "back":
            return self.step_one(self.details_form(initial=state), state, scopes)
        details = self.details_form(data={"name": state.get("name", ""), "description": state.get("description", "")})
        if not details.is_valid():
            return self.step_one(details, state, scopes)
        form = PrivateAppScopesForm(self.request.POST)
        if not form.is_valid():
            return self.step_two(form, state)
        logo = self.pending_logo(state)
        if state.get("logo") and logo is None:
            details.add_error("logo", LOGO_EXPIRED_MESSAGE)
            return self.step_one(details, state | {"logo": None}, scopes)
        try:
            return self.save(details.cleaned_data, form.cleaned_data["scopes"], logo, state)
        except ValidationError as error:
            return self.save_failed(error, details, form, state, scopes)

    def save(self, details: dict, scopes: list[str], logo: ContentFile | None, state: dict) -> HttpResponse:
        fields = {"name": details["name"], "description": details["description"], "scopes": scopes, "logo": logo}
        common = {"actor": self.user, "ip_address": client_ip(self.request)}
        if self.app is None:
            app, token = services.private_app_create(organisation=self.organisation, **fields, **common)
            response = self.created(app, token)
        else:
            remove_logo = bool(state.get("remove_logo"))
            response = self.updated(
                services.private_app_update(app=self.app, remove_logo=remove_logo, **fields, **common)
            )
        logos.pending_logo_discard(organisation=self.organisation, user=self.user, key=state.get("logo"))
        return response

    def save_failed(self, error: ValidationError, details, form, state: dict, scopes: list[str]) -> HttpResponse:
        # The service has the last word (the limit, a name taken a moment ago): put its
        # message next to the field it concerns, on the step that has that field.
        if self.app is not None:
            self.app.refresh_from_db()  # the failed update left its attempted values on the instance
        if not hasattr(error, "error_dict"):
            form.add_error(None, error)
            return self.step_two(form, state)
        if step_one_errors := {k: v for k, v in error.error_dict.items() if k in ("name", "description", "logo")}:
            for field, errors in step_one_errors.items():
                details.add_error(field, errors)
            return self.step_one(details, state, scopes)
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return self.step_two(form, state)

    # Outcomes ---------------------------------------------------------------------------

    def created(self, app: PrivateApp, token: str) -> HttpResponse:
        context = {"app": app, "token": token, "modal": is_htmx(self.request)}
        message = f"Private app {app.name} created."
        if is_htmx(self.request):
            response = render(self.request, "integrations/_private_app_created.html", context)
            events(response, "privateAppCreated")
        else:
            messages.success(self.request, message)
            response = render(self.request, "integrations/private_app_created.html", context)
        # The one response that holds the plaintext token: keep it out of every cache.
        add_never_cache_headers(response)
        return toast(self.request, response, message) if is_htmx(self.request) else response

    def updated(self, app: PrivateApp) -> HttpResponse:
        message = f"Changes to {app.name} saved."
        if is_htmx(self.request):
            response = reswap(HttpResponse(""), "none")
            return toast(self.request, events(response, "privateAppUpdated", "closeModal"), message)
        return toast(self.request, redirect("integrations:private-app-detail", app.pk), message)

    # Rendering --------------------------------------------------------------------------

    def step_one(self, form: PrivateAppDetailsForm, state: dict, scopes: list[str], alert: str = "") -> HttpResponse:
        preview = self.pending_logo(state)
        current_logo = None if state.get("remove_logo") else (self.app.logo if self.app and self.app.logo else None)
        return self.render(
            {
                "step": 1,
                "form": form,
                "state": wizard_state_dump(self.request, state) if state else "",
                "scopes": scopes,
                "alert": alert,
                "logo_preview": _data_uri(preview) if preview else "",
                "current_logo": current_logo,
            }
        )

    def step_two(self, form: PrivateAppScopesForm, state: dict) -> HttpResponse:
        preview = self.pending_logo(state)
        return self.render(
            {
                "step": 2,
                "form": form,
                "state": wizard_state_dump(self.request, state),
                "summary": state,
                "logo_preview": _data_uri(preview) if preview else "",
                "current_logo": None if state.get("remove_logo") or preview else (self.app and self.app.logo),
            }
        )

    def render(self, context: dict) -> HttpResponse:
        htmx = is_htmx(self.request)
        context |= {
            "app": self.app,
            "modal": htmx,
            "action_url": self.action_url,
            "title": f"Edit {self.app.name}" if self.app else "Create private app",
            "cancel_url": self.cancel_url,
        }
        if not htmx:
            template = "integrations/private_app_form.html"
        elif self.request.method == "GET":
            template = "integrations/_private_app_form_modal.html"
        else:
            template = "integrations/_private_app_form.html"  # swapped into the open dialog
        return render(self.request, template, context)

    # Helpers ----------------------------------------------------------------------------

    @property
    def app_pk(self) -> int | None:
        return self.app.pk if self.app else None

    @property
    def action_url(self) -> str:
        if self.app is None:
            return reverse("integrations:private-app-create")
        return reverse("integrations:private-app-edit", args=[self.app.pk])

    @property
    def cancel_url(self) -> str:
        if self.app is None:
            return reverse("integrations:private-app-list")
        return reverse("integrations:private-app-detail", args=[self.app.pk])

    def initial(self) -> dict:
        if self.app is None:
            return {"scopes": []}
        return {"name": self.app.name, "description": self.app.description, "scopes": list(self.app.scopes)}

    def details_form(self, **kwargs) -> PrivateAppDetailsForm:
        return PrivateAppDetailsForm(organisation=self.organisation, app=self.app, **kwargs)

    def load_state(self, value: str | None) -> dict | HttpResponse:
        """The signed state, or (if it was tampered with or is stale) step 1 afresh with a clear error."""
        if value is None:
            return {}
        try:
            return wizard_state_load(self.request, value, app=self.app)
        except ValidationError as error:
            form = self.details_form(initial=self.initial())
            return self.step_one(form, {}, self.initial()["scopes"], alert=error.messages[0])

    def pending_logo(self, state: dict) -> ContentFile | None:
        key = state.get("logo")
        if not key:
            return None
        return logos.pending_logo_load(organisation=self.organisation, user=self.user, key=key)


def _data_uri(logo: ContentFile) -> str:
    # The pending logo is ours (re-encoded, at most 256 px), so inlining it is safe and small.
    kind = "jpeg" if logo.name.endswith(".jpg") else "png"
    return f"data:image/{kind};base64,{base64.b64encode(logo.read()).decode()}"
