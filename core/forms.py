"""One look for every product form: Bootstrap classes, invalid fields marked, date inputs, live choices."""

from django import forms
from django.db.models import Q
from django.forms.renderers import DjangoTemplates
from django.utils.translation import gettext

from core.access import has_visibility_rule
from core.fields import secure


class FormRenderer(DjangoTemplates):
    """Every form field of the product, in pages, filters and lists, renders through one template."""

    field_template_name = "core/field.html"


# Widgets rendered choice by choice in the templates keep their own markup.
_UNSTYLED = (forms.CheckboxSelectMultiple, forms.RadioSelect, forms.HiddenInput)


def bootstrap(form, errors=None) -> None:
    """Give each widget of ``form`` the Bootstrap 5 class that fits it; with ``errors``, mark the invalid ones."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, _UNSTYLED):
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        classes = {css, *widget.attrs.get("class", "").split()}
        if isinstance(widget, forms.Textarea) and widget.attrs.get("rows") == "10":
            # Django's default of ten rows pushes the rest of a form off a laptop screen.
            widget.attrs["rows"] = 3
        if isinstance(widget, forms.SelectMultiple):
            widget.attrs.setdefault("size", 6)
            # static/js/crm-select-filter.js puts a filter box above long lists.
            widget.attrs["data-filterable"] = ""
            widget.attrs["data-filter-placeholder"] = gettext("Type to narrow the list")
            widget.attrs["data-chosen-text"] = gettext("{n} chosen")
        if errors and name in errors:
            classes.add("is-invalid")
            widget.attrs["aria-invalid"] = "true"
        widget.attrs["class"] = " ".join(sorted(c for c in classes if c))


def active_or_current(queryset, current_pk):
    """Records not archived, plus the one already chosen, so that editing never drops a choice."""
    return queryset.filter(Q(is_archived=False) | Q(pk=current_pk))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def active_choices(form: forms.BaseForm) -> None:
    """Offer only records not archived, plus those the record already points to, so an edit drops nothing."""
    instance = getattr(form, "instance", None)
    model_fields = {f.name: f for f in instance._meta.get_fields()} if instance is not None and instance.pk else {}
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is None or not hasattr(queryset.model, "is_archived"):
            continue
        model_field, current = model_fields.get(name), []
        if model_field is not None and model_field.many_to_many:
            current = list(getattr(instance, name).values_list("pk", flat=True))
        elif model_field is not None and model_field.many_to_one and getattr(instance, f"{name}_id"):
            current = [getattr(instance, f"{name}_id")]
        field.queryset = queryset.filter(Q(is_archived=False) | Q(pk__in=current))


def visible_choices(form: forms.BaseForm, user) -> None:
    """Offer only the records ``user`` may see, and never let a save erase a link they may not see.

    A single link to a hidden record (a meeting about another officer's confidential project)
    leaves the form: the record keeps it and the page does not name it. Hidden records among
    several links are kept by ``clean()`` (``form.hidden_links``).
    """
    instance = getattr(form, "instance", None)
    saved = instance is not None and instance.pk is not None and not instance._state.adding
    form.hidden_links = {}
    for name, field in list(form.fields.items()):
        queryset = getattr(field, "queryset", None)
        if queryset is None or not has_visibility_rule(queryset.model):
            continue
        field.queryset = queryset.visible_to(user)
        if not saved:
            continue
        try:
            model_field = instance._meta.get_field(name)
        except Exception:  # a form field that is not a model field
            continue
        if model_field.many_to_one:
            current = getattr(instance, model_field.attname)
            if current is not None and not field.queryset.filter(pk=current).exists():
                del form.fields[name]
        elif model_field.many_to_many:
            hidden = list(getattr(instance, name).exclude(pk__in=field.queryset.values("pk")))
            if hidden:
                form.hidden_links[name] = hidden


def counted_limits(form) -> None:
    """Let a person type past a field's length limit and be told, rather than have the browser cut the text.

    A ``maxlength`` attribute makes the browser drop whatever is pasted past the limit without a word;
    here the limit moves to ``data-maxlength``, the form refuses a longer text naming the limit and the
    length typed, and static/js/crm-counter.js counts the characters as the limit nears.
    """
    for field in form.fields.values():
        attrs = field.widget.attrs
        if "maxlength" in attrs and not field.widget.is_hidden:
            attrs["data-maxlength"] = attrs.pop("maxlength")
            attrs["data-counter-text"] = gettext("{n} of {max} characters")


class StyledFormMixin:
    """Mix into a Form or ModelForm: Bootstrap classes on every widget, ``is-invalid`` on errors.

    Given the ``user`` who fills it in, choices follow the visibility policy (``visible_choices``).
    """

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        active_choices(self)
        if user is not None:
            visible_choices(self, user)
        secure(self)
        counted_limits(self)
        bootstrap(self)

    def clean(self):
        cleaned_data = super().clean()
        for name, hidden in getattr(self, "hidden_links", {}).items():
            if name in cleaned_data and cleaned_data[name] is not None:
                cleaned_data[name] = [*cleaned_data[name], *hidden]
        return cleaned_data

    def full_clean(self):
        super().full_clean()
        bootstrap(self, self._errors)
