"""The corrections to the seed: no double counts, no former bodies, no invented sectors, directions kept apart."""

from django.core.management import call_command
from django.test import TestCase

from crm.models import Agreement, Meeting
from partners.models import Contact, Organization
from projects.models import InvestmentProject

# Organizations the brochure names with no word about their line of business.
NO_SECTOR_NAMED = [
    "Nissin",
    "Itochu",
    "Sojitz",
    "Aeon",
    "Nippon Express",
    "Mizuho",
    "Yanmar",
    "NIDEC",
    "Japan Gas Corporation",
    "MEDINET Ltd.",
    "Qingdao Gon Technology",
    "Qingdao Raytheon",
    "Bitron Group",
    "Sunac",
    "Alfa Laval",
    "HUSA FÉNIX",
    "International Robotics Olympiad",
]


class SeedCorrectionsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", verbosity=0)

    def test_former_office_holders_are_not_filed_at_their_old_bodies(self):
        # Contacts of no organization: the text ties them to no body they act for now.
        formers = Contact.objects.filter(name__in=["Harvey Pitt", "Norbert Egger"])
        self.assertEqual(formers.count(), 2)
        self.assertFalse(formers.filter(organization__isnull=False).exists())
        self.assertIn("former acting mayor of Mannheim", Contact.objects.get(name="Norbert Egger").notes)
        self.assertFalse(
            Organization.objects.filter(
                name__in=["U.S. Securities and Exchange Commission", "City of Mannheim"]
            ).exists()
        )
        # They are named where they spoke, and are among the people met there.
        pitt = Meeting.objects.get(summary__contains="Harvey Pitt (former SEC chair")
        self.assertIn("Harvey Pitt", pitt.contacts.values_list("name", flat=True))
        egger = Meeting.objects.get(summary__contains="Norbert Egger (former acting mayor")
        self.assertIn("Norbert Egger", egger.contacts.values_list("name", flat=True))

    def test_no_sector_where_the_brochure_names_none(self):
        named = Organization.objects.filter(name__in=NO_SECTOR_NAMED)
        self.assertEqual(named.count(), len(NO_SECTOR_NAMED))
        self.assertFalse(named.exclude(sector=None).exists())
        for name in ["Bitron Group Asia Pacific R&D Center", "Sunac Qingdao Ocean Vitality Zone Project"]:
            with self.subTest(project=name):
                self.assertIsNone(InvestmentProject.objects.get(name=name).sector)

    def test_the_israeli_strategic_mou_is_counted_once_with_the_park_mou_inside_it(self):
        with_chamber = Agreement.objects.filter(
            kind="mou", party_links__organization__name="Israel-China Chamber of Commerce"
        ).distinct()
        [strategic] = with_chamber
        self.assertIn("innovation-park MOU is part of this agreement", strategic.description)
        self.assertFalse(
            Agreement.objects.filter(
                title="MOU supporting the construction of the Qingdao-Israel innovation park"
            ).exists()
        )
        self.assertTrue(strategic.follow_ups.filter(title__contains="innovation park").exists())

    def test_jd_com_is_counted_once(self):
        jd = InvestmentProject.objects.filter(investor__name="JD.com")
        self.assertEqual(jd.count(), 2)
        [counted] = jd.filter(parent=None)
        self.assertEqual(counted.park.code, "china-sco-demonstration-zone")
        self.assertEqual(jd.exclude(pk=counted.pk).get().parent, counted)

    def test_the_airbus_line_is_counted_once(self):
        line = InvestmentProject.objects.get(name="Airbus H135 helicopter assembly line, Qingdao")
        self.assertEqual(
            list(line.phases.values_list("name", flat=True)), ["Qingdao United General Aviation Co. Ltd. joint venture"]
        )
        self.assertFalse(line.phases.exclude(total_amount=None, contracted_amount=None).exists())

    def test_directions_are_kept_apart(self):
        outbound = InvestmentProject.objects.filter(direction="outbound")
        self.assertEqual(outbound.count(), 6)
        self.assertFalse(outbound.exclude(district="abroad").exists())
        self.assertFalse(InvestmentProject.objects.filter(direction="inbound", origin_country__code="CN").exists())
        self.assertFalse(
            InvestmentProject.objects.filter(direction="domestic").exclude(origin_country__code="CN").exists()
        )
        self.assertFalse(InvestmentProject.objects.exclude(direction="outbound").filter(district="abroad").exists())
