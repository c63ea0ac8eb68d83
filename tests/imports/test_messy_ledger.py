"""A ledger as bureaus keep it: a title row, Chinese headers, 万元 amounts, one investor three ways, two bad rows."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from crm.imports.importers import ProjectImporter
from crm.imports.plan import build_plan, commit
from crm.models import ImportFile
from partners.models import Organization
from projects.models import InvestmentProject, StageChange
from tests.conftest import make_country, make_organization, make_park, make_project, make_sector
from tests.imports.conftest import xlsx

HEADERS = ["项目名称", "投资方", "国别", "行业", "园区", "阶段", "合同外资（万美元）", "总投资", "币种", "签约日期"]


@pytest.fixture
def ledger(db):
    make_country("DE", "Germany", name_zh="德国")
    make_sector("manufacturing", "Advanced manufacturing")
    make_park(name_zh="中德生态园")
    haier = make_organization("Haier Europe GmbH", name_zh="海尔欧洲有限公司")
    existing = make_project("Smart fridge plant", investor=haier, stage="negotiating")
    rows = [
        ["2019年 项目台账"],
        HEADERS,
        [
            "Smart fridge plant",
            "HAIER EUROPE",
            "德国",
            "Advanced manufacturing",
            "Sino-German Eco-Park",
            "洽谈",
            None,
            "5000万元",
            None,
            "2019-06-02",
        ],
        [
            "Haier logistics hub",
            "Ｈａｉｅｒ　Ｅｕｒｏｐｅ",
            "DE",
            "manufacturing",
            "中德生态园",
            "线索",
            None,
            12000,
            "CNY",
            None,
        ],
        ["Haier R&D centre", "海尔欧洲有限公司", "Germany", None, None, "Lead", None, None, None, None],
        ["Bosch hydrogen", "Bosch GmbH", "德国", None, None, "negotiating", "300", "1.5亿元", None, "2019/6/3"],
        ["Broken amount", "Bosch GmbH", "德国", None, None, "lead", "lots", None, None, None],
        ["Unknown stage", "Siemens AG", "德国", None, None, "仍在谈", None, None, None, None],
    ]
    return existing, haier, xlsx(rows)


def outcome(plan):
    return {row.label: (row.action, str(row.matched) if row.matched else None) for row in plan.rows}


def test_preview_then_commit_then_preview_again(ledger, manager):
    existing, haier, content = ledger
    plan = build_plan(ProjectImporter(manager), content, "台账.xlsx")

    assert plan.header_row == 2
    assert outcome(plan) == {
        "Smart fridge plant": ("update", "Smart fridge plant"),
        "Haier logistics hub": ("create", None),
        "Haier R&D centre": ("create", None),
        "Bosch hydrogen": ("create", None),
        "Broken amount": ("error", None),
        "Unknown stage": ("error", None),
    }
    rows = {row.label: row for row in plan.rows}
    # The investor written three ways is one organization, matched in each row.
    for label in ("Smart fridge plant", "Haier logistics hub", "Haier R&D centre"):
        assert rows[label].values["fields"]["investor"] == haier
    assert rows["Smart fridge plant"].changes["total_amount"][1] == "50000000.00 CNY"
    assert rows["Bosch hydrogen"].values["amounts"] == {
        "contracted": (Decimal("3000000.00"), "USD"),
        "total": (Decimal("150000000.00"), "CNY"),
    }
    assert "New organization: Bosch GmbH" in rows["Bosch hydrogen"].notes
    assert rows["Broken amount"].errors == [("合同外资（万美元）", "“lots” is not an amount.")]
    assert rows["Unknown stage"].errors[0][0] == "阶段"
    assert rows["Unknown stage"].number == 8

    upload = ImportFile.objects.create(
        kind="projects", file_name="台账.xlsx", content=content, sha256="0" * 64, uploaded_by=manager
    )
    commit(ProjectImporter(manager), upload, user=manager, digest=plan.digest())

    assert InvestmentProject.objects.count() == 4
    assert Organization.objects.filter(name="Bosch GmbH").count() == 1
    assert not InvestmentProject.objects.filter(name__in=["Broken amount", "Unknown stage"]).exists()
    hub = InvestmentProject.objects.get(name="Haier logistics hub")
    assert hub.investor == haier and hub.total_amount == Decimal("12000.00") and hub.total_currency == "CNY"
    assert "台账.xlsx" in hub.provenance and "row 4" in hub.provenance
    assert "Imported from 台账.xlsx, row 4" in {h.history_change_reason for h in hub.history.all()}
    assert StageChange.objects.filter(project=hub).count() == 1
    existing.refresh_from_db()
    assert existing.total_amount == Decimal("50000000.00") and existing.total_currency == "CNY"
    assert "row 3" in existing.provenance
    assert existing.history.first().history_change_reason == "Imported from 台账.xlsx, row 3"

    again = build_plan(ProjectImporter(manager), content, "台账.xlsx")
    assert [row.action for row in again.rows] == ["unchanged"] * 4 + ["error"] * 2
    assert {row.label: str(row.matched) for row in again.rows[:4]} == {
        "Smart fridge plant": "Smart fridge plant",
        "Haier logistics hub": "Haier logistics hub",
        "Haier R&D centre": "Haier R&D centre",
        "Bosch hydrogen": "Bosch hydrogen",
    }


def test_a_commit_refuses_what_the_preview_did_not_show(ledger, manager):
    _existing, _haier, content = ledger
    plan = build_plan(ProjectImporter(manager), content, "台账.xlsx")
    make_project("Haier logistics hub")
    upload = ImportFile.objects.create(
        kind="projects", file_name="台账.xlsx", content=content, sha256="0" * 64, uploaded_by=manager
    )
    with pytest.raises(ValidationError, match="changed since the preview"):
        commit(ProjectImporter(manager), upload, user=manager, digest=plan.digest())
    assert InvestmentProject.objects.count() == 2
    assert not Organization.objects.filter(name="Bosch GmbH").exists()
