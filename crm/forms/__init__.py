"""Forms of the engagement pages."""

from crm.forms.records import (
    AgreementForm,
    AgreementPartyFormSet,
    DelegationForm,
    EventForm,
    FollowUpForm,
    MeetingForm,
)

__all__ = [
    "AgreementForm",
    "AgreementPartyFormSet",
    "DelegationForm",
    "EventForm",
    "FollowUpForm",
    "MeetingForm",
]
