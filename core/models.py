"""Pieces every record shares (provenance, archiving, versions, creator, money), API tokens, saved list views."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Currency(models.TextChoices):
    """ISO 4217 codes of the currencies amounts are written in."""

    USD = "USD", _("US dollar")
    CNY = "CNY", _("Chinese yuan (RMB)")
    EUR = "EUR", _("Euro")
    KRW = "KRW", _("South Korean won")
    JPY = "JPY", _("Japanese yen")
    HKD = "HKD", _("Hong Kong dollar")
    GBP = "GBP", _("Pound sterling")
    ILS = "ILS", _("Israeli new shekel")
    RUB = "RUB", _("Russian rouble")
    SGD = "SGD", _("Singapore dollar")
    AUD = "AUD", _("Australian dollar")
    CHF = "CHF", _("Swiss franc")


class DatePrecision(models.TextChoices):
    """How much of a date is really known; the stored date is the first day of the period."""

    DAY = "day", _("Exact day")
    MONTH = "month", _("Month only")
    QUARTER = "quarter", _("Quarter only")
    YEAR = "year", _("Year only")


class RecordQuerySet(models.QuerySet):
    def active(self):
        """Records not archived: what lists show by default."""
        return self.filter(is_archived=False)

    def visible_to(self, user):
        """The rows ``user`` may see, by the model's one ``visibility`` rule (``core.access``)."""
        rule = getattr(self, "visibility", None)
        q = rule(user) if rule is not None else None
        return self if q is None else self.filter(q)

    def changeable_by(self, user):
        """The rows ``user`` owns by the model's ``ownership`` rule (``core.access.can_change``), permission aside."""
        rule = getattr(self, "ownership", None)
        q = rule(user) if rule is not None else None
        # Through a subquery: a rule over a many-to-many relation would repeat rows in a join.
        return self if q is None else self.filter(pk__in=self.model._default_manager.filter(q).values("pk"))


def said_once(errors: dict[str, list[ValidationError]], raw: set[str]) -> dict[str, list[ValidationError]]:
    """``errors`` without the messages in ``raw`` (Django's default ones of constraints) when another message
    on no one field, from ``clean()``, explains the problem in words."""
    general = errors.get(NON_FIELD_ERRORS, [])
    if all(str(error.message) in raw for error in general):
        return errors
    kept = [error for error in general if str(error.message) not in raw]
    return {**errors, NON_FIELD_ERRORS: kept}


class Record(models.Model):
    """Abstract base: where a record came from, who created it, whether it is archived, and its edit version."""

    provenance = models.TextField(
        _("provenance"),
        blank=True,
        help_text=_("Where this record's data came from: a document with line numbers and a short quote, or a person."),
    )
    is_archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("Archived records leave lists by default but stay reachable; nothing is deleted."),
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised on every save; an edit started from an older version is refused."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
        help_text=_("Who typed this record in; empty for loaded data. The creator may change it (core.access)."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Bookkeeping, not domain logic: every save of an existing row raises its version so
        # that an edit started from an older copy can be recognised and refused.
        if self.pk is not None and not self._state.adding:
            self.version = (self.version or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version", "updated_at"}
        super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        """Validate as Django does, but say each problem once.

        A database constraint whose rule ``clean()`` already explains in words would add Django's raw
        "Constraint “name” is violated." beside that explanation; it is left out when ``clean()`` said something.
        """
        try:
            super().full_clean(*args, **kwargs)
        except ValidationError as error:
            raw = {
                str(constraint.get_violation_error_message())
                for constraint in self._meta.constraints
                if constraint.violation_error_message == constraint.default_violation_error_message
            }
            raise ValidationError(said_once(error.error_dict, raw)) from None


class ApiTokenQuerySet(models.QuerySet):
    def live(self, *, now=None):
        """Tokens that still open the API: not revoked and not past their expiry."""
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class ApiToken(models.Model):
    """A personal key a user gives a program to call the API as them; only a hash of its secret is kept.

    The secret is shown once, when the token is made. Its first characters (``key_prefix``) let the
    user tell tokens apart; the SHA-256 of the whole secret finds and proves it. Revoking keeps the
    row, so the owner's page can say when the token stopped working.
    """

    PREFIX_LENGTH = 8

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the token is for, such as the program that uses it.")
    )
    key_prefix = models.CharField(
        _("key prefix"), max_length=PREFIX_LENGTH, help_text=_("The secret's first characters, to recognise it.")
    )
    key_hash = models.CharField(
        _("key hash"),
        max_length=64,
        unique=True,
        help_text=_("SHA-256 of the secret; the secret itself is not kept."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(
        _("last used"), null=True, blank=True, help_text=_("Recorded at most once a minute.")
    )
    expires_at = models.DateTimeField(
        _("expires"), null=True, blank=True, help_text=_("Empty: the token works until it is revoked.")
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        constraints = [
            # A name tells a user's working tokens apart; a revoked token leaves its name free.
            models.UniqueConstraint(
                fields=["user", "name"], condition=Q(revoked_at__isnull=True), name="api_token_name_unique_per_user"
            ),
        ]
        indexes = [
            # The owner's token page lists their tokens, newest first.
            models.Index(fields=["user", "-created_at"], name="api_token_user_created"),
        ]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class SavedViewQuerySet(models.QuerySet):
    def for_list(self, user, list_name: str):
        """The saved views of the list ``list_name`` that ``user`` may open: their own and those shared."""
        return self.filter(Q(owner=user.pk) | Q(shared=True), list_name=list_name)


class SavedView(models.Model):
    """A list's filters under a name: the list's URL name and its query string, for its owner or for everyone."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="saved_views", verbose_name=_("owner")
    )
    name = models.CharField(_("name"), max_length=100)
    list_name = models.CharField(
        _("list"), max_length=100, help_text=_("The URL name of the list these filters apply to.")
    )
    query = models.TextField(_("filters"), blank=True, help_text=_("The list's query string, without a page number."))
    shared = models.BooleanField(_("shared"), default=False, help_text=_("Offered to everyone on that list."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = SavedViewQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        permissions = [("share_savedview", _("Can share a saved view with everyone"))]
        constraints = [
            models.UniqueConstraint(fields=["owner", "list_name", "name"], name="saved_view_name_once_per_list"),
        ]
        indexes = [
            # The menu of saved views on every list page.
            models.Index(fields=["list_name", "owner"], name="saved_view_list_owner"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        path = reverse(self.list_name)
        return f"{path}?{self.query}" if self.query else path


# The longest note a record takes; a trip report longer than this belongs in an attached file.
NOTE_MAX_LENGTH = 10_000


class RemarkQuerySet(models.QuerySet):
    def on(self, record):
        """The notes (or files) of ``record``, removed ones included."""
        content_type = ContentType.objects.get_for_model(record)
        return self.filter(content_type=content_type, object_id=record.pk)

    def present(self):
        """Those not removed: what the record's page lists."""
        return self.filter(removed_at__isnull=True)


class Remark(models.Model):
    """Abstract base of what people add to any record: a note or a file, who added it and whether it was removed.

    Removing keeps the row (and a file its content): it leaves the record's page but stays in its history.
    Written only through ``core.notes``.
    """

    content_type = models.ForeignKey(
        ContentType, models.PROTECT, related_name="+", verbose_name=_("kind of record"), editable=False
    )
    object_id = models.PositiveBigIntegerField(_("record id"), editable=False)
    record = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("added by"),
        editable=False,
        help_text=_("Who added it; they may remove it, as may those who may change the record."),
    )
    created_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)
    removed_at = models.DateTimeField(
        _("removed at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Removed ones leave the record's page but are kept, with their history."),
    )
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
        editable=False,
    )

    objects = RemarkQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class Note(Remark):
    """A dated note on a record: what was said on a call, what a visit showed."""

    written_on = models.DateField(
        _("date"), default=timezone.localdate, help_text=_("The day the note is about; today unless said otherwise.")
    )
    text = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-written_on", "-created_at", "-pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        indexes = [
            # The notes section of a record's page, newest first.
            models.Index(fields=["content_type", "object_id", "-written_on"], name="note_record_written"),
        ]

    def __str__(self):
        text = " ".join(self.text.split())
        return text if len(text) <= 60 else text[:59] + "…"


class Attachment(Remark):
    """A file attached to a record (a signed MOU's PDF, a name card photo, a trip report), stored outside the web root.

    The file is kept under a generated name in ``settings.CRM_ATTACHMENTS_DIR``; the name it was uploaded under is
    only shown and offered on download. Served only by ``core.notes_views``, to those who may see the record.
    """

    original_name = models.CharField(_("file name"), max_length=255, help_text=_("The name it was uploaded under."))
    stored_name = models.CharField(
        _("stored as"),
        max_length=200,
        unique=True,
        editable=False,
        help_text=_("Generated path under the attachments folder; never the uploaded name."),
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    mime_type = models.CharField(_("content type"), max_length=100, editable=False)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    thumbnail_name = models.CharField(
        _("thumbnail stored as"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("A small copy of an image, made on upload; empty for other files."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [
            # The files section of a record's page, newest first.
            models.Index(fields=["content_type", "object_id", "-created_at"], name="attachment_record_added"),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("attachment_download", args=[self.pk])

    @property
    def is_image(self) -> bool:
        return self.mime_type.startswith("image/")

    def get_thumbnail_url(self):
        return reverse("attachment_thumbnail", args=[self.pk]) if self.thumbnail_name else ""


class Notification(models.Model):
    """Something another person did that concerns the recipient: written by ``core.notifications.notify`` only."""

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned to you")
        MOVED = "moved", _("Moved to another stage")
        COMMENTED = "commented", _("Commented on")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Who did what the notification tells of."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    target_type = models.ForeignKey(
        "contenttypes.ContentType", models.CASCADE, null=True, blank=True, verbose_name=_("record type")
    )
    target_id = models.PositiveBigIntegerField(_("record id"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    text = models.CharField(
        _("text"),
        max_length=300,
        blank=True,
        help_text=_("The record's name and what changed, as they were when it happened."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            # The notifications page: a user's newest first.
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_new"),
            # The unread count in the navigation bar, on every page.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text}"

    def get_absolute_url(self):
        return reverse("notification_open", args=[self.pk])


class ReminderPreference(models.Model):
    """How often a user wants the reminder e-mail; a user without one gets it daily."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Every day")
        WEEKLY = "weekly", _("Weekly, on Mondays")
        OFF = "off", _("Never")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="reminder_preference", verbose_name=_("user")
    )
    frequency = models.CharField(
        _("reminder e-mail"), max_length=10, choices=Frequency.choices, default=Frequency.DAILY
    )
    language = models.CharField(
        _("e-mail language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("The language reminder e-mails are written in; empty for the site's default."),
    )

    class Meta:
        ordering = ["user"]
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display()}"


class SentDigest(models.Model):
    """A reminder e-mail sent to a user for a day; the unique pair keeps a second run from sending it again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="sent_digests", verbose_name=_("user")
    )
    sent_for = models.DateField(_("for the day"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_for", "user"]
        verbose_name = _("sent reminder e-mail")
        verbose_name_plural = _("sent reminder e-mails")
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_for"], name="digest_once_per_user_and_day"),
        ]

    def __str__(self):
        return f"{self.user} {self.sent_for}"


class SentTeamSummary(models.Model):
    """The team summary posted to the group-chat webhook for a day, once."""

    sent_for = models.DateField(_("for the day"), unique=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_for"]
        verbose_name = _("sent team summary")
        verbose_name_plural = _("sent team summaries")

    def __str__(self):
        return str(self.sent_for)


# The search index's tables belong to core; their module lives with the rest of search.
from core.search.models import SearchEntry, SearchToken  # noqa: E402, F401
