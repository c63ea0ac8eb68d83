"""Pieces every record in the product shares: provenance, archiving, versions, who created it, money."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


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
