"""Every seeded project stands at the stage the brochure states, dated as the brochure dates it.

The table is read from the brochure, one row per project: its stage, the lines that state it, the
brochure's words for it, and which way the money flows.
"""

from datetime import date
from itertools import pairwise

from django.core.management import call_command
from django.test import TestCase

from core.models import DatePrecision
from projects.gates import missing_items
from projects.models import InvestmentProject, Stage
from tests.seed.seed_helpers import DOCUMENT, citations

DOCUMENT_DATE = date(2019, 7, 1)

# (project, stage, lines stating it, the brochure's words, direction)
EVIDENCE = [
    (
        "Krups Foerder Systeme transmission system center, Sino-German Eco-Park",
        "intent",
        "L228-230",
        "signed into the park",
        "inbound",
    ),
    ("BWT first China plant, Sino-German Eco-Park", "intent", "L228-230", "signed into the park", "inbound"),
    (
        "Quantum Pacific Group: Qingdao-Israel innovation park management and investment platform",
        "lead",
        "L171-172",
        "expressed interest",
        "inbound",
    ),
    ("AHAVA fashion center in Qingdao", "lead", "L186-187", "showed interest", "inbound"),
    (
        "CJ Group environmental protection production expansion",
        "negotiating",
        "L334-335",
        "plans to make an extra investment",
        "inbound",
    ),
    (
        "LG Electronics manufacturing project in Qingdao",
        "negotiating",
        "L338-339",
        "visited to promote; agreed to collaborate",
        "inbound",
    ),
    (
        "S.M. Entertainment cultural and city brand development projects",
        "negotiating",
        "L364-366",
        "visited to promote the projects",
        "inbound",
    ),
    ("Yonsei University Qingdao Severance Hospital", "operating", "L368-370", "hospital launched in 2018", "inbound"),
    ("Oracle technical innovation and entrepreneurship base, Jimo", "registered", "L393-394", "has set up", "inbound"),
    (
        "Airbus H135 helicopter assembly line, Qingdao",
        "operating",
        "L1453-1454",
        "officially put into operation",
        "inbound",
    ),
    (
        "Poly Commercial Real Estate Shandong Headquarters",
        "registered",
        "L408-409",
        "settled; registration took one day",
        "domestic",
    ),
    ("Bitron Group Asia Pacific R&D Center", "registered", "L419", "have set up headquarters", "inbound"),
    ("Ingle Testing Regional Headquarter", "registered", "L419", "have set up headquarters", "domestic"),
    (
        "CMDC East China R&D Industry Base (East China Headquarter)",
        "registered",
        "L419",
        "have set up headquarters",
        "domestic",
    ),
    (
        "China Renewable Environment Resources headquarters",
        "registered",
        "L419",
        "have set up headquarters",
        "domestic",
    ),
    ("Zhonghai Ocean headquarters", "registered", "L419", "have set up headquarters", "domestic"),
    (
        "Suning Honghaizi Maternal and Infant Products headquarters",
        "registered",
        "L419",
        "have set up headquarters",
        "domestic",
    ),
    ("Sunac Qingdao Ocean Vitality Zone Project", "registered", "L444-445", "have settled in Qingdao", "domestic"),
    ("Chinese Academy of Science Health Town Project", "registered", "L444-445", "have settled in Qingdao", "domestic"),
    ("COSCO Shipping Project", "registered", "L444-445", "have settled in Qingdao", "domestic"),
    (
        "Yue's Tongren Health Biotechnology Industrial Park",
        "registered",
        "L444-445",
        "have settled in Qingdao",
        "domestic",
    ),
    (
        "Sci-tech equipment industry park (ACFIC delegation)",
        "intent",
        "L480-481",
        "conclusion of cooperation projects",
        "domestic",
    ),
    (
        "China Tiangu Northeast Asia Headquarters",
        "intent",
        "L480-481",
        "conclusion of cooperation projects",
        "domestic",
    ),
    (
        "Guohai Capital equipment manufacturing fund (RMB 1 billion)",
        "contracted",
        "L633",
        "signed a contract",
        "domestic",
    ),
    ("Qingdao sci-tech innovation fund", "intent", "L610-611", "letters of intent signed", "domestic"),
    (
        "Haier refrigerator factory, Naberezhnye Chelny (Russia)",
        "operating",
        "L880-881",
        "300 millionth refrigerator off the line",
        "outbound",
    ),
    (
        "NESI photovoltaic power station, Balochistan (Pakistan)",
        "operating",
        "L891-892",
        "creates more than 1,500 jobs",
        "outbound",
    ),
    (
        "Qingdao Beihai joint venture for environmental protection (Kazakhstan)",
        "registered",
        "L893",
        "has set up a joint venture",
        "outbound",
    ),
    ("Hisense innovation center in Israel", "registered", "L203-204", "have set up innovation centers", "outbound"),
    ("Haier innovation center in Israel", "registered", "L203-204", "have set up innovation centers", "outbound"),
    ("Wintec innovation center in Israel", "registered", "L203-204", "have set up innovation centers", "outbound"),
    ("JD.com in the China-SCO demonstration zone", "registered", "L935-936", "have invested in the zone", "domestic"),
    (
        "Transfer Logistics in the China-SCO demonstration zone",
        "registered",
        "L935-936",
        "have invested in the zone",
        "domestic",
    ),
    (
        "CIMC Cold Chain in the China-SCO demonstration zone",
        "registered",
        "L935-936",
        "have invested in the zone",
        "domestic",
    ),
    (
        "Alfa Laval in the China-SCO demonstration zone",
        "registered",
        "L935-936",
        "have invested in the zone",
        "inbound",
    ),
    (
        "China-SCO demonstration zone service projects "
        "(12, incl. SCO International Trade Building and Exhibition Center)",
        "construction",
        "L937-939",
        "construction accelerated",
        "domestic",
    ),
    (
        "Oriental Film and Television Park (RMB 50 billion)",
        "operating",
        "L983-984",
        "films shot in its studios since 2017",
        "domestic",
    ),
    (
        "Tsinghua Qingdao Academy of Arts and Scientific Innovation",
        "construction",
        "L1028-1029",
        "under construction",
        "domestic",
    ),
    ("Apartment building in the Lingshan Bay area", "construction", "L1028-1029", "under construction", "domestic"),
    (
        "Post-production project in the Lingshan Bay creative industry park",
        "construction",
        "L1028-1029",
        "under construction",
        "domestic",
    ),
    (
        "National cardiovascular device research center, Doctors Village",
        "intent",
        "L1659-1663",
        "said he would set up; offices provided",
        "domestic",
    ),
    (
        "Boryeong Economic Innovation Academy in the Sino-Korean Science and Technology Innovation Park",
        "registered",
        "L1689",
        "have settled in the park",
        "inbound",
    ),
    (
        "Daegyeong ICT Association in the Sino-Korean Science and Technology Innovation Park",
        "registered",
        "L1689",
        "have settled in the park",
        "inbound",
    ),
    (
        "KTTC Plastic Surgery in the Sino-Korean Science and Technology Innovation Park",
        "registered",
        "L1689",
        "have settled in the park",
        "inbound",
    ),
    (
        "NetEase Kaola in the Qingdao cross-border e-commerce pilot zone",
        "registered",
        "L1435-1436",
        "settle in the pilot zone",
        "domestic",
    ),
    (
        "JD.com in the Qingdao cross-border e-commerce pilot zone",
        "registered",
        "L1435-1436",
        "settle in the pilot zone",
        "domestic",
    ),
    (
        "Vipshop in the Qingdao cross-border e-commerce pilot zone",
        "registered",
        "L1435-1436",
        "settle in the pilot zone",
        "domestic",
    ),
    (
        "yuanyanggo.com cross-border import platform, Qingdao Bonded Port Area",
        "operating",
        "L1382-1384",
        "busy importing through the platform",
        "domestic",
    ),
    (
        "Costa Cruises regular cruise business from Qingdao",
        "operating",
        "L779-780",
        "announced the launch of regular business",
        "inbound",
    ),
    (
        "China-Pakistan trade and investment center in Qingdao",
        "lead",
        "L912",
        "will promote the establishment",
        "inbound",
    ),
    ("China-Israel development fund (Cukierman & Co.)", "lead", "L174-177", "explored the possibility", "inbound"),
    (
        "Qingdao United General Aviation Co. Ltd. joint venture",
        "registered",
        "L1485-1487",
        "joint venture established",
        "domestic",
    ),
]


class SeedStagesTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", verbosity=0)

    def test_the_table_covers_every_seeded_project(self):
        names = [row[0] for row in EVIDENCE]
        self.assertEqual(len(names), len(set(names)))
        self.assertEqual(sorted(InvestmentProject.objects.values_list("name", flat=True)), sorted(names))

    def test_every_project_stands_at_the_stage_its_lines_state(self):
        for name, stage, lines, words, direction in EVIDENCE:
            with self.subTest(project=name):
                project = InvestmentProject.objects.get(name=name)
                self.assertEqual((project.stage, project.direction), (stage, direction))
                last = project.stage_changes.order_by("occurred_on", "id").last()
                self.assertEqual(last.to_stage, stage)
                [citation] = citations(last.provenance)
                self.assertEqual(citation["file"], DOCUMENT)
                cited = f"L{citation['first']}" + (f"-{citation['last']}" if citation["last"] else "")
                self.assertEqual(cited, lines)
                self.assertIn(f"{words} ({stage})", last.note)

    def test_stage_changes_chain_from_the_first_to_the_current_stage_with_their_dates(self):
        for project in InvestmentProject.objects.prefetch_related("stage_changes"):
            with self.subTest(project=project.name):
                changes = sorted(project.stage_changes.all(), key=lambda c: (c.occurred_on, c.pk))
                self.assertEqual(changes[0].from_stage, "")
                for before, after in pairwise(changes):
                    self.assertEqual(after.from_stage, before.to_stage)
                    self.assertLess(Stage.position(before.to_stage), Stage.position(after.to_stage))
                self.assertEqual(changes[-1].to_stage, project.stage)
                for change in changes:
                    self.assertLessEqual(change.occurred_on, DOCUMENT_DATE)
                    self.assertIsNone(change.changed_by)
                    if change.occurred_on_precision == DatePrecision.YEAR:
                        self.assertEqual((change.occurred_on.month, change.occurred_on.day), (1, 1))
                    elif change.occurred_on_precision != DatePrecision.DAY:
                        self.assertEqual(change.occurred_on.day, 1)

    def test_airbus_line_moves_through_the_dated_stages(self):
        project = InvestmentProject.objects.get(name="Airbus H135 helicopter assembly line, Qingdao")
        self.assertEqual(
            [(c.to_stage, c.occurred_on, c.occurred_on_precision) for c in project.stage_changes.all()],
            [
                ("intent", date(2015, 10, 1), "month"),
                ("registered", date(2016, 6, 1), "month"),
                ("construction", date(2018, 3, 1), "month"),
                ("operating", date(2019, 4, 17), "day"),
            ],
        )

    def test_projects_whose_gate_is_not_met_say_what_the_brochure_does_not_give(self):
        gapped = 0
        for project in InvestmentProject.objects.contracted_or_beyond():
            with self.subTest(project=project.name):
                if missing_items(project, project.stage):
                    gapped += 1
                    self.assertIn(f"Stands at {project.stage} because the brochure says", project.data_gap_note)
                    self.assertIn("the contracted amount and its currency", project.data_gap_note)
                    for field, words in (("investor", "the investor"), ("sector", "the sector"), ("park", "the park")):
                        if getattr(project, f"{field}_id") is None:
                            self.assertIn(words, project.data_gap_note)
        self.assertGreater(gapped, 30)

    def test_no_description_still_says_a_project_is_held_below_its_evidence(self):
        self.assertFalse(InvestmentProject.objects.filter(description__contains="stage gate allows").exists())
        self.assertFalse(InvestmentProject.objects.filter(description__contains="Brochure's words").exists())

    def test_demo_officers_are_marked_as_assigned_for_the_demo(self):
        self.assertFalse(InvestmentProject.objects.filter(assigned_for_demo=False).exists())
