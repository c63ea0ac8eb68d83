"""Global search from the navigation bar: 海尔 and haier find the same organization."""

import pytest

from crm import roles
from tests.browser.conftest import log_in
from tests.conftest import make_organization, make_user


def search_from_the_bar(page, query: str) -> None:
    if page.locator(".nav-search-toggle").is_visible():  # 1200 to 1399 px: the box is behind a button
        page.click(".nav-search-toggle")
    page.fill("#nav-search-q", query)
    page.press("#nav-search-q", "Enter")
    page.wait_for_load_state("networkidle")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("width", [1366, 1440])
def test_chinese_and_pinyin_find_the_same_organization(page, live_server, width):
    make_user("officer", roles.OFFICER)
    haier = make_organization("Haier Group", name_zh="海尔集团", city="Qingdao")
    make_organization("Hisense Group", name_zh="海信集团")
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, "officer", next_url="/")

    links = []
    for query in ("海尔", "haier"):
        search_from_the_bar(page, query)
        assert "/search/" in page.url
        hits = page.locator(".search-group[data-kind=organizations] .search-hit a")
        assert hits.count() == 1
        links.append(hits.first.get_attribute("href"))
    assert links == [haier.get_absolute_url()] * 2
    assert page.evaluate("document.documentElement.scrollWidth") <= width
