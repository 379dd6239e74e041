"""python manage.py create_private_app: prints a working token, or fails clearly."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command, execute_from_command_line

from integrations.authentication import authenticate_token
from integrations.models import AccessToken, AuditEvent, PrivateApp


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("create_private_app", *args, stdout=out)
    return out.getvalue().splitlines()


def test_it_creates_the_app_and_prints_a_working_token_on_the_last_line(organisation):
    lines = run(
        "--organisation", "acme", "--name", "Nightly export", "--scopes", "leads:create, leads:read",
        "--description", "Pushes leads to the warehouse",
    )  # fmt: skip

    token = authenticate_token(lines[-1])
    assert token is not None
    app = token.app
    assert app.organisation == organisation
    assert app.name == "Nightly export"
    assert app.description == "Pushes leads to the warehouse"
    assert app.scopes == ["leads:read", "leads:create"]
    assert app.created_by is None
    assert "Nightly export" in lines[0]
    event = AuditEvent.objects.get()
    assert event.action == AuditEvent.Action.APP_CREATED
    assert event.actor is None


# run_from_argv closes every connection when it finishes, like a real process exit, which a
# test wrapped in a transaction cannot survive; these tests commit for real instead.
@pytest.mark.django_db(transaction=True)
def test_the_token_is_the_only_thing_on_the_last_line_from_the_command_line(organisation, capsys):
    execute_from_command_line(
        ["manage.py", "create_private_app", "--organisation=acme", "--name=Script", "--scopes=contacts:read"]
    )

    last_line = capsys.readouterr().out.splitlines()[-1]
    assert authenticate_token(last_line).app.name == "Script"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--organisation", "nope", "--scopes", "leads:read"], 'No organisation with the slug "nope".'),
        (["--organisation", "acme", "--scopes", "leads:read,leads:fly"], "Unknown scope: leads:fly."),
        (["--organisation", "acme", "--scopes", ""], "Choose at least one scope."),
        (["--organisation", "acme", "--scopes", " , ,"], "Choose at least one scope."),
    ],
)
def test_it_refuses_bad_input_clearly(organisation, args, message):
    with pytest.raises(CommandError) as error:
        run("--name", "Export", *args)

    assert message in str(error.value)
    assert not PrivateApp.objects.exists()
    assert not AccessToken.objects.exists()


def test_it_refuses_a_name_already_taken_in_the_organisation(organisation):
    run("--organisation", "acme", "--name", "Export", "--scopes", "leads:read")

    with pytest.raises(CommandError) as error:
        run("--organisation", "acme", "--name", "EXPORT", "--scopes", "leads:read")

    assert "already exists" in str(error.value)
    assert PrivateApp.objects.count() == 1


def test_it_refuses_once_the_organisation_is_at_its_limit(organisation, settings):
    settings.PRIVATE_APPS_PER_ORGANISATION = 1
    run("--organisation", "acme", "--name", "First", "--scopes", "leads:read")

    with pytest.raises(CommandError) as error:
        run("--organisation", "acme", "--name", "Second", "--scopes", "leads:read")

    assert "limit of 1 private apps" in str(error.value)
    assert PrivateApp.objects.count() == 1


@pytest.mark.parametrize("missing", ["--organisation", "--name", "--scopes"])
def test_every_option_but_the_description_is_required(organisation, missing):
    given = {"--organisation": "acme", "--name": "Export", "--scopes": "leads:read"}
    del given[missing]

    with pytest.raises(CommandError) as error:
        run(*[part for pair in given.items() for part in pair])

    assert missing in str(error.value)


@pytest.mark.django_db(transaction=True)
def test_an_error_exits_non_zero_with_the_message_on_stderr(organisation, capsys):
    with pytest.raises(SystemExit) as exit_:
        execute_from_command_line(
            ["manage.py", "create_private_app", "--organisation=nope", "--name=Script", "--scopes=leads:read"]
        )

    assert exit_.value.code != 0
    captured = capsys.readouterr()
    assert 'No organisation with the slug "nope".' in captured.err
    assert "crmpa_" not in captured.out
