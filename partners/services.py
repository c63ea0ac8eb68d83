"""Rules about organizations that pages, the admin and the API share.

One rule for a new organization's name: it may not be one already recorded (in English, whatever the
case, or in Chinese), and a name like recorded ones (``Organization.objects.similar_to``) needs a
deliberate confirmation, so the same company is not recorded twice under two spellings.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from partners.models import Organization

SIMILAR_SHOWN = 10


class SimilarOrganizations(ValidationError):
    """A name like organizations already recorded; ``similar`` lists them, for a form to show."""

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
        similar = list(others.similar_to(name).select_related("country")[:SIMILAR_SHOWN])
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
