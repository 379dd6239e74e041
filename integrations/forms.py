"""Forms for the two-step private app wizard and the signed state carried between the steps."""

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from crm.catalogue import ACTION_LABELS, ACTIONS, MODULES, SCOPE_CHOICES
from crm.models import Organisation
from integrations import logos, selectors
from integrations.models import PrivateApp
from integrations.services import NAME_TAKEN_MESSAGE

STATE_MAX_AGE = 60 * 60  # seconds; as long as a pending logo is kept
STATE_INVALID_MESSAGE = "This form was changed or has expired. Please start again."


class PrivateAppDetailsForm(forms.Form):
    """Step 1: Name, Logo, Description."""

    name = forms.CharField(
        label="Name",
        max_length=80,
        error_messages={
            "required": "Enter a name for the app.",
            "max_length": "Keep the name to %(limit_value)d characters or fewer (it has %(show_value)d).",
        },
    )
    logo = forms.FileField(label="Logo", required=False)
    remove_logo = forms.BooleanField(label="Remove logo", required=False)
    description = forms.CharField(
        label="Description",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": "Keep the description to %(limit_value)d characters or fewer (it has %(show_value)d)."
        },
    )

    def __init__(self, *args, organisation: Organisation, app: PrivateApp | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation, self.app = organisation, app

    def clean_name(self) -> str:
        name = self.cleaned_data["name"]
        exclude_pk = self.app.pk if self.app else None
        if selectors.private_app_name_taken(organisation=self.organisation, name=name, exclude_pk=exclude_pk):
            raise ValidationError(NAME_TAKEN_MESSAGE, code="name_taken")
        return name

    def clean_logo(self):
        upload = self.cleaned_data.get("logo")
        return logos.logo_clean(upload) if upload else None


class PrivateAppScopesForm(forms.Form):
    """Step 2: the scope matrix."""

    scopes = forms.MultipleChoiceField(
        label="Scopes",
        choices=SCOPE_CHOICES,
        error_messages={
            "required": "Choose at least one scope.",
            "invalid_choice": "Unknown scope: %(value)s.",
        },
    )

    def matrix(self) -> list[dict]:
        """Rows of the scope table, one per module, each cell knowing whether it is ticked."""
        chosen = set(self["scopes"].value() or [])
        return [
            {
                "module": module,
                "cells": [
                    {
                        "scope": module.scope(action),
                        "label": f"{module.label}: {ACTION_LABELS[action]}",
                        "checked": module.scope(action) in chosen,
                    }
                    for action in ACTIONS
                ],
            }
            for module in MODULES
        ]

    @staticmethod
    def columns() -> list[str]:
        return [ACTION_LABELS[action] for action in ACTIONS]


def _salt(request: HttpRequest) -> str:
    # Bound to the user and organisation: a state signed for one admin is useless to another.
    return f"integrations.private-app-wizard:{request.organisation.pk}:{request.user.pk}"


def wizard_state_dump(request: HttpRequest, state: dict) -> str:
    return signing.dumps(state, salt=_salt(request), compress=True)


def wizard_state_load(request: HttpRequest, value: str, *, app: PrivateApp | None) -> dict:
    """The state signed at the previous step; ValidationError if it was tampered with or is stale."""
    try:
        state = signing.loads(value, salt=_salt(request), max_age=STATE_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        raise ValidationError(STATE_INVALID_MESSAGE, code="state_invalid") from None
    if not isinstance(state, dict) or state.get("app") != (app.pk if app else None):
        raise ValidationError(STATE_INVALID_MESSAGE, code="state_invalid")
    return state
