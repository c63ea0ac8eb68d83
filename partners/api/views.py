"""Endpoints of countries, sectors, organizations and contacts."""

from django.db.models import OuterRef

from core.api.viewsets import RecordReadViewSet, RecordViewSet
from core.views import count_of
from partners.api.serializers import ContactSerializer, CountrySerializer, OrganizationSerializer, SectorSerializer
from partners.filters import ContactFilterSet, CountryFilterSet, OrganizationFilterSet, SectorFilterSet
from partners.forms import ContactForm, OrganizationForm
from partners.models import Contact, Country, Organization, Sector
from partners.services import create_organization


class CountryViewSet(RecordReadViewSet):
    """Countries, with the groups they are reported in. Changed in the admin only."""

    queryset = Country.objects.prefetch_related("groups").annotate(
        organization_count=count_of(Organization.objects.active().filter(country=OuterRef("pk")))
    )
    serializer_class = CountrySerializer
    filterset_class = CountryFilterSet


class SectorViewSet(RecordReadViewSet):
    """Industries. Changed in the admin only."""

    queryset = Sector.objects.all()
    serializer_class = SectorSerializer
    filterset_class = SectorFilterSet


class OrganizationViewSet(RecordViewSet):
    """Organizations: companies, ports, banks, chambers, universities, government bodies."""

    queryset = Organization.objects.select_related("country", "sector", "parent").annotate(
        contact_count=count_of(Contact.objects.active().filter(organization=OuterRef("pk")))
    )
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    form_class = OrganizationForm

    def save_form(self, form, *, created):
        if not created:
            return super().save_form(form, created=created)
        fields = {name: form.cleaned_data[name] for name in OrganizationForm.Meta.fields}
        return create_organization(
            user=self.request.user, confirm_similar=form.cleaned_data["confirm_similar"], **fields
        )


class ContactViewSet(RecordViewSet):
    """People at organizations."""

    queryset = Contact.objects.select_related("organization")
    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet
    form_class = ContactForm
