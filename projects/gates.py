"""Stage gates: what a project must have recorded to stand at each stage. The one definition.

A gate guards a person moving a project forward; it never lowers a recorded fact. A project may
stand at the stage its source states, and what its gate still asks for are its *data gaps*. The same
requirements answer for one project in Python (``missing_items``) and for a whole list in the
database (``has_gaps_q``), so the badge, the filter and the dashboard count always agree.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce

from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from projects.models import Direction, InvestmentProject, Stage


@dataclass(frozen=True)
class Requirement:
    """One item a gate asks for: met when every field of any one group is filled in.

    ``directions`` limits the requirement to projects of those directions (all when empty).
    """

    label: Promise
    any_of: tuple[tuple[str, ...], ...]
    directions: tuple[str, ...] = ()

    def applies_to(self, project: InvestmentProject) -> bool:
        return not self.directions or project.direction in self.directions

    def is_missing(self, project: InvestmentProject) -> bool:
        if not self.applies_to(project):
            return False
        return not any(all(_is_filled(project, name) for name in group) for group in self.any_of)

    def missing_q(self) -> Q:
        """The projects for which this requirement is unmet, as a database condition."""
        missing = Q()
        for group in self.any_of:
            group_missing = Q()
            for name in group:
                group_missing |= _empty_q(name)
            missing &= group_missing
        if self.directions:
            missing &= Q(direction__in=self.directions)
        return missing


def _field(name: str):
    return InvestmentProject._meta.get_field(name)


def _is_filled(project: InvestmentProject, name: str) -> bool:
    field = _field(name)
    value = getattr(project, field.attname)
    return value is not None and value != ""


def _empty_q(name: str) -> Q:
    field = _field(name)
    if field.null:
        return Q(**{f"{field.attname}__isnull": True})
    return Q(**{name: ""})


INVESTOR = Requirement(_("Record the investor."), (("investor",),))
# The amount that makes a signing figure real is of the kind its direction reports: contracted
# foreign investment (合同外资) for inbound projects; for outbound and domestic projects, which
# bring no foreign capital, the contracted or the total project investment.
INBOUND_AMOUNT = Requirement(
    _("Record the contracted amount and its currency."),
    (("contracted_amount", "currency"),),
    directions=(Direction.INBOUND,),
)
OTHER_AMOUNT = Requirement(
    _("Record the contracted or total investment and its currency."),
    (("contracted_amount", "currency"), ("total_amount", "total_currency")),
    directions=(Direction.OUTBOUND, Direction.DOMESTIC),
)
SECTOR = Requirement(_("Record the sector."), (("sector",),))
PARK = Requirement(_("Record the park or zone."), (("park",),))

_SIGNED = (INVESTOR, INBOUND_AMOUNT, OTHER_AMOUNT, SECTOR, PARK)

# What standing at each stage needs. Stages before a binding contract need nothing.
GATES: dict[str, tuple[Requirement, ...]] = {
    Stage.LEAD: (),
    Stage.NEGOTIATING: (),
    Stage.INTENT: (),
    Stage.CONTRACTED: _SIGNED,
    Stage.REGISTERED: _SIGNED,
    Stage.CONSTRUCTION: _SIGNED,
    Stage.OPERATING: _SIGNED,
}


class GateNotMet(ValidationError):
    """A stage refused because its gate is not met; ``missing`` lists what the gate still asks for."""

    def __init__(self, missing: list[str]):
        super().__init__(missing)
        self.missing = list(missing)


def missing_items(project: InvestmentProject, stage: str | None = None) -> list[str]:
    """What ``project`` lacks to stand at ``stage`` (its own stage by default): its data gaps there."""
    stage = stage or project.stage
    return [str(requirement.label) for requirement in GATES[stage] if requirement.is_missing(project)]


def has_gaps_q() -> Q:
    """Projects missing something their current stage's gate asks for, as a database condition."""
    by_stage = [
        Q(stage=stage) & reduce(operator.or_, (requirement.missing_q() for requirement in requirements))
        for stage, requirements in GATES.items()
        if requirements
    ]
    return reduce(operator.or_, by_stage)


def with_gaps_flag(projects):
    """Annotate ``has_data_gaps`` on each project, computed in the database for a whole list."""
    return projects.annotate(
        has_data_gaps=Case(When(has_gaps_q(), then=Value(True)), default=Value(False), output_field=BooleanField())
    )
