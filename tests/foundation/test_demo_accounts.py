import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from crm.management.commands.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD


@pytest.mark.django_db
def test_demo_accounts_are_created_with_their_roles_and_printed(capsys, settings):
    settings.DEBUG = True
    call_command("demo_accounts")
    call_command("demo_accounts")  # twice: still one of each
    printed = capsys.readouterr().out
    users = get_user_model().objects
    for username, _first, _last, role in DEMO_ACCOUNTS:
        user = users.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert username in printed
    assert users.get(username="admin").is_superuser
    assert not users.get(username="officer").is_staff


@pytest.mark.django_db
def test_demo_accounts_refused_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refusing while DJANGO_DEBUG is off"):
        call_command("demo_accounts")
