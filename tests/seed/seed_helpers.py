"""What the seed tests share: the seeded models and the citation format."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

DOCUMENT = "000_4c29bc11d0cc8af9.txt"
CITATION = re.compile(r'^(?P<file>[\w.-]+\.txt):L(?P<first>\d+)(?:-(?P<last>\d+))? "(?P<quote>[^"]+)"$')

# Every model the fixtures fill. AgreementParty has no provenance of its own: it is part of its agreement.
SEEDED_MODELS = [
    "partners.CountryGroup",
    "partners.Country",
    "partners.Sector",
    "partners.Organization",
    "partners.Contact",
    "projects.Figure",
    "projects.Park",
    "projects.ExchangeRate",
    "projects.InvestmentProject",
    "projects.StageChange",
    "crm.Event",
    "crm.Delegation",
    "crm.Meeting",
    "crm.Agreement",
    "crm.FollowUp",
]
# Reference data that may rest on outside sources alone (ISO codes, rate publishers, groupings).
REFERENCE_MODELS = {"partners.CountryGroup", "partners.Country", "projects.ExchangeRate"}


def seeded_models():
    return [apps.get_model(label) for label in SEEDED_MODELS]


def document_path() -> Path:
    return Path(settings.SEED_DOCUMENTS_DIR) / DOCUMENT


def normalize(text: str) -> str:
    """Collapse every run of whitespace (line breaks, ideographic spaces) to one space."""
    return re.sub(r"\s+", " ", text).strip()


def citations(provenance: str) -> list[re.Match]:
    """The brochure citations in a provenance; other parts name outside sources in plain words."""
    return [match for part in provenance.split("; ") if (match := CITATION.match(part))]
