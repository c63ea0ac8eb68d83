"""The record of list exports, for managers: who took which list out, with which filters, when."""

from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.views.generic import ListView

from core.listing import PAGE_SIZES
from crm.models import ListExport


class ListExportListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    model = ListExport
    permission_required = "crm.view_listexport"
    paginate_by = PAGE_SIZES[-1]
    template_name = "crm/listexport_list.html"

    def get_queryset(self):
        return ListExport.objects.select_related("user")
