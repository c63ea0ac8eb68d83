"""The global search results page."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from core.search.query import MAX_QUERY_LENGTH, search


class SearchView(LoginRequiredMixin, TemplateView):
    """Every kind of record the user may see that matches ``?q=``, grouped, best first."""

    template_name = "core/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["results"] = search(self.request.user, self.request.GET.get("q", ""))
        context["max_length"] = MAX_QUERY_LENGTH
        return context
