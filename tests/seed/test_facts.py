"""Spot checks: facts from the brochure that the bureau would look for first."""

from datetime import date
from decimal import Decimal

from django.core.management import call_command
from django.test import TestCase

from crm.models import Agreement, AgreementParty, Delegation, Event, FollowUp, Meeting
from partners.models import Contact, Country, Organization
from projects.models import ExchangeRate, Figure, InvestmentProject, Park


def _parties(agreement):
    return {(link.organization.name, link.side) for link in AgreementParty.objects.filter(agreement=agreement)}


class SeedFactsTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", verbosity=0)
        cls.israel_germany = Delegation.objects.get(title="Qingdao delegation to Israel and Germany")
        cls.korea = Delegation.objects.get(title="Qingdao delegation to South Korea")
        cls.japan = Delegation.objects.get(title__startswith="Qingdao government delegation to Japan")

    # --- delegations
    def test_israel_and_germany_trip(self):
        trip = self.israel_germany
        self.assertEqual((trip.start_date, trip.end_date), (date(2019, 6, 2), date(2019, 6, 7)))
        self.assertEqual(set(trip.countries.values_list("code", flat=True)), {"IL", "DE"})
        self.assertEqual(trip.leader.name, "Wang Qingxian")
        self.assertEqual(trip.direction, "outbound")
        self.assertEqual(trip.status, "reported")
        self.assertIn("Dusseldorf", trip.cities)
        self.assertEqual(
            trip.event.name, "Qingdao Week in Germany: Qingdao-Germany business dialogue and opening ceremony"
        )

    def test_south_korea_trip(self):
        self.assertEqual((self.korea.start_date, self.korea.end_date), (date(2019, 5, 12), date(2019, 5, 15)))
        self.assertEqual(self.korea.leader.name, "Meng Fanli")
        self.assertEqual(list(self.korea.countries.values_list("code", flat=True)), ["KR"])

    def test_japan_trip_is_known_to_the_month_only(self):
        self.assertEqual((self.japan.start_date, self.japan.date_precision), (date(2019, 3, 1), "month"))
        self.assertEqual(self.japan.leader.name, "Xue Qingguo")
        self.assertEqual(self.japan.event.start_date, date(2019, 3, 26))

    def test_inbound_visits_are_recorded(self):
        inbound = set(Delegation.objects.filter(direction="inbound").values_list("title", flat=True))
        self.assertIn("Central enterprises on the 2019 Spring Central Enterprises Qingdao Tour", inbound)
        self.assertIn(
            "Delegation of the Chambers of Commerce of Science and Technology Equipment Industry (ACFIC)", inbound
        )

    # --- meetings and agreements
    def test_haifa_port_visit(self):
        visit = Meeting.objects.get(title="Qingdao Port visit to Haifa Port")
        self.assertEqual(
            (visit.date, visit.kind, visit.delegation), (date(2019, 6, 3), "site_visit", self.israel_germany)
        )
        self.assertEqual(set(visit.contacts.values_list("name", flat=True)), {"Eshel Armony", "Mendy Zaltzman"})
        self.assertIn("automated terminal", visit.summary)

    def test_sister_port_agreement_with_haifa(self):
        agreement = Agreement.objects.get(title="Sister port agreement between Qingdao Port and Haifa Port")
        self.assertEqual(
            (agreement.kind, agreement.signed_on, agreement.is_binding), ("sister", date(2019, 6, 2), False)
        )
        self.assertEqual(_parties(agreement), {("Qingdao Port", "qingdao"), ("Haifa Port", "partner")})
        self.assertEqual(agreement.delegation, self.israel_germany)

    def test_zim_mou(self):
        agreement = Agreement.objects.get(title__startswith="MOU on strategic cooperation between Qingdao Port and Zim")
        self.assertEqual((agreement.kind, agreement.signed_on), ("mou", date(2019, 6, 2)))
        self.assertEqual(
            _parties(agreement), {("Qingdao Port", "qingdao"), ("Zim Integrated Shipping Services", "partner")}
        )

    def test_delegation_to_meeting_to_agreement_to_project(self):
        dialogue = Meeting.objects.get(
            delegation=self.israel_germany, title__startswith="Qingdao-Germany business dialogue"
        )
        [batch] = dialogue.agreements.all()
        self.assertEqual(batch.batch_size, 9)
        self.assertEqual(
            set(batch.projects.values_list("name", flat=True)),
            {
                "Krups Foerder Systeme transmission system center, Sino-German Eco-Park",
                "BWT first China plant, Sino-German Eco-Park",
            },
        )
        krups = batch.projects.get(investor__name="Krups Foerder Systeme GmbH")
        self.assertEqual(
            (krups.park.code, krups.signed_on, krups.signed_on_precision),
            ("sino-german-eco-park", date(2019, 6, 1), "month"),
        )

    def test_pusan_port_mou(self):
        agreement = Agreement.objects.get(title="MOU on cooperation between Qingdao Port and Pusan Port")
        self.assertEqual(agreement.signed_on, date(2019, 5, 13))
        self.assertEqual(agreement.meeting.title, "Pusan Port visit and MOU signing")
        self.assertEqual(agreement.delegation, self.korea)

    def test_nine_contracts_signed_at_the_japan_seminar(self):
        contracts = Agreement.objects.filter(meeting__title="Japan-Qingdao Economic and Trade Cooperation Seminar")
        self.assertEqual(contracts.count(), 9)
        self.assertTrue(all(c.is_binding and c.signed_on == date(2019, 3, 26) for c in contracts))
        aeon = contracts.get(party_links__organization__name="Aeon")
        self.assertEqual(_parties(aeon), {("Qingdao Municipal Bureau of Commerce", "qingdao"), ("Aeon", "partner")})

    def test_batches_without_a_number_leave_batch_size_empty(self):
        korea_batch = Agreement.objects.get(title="Cooperation agreements signed at Qingdao Week in South Korea")
        self.assertIsNone(korea_batch.batch_size)
        self.assertEqual(Agreement.objects.get(title__startswith="24 industrial cooperation projects").batch_size, 24)
        self.assertEqual(Agreement.objects.get(title__startswith="18 key projects").batch_size, 18)

    def test_sister_city_ness_ziona_known_to_the_year(self):
        agreement = Agreement.objects.get(title="Sister city relationship between Qingdao and Ness Ziona")
        self.assertEqual((agreement.signed_on, agreement.date_precision), (date(1997, 1, 1), "year"))

    # --- projects and money
    def test_guohai_fund_contract_and_project(self):
        contract = Agreement.objects.get(kind="investment_contract")
        self.assertTrue(contract.is_binding)
        self.assertEqual((contract.amount, contract.currency), (Decimal("1000000000.00"), "CNY"))
        self.assertEqual(contract.amount_usd, Decimal("144959050.00"))
        self.assertEqual(
            _parties(contract),
            {("Qingdao Green Angel Investment Management Co., Ltd.", "qingdao"), ("Guohai Capital", "partner")},
        )
        [project] = contract.projects.all()
        self.assertEqual((project.stage, project.direction, project.project_type), ("contracted", "domestic", "fund"))
        # A fund of two Chinese firms: its size is total investment, not contracted foreign investment.
        self.assertEqual((project.total_amount, project.total_usd), (Decimal("1000000000.00"), Decimal("144959050.00")))
        self.assertIsNone(project.contracted_amount)
        self.assertIn("the park or zone", project.data_gap_note)

    def test_haier_factory_in_russia_is_operating_and_outbound(self):
        project = InvestmentProject.objects.get(name__startswith="Haier refrigerator factory")
        self.assertEqual((project.stage, project.direction), ("operating", "outbound"))
        self.assertEqual(
            (project.total_amount, project.total_currency, project.total_usd),
            (Decimal("50000000.00"), "USD", Decimal("50000000.00")),
        )
        self.assertIsNone(project.contracted_amount)
        self.assertFalse(InvestmentProject.objects.filter(direction="inbound", origin_country__code="RU").exists())
        self.assertEqual((project.origin_country.code, project.park.district), ("RU", "abroad"))

    def test_cj_group_expansion_is_planned_money(self):
        project = InvestmentProject.objects.get(name="CJ Group environmental protection production expansion")
        self.assertEqual(
            (project.stage, project.project_type, project.planned_amount, project.planned_currency),
            ("negotiating", "expansion", Decimal("23000000.00"), "CNY"),
        )
        self.assertEqual(project.planned_usd, Decimal("3334058.15"))
        self.assertIsNone(project.contracted_amount)
        self.assertEqual(project.meetings.get().title, "Visit to CJ Group")

    def test_film_park_and_sco_zone_amounts_are_total_investment(self):
        film = InvestmentProject.objects.get(name__startswith="Oriental Film and Television Park")
        self.assertEqual((film.total_amount, film.total_currency), (Decimal("50000000000.00"), "CNY"))
        sco = InvestmentProject.objects.get(name__startswith="China-SCO demonstration zone service projects")
        self.assertEqual((sco.total_amount, sco.stage), (Decimal("6500000000.00"), "construction"))
        self.assertIsNone(film.contracted_amount)
        self.assertIsNone(sco.contracted_amount)

    def test_airbus_assembly_line_counted_from_its_first_signing(self):
        project = InvestmentProject.objects.get(name="Airbus H135 helicopter assembly line, Qingdao")
        self.assertEqual((project.signed_on, project.signed_on_precision), (date(2015, 10, 1), "month"))
        self.assertEqual(project.park.code, "general-aviation-demonstration-zone")
        self.assertEqual(project.agreements.count(), 3)
        self.assertEqual(project.stage, "operating")
        self.assertIn("officially put into operation (L1453-1454)", project.data_gap_note)

    def test_interest_is_a_lead(self):
        self.assertEqual(InvestmentProject.objects.get(name="AHAVA fashion center in Qingdao").stage, "lead")

    # --- organizations, contacts, parks, reference data
    def test_qingdao_bodies_are_organizations(self):
        bureau = Organization.objects.get(name="Qingdao Municipal Bureau of Commerce")
        self.assertEqual((bureau.kind, bureau.country.code, bureau.name_zh), ("government", "CN", "青岛市商务局"))
        self.assertEqual(Organization.objects.get(name="Qingdao Port").kind, "port")
        self.assertEqual(Organization.objects.get(name="Pusan Bank").parent.name, "BNK Financial Group")

    def test_contacts_carry_their_titles(self):
        self.assertEqual(Contact.objects.get_by_natural_key("Haifa Port", "Eshel Armony").title, "Chairman")
        self.assertEqual(
            Contact.objects.get_by_natural_key("Zim Integrated Shipping Services", "Eli Glickman").title, "CEO"
        )
        self.assertEqual(
            Contact.objects.get(name="Zhao Shiyu").organization.name, "Qingdao Municipal Bureau of Commerce"
        )

    def test_parks_and_districts(self):
        self.assertEqual(Park.objects.get(code="sino-german-eco-park").district, "huangdao")
        self.assertEqual(Park.objects.get(code="oceantec-valley").district, "jimo")
        self.assertEqual(Park.objects.get(code="sino-korean-stip").district, "chengyang")
        self.assertTrue(Park.objects.get(code="qingdao-israel-innovation-park").name.endswith("(planned)"))

    def test_country_groups(self):
        self.assertEqual(
            set(Country.objects.get(code="RU").groups.values_list("code", flat=True)), {"sco", "belt-and-road"}
        )
        self.assertEqual(set(Country.objects.get(code="KR").groups.values_list("code", flat=True)), {"rcep"})
        self.assertEqual(Country.objects.get(code="IL").name_zh, "以色列")

    def test_cny_rate_is_the_2019_average(self):
        rate = ExchangeRate.objects.get(currency="CNY")
        self.assertEqual((rate.valid_on, rate.usd_per_unit), (date(2019, 1, 1), Decimal("0.14495905")))

    # --- events
    def test_venture_investment_conference(self):
        event = Event.objects.get(name="2019 Global (Qingdao) Venture Investment Conference")
        self.assertEqual((event.start_date, event.end_date), (date(2019, 5, 9), date(2019, 5, 10)))
        self.assertEqual(list(event.organizers.values_list("name", flat=True)), ["Qingdao Municipal Government"])

    def test_sco_fair(self):
        event = Event.objects.get(name__startswith="First SCO Qingdao Forum")
        self.assertEqual((event.start_date, event.end_date, event.kind), (date(2019, 5, 24), date(2019, 5, 26), "fair"))
        self.assertIn("Jiaozhou", event.place)

    # --- follow-ups
    def test_haifa_return_visit_follow_up(self):
        follow_up = FollowUp.objects.get(title__startswith="Host the Haifa Port delegation")
        self.assertEqual(
            (follow_up.owner.username, follow_up.due_on, follow_up.priority), ("officer2", date(2019, 9, 1), "high")
        )
        self.assertEqual(follow_up.agreement.title, "Sister port agreement between Qingdao Port and Haifa Port")

    def test_business_week_in_germany_follow_up(self):
        follow_up = FollowUp.objects.get(title__startswith="Hold the Qingdao Business Week in Germany")
        self.assertEqual((follow_up.owner.username, follow_up.due_on), ("officer", date(2019, 12, 31)))
        self.assertEqual(follow_up.delegation, self.israel_germany)

    def test_next_venture_conference_follow_up(self):
        follow_up = FollowUp.objects.get(
            title__startswith="Prepare the 2020 Global (Qingdao) Venture Investment Conference"
        )
        self.assertEqual((follow_up.owner.username, follow_up.due_on), ("manager", date(2020, 5, 1)))

    # --- country figures
    def test_korean_investment_figures(self):
        figures = {f.metric: f for f in Figure.objects.filter(country__code="KR", as_of=date(2019, 3, 1))}
        self.assertEqual(figures["investment_projects"].value, Decimal("12930"))
        self.assertEqual(figures["utilized_investment"].value, Decimal("19713400000.00"))
        self.assertEqual(figures["contracted_investment"].value, Decimal("30462000000.00"))
        self.assertEqual(figures["utilized_investment"].as_of_precision, "month")

    def test_german_and_japanese_figures(self):
        trade = Figure.objects.get(country__code="DE", metric="trade_volume")
        self.assertEqual(
            (trade.value, trade.currency, trade.as_of, trade.as_of_precision),
            (Decimal("2370000000.00"), "USD", date(2018, 1, 1), "year"),
        )
        japan = Figure.objects.get(country__code="JP", metric="investment_projects")
        self.assertEqual((japan.value, japan.as_of), (Decimal("2113"), date(2018, 12, 1)))
