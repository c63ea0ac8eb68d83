"""Give every project its last activity day: its latest move (its creation day when it never moved) or its
latest meeting, whichever is later, as ``projects.activity.last_activity`` computes it."""

from django.db import migrations
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate


def backfill(apps, schema_editor):
    project_model = apps.get_model("projects", "InvestmentProject")
    stage_change = apps.get_model("projects", "StageChange")
    meeting = apps.get_model("crm", "Meeting")
    latest_move = stage_change.objects.filter(project=OuterRef("pk")).order_by("-occurred_on").values("occurred_on")
    latest_meeting = meeting.objects.filter(project=OuterRef("pk")).order_by("-date").values("date")
    moved_or_created = Coalesce(Subquery(latest_move[:1]), TruncDate("created_at"))
    project_model.objects.using(schema_editor.connection.alias).update(
        last_activity_on=Greatest(moved_or_created, Coalesce(Subquery(latest_meeting[:1]), moved_or_created))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0011_merge_parallel_work"),
        ("projects", "0009_project_last_activity"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
