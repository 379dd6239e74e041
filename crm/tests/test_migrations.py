"""The crm models and their migrations agree."""

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_crm_model_change_lacks_a_migration():
    out = StringIO()
    # --check exits with status 1 (SystemExit) when a migration is missing.
    call_command("makemigrations", "crm", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
