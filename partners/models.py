"""Who the bureau deals with: countries, sectors, organizations and the people in them."""

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Length
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.display import localized_name
from core.models import Record, RecordQuerySet
from partners.names import name_key


class CodeManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class CountryGroup(Record):
    """A grouping countries are reported by: SCO member, EU, RCEP, Belt and Road."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)

    objects = CodeManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country group")
        verbose_name_plural = _("country groups")

    def __str__(self):
        return localized_name(self)

    def natural_key(self):
        return (self.code,)


class Country(Record):
    code = models.CharField(
        _("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2 code, e.g. DE, IL, KR.")
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)
    groups = models.ManyToManyField(CountryGroup, blank=True, related_name="countries", verbose_name=_("groups"))

    objects = CodeManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[A-Z]{2}$"), name="country_code_two_capitals"),
        ]

    def __str__(self):
        return localized_name(self)

    def natural_key(self):
        return (self.code,)

    def get_absolute_url(self):
        return reverse("partners:country_detail", args=[self.code])


class Sector(Record):
    """An industry. Lives here because organizations have one and partners depends on nothing."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)

    objects = CodeManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return localized_name(self)

    def natural_key(self):
        return (self.code,)


class OrganizationQuerySet(RecordQuerySet):
    def similar_to(self, name: str):
        """Organizations whose name contains, or is contained in, ``name`` (case-insensitive).

        "Qingdao Port" is similar to "Qingdao Port Group" both ways round. Names shorter than
        four characters only match exactly, so "AG" does not match every German company.
        """
        name = " ".join(name.split())
        if not name:
            return self.none()
        if len(name) < 4:
            return self.filter(Q(name__iexact=name) | Q(name_zh__iexact=name))
        contained = (
            self.alias(typed=Value(name), name_length=Length("name"))
            .filter(name_length__gte=4, typed__icontains=F("name"))
            .values("pk")
        )
        return self.filter(Q(name__icontains=name) | Q(name_zh__icontains=name) | Q(pk__in=contained))


class OrganizationManager(models.Manager.from_queryset(OrganizationQuerySet)):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class Organization(Record):
    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        PORT = "port", _("Port")
        BANK = "bank", _("Bank")
        CHAMBER = "chamber", _("Chamber or association")
        UNIVERSITY = "university", _("University or research body")
        GOVERNMENT = "government", _("Government body")
        FUND = "fund", _("Fund or investor")
        HOSPITAL = "hospital", _("Hospital")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("The English name."))
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    country = models.ForeignKey(Country, models.PROTECT, related_name="organizations", verbose_name=_("country"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    sector = models.ForeignKey(
        Sector, models.PROTECT, null=True, blank=True, related_name="organizations", verbose_name=_("sector")
    )
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="subsidiaries",
        verbose_name=_("parent organization"),
        help_text=_("The group this organization belongs to, if any."),
    )
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    name_key = models.CharField(
        _("name key"),
        max_length=200,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("The name without legal form, case or punctuation, Chinese in pinyin; kept on save."),
    )
    name_zh_key = models.CharField(_("Chinese name key"), max_length=200, blank=True, db_index=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_from",
        verbose_name=_("merged into"),
        help_text=_("The organization this duplicate was merged into; its address leads there."),
    )

    objects = OrganizationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        permissions = [("merge_organization", _("Can merge duplicate organizations"))]
        indexes = [
            # Organization list filtered by country and kind.
            models.Index(fields=["country", "kind"], name="org_country_kind_idx"),
        ]

    def __str__(self):
        return localized_name(self)

    def natural_key(self):
        return (self.name,)

    def get_absolute_url(self):
        return reverse("partners:organization_detail", args=[self.pk])


@receiver(pre_save, sender=Organization, dispatch_uid="partners.keep_name_keys")
def keep_name_keys(sender, instance, **kwargs):
    """Keep ``name_key`` and ``name_zh_key`` with the names, fixtures loaded included."""
    instance.name_key = name_key(instance.name)[:200]
    instance.name_zh_key = name_key(instance.name_zh)[:200]


class ContactManager(models.Manager.from_queryset(RecordQuerySet)):
    def get_by_natural_key(self, organization_name, name):
        if organization_name is None:
            return self.get(organization__isnull=True, name=name)
        return self.get(organization__name=organization_name, name=name)


class Contact(Record):
    """A person, at the organization they act for, or at none when no body can be named for them."""

    organization = models.ForeignKey(
        Organization,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("organization"),
        help_text=_(
            "The body the person acts for. Leave empty when there is none to name (an independent expert, "
            "a former office-holder); the notes then say who they are."
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = ContactManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="unique_contact_per_organization"),
            # Two rows of NULL organization are not equal to the constraint above: one name once among them.
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(organization__isnull=True),
                name="unique_contact_without_organization",
                violation_error_message=_("A contact of no organization already has this name."),
            ),
        ]
        indexes = [
            # The list's default order, and the start of a name typed into the search.
            models.Index(fields=["name"], name="contact_name_idx"),
        ]

    def __str__(self):
        return f"{self.name}, {self.title}" if self.title else self.name

    def natural_key(self):
        return (self.organization.name if self.organization_id else None, self.name)

    natural_key.dependencies = ["partners.organization"]

    def get_absolute_url(self):
        return reverse("partners:contact_detail", args=[self.pk])

    def with_organization(self) -> str:
        """The name and the organization, as lookups and choices show a person: "Kim Ji-won · Pusan Port"."""
        if self.organization_id is None:
            return f"{self.name} · {_('no organization')}"
        return f"{self.name} · {self.organization}"
