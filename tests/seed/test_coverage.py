"""How much of the brochure the seed holds, per kind, at a glance.

The counts are exact, so adding or removing a seeded record means updating this table and the
coverage table in fixtures/README.md ("Coverage of the brochure"), which says for each kind what the
brochure states, what became a record and what was left out, and why.
"""

from django.core.management import call_command
from django.test import TestCase

from crm.models import Agreement, AgreementParty, Delegation, Event, FollowUp, Meeting
from partners.models import Contact, Organization
from projects.models import Figure, InvestmentProject, Park, StageChange

# kind: (model, records the seed holds)
RECORDS = {
    "people (contacts)": (Contact, 49),
    "organizations": (Organization, 215),
    "events": (Event, 46),
    "parks, zones and centres": (Park, 33),
    "agreements": (Agreement, 37),
    "investment projects": (InvestmentProject, 52),
    "promises and next steps (follow-ups)": (FollowUp, 56),
    "figures": (Figure, 97),
    "delegations": (Delegation, 6),
    "meetings": (Meeting, 34),
    "agreement parties": (AgreementParty, 64),
    "stage changes": (StageChange, 55),
}

FIGURES_BY_SCOPE = {"city": 47, "country": 27, "park": 17, "country_group": 6}


class SeedCoverageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", verbosity=0)

    def test_records_per_kind(self):
        for kind, (model, expected) in RECORDS.items():
            with self.subTest(kind=kind):
                self.assertEqual(model.objects.count(), expected)

    def test_figures_per_scope(self):
        for scope, expected in FIGURES_BY_SCOPE.items():
            with self.subTest(scope=scope):
                self.assertEqual(Figure.objects.filter(scope=scope).count(), expected)

    def test_records_the_coverage_review_added(self):
        """A sample of what the line-by-line review found missing, one or two per kind."""
        self.assertTrue(Organization.objects.filter(name="Shanghai Cooperation Organisation").exists())
        self.assertEqual(
            Organization.objects.get(name="Shanghai Cooperation Organisation Secretariat").parent.name,
            "Shanghai Cooperation Organisation",
        )
        self.assertEqual(
            set(
                Organization.objects.filter(
                    name__in=["Hisense Plaza", "MixC", "Lion Mall", "Wanda Mall"], sector__code="real-estate"
                ).values_list("name", flat=True)
            ),
            {"Hisense Plaza", "MixC", "Lion Mall", "Wanda Mall"},
        )
        self.assertEqual(Contact.objects.get(name="Guo Fan").organization.name, "The Wandering Earth production crew")
        self.assertTrue(Park.objects.filter(code="multimodal-transportation-center", district="jiaozhou").exists())
        self.assertTrue(Event.objects.filter(name="Volvo Ocean Race", date_precision="year").exists())
        banking = Agreement.objects.get(pk=446)
        self.assertEqual(banking.batch_size, 10)
        self.assertEqual(
            set(banking.party_links.values_list("organization__name", flat=True)),
            {"Financial Service Center of the China-SCO Demonstration Zone", "China Development Bank"},
        )
        iro = FollowUp.objects.get(title__startswith="Confirm that the IRO Shandong competitions")
        self.assertEqual(str(iro.due_on), "2019-07-31")
        won = Figure.objects.get(country__code="KR", as_of__year=2011)
        self.assertEqual((won.metric, won.value), ("rank", 1))

    def test_people_the_text_ties_to_no_body_are_contacts_of_no_organization(self):
        unattached = Contact.objects.filter(organization__isnull=True)
        self.assertEqual(
            set(unattached.values_list("name", flat=True)),
            {"Harvey Pitt", "Norbert Egger", "Piero Scaruffi", "Ko", "Miao Gang", "Meng Tao", "Wang Hua"},
        )
        self.assertIn("JY-Consultancy", Contact.objects.get_by_natural_key(None, "Ko").title)
        self.assertIn("L290", Contact.objects.get_by_natural_key(None, "Miao Gang").notes)
        self.assertIn("L744", Contact.objects.get_by_natural_key(None, "Miao Gang").notes)
