"""Page-number pagination with a ceiling on the page size."""

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
