"""Rules about organizations that pages, the admin and the API share.

One rule for a new organization's name: it may not be one already recorded (in English, whatever the
case, or in Chinese), and a name like recorded ones (``partners.duplicates.likely_duplicates``: the
same name across legal forms and languages, pinyin, a fuzzy score) needs a deliberate confirmation,
so the same company is not recorded twice under two spellings.

One way to merge two records of the same company (``merge_organizations``): everything that points
at the one merged away (``partners.references``) moves to the one kept, in one transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Attachment, Note
from partners.duplicates import likely_duplicates
from partners.models import Contact, Organization
from partners.references import (
    ForeignKeyReference,
    RemarkReference,
    contact_references,
    organization_references,
    register_contact_reference,
    register_organization_reference,
)

SIMILAR_SHOWN = 10


class SimilarOrganizations(ValidationError):
    """A name like organizations already recorded; ``similar`` lists them best first, for a form to show.

    Each has ``similarity``, its score from 0 to 100.
    """

    def __init__(self, name: str, similar: list[Organization]):
        names = ", ".join(f"“{organization}” ({organization.country})" for organization in similar)
        message = _(
            "Similar organizations are already recorded: %(names)s. Use one of them, "
            "or confirm that “%(name)s” is a different organization."
        )
        super().__init__({"name": ValidationError(message, code="similar", params={"names": names, "name": name})})
        self.similar = similar


def check_organization_name(name: str, *, confirm_similar: bool = False, organization=None) -> str:
    """``name`` with its spaces tidied, once it passes the rule; ``ValidationError`` on ``name`` otherwise.

    ``organization`` is the one being renamed, which is not compared with itself. A similar name
    raises ``SimilarOrganizations`` unless ``confirm_similar``.
    """
    name = " ".join((name or "").split())
    if not name:
        return name
    others = Organization.objects.all()
    if organization is not None and organization.pk is not None:
        others = others.exclude(pk=organization.pk)
    same = others.filter(Q(name__iexact=name) | Q(name_zh=name)).first()
    if same is not None:
        message = _("“%(name)s” is already recorded; use it instead of recording it again.")
        raise ValidationError({"name": ValidationError(message, code="duplicate", params={"name": same.name})})
    if not confirm_similar:
        similar = likely_duplicates(name, queryset=others, limit=SIMILAR_SHOWN)
        if similar:
            raise SimilarOrganizations(name, similar)
    return name


@transaction.atomic
def create_organization(*, user, confirm_similar: bool = False, **fields) -> Organization:
    """Record a new organization that ``user`` adds, by the name rule above.

    ``fields`` are the model's fields (``name``, ``country``, ``kind`` ...). Refuses with
    ``PermissionDenied`` when ``user`` may not add organizations, with ``ValidationError`` (its
    ``similar`` listing them, for a name like recorded ones) otherwise; a refusal records nothing.
    """
    if not user.has_perm("partners.add_organization"):
        raise PermissionDenied(_("You may not add organizations."))
    fields["name"] = check_organization_name(fields.get("name", ""), confirm_similar=confirm_similar)
    organization = Organization(created_by=user, **fields)
    organization.full_clean()
    organization.save()
    return organization


# Merging


MERGE_PERMISSION = "partners.merge_organization"
# simple-history's change reason column holds 100 characters.
HISTORY_REASON_LENGTH = 100


def merge_note(*, keep, merge_away, user, reason: str) -> str:
    """The change reason every record a merge touches keeps in its history."""
    who = user.get_full_name() or user.get_username()
    note = _("Merged “%(away)s” (#%(away_pk)s) into “%(keep)s” (#%(keep_pk)s), by %(user)s: %(reason)s")
    return note % {
        "away": merge_away.name,
        "away_pk": merge_away.pk,
        "keep": keep.name,
        "keep_pk": keep.pk,
        "user": who,
        "reason": reason,
    }


def merge_refusals(keep, merge_away) -> list[str]:
    """Why ``merge_away`` cannot be merged into ``keep`` as they stand; empty when it can."""
    refusals = []
    if keep.pk == merge_away.pk:
        refusals.append(_("An organization cannot be merged into itself."))
    if merge_away.merged_into_id:
        refusals.append(_("“%(name)s” is already merged into another organization.") % {"name": merge_away.name})
    if keep.merged_into_id:
        refusals.append(
            _("“%(name)s” was merged into another organization; keep that one instead.") % {"name": keep.name}
        )
    if keep.parent_id == merge_away.pk:
        refusals.append(
            _("“%(keep)s” belongs to “%(away)s”: change its parent organization first.")
            % {"keep": keep.name, "away": merge_away.name}
        )
    if refusals:
        return refusals
    for reference in organization_references:
        for conflict in reference.conflicts(keep, merge_away):
            if conflict.note:
                refusals.append(conflict.note)
    return refusals


def merge_preview(keep, merge_away) -> list[tuple[str, int, int]]:
    """What a merge would move: ``(label, rows moving, of which already on the kept one)``, kinds with rows only."""
    preview = []
    for reference in organization_references:
        count = reference.count(merge_away)
        if count:
            preview.append((str(reference.label), count, len(reference.conflicts(keep, merge_away))))
    return preview


@transaction.atomic
def merge_organizations(*, user, keep: Organization, merge_away: Organization, reason: str) -> dict[str, int]:
    """Move everything that points at ``merge_away`` to ``keep``; ``merge_away`` stays, archived, ``merged_into`` keep.

    Every registered reference (``partners.references``) moves its rows, each row's history naming
    the merge. A row ``keep`` already has (a contact of the same name, a row unique per record and
    organization) is merged into ``keep``'s, keeping what it says, or stops the merge with a reason
    when the two disagree. Returns how many rows moved, by kind. Refuses with ``PermissionDenied``
    or ``ValidationError``, changing nothing.
    """
    if not user.has_perm(MERGE_PERMISSION):
        raise PermissionDenied(_("Only managers may merge organizations."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Say why these are the same organization.")})
    pks = sorted({keep.pk, merge_away.pk})
    locked = Organization.objects.select_for_update().in_bulk(pks)
    keep, merge_away = locked[keep.pk], locked[merge_away.pk]
    refusals = merge_refusals(keep, merge_away)
    if refusals:
        raise ValidationError(refusals)
    full_note = merge_note(keep=keep, merge_away=merge_away, user=user, reason=reason)
    # A history entry keeps 100 characters of its reason, so it says the merge in short (cut with "…" if
    # it must be); the merged-away record's notes keep the whole note, with both names and who merged.
    note = _("Merged “%(away)s” into #%(keep_pk)s: %(reason)s") % {
        "away": merge_away.name,
        "keep_pk": keep.pk,
        "reason": reason,
    }
    if len(note) > HISTORY_REASON_LENGTH:
        note = note[: HISTORY_REASON_LENGTH - 1] + "…"
    moved = {}
    for reference in organization_references:
        count = reference.move(keep, merge_away, note)
        if count:
            moved[str(reference.label)] = count
    keep.refresh_from_db()
    merge_away.refresh_from_db()
    for name in ("name_zh", "city", "sector", "website"):
        if not getattr(keep, name) and getattr(merge_away, name):
            setattr(keep, name, getattr(merge_away, name))
    keep._change_reason = note
    keep.save()
    merge_away.merged_into = keep
    merge_away.is_archived = True
    merge_away.notes = "\n\n".join(part for part in (merge_away.notes, full_note) if part)
    merge_away._change_reason = note
    merge_away.save()
    return moved


def merge_contacts(moving: Contact, staying: Contact, reason: str) -> None:
    """Two contacts of one name, once their organizations merge: ``staying`` takes ``moving``'s links and details.

    ``moving`` stays, archived, with the organization merged away, so nothing it said is lost.
    """
    for reference in contact_references:
        reference.move(staying, moving, reason)
    for name in ("name_zh", "title", "email", "phone"):
        if not getattr(staying, name) and getattr(moving, name):
            setattr(staying, name, getattr(moving, name))
    if moving.notes and moving.notes not in staying.notes:
        staying.notes = "\n\n".join(part for part in (staying.notes, moving.notes) if part)
    staying._change_reason = reason
    staying.save()
    moving.is_archived = True
    moving._change_reason = reason
    moving.save()


def register_partner_references() -> None:
    """The references to an organization that partners itself holds; called from ``PartnersConfig.ready``."""
    register_organization_reference(
        ForeignKeyReference(
            Contact, "organization", gettext_lazy("Contacts"), unique_with=("name",), merge_row=merge_contacts
        )
    )
    register_organization_reference(ForeignKeyReference(Organization, "parent", gettext_lazy("Subsidiaries")))
    register_organization_reference(RemarkReference(Note, gettext_lazy("Notes")))
    register_organization_reference(RemarkReference(Attachment, gettext_lazy("Files")))
    register_contact_reference(RemarkReference(Note, gettext_lazy("Notes")))
    register_contact_reference(RemarkReference(Attachment, gettext_lazy("Files")))
    register_organization_reference(
        ForeignKeyReference(Organization, "merged_into", gettext_lazy("Organizations merged into it earlier"))
    )
