"""The seeded figures agree with each other and with the product's own rules."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.core.management import call_command
from django.db.models import Q
from django.test import TestCase

from core.models import DatePrecision
from crm.models import Agreement, Delegation, Event, FollowUp, Meeting
from projects.gates import has_gaps_q, missing_items
from projects.models import ExchangeRate, Figure, InvestmentProject

CENT = Decimal("0.01")
DEMO_USERS = {"officer", "officer2", "manager"}


def _first_day_for(precision: str):
    return {
        DatePrecision.MONTH: lambda d: d.day == 1,
        DatePrecision.QUARTER: lambda d: d.day == 1 and d.month in (1, 4, 7, 10),
        DatePrecision.YEAR: lambda d: (d.month, d.day) == (1, 1),
        DatePrecision.DAY: lambda d: True,
    }[precision]


class SeedConsistencyTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", verbosity=0)

    def test_usd_values_are_amount_times_the_recorded_rate(self):
        priced = 0
        for project in InvestmentProject.objects.all():
            for amount, currency, rate, value in (
                ("planned_amount", "planned_currency", "planned_usd_rate", "planned_usd"),
                ("total_amount", "total_currency", "total_usd_rate", "total_usd"),
                ("registered_amount", "registered_currency", "registered_usd_rate", "registered_usd"),
                ("contracted_amount", "currency", "usd_rate", "contracted_usd"),
            ):
                if getattr(project, amount) is None:
                    continue
                priced += 1
                with self.subTest(project=project.name, amount=amount):
                    recorded = ExchangeRate.rate_for(getattr(project, currency), project.signed_on or date(2019, 7, 1))
                    self.assertEqual(getattr(project, rate), recorded.usd_per_unit)
                    self.assertEqual(
                        getattr(project, value),
                        (getattr(project, amount) * recorded.usd_per_unit).quantize(CENT, ROUND_HALF_UP),
                    )
        self.assertEqual(priced, 5)
        for agreement in Agreement.objects.exclude(amount=None):
            with self.subTest(agreement=agreement.title):
                self.assertEqual(
                    agreement.amount_usd, (agreement.amount * agreement.usd_rate).quantize(CENT, ROUND_HALF_UP)
                )

    def test_projects_with_data_gaps_for_their_stage_say_why(self):
        self.assertTrue(InvestmentProject.objects.contracted_or_beyond().exists())
        for project in InvestmentProject.objects.filter(has_gaps_q()):
            with self.subTest(project=project.name):
                self.assertTrue(missing_items(project))
                self.assertTrue(project.data_gap_note.strip())

    def test_the_brochure_states_no_contracted_foreign_investment_for_any_project(self):
        self.assertFalse(InvestmentProject.objects.exclude(contracted_amount=None).exists())

    def test_every_project_has_a_demo_officer_and_is_active(self):
        self.assertFalse(InvestmentProject.objects.exclude(officer__username__in=DEMO_USERS).exists())
        self.assertFalse(InvestmentProject.objects.exclude(status="active").exists())
        self.assertFalse(InvestmentProject.objects.filter(assigned_for_demo=False).exists())

    def test_every_follow_up_concerns_a_record_and_has_a_demo_owner(self):
        concerns = Q()
        for name in FollowUp.CONCERNS:
            concerns |= Q(**{f"{name}__isnull": False})
        self.assertEqual(FollowUp.objects.filter(concerns).count(), FollowUp.objects.count())
        self.assertFalse(FollowUp.objects.exclude(owner__username__in=DEMO_USERS).exists())
        self.assertFalse(FollowUp.objects.filter(assigned_for_demo=False).exists())
        for follow_up in FollowUp.objects.all():
            with self.subTest(follow_up=follow_up.title):
                self.assertIn("Due date:", follow_up.description)

    def test_no_follow_up_claims_an_outcome_the_brochure_does_not_give(self):
        self.assertEqual(set(FollowUp.objects.values_list("status", flat=True)), {FollowUp.Status.NOT_RECORDED})
        self.assertFalse(FollowUp.objects.overdue().exists())

    def test_due_dates_count_from_the_meetings_real_dates(self):
        from_meetings = FollowUp.objects.filter(description__contains="90 days after").select_related("meeting")
        self.assertGreaterEqual(from_meetings.count(), 10)
        for follow_up in from_meetings:
            with self.subTest(follow_up=follow_up.title):
                meeting = follow_up.meeting
                if meeting is None or meeting.date_precision == DatePrecision.DAY:
                    self.assertIn(str(follow_up.due_on - timedelta(days=90)), follow_up.description)
                else:
                    # Known to the month only: counted from the last day the trip or event allows, not the 1st.
                    self.assertGreater(follow_up.due_on - timedelta(days=90), meeting.date)
                    self.assertIn("the last day the meeting can have taken place", follow_up.description)

    def test_only_contracts_are_binding(self):
        binding_kinds = set(Agreement.objects.filter(is_binding=True).values_list("kind", flat=True))
        self.assertLessEqual(binding_kinds, {Agreement.Kind.INVESTMENT_CONTRACT, Agreement.Kind.COOPERATION})
        self.assertFalse(Agreement.objects.intents().filter(is_binding=True).exists())

    def test_batches_say_what_is_not_known(self):
        for agreement in Agreement.objects.exclude(batch_size=None):
            with self.subTest(agreement=agreement.title):
                self.assertIn("batch", agreement.description)

    def test_agreements_have_a_party_on_some_side_or_explain_why_not(self):
        for agreement in Agreement.objects.filter(party_links__isnull=True):
            with self.subTest(agreement=agreement.title):
                self.assertIn("not stated", agreement.description)

    def test_reported_trips_carry_their_report(self):
        self.assertFalse(Delegation.objects.filter(status="reported", report="").exists())
        self.assertFalse(Delegation.objects.exclude(status__in=["reported", "returned"]).exists())

    def test_partial_dates_are_stored_as_the_first_day_of_their_period(self):
        rows = [(e.start_date, e.date_precision) for e in Event.objects.all()]
        rows += [(d.start_date, d.date_precision) for d in Delegation.objects.all()]
        rows += [(m.date, m.date_precision) for m in Meeting.objects.all()]
        rows += [(a.signed_on, a.date_precision) for a in Agreement.objects.exclude(signed_on=None)]
        rows += [(p.signed_on, p.signed_on_precision) for p in InvestmentProject.objects.exclude(signed_on=None)]
        rows += [(f.as_of, f.as_of_precision) for f in Figure.objects.all()]
        for day, precision in rows:
            with self.subTest(day=day, precision=precision):
                self.assertTrue(_first_day_for(precision)(day))
