"""How events, delegations, meetings, agreements and follow-ups read and are written over the API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.serializers import RECORD_FIELDS, RecordSerializer
from core.models import Currency
from crm.forms import AgreementForm, DelegationForm, EventForm, FollowUpForm, MeetingForm
from crm.models import Agreement, AgreementParty, Delegation, Event, FollowUp, Meeting


class EventSerializer(RecordSerializer):
    class Meta:
        model = Event
        fields = [*RECORD_FIELDS, *EventForm.Meta.fields]
        read_only_fields = RECORD_FIELDS
        validators = []  # one event per name and start day: the form says so, in its words


class DelegationSerializer(RecordSerializer):
    class Meta:
        model = Delegation
        fields = [*RECORD_FIELDS, *DelegationForm.Meta.fields]
        read_only_fields = RECORD_FIELDS
        validators = []


class MeetingSerializer(RecordSerializer):
    class Meta:
        model = Meeting
        fields = [*RECORD_FIELDS, *MeetingForm.Meta.fields]
        read_only_fields = RECORD_FIELDS


class AgreementPartySerializer(RecordSerializer):
    class Meta:
        model = AgreementParty
        fields = ["organization", "side", "signatory"]
        read_only_fields = fields


class AgreementSerializer(RecordSerializer):
    amount = serializers.DecimalField(
        max_digits=20,
        decimal_places=2,
        required=False,
        allow_null=True,
        min_value=0,
        help_text=_("The stated amount as written in the agreement, in the currency beside it."),
    )
    currency = serializers.ChoiceField(
        choices=Currency.choices,
        required=False,
        allow_blank=True,
        help_text=_("The currency the stated amount is written in."),
    )
    parties = AgreementPartySerializer(
        source="party_links",
        many=True,
        read_only=True,
        help_text=_("The organizations that signed, and on which side; changed on the agreement page."),
    )

    class Meta:
        model = Agreement
        fields = [*RECORD_FIELDS, *AgreementForm.Meta.fields, "amount", "currency", "usd_rate", "amount_usd", "parties"]
        read_only_fields = [*RECORD_FIELDS, "usd_rate", "amount_usd"]


class FollowUpSerializer(RecordSerializer):
    class Meta:
        model = FollowUp
        fields = [*RECORD_FIELDS, *FollowUpForm.Meta.fields, "status", "completed_at", "completed_by"]
        read_only_fields = [*RECORD_FIELDS, "status", "completed_at", "completed_by"]


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=10_000, help_text=_("Added to the description.")
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=10_000, help_text=_("Why the follow-up is cancelled; kept in its description.")
    )


class MakeProjectSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=300, help_text=_("The new project's name."))
