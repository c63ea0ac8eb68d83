"""The admin base every record shares (history without revert, stale-edit refusal, archive actions); API tokens."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from core.access import can_change
from core.api_tokens import revoke_api_tokens
from core.display import money, person
from core.models import ApiToken, Attachment, Note, Notification, ReminderPreference, SentDigest, SentTeamSummary
from core.notes import may_remove, remove_attachment, remove_note
from core.versioning import VersionedAdminMixin

# Bookkeeping every record carries; shown last, in a folded section, and never typed in.
RECORD_READONLY = ("version", "created_at", "created_by", "updated_at")
RECORD_SECTION = ("provenance", "is_archived", *RECORD_READONLY)
RECORD_FIELDSET = (_("Source and record keeping"), {"fields": RECORD_SECTION, "classes": ["collapse"]})


def usd_with_written(amount, currency: str, usd) -> str:
    """For a list column: the USD value to compare, and below it the amount as the document writes it.

    Whole units are enough to compare; the change form shows the exact figures.
    """
    if amount is None:
        return ""
    shown = money(usd, "USD", decimals=0) if usd is not None else _("no USD value")
    if currency == "USD":
        return shown
    return format_html('{}<br><span class="quiet">{}</span>', shown, money(amount, currency, decimals=0))


def wrapping_column(model, name: str):
    """A list column showing the record ``name`` points to, allowed to wrap.

    Django keeps foreign-key columns on one line, so a long organization or project name
    would widen the whole table past the screen.
    """

    @admin.display(description=model._meta.get_field(name).verbose_name, ordering=name)
    def column(obj):
        return getattr(obj, name)

    column.__name__ = f"{name}_column"
    return column


def intermediate_page(model_admin, request, queryset, form, *, action, title, intro, submit_label):
    """The page an admin action shows to ask for more (a stage, a reason) before acting on ``queryset``.

    Its form posts back to the same action with ``apply`` set.
    """
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "intro": intro,
        "submit_label": submit_label,
        "opts": model_admin.model._meta,
        "queryset": queryset,
        "form": form,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": model_admin.media + form.media,
    }
    request.current_app = model_admin.admin_site.name
    return TemplateResponse(request, "admin/intermediate_action.html", context)


def error_text(error: Exception) -> str:
    """The reasons a service gave for refusing, as one sentence list."""
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error)


class ReadOnlyAdminMixin:
    """For rows only a service writes (stage changes, issued reports, logs): the admin shows them, changes nothing."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PeopleByName(HistoricalRecordContextHelper):
    """The history's changes naming a person (a responsible officer, an owner) by their full name, not username,
    and an empty value as "(empty)", not "None"."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if isinstance(value, list):
            return [person(item) if isinstance(item, AbstractBaseUser) else item for item in value]
        if value is None or value == "":
            return _("(empty)")
        return person(value) if isinstance(value, AbstractBaseUser) else value


class HistoryAdmin(SimpleHistoryAdmin):
    """Shows every old version of a record but never writes one back.

    A revert would put old values straight into the row, around the services and their
    checks (a stage gate, a USD value fixed at a rate); corrections are made as edits.
    """

    def revert_disabled(self, request, obj=None):
        return True

    def get_historical_record_context_helper(self, request, historical_record):
        return PeopleByName(self.model, historical_record)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            # No silent cut by the browser: a text past the limit is refused, naming the limit.
            formfield.widget.attrs.pop("maxlength", None)
        return formfield

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied(_("Old versions can be viewed but not restored; edit the record instead."))
        return super().history_form_view(request, object_id, version_id, extra_context)


class RecordAdmin(VersionedAdminMixin, HistoryAdmin):
    """Base for every model built on ``core.models.Record``.

    Refuses a save started from an older version (``core.versioning``), keeps version and
    timestamps read-only, folds provenance and record keeping into a section of their own, and
    adds the archive actions. A record is changed by those ``core.access.can_change`` lets change
    it, and a new one (inline rows too) records who created it.
    """

    readonly_fields = RECORD_READONLY
    actions = ["archive_selected", "restore_selected"]

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return can_change(request.user, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            instance = inline_form.instance
            if instance._state.adding and hasattr(instance, "created_by_id") and instance.created_by_id is None:
                instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    def get_fieldsets(self, request, obj=None):
        if self.fieldsets:
            return self.fieldsets
        fields = self.get_fields(request, obj)
        title, options = RECORD_FIELDSET
        return [
            (None, {"fields": [name for name in fields if name not in RECORD_SECTION]}),
            (title, {**options, "fields": [name for name in RECORD_SECTION if name in fields]}),
        ]

    @admin.action(description=_("Archive selected %(verbose_name_plural)s"), permissions=["change"])
    def archive_selected(self, request, queryset):
        self._set_archived(request, queryset, archived=True)

    @admin.action(description=_("Restore selected %(verbose_name_plural)s from the archive"), permissions=["change"])
    def restore_selected(self, request, queryset):
        self._set_archived(request, queryset, archived=False)

    def _set_archived(self, request, queryset, *, archived: bool):
        opts = self.model._meta
        changed = refused = 0
        # One save per record, not an UPDATE, so each gets its version raised and a history entry.
        for obj in queryset.filter(is_archived=not archived):
            if not self.has_change_permission(request, obj):
                refused += 1
                continue
            obj.is_archived = archived
            obj._change_reason = _("Archived") if archived else _("Restored from the archive")
            obj.save(update_fields=["is_archived", "updated_at"])
            changed += 1
        if archived:
            message = ngettext("Archived %(count)d %(name)s.", "Archived %(count)d %(name_plural)s.", changed)
        else:
            message = ngettext(
                "Restored %(count)d %(name)s from the archive.",
                "Restored %(count)d %(name_plural)s from the archive.",
                changed,
            )
        names = {"count": changed, "name": opts.verbose_name, "name_plural": opts.verbose_name_plural}
        self.message_user(request, message % names, messages.SUCCESS)
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d record was left alone: you may not change it.",
                    "%(count)d records were left alone: you may not change them.",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every user's API tokens, to see who calls the API and to stop a token that leaked; nothing else changes."""

    list_display = ("name", "user", "key_prefix", "created_at", "last_used_at", "expires_at", "revoked_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter), "created_at")
    list_select_related = ("user",)
    search_fields = ("name", "key_prefix", "user__username", "user__first_name", "user__last_name")
    date_hierarchy = "created_at"
    exclude = ("key_hash",)
    actions = ["revoke_selected"]

    def has_revoke_permission(self, request):
        return request.user.has_perm("core.change_apitoken")

    @admin.action(description=_("Revoke selected API tokens"), permissions=["revoke"])
    def revoke_selected(self, request, queryset):
        count = revoke_api_tokens(queryset)
        self.message_user(
            request,
            ngettext("Revoked %(count)d API token.", "Revoked %(count)d API tokens.", count) % {"count": count},
            messages.SUCCESS,
        )


class RemarkAdmin(HistoryAdmin):
    """Notes and files, to find and read them; written only by ``core.notes``, removed by those ``may_remove`` lets.

    Nothing is deleted here: removing keeps the row and the file, and the record's history shows it.
    """

    list_filter = (("removed_at", admin.EmptyFieldListFilter), "content_type", "created_at")
    list_select_related = ("author", "content_type")
    date_hierarchy = "created_at"
    actions = ["remove_selected"]
    remove = None

    def get_queryset(self, request):
        # Each row names its record: fetched once per kind of record, not once per row.
        return super().get_queryset(request).prefetch_related("record")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_remove_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description=_("record"))
    def record_column(self, obj):
        record = obj.record
        if record is None:
            return _("(deleted record %(id)s)") % {"id": obj.object_id}
        return f"{obj.content_type.name}: {record}"

    @admin.action(description=_("Remove selected from their records (kept in history)"), permissions=["remove"])
    def remove_selected(self, request, queryset):
        removed = refused = 0
        for remark in queryset.filter(removed_at__isnull=True).select_related("author"):
            if not may_remove(request.user, remark):
                refused += 1
                continue
            type(self).remove(remark, request.user)
            removed += 1
        self.message_user(
            request,
            ngettext("Removed %(count)d.", "Removed %(count)d.", removed) % {"count": removed},
            messages.SUCCESS,
        )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d was left alone: only its author or someone who may change the record may remove it.",
                    "%(count)d were left alone: only their authors or those who may change the record may remove them.",
                    refused,
                )
                % {"count": refused},
                messages.WARNING,
            )


@admin.register(Note)
class NoteAdmin(RemarkAdmin):
    list_display = ("__str__", "record_column", "written_on", "author", "created_at", "removed_at")
    search_fields = ("text", "author__username", "author__first_name", "author__last_name")
    fields = ("record_column", "written_on", "text", "author", "created_at", "removed_at", "removed_by")
    readonly_fields = fields

    @staticmethod
    def remove(note, user):
        remove_note(note=note, user=user)


@admin.register(Attachment)
class AttachmentAdmin(RemarkAdmin):
    list_display = ("original_name", "record_column", "size", "mime_type", "author", "created_at", "removed_at")
    search_fields = ("original_name", "caption", "author__username", "author__first_name", "author__last_name")
    fields = (
        "record_column",
        "file_link",
        "caption",
        "size",
        "mime_type",
        "author",
        "created_at",
        "removed_at",
        "removed_by",
        "stored_name",
    )
    readonly_fields = fields

    @admin.display(description=_("file"))
    def file_link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.original_name)

    @staticmethod
    def remove(attachment, user):
        remove_attachment(attachment=attachment, user=user)


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "frequency", "language"]
    list_filter = ["frequency", "language"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    autocomplete_fields = ["user"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "actor", "text", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter)]
    list_select_related = ["recipient", "actor"]
    search_fields = ["text", "recipient__username", "actor__username"]
    date_hierarchy = "created_at"


@admin.register(SentDigest)
class SentDigestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["sent_for", "user", "sent_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]
    date_hierarchy = "sent_for"


@admin.register(SentTeamSummary)
class SentTeamSummaryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["sent_for", "sent_at"]
