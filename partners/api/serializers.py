"""How countries, sectors, organizations and contacts read and are written over the API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.serializers import RECORD_FIELDS, RecordSerializer
from partners.models import Contact, Country, Organization, Sector


class CountrySerializer(RecordSerializer):
    groups = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        read_only=True,
        help_text=_("Codes of the groups the country is reported in (sco, eu, rcep, belt-and-road…)."),
    )
    organization_count = serializers.IntegerField(
        read_only=True, help_text=_("Organizations from this country, archived ones left out.")
    )

    class Meta:
        model = Country
        fields = [*RECORD_FIELDS, "code", "name", "name_zh", "groups", "organization_count", "provenance"]
        read_only_fields = fields


class SectorSerializer(RecordSerializer):
    class Meta:
        model = Sector
        fields = [*RECORD_FIELDS, "code", "name", "name_zh", "provenance"]
        read_only_fields = fields


ORGANIZATION_FIELDS = [
    "name",
    "name_zh",
    "kind",
    "country",
    "city",
    "sector",
    "parent",
    "website",
    "notes",
    "provenance",
]


class OrganizationSerializer(RecordSerializer):
    contact_count = serializers.IntegerField(
        read_only=True, help_text=_("Contacts recorded at this organization, archived ones left out.")
    )
    confirm_similar = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=_(
            "Record the name although organizations with similar names are recorded; "
            "send it only after checking that none of them is this one."
        ),
    )

    class Meta:
        model = Organization
        fields = [*RECORD_FIELDS, *ORGANIZATION_FIELDS, "contact_count", "confirm_similar"]
        read_only_fields = RECORD_FIELDS
        # The name rule (recorded already, in either language and any case) is the form's, not a validator's.
        extra_kwargs = {"name": {"validators": []}}


class ContactSerializer(RecordSerializer):
    class Meta:
        model = Contact
        fields = [*RECORD_FIELDS, "organization", "name", "name_zh", "title", "email", "phone", "notes", "provenance"]
        read_only_fields = RECORD_FIELDS
        validators = []  # one name per organization: the form says so, in its words
