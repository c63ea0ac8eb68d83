"""The search index: one entry per searchable record, and the tokens it is found by."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """What global search shows of one record, kept current on every save (``core.search.registry``)."""

    content_type = models.ForeignKey(ContentType, models.CASCADE, related_name="+", verbose_name=_("kind of record"))
    object_id = models.PositiveBigIntegerField(_("record id"))
    kind = models.CharField(
        _("kind"), max_length=30, help_text=_("The registered kind the results page groups this record under.")
    )
    title = models.CharField(_("title"), max_length=400)
    title_zh = models.CharField(_("Chinese title"), max_length=400, blank=True)
    subtitle = models.CharField(_("subtitle"), max_length=400, blank=True)
    title_key = models.CharField(
        _("title key"), max_length=200, help_text=_("The title normalised, to rank an exact or prefix match first.")
    )
    title_zh_key = models.CharField(_("Chinese title key"), max_length=200, blank=True)
    terms = models.TextField(
        _("terms"),
        blank=True,
        help_text=_("Every token the record is found by, space-separated: words, Chinese bigrams, pinyin."),
    )

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="search_entry_one_per_record"),
        ]
        indexes = [
            # Ranking: a query equal to, or the start of, a title.
            models.Index(fields=["title_key"], name="search_entry_title_key_idx"),
            models.Index(fields=["title_zh_key"], name="search_entry_title_zh_key_idx"),
        ]

    def __str__(self):
        return self.title


class SearchToken(models.Model):
    """One token a search entry is found by; global search looks tokens up by prefix."""

    entry = models.ForeignKey(SearchEntry, models.CASCADE, related_name="tokens", verbose_name=_("entry"))
    token = models.CharField(_("token"), max_length=40)

    class Meta:
        ordering = ["token"]
        verbose_name = _("search token")
        verbose_name_plural = _("search tokens")
        indexes = [
            # Global search: the entries holding a token that starts with a query word (index-only lookup).
            models.Index(fields=["token", "entry"], name="search_token_idx"),
        ]

    def __str__(self):
        return self.token
