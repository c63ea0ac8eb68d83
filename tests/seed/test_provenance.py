"""Every seeded record says where it came from, and every quote is really in the brochure."""

from django.core.management import call_command
from django.test import TestCase

from tests.seed.seed_helpers import DOCUMENT, REFERENCE_MODELS, citations, document_path, normalize, seeded_models


class SeedProvenanceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_seed", verbosity=0)

    def test_every_seeded_record_has_a_provenance(self):
        for model in seeded_models():
            with self.subTest(model=model._meta.label):
                self.assertFalse(model.objects.filter(provenance="").exists())

    def test_every_record_drawn_from_the_brochure_cites_it(self):
        for model in seeded_models():
            if model._meta.label in REFERENCE_MODELS:
                continue
            for record in model.objects.all():
                with self.subTest(model=model._meta.label, record=str(record)):
                    self.assertTrue(citations(record.provenance), record.provenance)

    def test_every_citation_is_well_formed(self):
        for model in seeded_models():
            for record in model.objects.all():
                for part in record.provenance.split("; "):
                    if ".txt:L" not in part:
                        continue
                    with self.subTest(model=model._meta.label, part=part):
                        [match] = citations(part)
                        self.assertEqual(match["file"], DOCUMENT)
                        self.assertTrue(3 <= len(match["quote"].split()) <= 12, match["quote"])
                        if match["last"]:
                            self.assertLess(int(match["first"]), int(match["last"]))

    def test_every_quote_occurs_in_the_cited_lines(self):
        path = document_path()
        if not path.exists():
            self.skipTest(f"The source brochure is not present at {path}.")
        lines = path.read_text(encoding="utf-8").split("\n")
        checked = 0
        for model in seeded_models():
            for record in model.objects.all():
                for match in citations(record.provenance):
                    first = int(match["first"])
                    last = int(match["last"] or first)
                    joined = normalize(" ".join(lines[first - 1 : last]))
                    with self.subTest(model=model._meta.label, citation=match.group(0)):
                        self.assertIn(normalize(match["quote"]), joined)
                    checked += 1
        self.assertGreater(checked, 500)

    def test_outside_sources_are_named(self):
        from projects.models import ExchangeRate

        for rate in ExchangeRate.objects.all():
            with self.subTest(currency=rate.currency):
                self.assertTrue(rate.source)
        cny = ExchangeRate.objects.get(currency="CNY")
        self.assertIn("National Bureau of Statistics", cny.source)
