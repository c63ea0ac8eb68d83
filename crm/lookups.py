"""Search-as-you-type for the choice widgets of ``core.widgets``: ``?q=`` in, up to 20 matches out.

JSON ``{"results": [{"id": pk, "text": label}]}``. Login and the model's ``view_`` permission are
required; archived records never appear, nor projects the user may not see.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from core.parsing import clean_text
from crm.models import Agreement, Delegation, Event, Meeting
from partners.models import Contact, Organization
from projects.models import InvestmentProject

MAX_RESULTS = 20
MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100


def _organizations(request, q: str) -> QuerySet:
    similar = Organization.objects.similar_to(q).values("pk")
    found = Organization.objects.filter(Q(pk__in=similar) | Q(name__icontains=q))
    if country := clean_text(request.GET.get("country"), max_length=2):
        found = found.filter(country__code=country)
    return found.select_related("country").order_by("name")


def _contacts(request, q: str) -> QuerySet:
    return (
        Contact.objects.filter(
            Q(name__icontains=q)
            | Q(name_zh__icontains=q)
            | Q(organization__name__icontains=q)
            | Q(organization__name_zh__icontains=q)
        )
        .select_related("organization")
        .order_by("name")
    )


def _projects(request, q: str) -> QuerySet:
    visible = InvestmentProject.objects.visible_to(request.user)
    return visible.filter(Q(name__icontains=q) | Q(name_zh__icontains=q)).order_by("name")


def _titled(model) -> Callable:
    def search(request, q: str) -> QuerySet:
        return model.objects.filter(Q(title__icontains=q) | Q(title_zh__icontains=q))

    return search


def _meetings(request, q: str) -> QuerySet:
    return Meeting.objects.filter(title__icontains=q).order_by("-date")


def _events(request, q: str) -> QuerySet:
    return Event.objects.filter(Q(name__icontains=q) | Q(name_zh__icontains=q)).order_by("-start_date")


def _dated(title: str, day) -> str:
    return f"{title} · {day.isoformat()}" if day else title


@dataclass(frozen=True)
class Kind:
    permission: str
    search: Callable[..., QuerySet]
    label: Callable[..., str]


KINDS = {
    "organization": Kind("partners.view_organization", _organizations, lambda o: f"{o} ({o.country})"),
    "contact": Kind("partners.view_contact", _contacts, Contact.with_organization),
    "project": Kind("projects.view_investmentproject", _projects, str),
    "delegation": Kind(
        "crm.view_delegation",
        lambda request, q: _titled(Delegation)(request, q).order_by("-start_date"),
        lambda d: _dated(d.title, d.start_date),
    ),
    "meeting": Kind("crm.view_meeting", _meetings, lambda m: _dated(m.title, m.date)),
    "agreement": Kind(
        "crm.view_agreement",
        lambda request, q: _titled(Agreement)(request, q).order_by("-signed_on"),
        lambda a: _dated(a.title, a.signed_on),
    ),
    "event": Kind("crm.view_event", _events, lambda e: _dated(e.name, e.start_date)),
}


@require_GET
@login_required
def lookup(request, kind: str):
    try:
        spec = KINDS[kind]
    except KeyError:
        raise Http404 from None
    if not request.user.has_perm(spec.permission):
        raise PermissionDenied
    q = " ".join(clean_text(request.GET.get("q"), max_length=MAX_QUERY_LENGTH).split())
    if len(q) < MIN_QUERY_LENGTH:
        return JsonResponse({"results": []})
    records = spec.search(request, q).filter(is_archived=False)[:MAX_RESULTS]
    return JsonResponse({"results": [{"id": record.pk, "text": spec.label(record)} for record in records]})
