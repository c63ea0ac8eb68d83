"""Log a visit: a trip with its meetings, agreements and promised follow-ups, saved in one go."""

from django.urls import reverse_lazy

from crm.forms import DelegationForm
from crm.models import Delegation
from crm.views.common import RecordCreateView


class VisitLogView(RecordCreateView):
    model = Delegation
    form_class = DelegationForm
    template_name = "crm/visit_log.html"
    list_url = reverse_lazy("crm:delegation_list")
