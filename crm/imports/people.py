"""The contacts file: people and the organizations they work for (通讯录、名片).

A person is matched at their organization by name (case, spaces and full-width forms aside) or by
email; an organization the directory does not hold yet is recorded once when the file gives its
country, as the ledger import does. A row with the organization left empty is a person of no
organization (an independent expert), matched among the people of no organization.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import can_change
from crm.imports import values
from crm.imports.columns import Column, header_key
from crm.imports.importers import COUNTRY_ALIASES, Importer, NewOrganization, _text
from crm.imports.plan import CREATE, RowResult
from partners.models import Contact
from partners.names import normalise_name
from partners.services import create_organization

ORGANIZATION_ALIASES = ("单位", "所在单位", "单位名称", "企业", "企业名称", "公司", "机构")


# What ``ContactImporter.organization`` answers for a row it refused, apart from None (no organization).
REFUSED = object()


def person_key(name) -> str:
    return header_key(values.text(name))


class ContactImporter(Importer):
    model = Contact
    title = gettext_lazy("Contacts")
    columns = [
        Column("organization", "organization", ORGANIZATION_ALIASES),
        Column("name", "name", ("姓名", "联系人", "英文名", "英文姓名")),
        Column("name_zh", "name_zh", ("中文姓名", "中文名")),
        Column("title", "title", ("职务", "职位", "头衔")),
        Column("email", "email", ("邮箱", "电子邮箱", "电子邮件", "e-mail")),
        Column("phone", "phone", ("电话", "手机", "联系电话", "联系方式")),
        Column("country", None, COUNTRY_ALIASES, label="country"),
        Column("notes", "notes", ("备注",)),
    ]
    texts = ("name_zh", "title", "email", "phone", "notes")

    def prepare(self, rows, headings) -> None:
        super().prepare(rows, headings)
        position = next((i for i, h in enumerate(headings) if h and h.key == "organization"), None)
        named = set()
        if position is not None:
            for _number, cells in rows:
                if position < len(cells):
                    found = self.organizations.find(cells[position])
                    if found is not None:
                        named.add(found.pk)
        self.by_name, self.by_email = {}, {}
        known = Contact.objects.filter(Q(organization__in=named) | Q(organization__isnull=True))
        for contact in known.select_related("organization"):
            self.by_name[(contact.organization_id, person_key(contact.name))] = contact
            if contact.name_zh:
                self.by_name.setdefault((contact.organization_id, person_key(contact.name_zh)), contact)
            if contact.email:
                self.by_email.setdefault((contact.organization_id, contact.email.casefold()), contact)
        self.seen = {}

    def plan_row(self, number: int, row: dict) -> RowResult:
        result = RowResult(number)
        name = self.parse(result, row, "name", _text)
        if not name:
            result.error(row["name"][2] if "name" in row else _("name"), _("The name is missing."))
            return result
        result.label = name
        wanted = {key: self.parse(result, row, key, _text) for key in self.texts if key in row}
        organization = self.organization(result, row)
        if organization is REFUSED:
            return self.decide(result)
        result.label = f"{name} ({organization if organization is not None else _('no organization')})"
        matched = None
        if organization is None or organization.pk is not None:
            organization_pk = organization.pk if organization is not None else None
            matched = self.by_name.get((organization_pk, person_key(name)))
            if matched is None and wanted.get("email"):
                matched = self.by_email.get((organization_pk, wanted["email"].casefold()))
        at = normalise_name(str(organization)) if organization is not None else None
        key = ("contact", matched.pk) if matched else ("new", at, person_key(name))
        if key in self.seen:
            result.error(row["name"][2], _("The same person as row %(row)s.") % {"row": self.seen[key]})
            return result
        self.seen[key] = number
        if matched is not None:
            by_name = person_key(name) in (person_key(matched.name), person_key(matched.name_zh))
            result.matched, result.matched_by = matched, _("name") if by_name else _("email")
            if not can_change(self.user, matched):
                result.error(_("name"), _("You may not change this contact."))
            self.compare(result, matched, {k: v for k, v in wanted.items() if v not in ("", None)})
            email = result.changes.get("email")
            if email and (email[0] or "").casefold() == (email[1] or "").casefold():
                del result.changes["email"]
        elif not self.user.has_perm("partners.add_contact"):
            result.error(_("name"), _("You may not add contacts."))
        result.values = {"name": name, "organization": organization, **wanted}
        candidate = Contact(**{k: v for k, v in result.values.items() if k != "organization"})
        try:
            candidate.full_clean(exclude=["organization", "created_by"], validate_unique=False)
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                result.error(field_name, " ".join(messages))
        return self.decide(result)

    def organization(self, result: RowResult, row: dict):
        """The organization the row names, a new one to record when the row gives its country, None when the
        row leaves it empty (a person of no organization), or ``REFUSED`` with the error noted."""
        if "organization" not in row or not values.text(row["organization"][0]):
            result.notes.append(_("No organization: the person is recorded without one."))
            return None
        name = values.text(row["organization"][0])
        found = self.organizations.find(name)
        if found is not None:
            return found
        country = None
        if "country" in row and values.text(row["country"][0]):
            country = self.countries.find(row["country"][0])
            if country is None:
                result.error(row["country"][2], _("“%(value)s” is not recorded.") % {"value": row["country"][0]})
                return REFUSED
        if country is None:
            result.error(
                row["organization"][2],
                _("“%(name)s” is not recorded; give its country so it can be.") % {"name": name},
            )
            return REFUSED
        organization = NewOrganization(name, country)
        self.organizations.by_key[normalise_name(name)] = organization
        result.notes.append(_("New organization: %(name)s") % {"name": name})
        self.note_similar(result, name)
        return organization

    def commit_row(self, result: RowResult, *, user, reason: str, provenance: str):
        fields = dict(result.values)
        organization = fields.pop("organization")
        if isinstance(organization, NewOrganization):
            if organization.record is None:
                organization.record = create_organization(
                    user=user, confirm_similar=True, name=organization.name, country=organization.country
                )
            organization = organization.record
        if result.action != CREATE:
            refusal = _("You may not change this contact.")
            return self.update_matched(result, user=user, reason=reason, provenance=provenance, refusal=refusal)
        contact = Contact(organization=organization, created_by=user, provenance=provenance, **fields)
        contact.full_clean()
        contact._change_reason = reason
        contact.save()
        return contact
