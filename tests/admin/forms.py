"""Turn an admin change page into the POST data its Save button would send."""

from django import forms


def _encode(field, value):
    if isinstance(field, forms.BooleanField):
        return "on" if value else None
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return str(value)


def _add_form(data: dict, form) -> None:
    for name, field in form.fields.items():
        value = _encode(field, form[name].value())
        if value is not None:
            data[form.add_prefix(name)] = value


def change_form_data(response, **changes) -> dict:
    """The change form's current values, with its inlines, updated with ``changes``."""
    data: dict = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    data.update(changes)
    return data
