from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "integrations"

    def ready(self) -> None:
        # Registers the token key checks with Django's system check framework.
        from integrations import checks  # noqa: F401
