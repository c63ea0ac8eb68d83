"""Create the Officer, Manager and Administrator groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from crm.roles import sync_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    # Permissions of later migrations do not exist yet: the post_migrate handler adds them.
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), missing_ok=True)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Officer", "Manager", "Administrator"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0001_initial"),
        ("partners", "0001_initial"),
        ("projects", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
