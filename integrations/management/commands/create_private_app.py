"""Create a private app from the command line and print its token, for automation and support."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from crm.models import Organisation
from integrations import services


class Command(BaseCommand):
    help = (
        "Create a private app in an organisation and print its access token. "
        "The token is alone on the last line of output, so a script can capture it with `tail -n 1`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, metavar="SLUG", help="The organisation's slug.")
        parser.add_argument("--name", required=True, help="The app's name, unique within the organisation.")
        parser.add_argument("--scopes", required=True, help="Comma-separated scopes, e.g. leads:read,leads:create.")
        parser.add_argument("--description", default="", help="What the app is for.")

    def handle(self, *args, organisation: str, name: str, scopes: str, description: str, **options) -> None:
        try:
            org = Organisation.objects.get(slug=organisation)
        except Organisation.DoesNotExist:
            raise CommandError(f'No organisation with the slug "{organisation}".') from None
        scope_list = [scope.strip() for scope in scopes.split(",") if scope.strip()]
        try:
            app, raw = services.private_app_create(
                organisation=org, actor=None, name=name, description=description, scopes=scope_list
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f'Created private app "{app.name}" (id {app.pk}) in {org.name} with scopes: {", ".join(app.scopes)}.'
        )
        self.stdout.write("Its access token follows; store it somewhere safe.")
        # Plain write, no styling: the last line must be the token and nothing else.
        self.stdout.write(raw)
