"""Logging a whole visit in one request: the trip, its meetings, the agreements signed, the follow-ups promised.

The serializers here only type the data; ``crm.services.log_visit`` checks and records all of it or nothing.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.response import Response

from core.api.serializers import RecordSerializer
from crm.api.serializers import DelegationSerializer
from crm.forms.visit import VisitAgreementForm, VisitDelegationForm, VisitMeetingForm
from crm.models import Delegation, FollowUp, Meeting
from crm.services import log_visit
from partners.models import Country, Organization

# As many rows of each kind as the visit page takes at most.
MAX_ROWS = 50


class NewOrganizationSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, help_text=_("The English name of an organization not recorded yet."))
    country = serializers.PrimaryKeyRelatedField(queryset=Country.objects.all(), help_text=_("Its country."))
    confirm_similar = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Create it although organizations with similar names are recorded."),
    )


NEW_ORGANIZATION_HELP = _("An organization to record with the visit, once per name, by the organization name rule.")


class VisitDelegationSerializer(RecordSerializer):
    class Meta:
        model = Delegation
        fields = VisitDelegationForm.Meta.fields
        validators = []


class VisitMeetingSerializer(RecordSerializer):
    new_organization = NewOrganizationSerializer(required=False, help_text=NEW_ORGANIZATION_HELP)

    class Meta:
        model = Meeting
        fields = [*VisitMeetingForm.Meta.fields, "new_organization"]


class VisitAgreementSerializer(RecordSerializer):
    partner_parties = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        many=True,
        required=False,
        help_text=_("Organizations on the partner side."),
    )
    qingdao_parties = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        many=True,
        required=False,
        help_text=_("Organizations on the Qingdao side."),
    )
    new_organization = NewOrganizationSerializer(required=False, help_text=NEW_ORGANIZATION_HELP)

    class Meta:
        model = VisitAgreementForm.Meta.model
        fields = [*VisitAgreementForm.Meta.fields, "partner_parties", "qingdao_parties", "new_organization"]


class VisitFollowUpSerializer(RecordSerializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), help_text=_("Who does it.")
    )

    class Meta:
        model = FollowUp
        fields = ["title", "owner", "due_on", "priority"]


class VisitSerializer(serializers.Serializer):
    delegation = VisitDelegationSerializer(help_text=_("The trip; you are its responsible officer."))
    meetings = VisitMeetingSerializer(many=True, required=False, max_length=MAX_ROWS, help_text=_("Meetings held."))
    agreements = VisitAgreementSerializer(
        many=True, required=False, max_length=MAX_ROWS, help_text=_("Agreements signed.")
    )
    follow_ups = VisitFollowUpSerializer(
        many=True, required=False, max_length=MAX_ROWS, help_text=_("Promises made; each concerns the trip.")
    )


class VisitViewSet(mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Log a visit: what the visit page records, in one request."""

    serializer_class = VisitSerializer

    @extend_schema(
        summary=_("Log a visit"),
        responses={201: DelegationSerializer},
        examples=[
            OpenApiExample(
                _("A trip to Munich with one meeting and one MOU"),
                value={
                    "delegation": {
                        "title": "Munich chemical cluster visit",
                        "direction": "outbound",
                        "status": "returned",
                        "start_date": "2030-06-02",
                        "end_date": "2030-06-05",
                        "countries": [3],
                    },
                    "meetings": [{"title": "Smart-manufacturing centre", "date": "2030-06-03", "organizations": [12]}],
                    "agreements": [
                        {
                            "kind": "mou",
                            "title": "MOU on a training centre",
                            "signed_on": "2030-06-03",
                            "amount": "2000000.00",
                            "currency": "EUR",
                            "partner_parties": [12],
                        }
                    ],
                    "follow_ups": [{"title": "Send the park brochure", "owner": 4, "due_on": "2030-06-20"}],
                },
                request_only=True,
            )
        ],
        description=_(
            "All of it is recorded, or nothing: a refusal names the part refused (delegation, meetings-0, "
            "agreements-1…)."
        ),
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        trip = log_visit(
            user=request.user,
            delegation=data["delegation"],
            meetings=data.get("meetings", ()),
            agreements=data.get("agreements", ()),
            follow_ups=data.get("follow_ups", ()),
        )
        return Response(DelegationSerializer(trip, context=self.get_serializer_context()).data, status=201)
