"""Pages to add, change and archive organizations and contacts, and the contact list.

The directory pages that gather other apps' records around an organization, a contact or a
country (projects, meetings, delegations) belong to ``crm.views.directory``.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import CreateView, UpdateView

from core.access import RecordAccessMixin
from core.export import Field
from core.listing import RecordListView
from core.versioning import StaleEditViewMixin
from core.views import ArchiveView, FormUserMixin, PrefillMixin
from partners.filters import ContactFilterSet
from partners.forms import ContactForm, OrganizationForm
from partners.models import Contact, Organization
from partners.services import create_organization

# Organizations


class OrganizationCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormUserMixin, CreateView):
    model = Organization
    form_class = OrganizationForm
    permission_required = "partners.add_organization"
    template_name = "partners/organization_form.html"

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in OrganizationForm.Meta.fields}
        try:
            self.object = create_organization(
                user=self.request.user, confirm_similar=form.cleaned_data["confirm_similar"], **fields
            )
        except ValidationError as refusal:
            form.similar = getattr(refusal, "similar", [])
            form.add_error(None, refusal)
            return self.form_invalid(form)
        messages.success(self.request, _("Organization “%(name)s” created.") % {"name": self.object})
        return redirect(self.object)


class OrganizationUpdateView(RecordAccessMixin, StaleEditViewMixin, FormUserMixin, UpdateView):
    model = Organization
    form_class = OrganizationForm
    for_change = True
    template_name = "partners/organization_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Organization “%(name)s” saved.") % {"name": self.object})
        return response


class OrganizationArchiveView(ArchiveView):
    model = Organization


# Contacts


class ContactListView(RecordListView):
    model = Contact
    filterset_class = ContactFilterSet
    template_name = "partners/contact_list.html"
    export_columns = (
        Field("name"),
        Field("name_zh"),
        Field("title"),
        Field("organization"),
        Field("organization__country"),
        Field("email"),
        Field("phone"),
    )

    def get_queryset(self):
        return Contact.objects.select_related("organization", "organization__country")


class ContactCreateView(LoginRequiredMixin, PermissionRequiredMixin, FormUserMixin, PrefillMixin, CreateView):
    model = Contact
    form_class = ContactForm
    permission_required = "partners.add_contact"
    template_name = "partners/contact_form.html"

    prefill = {"organization": "organization"}

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        response = super().form_valid(form)
        messages.success(self.request, _("Contact “%(name)s” created.") % {"name": self.object.name})
        return response


class ContactUpdateView(RecordAccessMixin, StaleEditViewMixin, FormUserMixin, UpdateView):
    model = Contact
    form_class = ContactForm
    for_change = True
    template_name = "partners/contact_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Contact “%(name)s” saved.") % {"name": self.object.name})
        return response


class ContactArchiveView(ArchiveView):
    model = Contact
