"""The period a leadership report covers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.parsing import parse_period
from crm.models import Report

PERIOD_FORMATS = _("Enter a month as 2019-06, a quarter as 2019-Q2 or a year as 2019, to match the period kind.")


class ReportPeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Period"), choices=Report.Kind.choices, initial=Report.Kind.MONTH)
    period = forms.CharField(
        label=_("Which"), max_length=10, help_text=PERIOD_FORMATS, widget=forms.TextInput(attrs={"size": 10})
    )

    def clean(self):
        cleaned = super().clean()
        period = parse_period(cleaned.get("kind"), cleaned.get("period"))
        if period is None and not self.errors:
            self.add_error("period", PERIOD_FORMATS)
        cleaned["parsed"] = period
        return cleaned
