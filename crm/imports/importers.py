"""The kinds of file the import reads: organizations and the project ledger (项目台账).

Each importer decides a row against the database without saving (``plan_row``) and then saves it
through the apps' services (``commit_row``): ``create_organization``, ``log_opening``,
``set_project_amount`` and ``move_project``, never a rule of its own.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.access import can_change
from crm.imports import values
from crm.imports.columns import Column, header_key
from crm.imports.plan import CREATE, ERROR, UNCHANGED, UPDATE, RowResult, append_provenance
from partners.duplicates import likely_duplicates
from partners.models import Country, Organization, Sector
from partners.names import normalise_name
from partners.services import create_organization
from projects.models import AMOUNT_FIELDS, Direction, District, InvestmentProject, Park, Stage, Status
from projects.services import log_opening, move_project, set_project_amount

COUNTRY_ALIASES = ("国别", "国家", "国家/地区", "国家（地区）", "来源国", "外资来源地")
SECTOR_ALIASES = ("行业", "产业", "所属行业", "行业类别")


class Lookup:
    """Records found by code, name or Chinese name, case, spaces and full-width forms aside."""

    def __init__(self, queryset, *, keys=("code", "name", "name_zh"), key=header_key):
        self.key, self.by_key = key, {}
        for record in queryset:
            for name in keys:
                if getattr(record, name, ""):
                    self.by_key.setdefault(key(getattr(record, name)), record)

    def find(self, value):
        return self.by_key.get(self.key(values.text(value)))


# Looking for similar names scans the directory; a file that names more new organizations notes the first ones.
SIMILAR_CHECKS = 50


def similar_note(name: str, user) -> str:
    """A note naming recorded organizations like ``name``, so a reader can tell a new one from a respelling."""
    similar = likely_duplicates(name, queryset=Organization.objects.visible_to(user), limit=3)
    if not similar:
        return ""
    return _("Similar organizations already recorded: %(names)s.") % {
        "names": ", ".join(f"“{organization}” ({organization.country})" for organization in similar)
    }


class NewOrganization:
    """An investor the ledger names that is not recorded yet: recorded once, however many rows name it."""

    def __init__(self, name: str, country):
        self.name, self.country, self.pk, self.record = name, country, None, None

    def __str__(self):
        return self.name


class Importer:
    model = None
    # The column without which a row says nothing; the header row is the first that has it.
    key_column = "name"
    columns: list[Column] = []
    amount_keys: dict[str, str] = {}

    def __init__(self, user):
        self.user = user
        self.similar_checks = 0

    def note_similar(self, result, name: str) -> None:
        """Name recorded organizations like a new one, for the first ``SIMILAR_CHECKS`` new names of a file."""
        if self.similar_checks >= SIMILAR_CHECKS:
            return
        self.similar_checks += 1
        note = similar_note(name, self.user)
        if note:
            result.notes.append(note)

    def prepare(self, rows, headings) -> None:
        self.countries = Lookup(Country.objects.all())
        self.sectors = Lookup(Sector.objects.all())
        self.organizations = Lookup(
            Organization.objects.visible_to(self.user).only("pk", "name", "name_zh", "country_id"),
            keys=("name", "name_zh"),
            key=normalise_name,
        )

    def parse(self, result: RowResult, row: dict, key: str, parser):
        """``parser(value, heading)`` of the column's cell, or the error recorded against its header."""
        found = row.get(key)
        if found is None:
            return None
        value, heading, header = found
        try:
            return parser(value, heading)
        except ValidationError as error:
            result.error(header, " ".join(error.messages))
            return None

    def compare(self, result: RowResult, record, wanted: dict) -> None:
        """Fill ``result.changes`` with the fields whose value differs from the record's."""
        for name, new in wanted.items():
            if self._is_relation(name):
                old = getattr(record, f"{name}_id")
                differs = isinstance(new, NewOrganization) or old != getattr(new, "pk", None)
            else:
                old = getattr(record, name)
                differs = old != new and not (old in ("", None) and new in ("", None))
            if differs:
                result.changes[name] = (getattr(record, name), new)

    def update_matched(self, result: RowResult, *, user, reason: str, provenance: str, refusal: str):
        """The matched record with the row's changes and the import in its provenance, checked and saved."""
        record = self.model.objects.get(pk=result.matched.pk)
        if not can_change(user, record):
            raise PermissionDenied(refusal)
        for name, (_old, new) in result.changes.items():
            setattr(record, name, new)
        record.provenance = append_provenance(record, provenance)
        record.full_clean()
        record._change_reason = reason
        record.save()
        return record

    def _is_relation(self, name: str) -> bool:
        return self.model._meta.get_field(name).is_relation

    def decide(self, result: RowResult) -> RowResult:
        if result.errors:
            result.action = ERROR
        elif result.matched is None:
            result.action = CREATE
        else:
            result.action = UPDATE if result.changes else UNCHANGED
        return result


def _text(value, heading) -> str:
    return values.text(value)


def _choice(choices):
    return lambda value, heading: values.choice(value, choices) if values.text(value) else ""


class OrganizationImporter(Importer):
    model = Organization
    title = gettext_lazy("Organizations")
    columns = [
        Column("name", "name", ("名称", "企业名称", "单位名称", "英文名称", "英文名")),
        Column("name_zh", "name_zh", ("中文名", "企业中文名称")),
        Column("kind", "kind", ("类别", "类型", "机构类型")),
        Column("country", "country", COUNTRY_ALIASES),
        Column("city", "city", ("城市",)),
        Column("sector", "sector", SECTOR_ALIASES),
        Column("website", "website", ("网址", "网站")),
        Column("notes", "notes", ("备注",)),
    ]
    simple = ("name_zh", "kind", "city", "website", "notes")

    def plan_row(self, number: int, row: dict) -> RowResult:
        result = RowResult(number)
        name = self.parse(result, row, "name", _text)
        if not name:
            result.error(row["name"][2] if "name" in row else _("name"), _("The name is missing."))
            return result
        result.label = name
        wanted = {
            key: self.parse(result, row, key, _text) for key in ("name_zh", "city", "website", "notes") if key in row
        }
        if "kind" in row:
            wanted["kind"] = (
                self.parse(result, row, "kind", _choice(Organization.Kind.choices)) or Organization.Kind.COMPANY
            )
        for key, lookup in (("country", self.countries), ("sector", self.sectors)):
            if key in row and values.text(row[key][0]):
                found = lookup.find(row[key][0])
                if found is None:
                    result.error(row[key][2], _("“%(value)s” is not recorded.") % {"value": values.text(row[key][0])})
                wanted[key] = found
        matched = self.organizations.find(name) or self.organizations.find(wanted.get("name_zh"))
        if matched is not None and getattr(matched, "_row", None):
            result.error(row["name"][2], _("The same organization as row %(row)s.") % {"row": matched._row})
            return result
        if matched is not None:
            result.matched, result.matched_by = matched, _("name")
            self.compare(result, matched, {k: v for k, v in wanted.items() if v not in ("", None)})
        else:
            if not wanted.get("country"):
                result.error(row.get("country", (0, 0, _("country")))[2], _("Give the country of a new organization."))
            placeholder = NewOrganization(name, wanted.get("country"))
            placeholder._row = number
            self.note_similar(result, name)
            self.organizations.by_key.setdefault(normalise_name(name), placeholder)
        result.values = {"name": name, **wanted}
        candidate = Organization(**{k: v for k, v in result.values.items() if k not in ("country", "sector")})
        try:
            candidate.full_clean(
                exclude=["country", "sector", "parent", "created_by"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            for name_, messages in error.message_dict.items():
                result.error(name_, " ".join(messages))
        return self.decide(result)

    def commit_row(self, result: RowResult, *, user, reason: str, provenance: str):
        if result.action == CREATE:
            return create_organization(user=user, confirm_similar=True, provenance=provenance, **result.values)
        refusal = _("You may not change this organization.")
        return self.update_matched(result, user=user, reason=reason, provenance=provenance, refusal=refusal)


def _amount(value, heading):
    return values.amount_of(value, multiplier=heading.multiplier) + (heading.currency,)


class ProjectImporter(Importer):
    model = InvestmentProject
    title = gettext_lazy("Projects (ledger)")
    columns = [
        Column("reference", "reference", ("编号", "项目编号", "编码")),
        Column("name", "name", ("项目名称", "项目", "名称")),
        Column("name_zh", "name_zh", ("项目中文名称",)),
        Column("investor", "investor", ("投资方", "投资者", "投资主体", "外方投资者", "签约企业", "企业名称")),
        Column("origin_country", "origin_country", COUNTRY_ALIASES),
        Column("sector", "sector", SECTOR_ALIASES),
        Column("park", "park", ("园区", "载体", "落户园区", "所在园区")),
        Column("district", "district", ("区市", "所在区市", "区县")),
        Column("project_type", "project_type", ("项目类型", "类型")),
        Column("direction", "direction", ("方向",)),
        Column("stage", "stage", ("阶段", "进度", "项目进度", "项目阶段")),
        Column("status", "status", ("状态",)),
        Column("lost_reason", "lost_reason", ("流失原因",)),
        Column("officer", "officer", ("负责人", "责任人")),
        Column("is_confidential", "is_confidential", ("保密",)),
        Column("description", "description", ("项目简介", "项目内容", "备注")),
        Column("planned_jobs", "planned_jobs", ("计划就业",)),
        Column("actual_jobs", "actual_jobs", ("实际就业",)),
        Column("currency", "currency", ("币种", "币别", "货币")),
        Column("contracted_amount", "contracted_amount", ("合同外资", "合同外资额")),
        Column("total_amount", "total_amount", ("总投资", "投资总额", "项目总投资")),
        Column("registered_amount", "registered_amount", ("注册资本",)),
        Column("planned_amount", "planned_amount", ("计划投资", "拟投资额", "投资额")),
        *[Column(fields.currency, None, ()) for kind, fields in AMOUNT_FIELDS.items() if fields.currency != "currency"],
        Column("signed_on", "signed_on", ("签约日期", "签约时间")),
    ]
    amount_keys = {fields.amount: fields.currency for fields in AMOUNT_FIELDS.values()}
    choices = {
        "district": District.choices,
        "project_type": InvestmentProject.Type.choices,
        "direction": Direction.choices,
        "stage": Stage.choices,
        "status": Status.choices,
    }
    texts = ("name_zh", "lost_reason", "description")

    def prepare(self, rows, headings) -> None:
        super().prepare(rows, headings)
        self.parks = Lookup(Park.objects.visible_to(self.user))
        users = get_user_model().objects.filter(is_active=True)
        self.officers = Lookup(users, keys=("username",))
        for user in users:
            self.officers.by_key.setdefault(header_key(user.get_full_name()), user)
            self.officers.by_key.setdefault(header_key(f"{user.last_name}{user.first_name}"), user)
        positions = {heading.key: i for i, heading in reversed(list(enumerate(headings))) if heading}
        refs = {
            values.text(cells[positions["reference"]]).upper()
            for _n, cells in rows
            if "reference" in positions and positions["reference"] < len(cells)
        } - {""}
        names = {
            values.text(cells[positions["name"]]).casefold()
            for _n, cells in rows
            if "name" in positions and positions["name"] < len(cells)
        } - {""}
        # Only projects this user may see are matched: an import never reveals or overwrites another's.
        from django.db.models.functions import Lower, Upper

        candidates = (
            InvestmentProject.objects.visible_to(self.user)
            .annotate(lower_name=Lower("name"), upper_reference=Upper("reference"))
            .filter(Q_any(upper_reference__in=refs, lower_name__in=names))
            .select_related("investor", "origin_country", "sector", "park", "officer")
        )
        self.by_reference, self.by_name = {}, {}
        for project in candidates:
            if project.reference:
                self.by_reference[project.reference.upper()] = project
            self.by_name.setdefault(" ".join(project.name.split()).casefold(), []).append(project)
        self.seen = {}

    def plan_row(self, number: int, row: dict) -> RowResult:
        result = RowResult(number)
        name = self.parse(result, row, "name", _text)
        if not name:
            result.error(row["name"][2] if "name" in row else _("name"), _("The name is missing."))
            return result
        result.label = name
        wanted = {"name": name}
        for key in self.texts:
            if key in row:
                wanted[key] = self.parse(result, row, key, _text)
        for key, choices in self.choices.items():
            if key in row and values.text(row[key][0]):
                wanted[key] = self.parse(result, row, key, _choice(choices))
        if "is_confidential" in row:
            wanted["is_confidential"] = self.parse(result, row, "is_confidential", lambda v, h: values.boolean(v))
        for key in ("planned_jobs", "actual_jobs"):
            if key in row:
                wanted[key] = self.parse(result, row, key, lambda v, h: values.whole_number(v))
        if "signed_on" in row:
            wanted["signed_on"] = self.parse(result, row, "signed_on", lambda v, h: values.day(v))
        for key, lookup in (
            ("origin_country", self.countries),
            ("sector", self.sectors),
            ("park", self.parks),
            ("officer", self.officers),
        ):
            if key in row and values.text(row[key][0]):
                found = lookup.find(row[key][0])
                if found is None:
                    result.error(row[key][2], _("“%(value)s” is not recorded.") % {"value": values.text(row[key][0])})
                wanted[key] = found
        if "investor" in row and values.text(row["investor"][0]):
            investor_name = values.text(row["investor"][0])
            investor = self.organizations.find(investor_name)
            if investor is None:
                country = wanted.get("origin_country")
                if country is None:
                    result.error(
                        row["investor"][2],
                        _("“%(name)s” is not recorded; give the origin country so it can be.")
                        % {"name": investor_name},
                    )
                else:
                    investor = NewOrganization(investor_name, country)
                    self.organizations.by_key[normalise_name(investor_name)] = investor
                    self.note_similar(result, investor_name)
            if isinstance(investor, NewOrganization):
                result.notes.append(_("New organization: %(name)s") % {"name": investor.name})
            wanted["investor"] = investor
        amounts = self.amounts(result, row)
        self.match(result, row, wanted)
        if result.matched is not None:
            project = result.matched
            if not can_change(self.user, project):
                result.error(_("name"), _("You may not change this project."))
            self.compare(result, project, wanted)
            for kind, (amount, currency) in amounts.items():
                fields = AMOUNT_FIELDS[kind]
                if (getattr(project, fields.amount), getattr(project, fields.currency)) != (amount, currency):
                    result.changes[fields.amount] = (getattr(project, fields.amount), f"{amount} {currency}")
        else:
            stage = wanted.get("stage") or Stage.LEAD
            if stage in Stage.at_or_beyond(Stage.CONTRACTED) and not self.user.has_perm(
                "projects.approve_contracted_stage"
            ):
                result.error(_("stage"), _("Only a manager may open a project at contracted or beyond."))
        if wanted.get("status") in (Status.LOST, Status.WITHDRAWN) and not (
            wanted.get("lost_reason") or getattr(result.matched, "lost_reason", "")
        ):
            result.error(row["status"][2], _("Say why the project was lost or withdrawn."))
        result.values = {"fields": wanted, "amounts": amounts}
        candidate = InvestmentProject(**{k: v for k, v in wanted.items() if not self._is_relation(k)})
        try:
            candidate.full_clean(
                validate_unique=False,
                validate_constraints=False,
                exclude=["investor", "origin_country", "sector", "park", "officer", "parent"],
            )
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                result.error(field_name, " ".join(messages))
        return self.decide(result)

    def amounts(self, result: RowResult, row: dict) -> dict:
        """Each kind's (amount, currency): the unit in the cell or header, else its currency column, else 币种."""
        found = {}
        for kind, fields in AMOUNT_FIELDS.items():
            if fields.amount not in row:
                continue
            parsed = self.parse(result, row, fields.amount, _amount)
            if parsed is None or parsed[0] is None:
                continue
            amount, cell_currency, header_currency = parsed
            currency = cell_currency or header_currency
            for key in (fields.currency, "currency"):
                if not currency and key in row and values.text(row[key][0]):
                    currency = self.parse(result, row, key, lambda v, h: values.choice(v, _currencies()))
            if not currency:
                result.error(row[fields.amount][2], _("Say which currency the amount is written in."))
            found[kind] = (amount, currency or "")
        return found

    def match(self, result: RowResult, row: dict, wanted: dict) -> None:
        reference = values.text(row["reference"][0]).upper() if "reference" in row else ""
        project, by = self.by_reference.get(reference), _("reference")
        if project is None:
            same = self.by_name.get(wanted["name"].casefold(), [])
            investor = wanted.get("investor")
            if len(same) > 1 and investor is not None:
                same = [p for p in same if p.investor_id == getattr(investor, "pk", None)]
            if len(same) > 1:
                result.error(row["name"][2], _("Several projects have this name; give the reference to say which."))
                return
            project, by = (same[0] if same else None), _("name")
        key = project.pk if project else ("new", wanted["name"].casefold())
        if key in self.seen:
            result.error(row["name"][2], _("The same project as row %(row)s.") % {"row": self.seen[key]})
            return
        self.seen[key] = result.number
        if project is not None:
            result.matched, result.matched_by = project, by
            if reference and reference != (project.reference or ""):
                result.notes.append(_("Reference %(reference)s is not recorded here.") % {"reference": reference})
        elif reference:
            result.notes.append(
                _("Reference %(reference)s is not recorded here; the new project gets its own.")
                % {"reference": reference}
            )

    def commit_row(self, result: RowResult, *, user, reason: str, provenance: str):
        wanted = dict(result.values["fields"])
        investor = wanted.get("investor")
        if isinstance(investor, NewOrganization):
            if investor.record is None:
                investor.record = create_organization(
                    user=user,
                    confirm_similar=True,
                    name=investor.name,
                    country=investor.country,
                    provenance=provenance,
                )
            wanted["investor"] = investor.record
        if result.action == CREATE:
            wanted.setdefault("officer", None)
            wanted["officer"] = wanted["officer"] or user
            project = InvestmentProject(created_by=user, provenance=provenance, **wanted)
            project.full_clean()
            project._change_reason = reason
            project.save()
            log_opening(project, user=user, note=reason)
        else:
            project = InvestmentProject.objects.get(pk=result.matched.pk)
            moves = {key: wanted.pop(key) for key in ("stage", "status") if key in result.changes}
            for name in result.changes:
                if name in wanted:
                    setattr(project, name, wanted[name])
            project.provenance = append_provenance(project, provenance)
            project.full_clean()
            project._change_reason = reason
            project.save()
            if moves:
                move_project(
                    project,
                    user=user,
                    note=reason,
                    record_with_gaps=True,
                    lost_reason=wanted.get("lost_reason", ""),
                    **moves,
                )
        for kind, (amount, currency) in result.values["amounts"].items():
            fields = AMOUNT_FIELDS[kind]
            if (getattr(project, fields.amount), getattr(project, fields.currency)) != (amount, currency):
                set_project_amount(project=project, kind=kind, amount=amount, currency=currency, user=user)
        return project


def _currencies():
    from core.models import Currency

    return [
        *Currency.choices,
        ("CNY", "RMB"),
        ("CNY", "人民币"),
        ("CNY", "元"),
        ("USD", "美元"),
        ("EUR", "欧元"),
        ("JPY", "日元"),
        ("KRW", "韩元"),
        ("HKD", "港元"),
    ]


def Q_any(**lookups):
    from django.db.models import Q

    q = Q(pk__in=[])
    for name, items in lookups.items():
        if items:
            q |= Q(**{name: list(items)})
    return q
