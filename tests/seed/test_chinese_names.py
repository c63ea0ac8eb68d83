"""Every seeded country, sector and park has its Chinese name, or is listed as awaiting a certain one."""

import json
import re
from pathlib import Path

from django.conf import settings

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def records(model: str) -> list[dict]:
    found = []
    for path in sorted(FIXTURES.glob("*.json")):
        found += [
            record["fields"] for record in json.loads(path.read_text(encoding="utf-8")) if record["model"] == model
        ]
    return found


def readme_section(title: str) -> str:
    text = (FIXTURES / "README.md").read_text(encoding="utf-8")
    section = text.split(f"## {title}\n", 1)[1]
    return section.split("\n## ", 1)[0]


def table_codes(section: str) -> dict[str, list[str]]:
    """The rows of the Markdown tables in ``section``, by their first cell's `code`."""
    return {
        match.group(1): [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if (match := re.match(r"\| `([a-z0-9-]+)` \|", line))
    }


def test_every_country_and_sector_has_a_chinese_name():
    for model in ("partners.country", "partners.sector"):
        for fields in records(model):
            assert re.search(r"[\u4e00-\u9fff]", fields["name_zh"]), (model, fields["name"])


def test_every_park_has_a_chinese_name_or_is_listed_as_uncertain():
    uncertain = set(table_codes(readme_section("Chinese names")))
    parks = {fields["code"]: fields["name_zh"] for fields in records("projects.park")}
    assert uncertain <= set(parks), "the README lists parks the seed does not hold"
    for code, name_zh in parks.items():
        if code in uncertain:
            assert name_zh == "", f"{code} has a Chinese name but is listed as uncertain"
        else:
            assert re.search(r"[\u4e00-\u9fff]", name_zh), code


def test_sectors_cover_automotive_and_each_is_mapped_to_gb_t_4754():
    mapping = table_codes(readme_section("Sectors and the classification they follow"))
    sectors = {fields["code"]: fields for fields in records("partners.sector")}
    assert {"automotive", "auto-parts"} <= set(sectors)
    assert set(mapping) == set(sectors)
    for code, cells in mapping.items():
        assert cells[2] == sectors[code]["name_zh"], code
        # A section letter and division, e.g. "C36", or a note naming the codes it draws on.
        assert re.search(r"\b[A-T]\d{2}", cells[3]), (code, cells[3])
