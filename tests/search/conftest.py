import pytest

from tests.conftest import make_country, make_organization, make_project


@pytest.fixture
def records(owner):
    brazil = make_country("BR", "Brazil")
    return {
        "haier": make_organization("Haier Group", name_zh="海尔集团", city="Qingdao"),
        "port": make_organization("Qingdao Port Group", name_zh="青岛港集团"),
        "bureau": make_organization("Qingdao Bureau of Commerce", name_zh="青岛市商务局"),
        "sao_paulo": make_organization("Câmara de Comércio São Paulo", country=brazil, city="São Paulo"),
        "open": make_project("Haier smart factory", name_zh="海尔智能工厂"),
        "secret": make_project("Haier secret expansion", is_confidential=True, officer=owner),
    }
