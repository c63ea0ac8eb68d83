"""The seeded figures agree with each other and with the product's own rules."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.management import call_command
from django.db.models import Q
from django.test import TestCase
from django.utils import timezone

from core.models import DatePrecision
from crm.models import Agreement, Delegation, Event, FollowUp, Meeting
from projects.gates import has_gaps_q, missing_items
from projects.models import ExchangeRate, Figure, InvestmentProject, Stage, StageChange

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
        priced = InvestmentProject.objects.exclude(contracted_amount=None)
        self.assertGreaterEqual(priced.count(), 5)
        for project in priced:
            with self.subTest(project=project.name):
                rate = ExchangeRate.rate_for(project.currency, project.signed_on or date(2019, 7, 1))
                self.assertEqual(project.usd_rate, rate.usd_per_unit)
                self.assertEqual(
                    project.contracted_usd, (project.contracted_amount * project.usd_rate).quantize(CENT, ROUND_HALF_UP)
                )
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

    def test_every_project_has_one_stage_change_to_its_stage(self):
        for project in InvestmentProject.objects.all():
            with self.subTest(project=project.name):
                [change] = StageChange.objects.filter(project=project)
                self.assertEqual((change.from_stage, change.to_stage), ("", project.stage))
                self.assertEqual(change.to_status, project.status)
                self.assertIsNone(change.changed_by)
                self.assertEqual(change.note, "Recorded from the 2019 brochure")
                if project.signed_on:
                    self.assertEqual(timezone.localtime(change.changed_at).date(), project.signed_on)

    def test_projects_held_below_their_reported_stage_say_why(self):
        for project in InvestmentProject.objects.filter(stage=Stage.INTENT, description__contains="(operating)"):
            with self.subTest(project=project.name):
                self.assertIn("stage gate", project.description)

    def test_every_project_has_a_demo_officer_and_is_active(self):
        self.assertFalse(InvestmentProject.objects.exclude(officer__username__in=DEMO_USERS).exists())
        self.assertFalse(InvestmentProject.objects.exclude(status="active").exists())

    def test_every_follow_up_concerns_a_record_and_has_a_demo_owner(self):
        concerns = Q()
        for name in FollowUp.CONCERNS:
            concerns |= Q(**{f"{name}__isnull": False})
        self.assertEqual(FollowUp.objects.filter(concerns).count(), FollowUp.objects.count())
        self.assertFalse(FollowUp.objects.exclude(owner__username__in=DEMO_USERS).exists())
        self.assertFalse(FollowUp.objects.exclude(status="open").exists())
        for follow_up in FollowUp.objects.all():
            with self.subTest(follow_up=follow_up.title):
                self.assertIn("Due date:", follow_up.description)

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
