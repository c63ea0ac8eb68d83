"""How parks, investment projects, their stage changes and their capital inflows read and are written."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import DateField
from core.api.serializers import RECORD_FIELDS, RecordSerializer
from core.models import Currency, DatePrecision
from projects.forms import ProjectForm
from projects.gates import missing_items
from projects.models import AMOUNT_FIELDS, CapitalInflow, InvestmentProject, Park, Stage, StageChange, Status


class ParkSerializer(RecordSerializer):
    project_count = serializers.IntegerField(
        read_only=True, help_text=_("Projects settled in the park that you may see, archived ones left out.")
    )

    class Meta:
        model = Park
        fields = [*RECORD_FIELDS, "code", "name", "name_zh", "district", "description", "project_count", "provenance"]
        read_only_fields = fields


class StageChangeSerializer(RecordSerializer):
    # Empty on the change that opened the project: it came from no stage.
    from_stage = serializers.ChoiceField(
        choices=Stage.choices,
        allow_blank=True,
        read_only=True,
        help_text=_("The stage before the move; empty on the change that opened the project."),
    )
    from_status = serializers.ChoiceField(
        choices=Status.choices,
        allow_blank=True,
        read_only=True,
        help_text=_("The status before the move; empty on the change that opened the project."),
    )

    class Meta:
        model = StageChange
        fields = [
            "id",
            "from_stage",
            "to_stage",
            "from_status",
            "to_status",
            "occurred_on",
            "occurred_on_precision",
            "changed_at",
            "changed_by",
            "note",
            "gaps_at_move",
        ]
        read_only_fields = fields


class CapitalInflowSerializer(RecordSerializer):
    class Meta:
        model = CapitalInflow
        fields = [
            "id",
            "received_on",
            "amount",
            "currency",
            "usd_rate",
            "amount_usd",
            "note",
            "provenance",
            "created_at",
            "created_by",
        ]
        read_only_fields = fields


# What the project form edits; stage and status move only through the move action.
PROJECT_FIELDS = [*ProjectForm.Meta.fields, "provenance"]
AMOUNTS = [name for fields in AMOUNT_FIELDS.values() for name in (fields.amount, fields.currency)]
FIXED_USD = [name for fields in AMOUNT_FIELDS.values() for name in (fields.rate, fields.usd)]


class ProjectSerializer(RecordSerializer):
    stage = serializers.ChoiceField(
        choices=Stage.choices,
        required=False,
        help_text=_(
            "The pipeline position. Given when a project is opened (lead, negotiating or intent); "
            "moved afterwards only through the move action."
        ),
    )
    has_data_gaps = serializers.BooleanField(
        read_only=True, help_text=_("Whether the project lacks something its stage's gate asks for.")
    )
    data_gaps = serializers.SerializerMethodField(help_text=_("What the project's stage's gate still asks for."))
    stage_changes = StageChangeSerializer(
        many=True, read_only=True, help_text=_("Every recorded move of stage or status, in the order they happened.")
    )
    capital_inflows = CapitalInflowSerializer(
        many=True, read_only=True, help_text=_("Money that actually arrived; the utilized amount is their sum.")
    )
    confirm_same_name = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text=_("Save although a project you may see has the same name (a later phase, say)."),
    )

    class Meta:
        model = InvestmentProject
        fields = [
            *RECORD_FIELDS,
            "reference",
            "stage",
            "status",
            "lost_reason",
            "lost_to",
            *PROJECT_FIELDS,
            *AMOUNTS,
            *FIXED_USD,
            "assigned_for_demo",
            "has_data_gaps",
            "data_gaps",
            "stage_changes",
            "capital_inflows",
            "confirm_same_name",
        ]
        read_only_fields = [*RECORD_FIELDS, "reference", "status", "lost_reason", "lost_to", *FIXED_USD]
        read_only_fields += ["assigned_for_demo"]

    def get_data_gaps(self, project) -> list[str]:
        return missing_items(project)


class MoveSerializer(serializers.Serializer):
    """Where to move a project and when that happened; ``projects.services.move_project`` decides whether it may."""

    stage = serializers.ChoiceField(choices=Stage.choices, required=False, help_text=_("The stage to move to."))
    status = serializers.ChoiceField(choices=Status.choices, required=False, help_text=_("The status to move to."))
    occurred_on = DateField(
        required=False, help_text=_("When the move happened (today when left out); never in the future.")
    )
    occurred_on_precision = serializers.ChoiceField(
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("How much of the date is known; the date is the first day of its period."),
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=10_000,
        help_text=_("Why it moved. Required for a move back or a stage recorded with data gaps."),
    )
    record_with_gaps = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Record the stage although its gate is not met (managers only), giving the reason in note."),
    )
    lost_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=10_000,
        help_text=_("Required when the status becomes lost or withdrawn."),
    )
    lost_to = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text=_("Where the project went instead, if known."),
    )


class InflowSerializer(serializers.Serializer):
    """Money that actually arrived for a project; ``projects.services.record_capital_inflow`` checks and converts it."""

    amount = serializers.DecimalField(max_digits=20, decimal_places=2, help_text=_("The amount received, as written."))
    currency = serializers.ChoiceField(choices=Currency.choices, help_text=_("The currency the amount is written in."))
    received_on = DateField(help_text=_("When the money arrived; never in the future."))
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=10_000, help_text=_("Note."))
    provenance = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=10_000,
        help_text=_("Where this figure comes from: a document or a person."),
    )
