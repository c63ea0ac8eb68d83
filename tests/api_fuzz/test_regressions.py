"""What the schema-driven fuzz run found once, kept as plain tests."""

from projects.models import InvestmentProject


def test_a_project_opened_with_only_its_name_gets_the_opening_stage_and_status(client, owner):
    client.force_login(owner)
    response = client.post("/api/v1/projects/", {"name": "Investor"}, content_type="application/json")
    assert response.status_code in (201, 400), response.content
    if response.status_code == 201:
        body = response.json()
        assert (body["stage"], body["status"]) == ("lead", "active")
    assert not InvestmentProject.objects.filter(stage="").exists()
    assert not InvestmentProject.objects.filter(status="").exists()
