"""A project's last activity: the day it last moved, or was met about, kept on the project.

``InvestmentProject.last_activity_on`` makes "no activity for N days" an indexed range. The services that
record activity call ``refresh_last_activity``: ``projects.services`` for moves, and apps to the right
(meetings are engagement, which ``projects`` does not know) register the dates they add with
``register_activity_source`` and call it when they write them.
"""

from collections.abc import Callable, Iterable

from django.db.models import Expression, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate

from projects.models import InvestmentProject, StageChange

_sources: list[Callable[[], Expression]] = []


def register_activity_source(source: Callable[[], Expression]) -> None:
    """Count ``source()`` as activity: an expression of a project's (``OuterRef("pk")``) latest such day, or null."""
    if source not in _sources:
        _sources.append(source)


def last_activity() -> Expression:
    """The latest day of activity of the project ``OuterRef("pk")`` names, for ``annotate`` or ``update``.

    Its latest move (the day it happened); a project never moved counts from the day it was created;
    then the latest of every registered source. Never null.
    """
    latest_move = StageChange.objects.filter(project=OuterRef("pk")).order_by("-occurred_on").values("occurred_on")
    moved_or_created = Coalesce(Subquery(latest_move[:1]), TruncDate("created_at"))
    # Coalesced, because SQLite's MAX() of several values is null as soon as one of them is.
    others = [Coalesce(source(), moved_or_created) for source in _sources]
    return Greatest(moved_or_created, *others) if others else moved_or_created


def refresh_last_activity(project_ids: Iterable[int | None]) -> None:
    """Compute ``last_activity_on`` anew for these projects (``None`` ignored), in one update, with no history row."""
    ids = {pk for pk in project_ids if pk is not None}
    if ids:
        InvestmentProject.objects.filter(pk__in=ids).update(last_activity_on=last_activity())
