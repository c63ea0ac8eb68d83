"""A file in the export's convention (headers are the fields' English verbose names) imports back the same projects."""

from datetime import date
from decimal import Decimal

from django.utils import translation

from crm.imports.importers import ProjectImporter
from crm.imports.plan import build_plan, commit
from crm.models import ImportFile
from partners.models import Organization
from projects.models import InvestmentProject
from tests.conftest import make_country, make_organization, make_park, make_project, make_sector
from tests.imports.conftest import xlsx

FIELDS = [
    "reference",
    "name",
    "name_zh",
    "investor",
    "origin_country",
    "sector",
    "park",
    "district",
    "project_type",
    "stage",
    "status",
    "contracted_amount",
    "currency",
    "total_amount",
    "total_currency",
    "signed_on",
]
COMPARED = [
    "name",
    "name_zh",
    "investor__name",
    "origin_country__code",
    "sector__code",
    "park__code",
    "district",
    "project_type",
    "stage",
    "status",
    "contracted_amount",
    "currency",
    "total_amount",
    "total_currency",
    "signed_on",
]


def export_rows(projects) -> list[list]:
    """The projects as the export writes them: English verbose names as headers, labels for choices."""
    with translation.override("en"):
        headers = [str(InvestmentProject._meta.get_field(name).verbose_name) for name in FIELDS]
        rows = [headers]
        for project in projects:
            row = []
            for name in FIELDS:
                field = InvestmentProject._meta.get_field(name)
                value = getattr(project, name)
                if field.choices and value:
                    value = str(getattr(project, f"get_{name}_display")())
                elif field.is_relation:
                    value = str(value) if value else None
                row.append(value)
            rows.append(row)
    return rows


def snapshot():
    return sorted(InvestmentProject.objects.values_list(*COMPARED))


def import_file(content, user):
    upload = ImportFile.objects.create(
        kind="projects", file_name="export.xlsx", content=content, sha256="0" * 64, uploaded_by=user
    )
    plan = build_plan(ProjectImporter(user), content, "export.xlsx")
    commit(ProjectImporter(user), upload, user=user, digest=plan.digest())
    return plan


def test_exported_projects_import_into_an_empty_database_and_again_change_nothing(manager, owner):
    germany = make_country("DE", "Germany", name_zh="德国")
    korea = make_country("KR", "South Korea")
    sector, park = make_sector(), make_park()
    siemens = make_organization("Siemens AG", country=germany)
    make_project(
        "Wind turbines",
        name_zh="风机",
        investor=siemens,
        origin_country=germany,
        sector=sector,
        park=park,
        district="huangdao",
        stage="contracted",
        contracted_amount=Decimal("30000000.00"),
        currency="USD",
        total_amount=Decimal("500000000.00"),
        total_currency="CNY",
        signed_on=date(2019, 6, 2),
        officer=owner,
    )
    make_project(
        "Battery lab",
        investor=make_organization("LG Chem", country=korea),
        origin_country=korea,
        stage="negotiating",
        project_type="joint_venture",
        status="on_hold",
        officer=owner,
    )
    make_project("Unnamed lead", stage="lead")
    before = snapshot()
    content = xlsx(
        export_rows(
            InvestmentProject.objects.select_related("investor", "origin_country", "sector", "park").order_by("name")
        )
    )

    InvestmentProject.objects.all().delete()
    Organization.objects.all().delete()
    first = import_file(content, manager)
    assert first.counts == {"create": 3, "update": 0, "unchanged": 0, "error": 0}
    assert snapshot() == before

    second = build_plan(ProjectImporter(manager), content, "export.xlsx")
    assert second.counts == {"create": 0, "update": 0, "unchanged": 3, "error": 0}
    assert second.to_save == 0


def test_a_confidential_project_the_user_cannot_see_is_neither_matched_nor_shown(owner, other_officer):
    secret = make_project("Secret plant", is_confidential=True, officer=other_officer, description="hidden")
    content = xlsx([["reference", "name", "description"], [secret.reference, "Secret plant", "overwritten"]])
    plan = build_plan(ProjectImporter(owner), content, "ledger.xlsx")
    row = plan.rows[0]
    assert row.action == "create" and row.matched is None
    secret.refresh_from_db()
    assert secret.description == "hidden"


def test_the_project_lists_own_export_imports_back_and_again_changes_nothing(client, manager, owner):
    """The real XLSX the project list exports, not a hand-made one, is a ledger the import reads back."""
    germany = make_country("DE", "Germany", name_zh="德国")
    siemens = make_organization("Siemens AG", country=germany)
    make_project(
        "Wind turbines",
        investor=siemens,
        origin_country=germany,
        sector=make_sector(),
        park=make_park(),
        stage="contracted",
        contracted_amount=Decimal("30000000.00"),
        currency="USD",
        signed_on=date(2019, 6, 2),
        officer=owner,
    )
    make_project("Unnamed lead", stage="lead", officer=owner)
    before = snapshot()
    client.force_login(manager)
    response = client.get("/projects/?format=xlsx")
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content

    InvestmentProject.objects.all().delete()
    Organization.objects.all().delete()
    first = import_file(content, manager)
    assert first.counts["create"] == 2 and first.counts["error"] == 0
    assert snapshot() == before

    second = build_plan(ProjectImporter(manager), content, "export.xlsx")
    assert second.counts == {"create": 0, "update": 0, "unchanged": 2, "error": 0}
