"""The engagement side: events, delegations, meetings, agreements and follow-ups."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.access import owned_by, through
from core.dates import period_start
from core.models import Currency, DatePrecision, Record, RecordQuerySet
from partners.models import Contact, Country, Organization
from projects.models import CHANGE_ANY, MONEY, RATE, InvestmentProject

REPORT_DUE_DAYS = 15


def _check_dates(instance, start_field="start_date", end_field="end_date"):
    start, end = getattr(instance, start_field), getattr(instance, end_field)
    if start and end and end < start:
        raise ValidationError({end_field: _("The end date cannot be before the start date.")})


class Event(Record):
    """A named promotion event: a Qingdao Week, a conference, a fair, a forum."""

    class Kind(models.TextChoices):
        QINGDAO_WEEK = "qingdao_week", _("Qingdao Week or promotion week")
        CONFERENCE = "conference", _("Conference or summit")
        FAIR = "fair", _("Fair or expo")
        FORUM = "forum", _("Forum or seminar")
        PROMOTION = "promotion", _("Investment promotion meeting")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=300)
    name_zh = models.CharField(_("Chinese name"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROMOTION)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country, models.PROTECT, null=True, blank=True, related_name="events", verbose_name=_("country")
    )
    organizers = models.ManyToManyField(
        Organization, blank=True, related_name="organized_events", verbose_name=_("organizers")
    )
    description = models.TextField(_("description"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)

    objects = RecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.UniqueConstraint(fields=["name", "start_date"], name="unique_event_name_and_start"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")), name="event_end_not_before_start"
            ),
        ]
        indexes = [
            # The list's default order.
            models.Index(fields=["-start_date", "name"], name="event_list_order_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("crm:event_detail", args=[self.pk])

    def clean(self):
        _check_dates(self)


class DelegationQuerySet(RecordQuerySet):
    def ownership(self, user) -> Q | None:
        """Who changes a trip and its report: its responsible officer and whoever created it; managers all."""
        return owned_by(user, "officer", unless=CHANGE_ANY)

    def report_pending(self):
        """Trips that ended and whose report is not in yet; it is due 15 days after return."""
        return self.filter(status__in=[Delegation.Status.UNDERWAY, Delegation.Status.RETURNED], end_date__isnull=False)

    def report_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.report_pending().filter(end_date__lt=today - timedelta(days=REPORT_DUE_DAYS))


class Delegation(Record):
    """A trip: outbound from Qingdao, or a visit to Qingdao."""

    class Direction(models.TextChoices):
        OUTBOUND = "outbound", _("Outbound from Qingdao")
        INBOUND = "inbound", _("Inbound to Qingdao")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDERWAY = "underway", _("Underway")
        RETURNED = "returned", _("Returned, report pending")
        REPORTED = "reported", _("Reported")

    title = models.CharField(_("title"), max_length=300)
    title_zh = models.CharField(_("Chinese title"), max_length=300, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    leader = models.ForeignKey(
        Contact, models.PROTECT, null=True, blank=True, related_name="led_delegations", verbose_name=_("leader")
    )
    members = models.ManyToManyField(Contact, blank=True, related_name="delegations", verbose_name=_("members"))
    members_note = models.TextField(
        _("other members"), blank=True, help_text=_("Members not recorded as contacts, as the source names them.")
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations",
        verbose_name=_("responsible officer"),
        help_text=_("Who writes the trip report and keeps this record current."),
    )
    organizations = models.ManyToManyField(
        Organization,
        blank=True,
        related_name="delegations",
        verbose_name=_("organizations"),
        help_text=_("Inbound: who came. Outbound: the Qingdao bodies that went."),
    )
    countries = models.ManyToManyField(Country, blank=True, related_name="delegations", verbose_name=_("countries"))
    cities = models.CharField(_("cities"), max_length=300, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    purpose = models.TextField(_("purpose"), blank=True)
    event = models.ForeignKey(
        Event, models.PROTECT, null=True, blank=True, related_name="delegations", verbose_name=_("event")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    report = models.TextField(_("trip report"), blank=True)
    reported_on = models.DateField(_("report submitted on"), null=True, blank=True)

    objects = DelegationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(fields=["title", "start_date"], name="unique_delegation_title_and_start"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="delegation_end_not_before_start",
            ),
        ]
        indexes = [
            # My work: an officer's delegations whose report is due.
            models.Index(fields=["officer", "status"], name="delegation_officer_status_idx"),
            # The list's default order: its first page read from the index, not a sort of every row.
            models.Index(fields=["-start_date", "title"], name="delegation_list_order_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("crm:delegation_detail", args=[self.pk])

    def clean(self):
        _check_dates(self)
        if self.status == self.Status.REPORTED and not self.report.strip():
            raise ValidationError({"report": _("A delegation can only be marked reported once its report is written.")})

    @property
    def report_due_on(self):
        """The trip report is due 15 days after return."""
        return self.end_date + timedelta(days=REPORT_DUE_DAYS) if self.end_date else None

    @property
    def report_is_pending(self) -> bool:
        """The rule of ``DelegationQuerySet.report_pending`` for one delegation."""
        return self.status in (self.Status.UNDERWAY, self.Status.RETURNED) and self.end_date is not None

    @property
    def report_is_overdue(self) -> bool:
        """The rule of ``DelegationQuerySet.report_overdue`` for one delegation, as of today."""
        return self.report_is_pending and self.report_due_on < timezone.localdate()


class MeetingQuerySet(RecordQuerySet):
    def ownership(self, user) -> Q | None:
        """Who changes a meeting: the officers present, the trip's officer, whoever created it; managers all."""
        return owned_by(user, "officers", "delegation__officer", unless=CHANGE_ANY)


class Meeting(Record):
    """One encounter: during a delegation, at an event, or on its own."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        FORUM = "forum", _("Forum or seminar")
        SITE_VISIT = "site_visit", _("Site visit")
        SIGNING = "signing", _("Signing ceremony")
        CALL = "call", _("Call")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    delegation = models.ForeignKey(
        Delegation, models.PROTECT, null=True, blank=True, related_name="meetings", verbose_name=_("delegation")
    )
    event = models.ForeignKey(
        Event, models.PROTECT, null=True, blank=True, related_name="meetings", verbose_name=_("event")
    )
    organizations = models.ManyToManyField(
        Organization, blank=True, related_name="meetings", verbose_name=_("organizations met")
    )
    contacts = models.ManyToManyField(Contact, blank=True, related_name="meetings", verbose_name=_("people met"))
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="meetings", verbose_name=_("officers present")
    )
    project = models.ForeignKey(
        InvestmentProject, models.PROTECT, null=True, blank=True, related_name="meetings", verbose_name=_("project")
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("What was discussed."))
    outcome = models.TextField(_("outcome"), blank=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [
            # Timelines and "no meeting for 90 days" on the dashboard.
            models.Index(fields=["project", "date"], name="meeting_project_date_idx"),
            # The list's default order.
            models.Index(fields=["-date", "title"], name="meeting_list_order_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("crm:meeting_detail", args=[self.pk])


class AgreementQuerySet(RecordQuerySet):
    def ownership(self, user) -> Q | None:
        """Who changes an agreement: whoever created it and the officer of the trip it was signed on; managers all."""
        return owned_by(user, "delegation__officer", unless=CHANGE_ANY)

    def without_projects(self):
        """Agreements that produced no investment project yet."""
        return self.filter(projects__isnull=True)

    def intents(self):
        """Letters of intent and MOUs: the signatures that most often never become investment."""
        return self.filter(kind__in=[Agreement.Kind.LETTER_OF_INTENT, Agreement.Kind.MOU])

    def signed_before(self, day):
        return self.filter(signed_on__lt=day)


class Agreement(Record):
    """The register of what was signed."""

    class Kind(models.TextChoices):
        LETTER_OF_INTENT = "loi", _("Letter of intent")
        MOU = "mou", _("Memorandum of understanding")
        FRAMEWORK = "framework", _("Framework agreement")
        STRATEGIC = "strategic", _("Strategic cooperation agreement")
        SISTER = "sister", _("Sister city or sister port agreement")
        INVESTMENT_CONTRACT = "investment_contract", _("Investment contract")
        COOPERATION = "cooperation", _("Cooperation agreement")
        SUPPLEMENTARY = "supplementary", _("Supplementary agreement")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PLANNED = "planned", _("Signing planned")
        SIGNED = "signed", _("Signed")
        IN_FORCE = "in_force", _("In force")
        FULFILLED = "fulfilled", _("Fulfilled")
        LAPSED = "lapsed", _("Lapsed")
        TERMINATED = "terminated", _("Terminated")

    # Statuses of an agreement not signed yet: the only ones a signing date still ahead allows.
    UNSIGNED = (Status.DRAFT, Status.PLANNED)

    title = models.CharField(_("title"), max_length=400)
    title_zh = models.CharField(_("Chinese title"), max_length=400, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    is_binding = models.BooleanField(_("binding"), default=False)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=10, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    place = models.CharField(_("place signed"), max_length=200, blank=True)
    delegation = models.ForeignKey(
        Delegation, models.PROTECT, null=True, blank=True, related_name="agreements", verbose_name=_("delegation")
    )
    event = models.ForeignKey(
        Event, models.PROTECT, null=True, blank=True, related_name="agreements", verbose_name=_("event")
    )
    meeting = models.ForeignKey(
        Meeting, models.PROTECT, null=True, blank=True, related_name="agreements", verbose_name=_("meeting")
    )
    parties = models.ManyToManyField(
        Organization, through="AgreementParty", related_name="agreements", verbose_name=_("parties")
    )
    amount = models.DecimalField(_("stated amount"), **MONEY, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    usd_rate = models.DecimalField(_("USD rate used"), **RATE, null=True, blank=True)
    amount_usd = models.DecimalField(_("stated amount in USD"), **MONEY, null=True, blank=True)
    batch_size = models.PositiveIntegerField(
        _("agreements in batch"),
        null=True,
        blank=True,
        help_text=_("When the source reports a batch ('24 projects were signed') as one record: how many."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SIGNED)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    projects = models.ManyToManyField(
        InvestmentProject, blank=True, related_name="agreements", verbose_name=_("projects produced")
    )
    description = models.TextField(_("description"), blank=True)

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="agreement_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""), name="agreement_amount_has_currency"
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(signed_on__isnull=True) | Q(expires_on__gte=F("signed_on")),
                name="agreement_expiry_not_before_signing",
            ),
        ]
        indexes = [
            # Dashboard: MOUs older than six months with no project.
            models.Index(fields=["kind", "signed_on"], name="agreement_kind_signed_idx"),
            # The list's default order.
            models.Index(fields=["-signed_on", "title"], name="agreement_list_order_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("crm:agreement_detail", args=[self.pk])

    @property
    def signing_is_ahead(self) -> bool:
        """Whether the signing date (its first day, at the precision known) is still to come."""
        return bool(self.signed_on) and period_start(self.signed_on, self.date_precision) > timezone.localdate()

    def clean(self):
        errors = {}
        if self.amount is not None and self.amount < 0:
            errors["amount"] = _("An amount cannot be negative.")
        if self.amount is not None and not self.currency:
            errors["currency"] = _("Say which currency the amount is written in.")
        if self.expires_on and self.signed_on and self.expires_on < self.signed_on:
            errors["expires_on"] = _("An agreement cannot expire before it was signed.")
        if self.signed_on and self.signing_is_ahead and self.status not in self.UNSIGNED:
            errors["status"] = _(
                "Dated %(day)s, the agreement has not been signed yet: record it as “%(planned)s”, "
                "and as signed once it is."
            ) % {"day": date_format(self.signed_on), "planned": self.Status.PLANNED.label}
        if errors:
            raise ValidationError(errors)


class AgreementPartyQuerySet(models.QuerySet):
    def ownership(self, user) -> Q | None:
        """Changed with the agreement, by those who may change it."""
        return through(Agreement.objects.all().ownership(user), "agreement")


class AgreementParty(models.Model):
    """An organization that signed an agreement, and on which side."""

    class Side(models.TextChoices):
        QINGDAO = "qingdao", _("Qingdao side")
        PARTNER = "partner", _("Partner side")
        WITNESS = "witness", _("Witness")

    agreement = models.ForeignKey(Agreement, models.CASCADE, related_name="party_links", verbose_name=_("agreement"))
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="agreement_links", verbose_name=_("organization")
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    signatory = models.ForeignKey(
        Contact, models.PROTECT, null=True, blank=True, related_name="signed_agreements", verbose_name=_("signatory")
    )

    objects = AgreementPartyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "side", "organization__name"]
        verbose_name = _("agreement party")
        verbose_name_plural = _("agreement parties")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "organization"], name="unique_party_per_agreement"),
        ]

    def __str__(self):
        return f"{self.organization} ({self.get_side_display()})"


class FollowUpQuerySet(RecordQuerySet):
    def open(self):
        return self.filter(status=FollowUp.Status.OPEN)

    def overdue(self, today=None):
        """Open follow-ups whose due date has passed. Computed, never stored."""
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def due_within(self, days: int, today=None):
        """Open follow-ups due from today up to ``days`` days ahead."""
        today = today or timezone.localdate()
        return self.open().filter(due_on__gte=today, due_on__lte=today + timedelta(days=days))

    def owned_by(self, user):
        return self.filter(owner=user)

    def ownership(self, user) -> Q | None:
        """Who changes, completes, cancels or reopens a follow-up: its owner and whoever created it; managers all."""
        return owned_by(user, "owner", unless=CHANGE_ANY)


class FollowUp(Record):
    """A promised next step, with an owner and a due date."""

    class Priority(models.TextChoices):
        LOW = "low", _("Low")
        NORMAL = "normal", _("Normal")
        HIGH = "high", _("High")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")
        NOT_RECORDED = "not_recorded", _("Outcome not recorded")

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="follow_ups", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due on"))
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=Status.choices,
        default=Status.OPEN,
        help_text=_("“Outcome not recorded”: a promise from a source that does not say whether it was kept."),
    )
    assigned_for_demo = models.BooleanField(
        _("owner and priority assigned for the demo"),
        default=False,
        help_text=_("The source names no owner or priority; these were assigned for the demonstration."),
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="completed_follow_ups",
        verbose_name=_("completed by"),
    )
    project = models.ForeignKey(
        InvestmentProject, models.PROTECT, null=True, blank=True, related_name="follow_ups", verbose_name=_("project")
    )
    agreement = models.ForeignKey(
        Agreement, models.PROTECT, null=True, blank=True, related_name="follow_ups", verbose_name=_("agreement")
    )
    delegation = models.ForeignKey(
        Delegation, models.PROTECT, null=True, blank=True, related_name="follow_ups", verbose_name=_("delegation")
    )
    meeting = models.ForeignKey(
        Meeting, models.PROTECT, null=True, blank=True, related_name="follow_ups", verbose_name=_("meeting")
    )
    organization = models.ForeignKey(
        Organization, models.PROTECT, null=True, blank=True, related_name="follow_ups", verbose_name=_("organization")
    )

    objects = FollowUpQuerySet.as_manager()
    history = HistoricalRecords()

    CONCERNS = ("project", "agreement", "delegation", "meeting", "organization")

    class Meta:
        ordering = ["due_on", "title"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=False)
                | Q(agreement__isnull=False)
                | Q(delegation__isnull=False)
                | Q(meeting__isnull=False)
                | Q(organization__isnull=False),
                name="follow_up_concerns_a_record",
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_at__isnull=False), name="follow_up_done_has_time"
            ),
        ]
        indexes = [
            # My work and the overdue list: open follow-ups by owner and due date.
            models.Index(fields=["owner", "status", "due_on"], name="follow_up_owner_due_idx"),
            # The list's default order.
            models.Index(fields=["due_on", "title"], name="follow_up_list_order_idx"),
            # Overdue and open follow-ups of everyone: the list's filters and the dashboard's count.
            models.Index(fields=["status", "due_on"], name="follow_up_status_due_idx"),
            # The list's "open, by priority": its first page read from the index, not sorted from every open one.
            models.Index(fields=["status", "priority", "due_on"], name="follow_up_status_priority_idx"),
            # The dashboard's follow-ups completed this week.
            models.Index(fields=["status", "completed_at"], name="follow_up_status_completed_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("crm:followup_detail", args=[self.pk])

    def clean(self):
        if not any(getattr(self, f"{name}_id") for name in self.CONCERNS):
            raise ValidationError(
                _("Say what this follow-up concerns: a project, agreement, delegation, meeting or organization.")
            )

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on < timezone.localdate()

    @property
    def concerns(self):
        """The records this follow-up is about, in the order of ``CONCERNS``."""
        return [getattr(self, name) for name in self.CONCERNS if getattr(self, f"{name}_id")]


class CalendarFeedQuerySet(models.QuerySet):
    def live(self):
        """Feeds that still answer: not revoked, and their user still active."""
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class CalendarFeed(models.Model):
    """A user's private calendar subscription address; only a hash of its secret token is kept.

    The token is shown once, when the address is made. The first characters (``token_prefix``)
    find the row; the SHA-256 of the whole token proves it. Revoking keeps the row, so the page can
    say when the address stopped working.
    """

    PREFIX_LENGTH = 8

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="calendar_feed", verbose_name=_("user")
    )
    token_prefix = models.CharField(
        _("token prefix"), max_length=PREFIX_LENGTH, unique=True, help_text=_("The token's first characters.")
    )
    token_hash = models.CharField(
        _("token hash"), max_length=64, help_text=_("SHA-256 of the secret token; the token itself is not kept.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["user"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"{self.user} ({self.token_prefix}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.user.is_active


class ReportQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("An issued report never changes."))

    def delete(self):
        raise ValidationError(_("An issued report is never deleted."))


class Report(models.Model):
    """An issued leadership report: its figures frozen as they stood, and the workbook sent upward.

    Never changed once issued, so that the next report can say what moved since. Issued through
    ``crm.services.issue_report`` only.
    """

    class Kind(models.TextChoices):
        MONTH = "month", _("Month")
        QUARTER = "quarter", _("Quarter")
        YEAR = "year", _("Year")

    number = models.CharField(
        _("number"),
        max_length=30,
        unique=True,
        help_text=_("The period and the how-manieth report on it: 2019-M06-1, 2019-Q2-1, 2019-2."),
    )
    kind = models.CharField(_("period kind"), max_length=10, choices=Kind.choices)
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="issued_reports", verbose_name=_("issued by")
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    data = models.JSONField(_("figures"), help_text=_("Every figure of the report as it stood when issued."))
    workbook = models.BinaryField(_("workbook"), help_text=_("The XLSX file as issued."))

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        get_latest_by = "issued_at"
        verbose_name = _("issued report")
        verbose_name_plural = _("issued reports")
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="report_period_in_order"),
        ]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        # A snapshot is written once; the refusal is here because no page, admin or script may bypass it.
        if self.pk is not None:
            raise ValidationError(_("An issued report never changes."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("crm:report_detail", args=[self.number])

    def delete(self, *args, **kwargs):
        raise ValidationError(_("An issued report is never deleted."))


class ListExport(models.Model):
    """One export of a list page to a file: who, which list, with which filters, how many rows, when.

    Written by ``crm.services.record_list_export`` when ``core.export`` announces an export; never changed.
    """

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="list_exports", verbose_name=_("exported by")
    )
    list_name = models.CharField(_("list"), max_length=60)
    filters = models.JSONField(_("filters"), default=dict, blank=True, help_text=_("The query string's values."))
    row_count = models.PositiveIntegerField(_("rows"))
    file_format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    exported_at = models.DateTimeField(_("exported at"), default=timezone.now, db_index=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("list export")
        verbose_name_plural = _("list exports")
        ordering = ["-exported_at", "-pk"]

    def __str__(self):
        return f"{self.list_name} ({self.file_format}, {self.row_count})"


class ImportFile(models.Model):
    """A spreadsheet uploaded for import, kept between its preview and its commit.

    The bytes are kept here, with their SHA-256, so the commit reads exactly the file the preview read;
    ``preview_digest`` fingerprints what the preview showed, and a commit that would do anything else is refused.
    """

    class Kind(models.TextChoices):
        ORGANIZATIONS = "organizations", _("Organizations")
        CONTACTS = "contacts", _("Contacts")
        PROJECTS = "projects", _("Projects (ledger)")
        MEETINGS = "meetings", _("Meetings")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    preview_digest = models.CharField(_("preview fingerprint"), max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    committed_at = models.DateTimeField(_("committed"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("import file")
        verbose_name_plural = _("import files")

    def __str__(self):
        return self.file_name

    def get_absolute_url(self):
        return reverse("crm:import_preview", args=[self.pk])
