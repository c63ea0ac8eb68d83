"""Form plumbing shared by the engagement forms: Bootstrap classes and date inputs."""

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def style_fields(form: forms.BaseForm, errors=None) -> None:
    """Give each widget its Bootstrap class, and mark the invalid ones once the form is bound."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select"
        else:
            css = "form-control"
        classes = {css, *widget.attrs.get("class", "").split()}
        if isinstance(widget, forms.SelectMultiple):
            widget.attrs.setdefault("size", 6)
        if errors and name in errors:
            classes.add("is-invalid")
            widget.attrs["aria-invalid"] = "true"
        widget.attrs["class"] = " ".join(sorted(c for c in classes if c))


class StyledFormMixin:
    """Mix into a Form or ModelForm: Bootstrap classes on every widget, ``is-invalid`` on errors."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_fields(self)

    def full_clean(self):
        super().full_clean()
        style_fields(self, self._errors)
