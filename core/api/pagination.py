"""Page-number pagination with a ceiling on the page size."""

from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination

from core.parsing import parse_count


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        # A size that is no whole number, or below one, is the default; above the ceiling, the ceiling.
        asked = parse_count(request.query_params.get(self.page_size_query_param), default=self.page_size, minimum=1)
        return min(asked, self.max_page_size)

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        properties = described["properties"]
        properties["count"]["description"] = str(_("How many records the filters select, on every page."))
        properties["next"]["description"] = str(_("The next page's address; null on the last page."))
        properties["previous"]["description"] = str(_("The previous page's address; null on the first page."))
        if isinstance(schema, dict):
            properties["results"] = {**schema, "description": str(_("This page's records, page_size of them at most."))}
        return described
