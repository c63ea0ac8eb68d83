"""Spot checks for the facts added when the fixtures were audited against the whole brochure."""

from datetime import date

from django.core.management import call_command
from django.test import TestCase

from crm.models import Agreement, AgreementParty, Event, FollowUp, Meeting
from partners.models import Contact, Country, Organization
from projects.models import Figure, InvestmentProject, StageChange


class AuditedOrganizationsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", verbosity=0)

    def _org(self, name):
        return Organization.objects.get_by_natural_key(name)

    def test_organizations_named_in_passing_are_recorded(self):
        expected = {
            "Boao Forum for Asia": ("other", "CN"),
            "Oracle University": ("university", "US"),
            "Tradso.com": ("company", "CN"),
            "yuanyanggo.com": ("company", "CN"),
            "ecottonyarn.com": ("company", "CN"),
            "Xianyunwang": ("company", "CN"),
            "Manchuria port": ("port", "CN"),
            "Alataw Pass": ("port", "CN"),
            "Tsinghua Qingdao Academy of Arts and Scientific Innovation": ("university", "CN"),
            "Fudan University": ("university", "CN"),
            "International Robotics Olympiad": ("other", "KR"),
            "People's Liberation Army Navy": ("government", "CN"),
        }
        for name, (kind, country) in expected.items():
            with self.subTest(name=name):
                org = self._org(name)
                self.assertEqual((org.kind, org.country.code), (kind, country))
                self.assertIn("000_4c29bc11d0cc8af9.txt:L", org.provenance)

    def test_platforms_and_institutes_hang_under_their_groups(self):
        parents = {
            "Tradso.com": "Haier Group",
            "yuanyanggo.com": "Zhonggang Group",
            "Oracle University": "Oracle",
            "Institute for Regenerative Medicine of BGI Qingdao": "BGI Qingdao",
            "Biomedicine Institute of Fudan University": "Fudan University",
            "Administration Bureau for Foreign Trade of the Ministry of Economy and Industry of Israel": (
                "Ministry of Economy and Industry of Israel"
            ),
        }
        for child, parent in parents.items():
            with self.subTest(child=child):
                self.assertEqual(self._org(child).parent.name, parent)

    def test_contacts_sit_in_the_body_the_text_names_for_them(self):
        self.assertEqual(Contact.objects.get_by_natural_key("yuanyanggo.com", "Li Chunyan").title, "Manager")
        self.assertEqual(
            Contact.objects.get_by_natural_key(
                "Institute for Regenerative Medicine of BGI Qingdao", "Lars Bolund"
            ).title,
            "Executive director",
        )
        ofer = Contact.objects.get(name="Ofer Freire")
        self.assertEqual(ofer.organization.parent.name, "Ministry of Economy and Industry of Israel")
        meeting = Meeting.objects.get(title="Meeting at the Ministry of Economy and Industry of Israel")
        self.assertEqual(list(meeting.contacts.all()), [ofer])
        self.assertIn(ofer.organization, meeting.organizations.all())
        self.assertEqual(Contact.objects.filter(name__in=["Li Chunyan", "Lars Bolund", "Ofer Freire"]).count(), 3)

    def test_philippines_is_a_reference_country(self):
        philippines = Country.objects.get(code="PH")
        self.assertEqual(philippines.name_zh, "菲律宾")
        self.assertEqual(set(philippines.groups.values_list("code", flat=True)), {"rcep", "belt-and-road"})


class AuditedProjectsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", verbosity=0)

    def test_costa_cruises_business_is_operating(self):
        project = InvestmentProject.objects.get(name="Costa Cruises regular cruise business from Qingdao")
        self.assertEqual(
            (project.investor.name, project.origin_country.code, project.sector.code, project.stage),
            ("Costa Cruises", "IT", "tourism", "operating"),
        )
        self.assertEqual(project.stage_changes.get().occurred_on, date(2019, 4, 30))
        self.assertIn("the contracted amount and its currency", project.data_gap_note)

    def test_china_pakistan_centre_is_a_lead_from_the_sco_fair(self):
        project = InvestmentProject.objects.get(name="China-Pakistan trade and investment center in Qingdao")
        self.assertEqual((project.stage, project.origin_country.code), ("lead", "PK"))
        self.assertEqual(project.meetings.get().title, "Opening ceremony of the First SCO forum and fair")
        self.assertEqual(project.follow_ups.get().owner.username, "officer2")

    def test_cukierman_fund_is_a_lead_from_the_israel_trip(self):
        project = InvestmentProject.objects.get(name="China-Israel development fund (Cukierman & Co.)")
        self.assertEqual((project.stage, project.project_type, project.investor.country.code), ("lead", "fund", "IL"))
        self.assertEqual(project.meetings.get().delegation.title, "Qingdao delegation to Israel and Germany")
        self.assertTrue(project.follow_ups.filter(title__startswith="Pursue a China-Israel innovation forum").exists())

    def test_china_aviation_supplies_joint_venture_is_part_of_the_airbus_line(self):
        project = InvestmentProject.objects.get(name="Qingdao United General Aviation Co. Ltd. joint venture")
        self.assertEqual(
            (project.investor.name, project.project_type, project.stage, project.sector.code, project.direction),
            ("China Aviation Supplies Group", "joint_venture", "registered", "aviation", "domestic"),
        )
        self.assertEqual(project.parent.name, "Airbus H135 helicopter assembly line, Qingdao")
        self.assertEqual(project.stage_changes.get().occurred_on, date(2016, 12, 1))
        self.assertIn("Counted once", project.data_gap_note)

    def test_new_projects_have_their_first_stage_change(self):
        for pk in range(546, 550):
            with self.subTest(pk=pk):
                change = StageChange.objects.get(pk=pk + 200)
                self.assertEqual(change.project_id, pk)
                self.assertEqual(change.from_stage, "")


class AuditedEngagementTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", verbosity=0)

    def test_dated_events_with_their_outcomes(self):
        parade = Event.objects.get(name="Maritime parade for the 70th anniversary of the PLA Navy")
        self.assertEqual((parade.start_date, parade.date_precision), (date(2019, 4, 23), "day"))
        self.assertIn("South Korean ships", parade.outcome)
        self.assertEqual(list(parade.organizers.values_list("name", flat=True)), ["People's Liberation Army Navy"])

        olympiad = Event.objects.get(name="20th International Robotics Olympiad")
        self.assertEqual(
            (olympiad.start_date, olympiad.date_precision, olympiad.country.code), (date(2018, 12, 1), "month", "PH")
        )
        self.assertIn("15 countries", olympiad.outcome)

        show = Event.objects.get(name="Hi-tech live performance at the Oriental Cinema")
        self.assertEqual(show.start_date, date(2019, 5, 1))
        self.assertIn("4,200", show.outcome)

    def test_planned_weeks_are_known_to_the_year_only(self):
        planned = {
            "Qingdao Week in Singapore": "SG",
            "Qingdao Week in the United States": "US",
            "Qingdao Week in Britain": "GB",
            "Qingdao Business Week in Germany": "DE",
            "Japan Business Week in Qingdao": "CN",
        }
        for name, country in planned.items():
            with self.subTest(name=name):
                event = Event.objects.get(name=name)
                self.assertEqual(
                    (event.kind, event.start_date, event.date_precision, event.country.code),
                    ("qingdao_week", date(2019, 1, 1), "year", country),
                )
        self.assertIn("second half of 2019", Event.objects.get(name="Qingdao Business Week in Germany").description)

    def test_organizers_of_named_platforms(self):
        boao = Event.objects.get(name="Boao Forum for Asia Global Health Conference")
        self.assertEqual(list(boao.organizers.values_list("name", flat=True)), ["Boao Forum for Asia"])
        shandong = Event.objects.get(name="International Robotics Olympiad Shandong competitions")
        self.assertEqual(list(shandong.organizers.values_list("name", flat=True)), ["International Robotics Olympiad"])

    def test_more_than_sixty_contracted_projects_are_one_batch_without_a_number(self):
        batch = Agreement.objects.get(title__startswith="More than 60 key projects contracted")
        self.assertEqual(
            (batch.kind, batch.is_binding, batch.batch_size, batch.signed_on), ("other", False, None, None)
        )
        self.assertEqual(
            set(AgreementParty.objects.filter(agreement=batch).values_list("organization__name", "side")),
            {
                ("Qingdao Marine Equipment Inspection & Testing Group", "qingdao"),
                ("Qingdao Ocean Sensor Industrial Technology Research Institute", "qingdao"),
            },
        )
        self.assertIn("more than 60", batch.description)

    def test_follow_ups_for_stated_next_steps(self):
        expected = {
            "Follow up Pusan Bank's cooperation": ("officer2", date(2019, 8, 11)),
            "Follow up S.M. Entertainment's cultural": ("officer2", date(2019, 8, 13)),
            "Take forward the Qingdao Port-Zim MOU": ("officer2", date(2019, 9, 1)),
            "Confirm the set-up of the RMB 1 billion Green Angel-Guohai": ("manager", date(2019, 12, 31)),
            "Confirm that the Cangmashan Film and Television Park": ("manager", date(2019, 12, 31)),
            "Follow the national cardiovascular device research center": ("officer", date(2019, 12, 31)),
            "Build the Sino-Korean STIP operating team": ("officer2", date(2019, 12, 31)),
            "Complete the Sino-Korean STIP": ("officer2", date(2022, 12, 31)),
            "Hold Chengyang's 2019 events": ("officer2", date(2019, 12, 31)),
            "Take forward the three parks in Chengyang's": ("officer2", date(2019, 12, 31)),
            "Forge a regional distribution center": ("officer2", date(2019, 12, 31)),
        }
        for start, (owner, due) in expected.items():
            with self.subTest(follow_up=start):
                follow_up = FollowUp.objects.get(title__startswith=start)
                self.assertEqual((follow_up.owner.username, follow_up.due_on), (owner, due))
        zim = FollowUp.objects.get(title__startswith="Take forward the Qingdao Port-Zim MOU")
        self.assertEqual(
            zim.agreement.title,
            "MOU on strategic cooperation between Qingdao Port and Zim Integrated Shipping Services",
        )
        guohai = FollowUp.objects.get(title__startswith="Confirm the set-up of the RMB 1 billion")
        self.assertEqual(guohai.agreement.kind, "investment_contract")

    def test_bank_and_flight_figures(self):
        banks = Figure.objects.get(country__code="KR", label__startswith="Korean banks with branches")
        self.assertEqual(
            (banks.value, banks.as_of, banks.as_of_precision, banks.currency), (8, date(2019, 5, 1), "month", "")
        )
        flights = Figure.objects.get(country__code="JP", label__startswith="Flights between Qingdao")
        self.assertEqual((flights.value, flights.as_of), (18, date(2019, 3, 1)))
