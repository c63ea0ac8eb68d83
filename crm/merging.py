"""What of the engagement records follows an organization, or a contact, merged into another.

Registered with ``partners.references`` by ``CrmConfig.ready``; the merge itself is
``partners.services.merge_organizations``.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crm.models import AgreementParty, Delegation, Event, FollowUp, Meeting
from partners.references import (
    ForeignKeyReference,
    ManyToManyReference,
    register_contact_reference,
    register_organization_reference,
)


def party_refusal(moving: AgreementParty, staying: AgreementParty) -> str:
    """Why two parties to one agreement cannot become one: they signed on different sides, or by different people."""
    if moving.side != staying.side:
        message = _(
            "Both organizations signed “%(agreement)s”, on different sides (%(one)s, %(other)s): "
            "correct the agreement's parties first."
        )
        return message % {
            "agreement": moving.agreement,
            "one": staying.get_side_display(),
            "other": moving.get_side_display(),
        }
    if moving.signatory_id and staying.signatory_id and moving.signatory_id != staying.signatory_id:
        message = _(
            "Both organizations signed “%(agreement)s”, by different signatories: "
            "correct the agreement's parties first."
        )
        return message % {"agreement": moving.agreement}
    return ""


def merge_party(moving: AgreementParty, staying: AgreementParty, reason: str) -> None:
    """One party to an agreement instead of two for the same company: the signatory is kept."""
    if moving.signatory_id and not staying.signatory_id:
        staying.signatory_id = moving.signatory_id
        staying._change_reason = reason
        staying.save()
    moving._change_reason = reason
    moving.delete()


def register_engagement_references() -> None:
    register_organization_reference(ManyToManyReference(Meeting, "organizations", gettext_lazy("Meetings")))
    register_organization_reference(
        ForeignKeyReference(
            AgreementParty,
            "organization",
            gettext_lazy("Agreement parties"),
            unique_with=("agreement",),
            merge_row=merge_party,
            refuse_row=party_refusal,
        )
    )
    register_organization_reference(ManyToManyReference(Delegation, "organizations", gettext_lazy("Delegations")))
    register_organization_reference(ManyToManyReference(Event, "organizers", gettext_lazy("Events organized")))
    register_organization_reference(ForeignKeyReference(FollowUp, "organization", gettext_lazy("Follow-ups")))
    register_contact_reference(ManyToManyReference(Meeting, "contacts"))
    register_contact_reference(ManyToManyReference(Delegation, "members"))
    register_contact_reference(ForeignKeyReference(Delegation, "leader"))
    register_contact_reference(ForeignKeyReference(AgreementParty, "signatory"))
