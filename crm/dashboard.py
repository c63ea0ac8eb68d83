"""The pipeline dashboard's figures. Each one aggregates in the database and carries the link to the list it counts."""

from django.db.models import Count, Sum

from crm.views.links import project_list_url
from projects.models import InvestmentProject, Stage, Status


def funnel():
    """Active projects and their contracted USD per stage."""
    rows = {
        row["stage"]: row
        for row in InvestmentProject.objects.active()
        .order_by()
        .values("stage")
        .annotate(count=Count("pk"), usd=Sum("contracted_usd"))
    }
    return [
        {
            "label": label,
            "count": rows.get(value, {}).get("count", 0),
            "usd": rows.get(value, {}).get("usd") or 0,
            "url": project_list_url(stage=value, status=Status.ACTIVE),
        }
        for value, label in Stage.choices
    ]


def figures() -> dict:
    return {"funnel": funnel()}
