"""Rows for every model the admin shows, with their foreign keys and many-to-many fields filled.

``make_rows(Model, n)`` builds ``n`` realistic rows, so that a changelist that forgets a
``select_related`` or a ``prefetch_related`` runs more queries with more rows.
"""

import itertools
import string
from datetime import date, timedelta
from decimal import Decimal

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from core.api_tokens import issue_api_token
from core.models import ApiToken, Attachment, Note, Notification, ReminderPreference, SentDigest, SentTeamSummary
from core.notifications import notify
from crm.models import Agreement, AgreementParty, Delegation, Event, FollowUp, ListExport, Meeting, Report
from partners.models import Contact, Country, CountryGroup, Organization, Sector
from projects.models import CapitalInflow, ExchangeRate, Figure, InvestmentProject, Park, StageChange
from tests.conftest import (
    make_agreement,
    make_contact,
    make_country,
    make_delegation,
    make_meeting,
    make_organization,
    make_park,
    make_project,
    make_sector,
)

_serial = itertools.count(1)
_country_codes = itertools.cycle("".join(pair) for pair in itertools.product(string.ascii_uppercase, repeat=2))
_pool_codes = itertools.cycle(["DE", "IL", "KR", "JP", "SG"])


def _n() -> int:
    return next(_serial)


def _user():
    return get_user_model().objects.create_user(username=f"user{_n()}", password="a-long-test-password")


def country_group() -> CountryGroup:
    number = _n()
    group = CountryGroup.objects.create(code=f"group-{number}", name=f"Group {number}")
    group.countries.add(make_country("DE", "Germany"))
    return group


def country() -> Country:
    while True:
        code = next(_country_codes)
        if not Country.objects.filter(code=code).exists():
            break
    created = Country.objects.create(code=code, name=f"Country {code}")
    created.groups.add(country_group())
    return created


def _pooled_country() -> Country:
    """One of a few countries, each in a group: enough to fill relations without running out of codes."""
    found, created = Country.objects.get_or_create(code=next(_pool_codes), defaults={"name": f"Country {_n()}"})
    if created:
        found.groups.add(country_group())
    return found


def figure() -> Figure:
    return Figure.objects.create(
        scope=Figure.Scope.COUNTRY,
        country=_pooled_country(),
        metric=Figure.Metric.CONTRACTED_INVESTMENT,
        label=f"Contracted investment {_n()}",
        value=Decimal("1500000000"),
        currency="USD",
        as_of=date(2018, 12, 31),
    )


def sector() -> Sector:
    number = _n()
    return make_sector(code=f"sector-{number}", name=f"Sector {number}")


def organization() -> Organization:
    group, _ = Organization.objects.get_or_create(
        name="Haier Group", defaults={"country": _pooled_country(), "kind": Organization.Kind.COMPANY}
    )
    return make_organization(country=_pooled_country(), sector=sector(), parent=group)


def contact() -> Contact:
    return make_contact(organization=organization(), title="General manager")


def park() -> Park:
    number = _n()
    return make_park(code=f"park-{number}", name=f"Park {number}")


def exchange_rate() -> ExchangeRate:
    return ExchangeRate.objects.create(
        currency="EUR", valid_on=date(2019, 1, 1) + timedelta(days=_n()), usd_per_unit="1.12", source="PBOC"
    )


def investment_project() -> InvestmentProject:
    project = make_project(
        investor=organization(),
        origin_country=_pooled_country(),
        sector=sector(),
        park=park(),
        officer=_user(),
        contracted_amount=Decimal("20000000"),
        currency="USD",
        usd_rate=1,
        contracted_usd=Decimal("20000000"),
        signed_on=date(2019, 6, 2),
    )
    CapitalInflow.objects.create(
        project=project,
        received_on=date(2019, 9, 1),
        amount=Decimal("5000000"),
        currency="USD",
        usd_rate=1,
        amount_usd=Decimal("5000000"),
    )
    return project


def stage_change() -> StageChange:
    return StageChange.objects.create(
        project=investment_project(), from_stage="lead", to_stage="negotiating", to_status="active", changed_by=_user()
    )


def capital_inflow() -> CapitalInflow:
    return CapitalInflow.objects.create(
        project=make_project(),
        received_on=date(2019, 9, 1),
        amount=Decimal("1000000"),
        currency="EUR",
        usd_rate=Decimal("1.12"),
        amount_usd=Decimal("1120000"),
    )


def event() -> Event:
    created = Event.objects.create(name=f"Qingdao Week {_n()}", start_date=date(2019, 6, 3), country=_pooled_country())
    created.organizers.add(organization(), organization())
    return created


def delegation() -> Delegation:
    created = make_delegation(leader=contact(), officer=_user(), event=event())
    created.countries.add(_pooled_country(), _pooled_country())
    created.organizations.add(organization())
    created.members.add(contact())
    return created


def meeting() -> Meeting:
    created = make_meeting(delegation=delegation(), event=event(), project=make_project())
    created.organizations.add(organization(), organization())
    created.contacts.add(contact())
    created.officers.add(_user())
    return created


def agreement() -> Agreement:
    created = make_agreement(
        parties=[(organization(), AgreementParty.Side.QINGDAO), (organization(), AgreementParty.Side.PARTNER)],
        delegation=delegation(),
        event=event(),
        amount=Decimal("30000000"),
        currency="USD",
        usd_rate=1,
        amount_usd=Decimal("30000000"),
    )
    created.projects.add(make_project())
    return created


def agreement_party() -> AgreementParty:
    return AgreementParty.objects.create(
        agreement=make_agreement(), organization=organization(), side=AgreementParty.Side.PARTNER, signatory=contact()
    )


def follow_up() -> FollowUp:
    owner = _user()
    return FollowUp.objects.create(
        title=f"Send the site plan {_n()}",
        owner=owner,
        due_on=timezone.localdate() - timedelta(days=3),
        status=FollowUp.Status.DONE,
        completed_at=timezone.now(),
        completed_by=owner,
        project=make_project(),
        agreement=make_agreement(),
        delegation=make_delegation(),
        meeting=make_meeting(),
        organization=organization(),
    )


def report():
    return Report.objects.create(
        number=f"2019-M06-{_n()}",
        kind=Report.Kind.MONTH,
        period_start=date(2019, 6, 1),
        period_end=date(2019, 6, 30),
        issued_by=_user(),
        data={},
        workbook=b"",
    )


def user():
    created = _user()
    created.groups.add(group())
    return created


def group() -> Group:
    return Group.objects.create(name=f"Team {_n()}")


def _attempt(model, **extra):
    return model.objects.create(
        user_agent="Mozilla/5.0",
        ip_address="10.0.0.1",
        username=f"user{_n()}",
        http_accept="text/html",
        path_info="/admin/login/",
        attempt_time=timezone.now(),
        **extra,
    )


def note() -> Note:
    return Note.objects.create(record=investment_project(), author=_user(), text=f"Note {_n()} about the visit")


def attachment() -> Attachment:
    number = _n()
    return Attachment.objects.create(
        record=organization(),
        author=_user(),
        original_name=f"report-{number}.pdf",
        stored_name=f"2026/12/{number:032x}.pdf",
        size=1000 + number,
        mime_type="application/pdf",
    )


BUILDERS = {
    CountryGroup: country_group,
    Country: country,
    Figure: figure,
    Sector: sector,
    Organization: organization,
    Contact: contact,
    Park: park,
    ExchangeRate: exchange_rate,
    InvestmentProject: investment_project,
    StageChange: stage_change,
    CapitalInflow: capital_inflow,
    Event: event,
    Delegation: delegation,
    Meeting: meeting,
    Agreement: agreement,
    AgreementParty: agreement_party,
    FollowUp: follow_up,
    Report: report,
    ListExport: lambda: ListExport.objects.create(
        user=user(), list_name="investment-projects", filters={"q": "port"}, row_count=3, file_format="csv"
    ),
    get_user_model(): user,
    Group: group,
    Note: note,
    Attachment: attachment,
    ApiToken: lambda: issue_api_token(user=_user(), name=f"Reporting {_n()}", expires_in_days=30)[0],
    ReminderPreference: lambda: ReminderPreference.objects.create(user=_user(), frequency="weekly"),
    Notification: lambda: notify(
        recipient=_user(),
        actor=_user(),
        kind=Notification.Kind.MOVED,
        target=investment_project(),
        text=f"Moved {_n()}",
    ),
    SentDigest: lambda: SentDigest.objects.create(user=_user(), sent_for=date(2026, 12, 2)),
    SentTeamSummary: lambda: SentTeamSummary.objects.create(sent_for=date(2026, 1, 1) + timedelta(days=_n())),
    AccessAttempt: lambda: _attempt(AccessAttempt, get_data="", post_data="", failures_since_start=1),
    AccessLog: lambda: _attempt(AccessLog, session_hash="0" * 64),
    AccessFailureLog: lambda: _attempt(AccessFailureLog, locked_out=False),
}


def make_rows(model, count: int) -> list:
    """``count`` new rows of ``model``, each with its relations filled."""
    build = BUILDERS[model]
    return [build() for _ in range(count)]
