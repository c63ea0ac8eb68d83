"""What might be invested, and how far it has come."""

from typing import NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.access import active_holders_of, owned_by, through
from core.display import localized_name
from core.models import Currency, DatePrecision, Record, RecordQuerySet
from partners.models import Country, CountryGroup, Organization, Sector

MONEY = {"max_digits": 20, "decimal_places": 2}
RATE = {"max_digits": 18, "decimal_places": 8}


class District(models.TextChoices):
    """Qingdao's districts and county-level cities."""

    SHINAN = "shinan", _("Shinan District")
    SHIBEI = "shibei", _("Shibei District")
    LICANG = "licang", _("Licang District")
    LAOSHAN = "laoshan", _("Laoshan District")
    CHENGYANG = "chengyang", _("Chengyang District")
    HUANGDAO = "huangdao", _("Huangdao District (West Coast New Area)")
    JIMO = "jimo", _("Jimo District")
    JIAOZHOU = "jiaozhou", _("Jiaozhou City")
    PINGDU = "pingdu", _("Pingdu City")
    LAIXI = "laixi", _("Laixi City")
    ABROAD = "abroad", _("Outside Qingdao")


class Stage(models.TextChoices):
    """The pipeline position, in order."""

    LEAD = "lead", _("Lead")
    NEGOTIATING = "negotiating", _("Negotiating")
    INTENT = "intent", _("Intent (LOI/MOU)")
    CONTRACTED = "contracted", _("Contracted")
    REGISTERED = "registered", _("Registered")
    CONSTRUCTION = "construction", _("Construction")
    OPERATING = "operating", _("Operating")

    @classmethod
    def position(cls, stage: str) -> int:
        return cls.values.index(stage)

    @classmethod
    def at_or_beyond(cls, stage: str) -> list[str]:
        """The stages from ``stage`` to the end of the pipeline."""
        return cls.values[cls.position(stage) :]


class Direction(models.TextChoices):
    """Which way the money flows; inbound figures never include the others."""

    INBOUND = "inbound", _("Inbound (foreign investment into Qingdao)")
    OUTBOUND = "outbound", _("Outbound (Qingdao investment abroad)")
    DOMESTIC = "domestic", _("Domestic (from elsewhere in China)")


class AmountKind(models.TextChoices):
    """The kinds of money Chinese investment statistics keep apart; a total never mixes two."""

    PLANNED = "planned", _("Planned investment")
    TOTAL = "total", _("Total project investment")
    CONTRACTED = "contracted", _("Contracted foreign investment")
    REGISTERED = "registered", _("Registered capital")
    UTILIZED = "utilized", _("Utilized foreign investment")


class AmountFields(NamedTuple):
    """The four columns one kind of project amount is kept in."""

    amount: str
    currency: str
    rate: str
    usd: str


# Where each kind typed on a project lives; utilized is not typed, it is the sum of capital inflows.
AMOUNT_FIELDS = {
    AmountKind.PLANNED: AmountFields("planned_amount", "planned_currency", "planned_usd_rate", "planned_usd"),
    AmountKind.TOTAL: AmountFields("total_amount", "total_currency", "total_usd_rate", "total_usd"),
    AmountKind.CONTRACTED: AmountFields("contracted_amount", "currency", "usd_rate", "contracted_usd"),
    AmountKind.REGISTERED: AmountFields(
        "registered_amount", "registered_currency", "registered_usd_rate", "registered_usd"
    ),
}


class Status(models.TextChoices):
    ACTIVE = "active", _("Active")
    ON_HOLD = "on_hold", _("On hold")
    LOST = "lost", _("Lost")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ParkManager(models.Manager.from_queryset(RecordQuerySet)):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Park(Record):
    """An industrial park, development zone or area a project can settle in."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    district = models.CharField(_("district"), max_length=20, choices=District.choices, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = ParkManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("park or zone")
        verbose_name_plural = _("parks and zones")

    def __str__(self):
        return localized_name(self)

    def natural_key(self):
        return (self.code,)

    def get_absolute_url(self):
        return reverse("projects:park_detail", args=[self.code])


class ExchangeRateManager(models.Manager.from_queryset(RecordQuerySet)):
    def get_by_natural_key(self, currency, valid_on):
        return self.get(currency=currency, valid_on=valid_on)


class ExchangeRate(Record):
    """What one unit of a currency was worth in US dollars on a date, and who said so."""

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    valid_on = models.DateField(_("valid on"))
    usd_per_unit = models.DecimalField(
        _("USD per unit"), **RATE, help_text=_("US dollars for one unit of the currency.")
    )
    source = models.CharField(
        _("source"), max_length=300, help_text=_("Who published the rate, e.g. PBOC central parity.")
    )

    objects = ExchangeRateManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["currency", "-valid_on"]
        get_latest_by = "valid_on"
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "valid_on"], name="unique_rate_per_currency_and_day"),
            models.CheckConstraint(condition=Q(usd_per_unit__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self):
        return f"{self.currency} {self.valid_on}: {self.usd_per_unit} USD"

    def natural_key(self):
        return (self.currency, self.valid_on.isoformat())

    @classmethod
    def rate_for(cls, currency: str, on_date) -> "ExchangeRate | None":
        """The latest rate for ``currency`` on or before ``on_date``; the earliest known if none is older."""
        rates = cls.objects.filter(currency=currency)
        return rates.filter(valid_on__lte=on_date).order_by("-valid_on").first() or rates.order_by("valid_on").first()


# Managers hold it: they change every record, not only those they own (``core.access.can_change``).
CHANGE_ANY = "projects.change_any_project"


def officers():
    """The people work is given to: active users whose role may take charge of projects (officers, managers), by name.

    The one list offered wherever a responsible officer, an owner or the officers present are chosen or filtered.
    """
    return active_holders_of("projects.change_investmentproject").order_by("first_name", "last_name", "username")


def reached(stage: str) -> Q:
    """The condition "has reached ``stage``": its stage is there or beyond, or a recorded move took it there.

    A condition rather than only a QuerySet method, so that counts by group can use it in ``filter=``.
    """
    stages = Stage.at_or_beyond(stage)
    moved = StageChange.objects.filter(to_stage__in=stages).values("project")
    return Q(stage__in=stages) | Q(pk__in=moved)


class InvestmentProjectQuerySet(RecordQuerySet):
    def active(self):
        """Projects still being pursued (status active) and not archived."""
        return self.filter(is_archived=False, status=Status.ACTIVE)

    def in_stage(self, *stages: str):
        return self.filter(stage__in=stages)

    def contracted_or_beyond(self):
        return self.in_stage(*Stage.at_or_beyond(Stage.CONTRACTED))

    def reached(self, stage: str):
        """Projects that stand at ``stage`` or beyond, or were recorded there once (a deal that slipped back)."""
        return self.filter(reached(stage))

    def inbound(self):
        """Foreign investment into Qingdao: the only projects inbound figures count."""
        return self.filter(direction=Direction.INBOUND)

    def outbound(self):
        return self.filter(direction=Direction.OUTBOUND)

    def domestic(self):
        return self.filter(direction=Direction.DOMESTIC)

    def signed_counted_once(self):
        """Projects counted in signing figures: each once, at its first signing (it reached contracted).

        A project that slipped back after signing still counts its signing. A later phase or capital
        increase is its own project linked to its parent, and its amounts are its increment only, so a
        total over these rows counts every signed dollar once. Every signing total on every page starts
        here; none joins a table that could repeat a row.
        """
        return self.reached(Stage.CONTRACTED).filter(is_archived=False)

    def first_signings(self):
        """Of these projects, those that are not a later phase of another: the number of projects signed."""
        return self.filter(parent__isnull=True)

    def money_totals(self) -> dict:
        """USD sums of these projects, one per kind and never mixed, with how many amounts wait for a rate.

        Keys are the ``AmountKind`` values. ``contracted`` (合同外资) and ``utilized`` count only
        ``signed_counted_once()``: signed projects, each once; ``planned``, ``total`` and ``registered`` count
        every project here with that amount. A pending amount (no rate yet) is in no sum, only in its
        ``*_pending`` count; ``pending`` adds those up. Two queries.
        """
        signed = self.signed_counted_once()
        # One pass over the rows: the signing figures count the signed ones through a condition.
        signed_q = reached(Stage.CONTRACTED) & Q(is_archived=False)
        money = models.DecimalField(**MONEY)
        kinds = (AmountKind.PLANNED, AmountKind.TOTAL, AmountKind.REGISTERED)
        totals = self.aggregate(
            signed=Count("pk", filter=signed_q),
            phases=Count("pk", filter=signed_q & Q(parent__isnull=False)),
            contracted=Coalesce(Sum("contracted_usd", filter=signed_q), models.Value(0), output_field=money),
            contracted_pending=Count(
                "pk", filter=signed_q & Q(contracted_amount__isnull=False, contracted_usd__isnull=True)
            ),
            count=Count("pk"),
            **{
                str(kind): Coalesce(Sum(AMOUNT_FIELDS[kind].usd), models.Value(0), output_field=money) for kind in kinds
            },
            **{
                f"{kind}_pending": Count(
                    "pk",
                    filter=Q(
                        **{
                            f"{AMOUNT_FIELDS[kind].amount}__isnull": False,
                            f"{AMOUNT_FIELDS[kind].usd}__isnull": True,
                        }
                    ),
                )
                for kind in kinds
            },
        )
        inflows = CapitalInflow.objects.filter(project__in=signed.values("pk")).aggregate(
            utilized=Coalesce(Sum("amount_usd"), models.Value(0), output_field=money),
            utilized_pending=Count("pk", filter=Q(amount_usd__isnull=True)),
        )
        totals.update(inflows)
        totals["pending"] = sum(value for key, value in totals.items() if key.endswith("_pending"))
        return totals

    def usd_pending(self, kind: str):
        """Projects whose ``kind`` amount is recorded but whose USD value waits for a rate."""
        fields = AMOUNT_FIELDS[kind]
        return self.filter(**{f"{fields.amount}__isnull": False, f"{fields.usd}__isnull": True})

    def visibility(self, user) -> Q | None:
        """The one rule: confidential projects only for their officer and those who see all projects."""
        if user.has_perm("projects.view_confidential_projects"):
            return None
        if not user.is_authenticated:
            return Q(is_confidential=False)
        return Q(is_confidential=False) | Q(officer=user.pk)

    def ownership(self, user) -> Q | None:
        """Who changes a project: its responsible officer and whoever created it; managers change all."""
        return owned_by(user, "officer", unless=CHANGE_ANY)

    def with_utilized(self):
        """Annotate ``utilized_usd_total``: the USD sum of recorded capital inflows."""
        return self.annotate(
            utilized_usd_total=Coalesce(
                Sum("capital_inflows__amount_usd"), models.Value(0), output_field=models.DecimalField(**MONEY)
            )
        )


class InvestmentProjectManager(models.Manager.from_queryset(InvestmentProjectQuerySet)):
    def get_by_natural_key(self, reference):
        return self.get(reference=reference)

    def assign_references(self) -> int:
        """Give every project still without one its reference code; return how many were given."""
        missing = list(self.filter(reference__isnull=True).only("pk", "signed_on", "created_at"))
        for project in missing:
            project.reference = project.make_reference()
        self.bulk_update(missing, ["reference"])
        return len(missing)


PENDING_HELP = _("Amount times the rate used; empty while no rate for the currency is recorded (pending).")
RATE_HELP = _("USD per unit, fixed when the amount was entered so later rate changes do not rewrite history.")


class InvestmentProject(Record):
    class Type(models.TextChoices):
        GREENFIELD = "greenfield", _("Greenfield")
        EXPANSION = "expansion", _("Expansion or capital increase")
        JOINT_VENTURE = "joint_venture", _("Joint venture")
        ACQUISITION = "acquisition", _("Merger or acquisition")
        FUND = "fund", _("Fund")
        HEADQUARTERS = "headquarters", _("Headquarters")
        OTHER = "other", _("Other")

    reference = models.CharField(
        _("reference"),
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Assigned by the CRM when the project is recorded (QD-year-number), not taken from any source; "
            "names repeat, references do not."
        ),
    )
    name = models.CharField(_("name"), max_length=300)
    name_zh = models.CharField(_("Chinese name"), max_length=300, blank=True)
    investor = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="projects", verbose_name=_("investor")
    )
    origin_country = models.ForeignKey(
        Country, models.PROTECT, null=True, blank=True, related_name="projects", verbose_name=_("origin country")
    )
    sector = models.ForeignKey(
        Sector, models.PROTECT, null=True, blank=True, related_name="projects", verbose_name=_("sector")
    )
    park = models.ForeignKey(
        Park, models.PROTECT, null=True, blank=True, related_name="projects", verbose_name=_("park or zone")
    )
    district = models.CharField(_("district"), max_length=20, choices=District.choices, blank=True)
    project_type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.GREENFIELD)
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=Direction.choices,
        default=Direction.INBOUND,
        help_text=_("Inbound, outbound or domestic: inbound figures never include the other two."),
    )
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.LEAD)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    lost_reason = models.TextField(_("reason lost or withdrawn"), blank=True)
    lost_to = models.CharField(
        _("competing location"), max_length=200, blank=True, help_text=_("Where the project went instead, if known.")
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("responsible officer"),
    )
    is_confidential = models.BooleanField(
        _("confidential"), default=False, help_text=_("Visible only to its officer and to managers.")
    )
    description = models.TextField(_("description"), blank=True)
    data_gap_note = models.TextField(
        _("data gaps"),
        blank=True,
        help_text=_(
            "What the source leaves open about this project's stage or figures, and why it stands where it does."
        ),
    )
    assigned_for_demo = models.BooleanField(
        _("officer assigned for the demo"),
        default=False,
        help_text=_("The responsible officer was assigned for the demonstration; the source names none."),
    )
    planned_jobs = models.PositiveIntegerField(_("planned jobs"), null=True, blank=True)
    actual_jobs = models.PositiveIntegerField(_("actual jobs"), null=True, blank=True)
    planned_amount = models.DecimalField(
        _("planned investment"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("What the investor plans or intends to invest, as written."),
    )
    planned_currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    planned_usd_rate = models.DecimalField(_("USD rate used"), **RATE, null=True, blank=True, help_text=RATE_HELP)
    planned_usd = models.DecimalField(_("in USD"), **MONEY, null=True, blank=True, help_text=PENDING_HELP)
    total_amount = models.DecimalField(
        _("total project investment"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("The whole investment of the project, as written, whoever pays it."),
    )
    total_currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    total_usd_rate = models.DecimalField(_("USD rate used"), **RATE, null=True, blank=True, help_text=RATE_HELP)
    total_usd = models.DecimalField(_("in USD"), **MONEY, null=True, blank=True, help_text=PENDING_HELP)
    registered_amount = models.DecimalField(
        _("registered capital"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("The registered capital of the company set up, as written."),
    )
    registered_currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    registered_usd_rate = models.DecimalField(_("USD rate used"), **RATE, null=True, blank=True, help_text=RATE_HELP)
    registered_usd = models.DecimalField(_("in USD"), **MONEY, null=True, blank=True, help_text=PENDING_HELP)
    contracted_amount = models.DecimalField(
        _("contracted foreign investment"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("合同外资: foreign capital a signed contract commits, as written, in the currency beside it."),
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    usd_rate = models.DecimalField(
        _("USD rate used"),
        **RATE,
        null=True,
        blank=True,
        help_text=_("USD per unit, fixed when the amount was entered so later rate changes do not rewrite history."),
    )
    contracted_usd = models.DecimalField(
        _("contracted amount in USD"), **MONEY, null=True, blank=True, help_text=_("Amount times the rate used.")
    )
    signed_on = models.DateField(_("first signed on"), null=True, blank=True)
    signed_on_precision = models.CharField(
        _("signing date precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="phases",
        verbose_name=_("parent project"),
        help_text=_(
            "For a later phase or capital increase: the project first signed. This one counts only its increment."
        ),
    )
    last_activity_on = models.DateField(
        _("last activity on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The latest day the project moved or was met about (its creation day when it never moved); "
            "kept by the services that record them, not typed in. Empty when not computed yet."
        ),
    )

    objects = InvestmentProjectManager()
    # The activity date is kept by ``refresh_last_activity`` through ``update()``: no history entry of its own.
    history = HistoricalRecords(excluded_fields=["last_activity_on"])

    class Meta:
        ordering = ["name"]
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        permissions = [
            ("approve_contracted_stage", _("Can move a project to contracted or beyond")),
            ("view_confidential_projects", _("Can see confidential projects of other officers")),
            ("change_any_project", _("Can change every record, not only those the user owns")),
            ("record_stage_with_gaps", _("Can record a stage whose gate is not met, giving a reason")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(contracted_amount__isnull=True) | Q(contracted_amount__gte=0),
                name="project_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(contracted_usd__isnull=True) | Q(contracted_usd__gte=0),
                name="project_usd_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(contracted_amount__isnull=True) | ~Q(currency=""),
                name="project_amount_has_currency",
            ),
            *[
                constraint
                for kind in ("planned", "total", "registered")
                for constraint in (
                    models.CheckConstraint(
                        condition=Q(**{f"{kind}_amount__isnull": True}) | Q(**{f"{kind}_amount__gte": 0}),
                        name=f"project_{kind}_not_negative",
                    ),
                    models.CheckConstraint(
                        condition=Q(**{f"{kind}_amount__isnull": True}) | ~Q(**{f"{kind}_currency": ""}),
                        name=f"project_{kind}_has_currency",
                    ),
                )
            ],
            models.CheckConstraint(condition=~Q(parent=F("id")), name="project_not_own_parent"),
            models.CheckConstraint(
                condition=Q(actual_jobs__isnull=True) | Q(actual_jobs__gte=0), name="project_jobs_not_negative"
            ),
        ]
        indexes = [
            # Pipeline dashboard and project list: counts by stage and status.
            models.Index(fields=["stage", "status"], name="project_stage_status_idx"),
            # Project list in its default order, and the duplicate-name warning (names are not unique). With what the
            # list filters every page on (archived, who may see it), a deep page's ids are read from the index alone.
            models.Index(fields=["name", "is_archived", "is_confidential", "officer"], name="project_list_order_idx"),
            # My work: an officer's projects by stage.
            models.Index(fields=["officer", "stage"], name="project_officer_stage_idx"),
            # Stale projects (dashboard, project list): active ones quiet since a day, an indexed range that
            # also counts them from the index alone (archived projects are never stale).
            models.Index(
                fields=["status", "last_activity_on"],
                condition=Q(is_archived=False),
                name="project_status_activity_idx",
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.reference,)

    def get_absolute_url(self):
        return reverse("projects:project_detail", args=[self.pk])

    def make_reference(self) -> str:
        """QD-<year first signed, else recorded>-<number>: unique because the number is the row's id."""
        year = (self.signed_on or self.created_at or timezone.now()).year
        return f"QD-{year}-{self.pk:04d}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Bookkeeping like ``version``: the reference needs the id the insert just gave.
        if self.reference is None and self.pk is not None:
            self.reference = self.make_reference()
            type(self)._base_manager.filter(pk=self.pk).update(reference=self.reference)

    def clean(self):
        from django.core.exceptions import ValidationError

        errors = {}
        if self.contracted_amount is not None and self.contracted_amount < 0:
            errors["contracted_amount"] = _("An amount cannot be negative.")
        if self.contracted_amount is not None and not self.currency:
            errors["currency"] = _("Say which currency the amount is written in.")
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("A project cannot be its own parent.")
        if self.status in (Status.LOST, Status.WITHDRAWN) and not self.lost_reason.strip():
            errors["lost_reason"] = _("Say why the project was lost or withdrawn.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_contracted_or_beyond(self) -> bool:
        return self.stage in Stage.at_or_beyond(Stage.CONTRACTED)

    def utilized_usd(self):
        """Sum of recorded capital inflows in USD; not typed in."""
        if hasattr(self, "utilized_usd_total"):
            return self.utilized_usd_total
        return self.capital_inflows.aggregate(
            total=Coalesce(Sum("amount_usd"), models.Value(0), output_field=models.DecimalField(**MONEY))
        )["total"]


class ProjectPartQuerySet(models.QuerySet):
    """Rows that belong to one project (its stage changes, its capital inflows): seen with their project."""

    def visibility(self, user) -> Q | None:
        return through(InvestmentProject.objects.all().visibility(user), "project")

    def ownership(self, user) -> Q | None:
        """Changed by those who may change their project."""
        return through(InvestmentProject.objects.all().ownership(user), "project")

    def visible_to(self, user):
        q = self.visibility(user)
        return self if q is None else self.filter(q)


class StageChange(models.Model):
    """One move of a project's stage or status. Written by ``projects.services`` only."""

    project = models.ForeignKey(
        InvestmentProject, models.CASCADE, related_name="stage_changes", verbose_name=_("project")
    )
    from_stage = models.CharField(_("from stage"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to stage"), max_length=20, choices=Stage.choices)
    from_status = models.CharField(_("from status"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to status"), max_length=20, choices=Status.choices)
    occurred_on = models.DateField(
        _("happened on"),
        default=timezone.localdate,
        help_text=_("When the move happened, as far as it is known; time in stage counts from it."),
    )
    occurred_on_precision = models.CharField(
        _("precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    changed_at = models.DateTimeField(
        _("recorded at"), default=timezone.now, help_text=_("When the move was recorded in the CRM.")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="stage_changes",
        verbose_name=_("changed by"),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Why it moved; the reason for a move back or with gaps.")
    )
    gaps_at_move = models.JSONField(
        _("data gaps at the move"),
        default=list,
        blank=True,
        help_text=_("What the stage's gate still asked for when the stage was recorded anyway; empty when nothing."),
    )
    provenance = models.TextField(_("provenance"), blank=True)

    objects = ProjectPartQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "occurred_on", "changed_at", "id"]
        get_latest_by = "changed_at"
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [
            # Timeline on the project page and "what changed this week" on the dashboard.
            models.Index(fields=["changed_at"], name="stage_change_at_idx"),
            # A project's latest move (stale projects) read from the index.
            models.Index(fields=["project", "occurred_on"], name="stage_change_project_on_idx"),
            # "Has reached a stage" (signing totals on every project list, the dashboard): the projects a move
            # took there, read from the index instead of every stage change.
            models.Index(fields=["to_stage", "project"], name="stage_change_to_stage_idx"),
        ]

    def __str__(self):
        return f"{self.project}: {self.from_stage or '-'} → {self.to_stage} ({self.to_status})"


class CapitalInflowQuerySet(ProjectPartQuerySet):
    def usd_pending(self):
        """Inflows whose USD value waits for a rate of their currency."""
        return self.filter(amount_usd__isnull=True)

    def total_usd(self):
        return self.aggregate(
            total=Coalesce(Sum("amount_usd"), models.Value(0), output_field=models.DecimalField(**MONEY))
        )["total"]


class CapitalInflow(Record):
    """Money that actually arrived for a project (实际使用外资). Recorded through ``projects.services``."""

    project = models.ForeignKey(
        InvestmentProject, models.PROTECT, related_name="capital_inflows", verbose_name=_("project")
    )
    received_on = models.DateField(_("received on"))
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    usd_rate = models.DecimalField(_("USD rate used"), **RATE, null=True, blank=True, help_text=RATE_HELP)
    amount_usd = models.DecimalField(_("amount in USD"), **MONEY, null=True, blank=True, help_text=PENDING_HELP)
    note = models.TextField(_("note"), blank=True)

    objects = CapitalInflowQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "received_on"]
        verbose_name = _("capital inflow")
        verbose_name_plural = _("capital inflows")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="capital_inflow_positive"),
            models.CheckConstraint(condition=Q(amount_usd__gte=0), name="capital_inflow_usd_not_negative"),
        ]

    def __str__(self):
        return f"{self.project}: {self.amount} {self.currency} on {self.received_on}"


class Figure(Record):
    """An official statistic for a scope (the city, a district, a park, a country, a group of countries) over a period.

    Shown beside what the CRM's own records add up to, so the gap between the two is visible.
    """

    class Scope(models.TextChoices):
        CITY = "city", _("Qingdao city")
        DISTRICT = "district", _("District")
        PARK = "park", _("Park or zone")
        COUNTRY = "country", _("Country")
        COUNTRY_GROUP = "country_group", _("Group of countries")

    class Metric(models.TextChoices):
        INVESTMENT_PROJECTS = "investment_projects", _("Foreign-invested projects (number)")
        CONTRACTED_INVESTMENT = "contracted_investment", _("Contracted foreign investment")
        UTILIZED_INVESTMENT = "utilized_investment", _("Utilized foreign investment")
        QINGDAO_INVESTMENT = "qingdao_investment", _("Qingdao investment abroad")
        TRADE_VOLUME = "trade_volume", _("Trade volume")
        RANK = "rank", _("Rank")
        OTHER = "other", _("Other")

    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    country = models.ForeignKey(
        Country, models.PROTECT, null=True, blank=True, related_name="figures", verbose_name=_("country")
    )
    country_group = models.ForeignKey(
        CountryGroup,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="figures",
        verbose_name=_("group of countries"),
    )
    park = models.ForeignKey(
        Park, models.PROTECT, null=True, blank=True, related_name="figures", verbose_name=_("park or zone")
    )
    district = models.CharField(_("district"), max_length=20, choices=District.choices, blank=True)
    metric = models.CharField(_("metric"), max_length=30, choices=Metric.choices)
    label = models.CharField(_("label"), max_length=300, help_text=_("The figure as the source words it."))
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, blank=True, help_text=_("Empty for counts and ranks.")
    )
    period_start = models.DateField(
        _("period start"), null=True, blank=True, help_text=_("Empty for a figure at one moment (a stock or a rank).")
    )
    as_of = models.DateField(_("period end or as of"))
    as_of_precision = models.CharField(
        _("as-of precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["scope", "metric", "-as_of", "label"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="figure_value_not_negative"),
            models.CheckConstraint(
                condition=(
                    Q(scope="city", country__isnull=True, country_group__isnull=True, park__isnull=True, district="")
                    | Q(scope="district", country__isnull=True, country_group__isnull=True, park__isnull=True)
                    & ~Q(district="")
                    | Q(scope="park", country__isnull=True, country_group__isnull=True, park__isnull=False)
                    | Q(scope="country", country__isnull=False, country_group__isnull=True, park__isnull=True)
                    | Q(scope="country_group", country__isnull=True, country_group__isnull=False, park__isnull=True)
                ),
                name="figure_scope_matches_its_link",
            ),
        ]
        indexes = [
            # Country, park and dashboard pages: a scope's figures by metric.
            models.Index(fields=["scope", "metric", "as_of"], name="figure_scope_metric_idx"),
        ]

    def __str__(self):
        return self.label

    @property
    def scope_name(self) -> str:
        """What the figure is about, in words: the city, the district, the park, the country or the group."""
        if self.scope == self.Scope.DISTRICT:
            return self.get_district_display()
        linked = self.park or self.country or self.country_group
        return str(linked) if linked else str(self.Scope(self.scope).label)
