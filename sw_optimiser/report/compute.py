"""The solves a review needs: baseline, the plan, what each lever is worth, and the stress test.

This is the only impure part of the report: it runs the optimiser. Everything after it
(`data.assemble`, the renderers) is plain arithmetic and formatting on what it returns.
Results the caller already has (the explorer keeps its plan, baseline and waterfall) can be
passed in and are not computed again.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field

from ..baseline import run_baseline
from ..company import CompanyModel
from ..i18n import Message
from ..optimiser import Infeasible, Optimiser, Waterfall, lever_waterfall
from ..results import Results
from ..scenario import Changes, Scenario, apply_changes

# The stress test of section 5: a steeper subsidy cut (the bundled austerity scenario's €300 per SE
# per year, cumulative) and 10 % less demand everywhere, on top of the scenario's own changes.
DEFAULT_STRESS = Changes(subsidy_extra_cut=300.0, demand={"all": 0.9})


@dataclass
class Sensitivity:
    changes: Changes
    baseline: Results
    model: CompanyModel | None = None  # the company model under stress
    plan: Results | None = None
    error: list[Message] = field(default_factory=list)  # why there is no plan (infeasible, no solution in time)
    seconds: float = 0.0


@dataclass
class Computed:
    """Everything the report is assembled from."""

    model: CompanyModel  # as read from the workbook
    scenario: Scenario
    changed: CompanyModel  # with the scenario's changes applied: what baseline and plan are priced on
    baseline: Results
    plan: Results | None = None
    plan_error: list[Message] = field(default_factory=list)  # put into words by the sections, in the report's language
    waterfall: Waterfall | None = None
    waterfall_error: list[Message] = field(default_factory=list)
    sensitivity: Sensitivity | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # step -> wall-clock seconds


def compute(model: CompanyModel, scenario: Scenario, *, waterfall: bool = True,
            sensitivity: bool = True, stress: Changes = DEFAULT_STRESS, marginal_values: bool = True,
            optimiser: Optimiser | None = None,
            plan: Results | None = None, baseline: Results | None = None,
            waterfall_result: Waterfall | None = None) -> Computed:
    """Run what the review needs. A plan that cannot be found is reported, not raised.

    waterfall: also solve each lever alone and in the waterfall (13 more solves with every lever on);
    sensitivity: also re-solve under `stress`; marginal_values: the LP duals of the plan (shadow prices)."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    changed = apply_changes(model, scenario.changes, scenario.name)
    base = baseline or run_baseline(changed)
    seconds["baseline"] = time.perf_counter() - started
    out = Computed(model=model, scenario=scenario, changed=changed, baseline=base, seconds=seconds)

    opt = optimiser
    if plan is None:
        started = time.perf_counter()
        opt = opt or Optimiser(changed, scenario.social)
        try:
            plan = opt.solve(scenario, marginal_values=marginal_values)
        except Infeasible as exc:
            out.plan_error = list(exc.explanations)
        seconds["plan"] = time.perf_counter() - started
    out.plan = plan

    if waterfall_result is not None:
        out.waterfall = waterfall_result
    elif waterfall and scenario.active_levers and out.plan is not None:
        started = time.perf_counter()
        opt = opt or Optimiser(changed, scenario.social)
        try:
            out.waterfall = lever_waterfall(changed, scenario, optimiser=opt, baseline=base)
        except Infeasible as exc:
            out.waterfall_error = list(exc.explanations)
        seconds["waterfall"] = time.perf_counter() - started

    if sensitivity and scenario.active_levers:
        started = time.perf_counter()
        out.sensitivity = stress_test(changed, scenario, stress)
        seconds["sensitivity"] = time.perf_counter() - started
    return out


def stress_test(m: CompanyModel, scenario: Scenario, stress: Changes) -> Sensitivity:
    """The plan re-solved on the company model under `stress` (applied on top of the scenario's changes)."""
    started = time.perf_counter()
    stressed = apply_changes(m, stress, scenario.name)
    out = Sensitivity(changes=stress, baseline=run_baseline(stressed), model=stressed)
    try:
        name = f"{scenario.name} (stress)"
        out.plan = Optimiser(stressed, scenario.social).solve(dataclasses.replace(scenario, name=name))
    except Infeasible as exc:
        out.error = list(exc.explanations)
    out.seconds = time.perf_counter() - started
    return out
