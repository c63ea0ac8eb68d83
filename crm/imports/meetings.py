"""The meetings file: who was met, when and where (会见记录、活动台账).

A meeting is matched by its date and title. The organizations, people and officers a row names are
found in the directory (several in one cell, separated by ``;``, ``、`` or a new line); an import
adds to a meeting's lists and never takes anyone off them, so a file that names fewer people than
were recorded loses nothing.
"""

import re

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import can_change
from crm.imports import values
from crm.imports.columns import Column, header_key
from crm.imports.importers import Importer, Lookup, _choice, _text
from crm.imports.plan import CREATE, RowResult, append_provenance
from crm.models import Delegation, Event, Meeting
from crm.services import record_meeting
from partners.models import Contact
from projects.models import InvestmentProject

LIST_SEPARATORS = re.compile(r"\s*(?:;|；|、|\n)\s*")
MANY = ("organizations", "contacts", "officers")


def items(value) -> list[str]:
    """The names in one cell: ``Haier; Siemens`` or ``海尔、西门子``."""
    text = "" if value is None else str(value)
    return [item for item in (" ".join(part.split()) for part in LIST_SEPARATORS.split(text)) if item]


class MeetingImporter(Importer):
    model = Meeting
    title = gettext_lazy("Meetings")
    key_column = "title"
    columns = [
        Column("title", "title", ("会见主题", "主题", "会议名称", "标题", "事项")),
        Column("kind", "kind", ("形式", "会见形式", "类别")),
        Column("date", "date", ("日期", "会见日期", "时间")),
        Column("place", "place", ("地点", "会见地点")),
        Column("delegation", "delegation", ("团组", "出访团组", "来访团组", "代表团")),
        Column("event", "event", ("活动", "所属活动", "展会")),
        Column("organizations", "organizations", ("会见单位", "外方单位", "对方单位", "单位")),
        Column("contacts", "contacts", ("会见人员", "外方人员", "对方人员", "会见对象")),
        Column("officers", "officers", ("我方人员", "参会人员", "陪同人员")),
        Column("project", "project", ("项目", "项目名称", "项目编号")),
        Column("summary", "summary", ("会谈内容", "内容", "纪要", "会谈纪要")),
        Column("outcome", "outcome", ("成果", "结果", "后续")),
    ]
    texts = ("place", "summary", "outcome")

    def prepare(self, rows, headings) -> None:
        super().prepare(rows, headings)
        self.delegations = Lookup(Delegation.objects.visible_to(self.user), keys=("title", "title_zh"))
        self.events = Lookup(Event.objects.visible_to(self.user), keys=("name", "name_zh"))
        self.projects = Lookup(
            InvestmentProject.objects.visible_to(self.user).only("pk", "reference", "name", "name_zh"),
            keys=("reference", "name", "name_zh"),
        )
        users = get_user_model().objects.filter(is_active=True)
        self.officers = Lookup(users, keys=("username",))
        for user in users:
            self.officers.by_key.setdefault(header_key(user.get_full_name()), user)
            self.officers.by_key.setdefault(header_key(f"{user.last_name}{user.first_name}"), user)
        self.existing = {}
        positions = {heading.key: i for i, heading in reversed(list(enumerate(headings))) if heading}
        if "title" in positions:
            titles = {
                values.text(cells[positions["title"]])
                for _number, cells in rows
                if positions["title"] < len(cells) and values.text(cells[positions["title"]])
            }
            for meeting in Meeting.objects.visible_to(self.user).filter(title__in=titles).prefetch_related(*MANY):
                self.existing.setdefault((meeting.date, header_key(meeting.title)), meeting)
        # Everyone the file names, fetched at once: people by their name in either language, case aside.
        self.people_named = {}
        if "contacts" in positions:
            named = {
                name
                for _number, cells in rows
                if positions["contacts"] < len(cells)
                for name in items(cells[positions["contacts"]])
            }
            lowered = {name.casefold() for name in named}
            people = (
                Contact.objects.visible_to(self.user)
                .annotate(lower_name=Lower("name"))
                .filter(Q(lower_name__in=lowered) | Q(name_zh__in=named))
                .select_related("organization")
            )
            for person in people:
                for name in {person.name.casefold(), person.name_zh}:
                    if name:
                        self.people_named.setdefault(name, []).append(person)
        self.seen = {}

    def plan_row(self, number: int, row: dict) -> RowResult:
        result = RowResult(number)
        title = self.parse(result, row, "title", _text)
        if not title:
            result.error(row["title"][2] if "title" in row else _("title"), _("The title is missing."))
            return result
        result.label = title
        day = self.parse(result, row, "date", lambda value, heading: values.day(value)) if "date" in row else None
        if day is None:
            if not result.errors:
                result.error(row["date"][2] if "date" in row else _("date"), _("The date is missing."))
            return self.decide(result)
        wanted = {"title": title, "date": day}
        wanted.update({key: self.parse(result, row, key, _text) for key in self.texts if key in row})
        if "kind" in row and values.text(row["kind"][0]):
            wanted["kind"] = self.parse(result, row, "kind", _choice(Meeting.Kind.choices))
        for key, lookup in (("delegation", self.delegations), ("event", self.events), ("project", self.projects)):
            if key in row and values.text(row[key][0]):
                found = lookup.find(row[key][0])
                if found is None:
                    result.error(row[key][2], _("“%(value)s” is not recorded.") % {"value": values.text(row[key][0])})
                wanted[key] = found
        people = self.people(result, row)
        key = (day, header_key(title))
        if key in self.seen:
            result.error(row["title"][2], _("The same meeting as row %(row)s.") % {"row": self.seen[key]})
            return result
        self.seen[key] = number
        matched = self.existing.get(key)
        if matched is not None:
            result.matched, result.matched_by = matched, _("date and title")
            if not can_change(self.user, matched):
                result.error(_("title"), _("You may not change this meeting."))
            self.compare(result, matched, {k: v for k, v in wanted.items() if v not in ("", None)})
            for name, records in people.items():
                known = {item.pk for item in getattr(matched, name).all()}
                added = [record for record in records if record.pk not in known]
                if added:
                    result.changes[name] = ("", ", ".join(str(record) for record in added))
                people[name] = added
        elif not self.user.has_perm("crm.add_meeting"):
            result.error(_("title"), _("You may not add meetings."))
        result.values = {"fields": wanted, "people": people}
        candidate = Meeting(**{k: v for k, v in wanted.items() if not self._is_relation(k)})
        try:
            candidate.full_clean(exclude=["delegation", "event", "project", "created_by"], validate_unique=False)
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                result.error(field_name, " ".join(messages))
        return self.decide(result)

    def people(self, result: RowResult, row: dict) -> dict[str, list]:
        """The organizations, contacts and officers the row names, each found in the directory."""
        found = {name: [] for name in MANY}
        if "organizations" in row:
            for name in items(row["organizations"][0]):
                organization = self.organizations.find(name)
                if organization is None or organization.pk is None:
                    result.error(row["organizations"][2], _("“%(value)s” is not recorded.") % {"value": name})
                else:
                    found["organizations"].append(organization)
        if "contacts" in row:
            for name in items(row["contacts"][0]):
                contact = self.contact(name, found["organizations"])
                if isinstance(contact, str):
                    result.error(row["contacts"][2], contact)
                else:
                    found["contacts"].append(contact)
        if "officers" in row:
            for name in items(row["officers"][0]):
                officer = self.officers.find(name)
                if officer is None:
                    result.error(row["officers"][2], _("“%(value)s” is not an officer here.") % {"value": name})
                else:
                    found["officers"].append(officer)
        return found

    def contact(self, name: str, organizations: list):
        """The one person of that name, at the organizations the row names when it names any; else why not."""
        people = self.people_named.get(name.casefold(), []) or self.people_named.get(name, [])
        if organizations:
            wanted = {organization.pk for organization in organizations}
            # People of no organization (an independent expert) are met beside whichever organizations.
            people = [person for person in people if person.organization_id in wanted or person.organization_id is None]
        if not people:
            return _("“%(value)s” is not recorded at the organizations the row names.") % {"value": name}
        if len(people) > 1:
            return _("Several people are called “%(value)s”; name their organization in the row.") % {"value": name}
        return people[0]

    def commit_row(self, result: RowResult, *, user, reason: str, provenance: str):
        fields = dict(result.values["fields"])
        people = result.values["people"]
        if result.action == CREATE:
            return record_meeting(user=user, fields={**fields, "provenance": provenance}, reason=reason, **people)
        meeting = Meeting.objects.get(pk=result.matched.pk)
        if not can_change(user, meeting):
            raise PermissionDenied(_("You may not change this meeting."))
        changed = {name: fields[name] for name in result.changes if name in fields}
        changed["provenance"] = append_provenance(meeting, provenance)
        return record_meeting(user=user, meeting=meeting, fields=changed, reason=reason, **people)
