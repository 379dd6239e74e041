"""Settings > Integration screens: the index, the private app list, the create/edit wizard,
the app page with its Auth and Activity tabs, token actions, and deletion."""

from integrations.views.apps import (
    private_app_activity,
    private_app_auth,
    private_app_create,
    private_app_delete,
    private_app_detail,
    private_app_edit,
)
from integrations.views.index import integration_index, private_app_list
from integrations.views.tokens import access_token_regenerate, access_token_reveal

__all__ = [
    "access_token_regenerate",
    "access_token_reveal",
    "integration_index",
    "private_app_activity",
    "private_app_auth",
    "private_app_create",
    "private_app_delete",
    "private_app_detail",
    "private_app_edit",
    "private_app_list",
]
