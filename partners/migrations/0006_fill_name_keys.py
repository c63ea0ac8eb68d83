"""Fill the name keys of the organizations recorded before they were kept on save."""

from django.db import migrations

from partners.names import name_key


def fill_name_keys(apps, schema_editor):
    Organization = apps.get_model("partners", "Organization")
    changed = []
    for organization in Organization.objects.only("pk", "name", "name_zh").iterator(chunk_size=2000):
        organization.name_key = name_key(organization.name)[:200]
        organization.name_zh_key = name_key(organization.name_zh)[:200]
        changed.append(organization)
    Organization.objects.bulk_update(changed, ["name_key", "name_zh_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("partners", "0005_merge_and_name_keys")]

    operations = [migrations.RunPython(fill_name_keys, migrations.RunPython.noop)]
