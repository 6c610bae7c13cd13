"""The solves a review needs: baseline, the plan, what each lever is worth, and the stress test.

This is the only impure part of the report: it runs the optimiser. Everything after it
(`data.assemble`, the renderers) is plain arithmetic and formatting on what it returns.
Results the caller already has (the explorer keeps its plan, baseline and waterfall) can be
passed in and are not computed again.

The solves are independent, so they run side by side in `workers` processes (as the region's
coalitions do, region/run.py); each process builds the optimiser's model once and re-solves it with
other levers switched on. The report's plan is the best plan any of them found (`best_plan`): a plan
found with fewer levers is feasible with more, since a lever that is off keeps today's decisions.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from types import SimpleNamespace

from ..baseline import run_baseline
from ..company import CompanyModel
from ..i18n import Message
from ..optimiser import Infeasible, Optimiser, Waterfall, lever_waterfall
from ..results import Results, relative_gap
from ..scenario import Changes, Scenario, SocialLimits, apply_changes

# The stress test of section 5: a steeper subsidy cut (the bundled austerity scenario's €300 per SE
# per year, cumulative) and 10 % less demand everywhere, on top of the scenario's own changes.
DEFAULT_STRESS = Changes(subsidy_extra_cut=300.0, demand={"all": 0.9})
STRESS = "stress"  # the task key of the stress test among the lever sets
WORTHLESS = 1.0  # euros of NPV: a lever worth no more than this adds nothing


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
    plan: Results | None = None  # the best plan found by any solve (see `best_plan`)
    plan_error: list[Message] = field(default_factory=list)  # put into words by the sections, in the report's language
    plan_levers: tuple[str, ...] | None = None  # the levers of the solve that found the plan
    waterfall: Waterfall | None = None
    worth_in_plan: dict[str, float] = field(default_factory=dict)  # lever -> plan NPV minus the best plan without it
    waterfall_error: list[Message] = field(default_factory=list)
    sensitivity: Sensitivity | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # step -> wall-clock seconds

    @property
    def proven(self) -> bool:
        """The plan is proven within the scenario's gap (else it is a provisional plan)."""
        return self.plan is not None and (self.plan.status == "optimal" or
                                          (self.plan.gap is not None and self.plan.gap <= self.scenario.gap + 1e-9))


def compute(model: CompanyModel, scenario: Scenario, *, waterfall: bool = True,
            sensitivity: bool = True, stress: Changes = DEFAULT_STRESS, marginal_values: bool = True,
            optimiser: Optimiser | None = None,
            plan: Results | None = None, baseline: Results | None = None,
            waterfall_result: Waterfall | None = None, workers: int | None = None,
            progress: Callable[[int, int, str], None] | None = None) -> Computed:
    """Run what the review needs. A plan that cannot be found is reported, not raised.

    waterfall: also solve each lever alone and in the waterfall (13 more solves with every lever on);
    sensitivity: also re-solve under `stress`; marginal_values: the LP duals of the plan (shadow prices).
    workers: processes solving side by side (default 1: here, with `optimiser` when given; the report
    command uses `default_workers()`); progress(done, total, task) is called after each solve, with
    task = (kind "plan" or "stress", levers)."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    changed = apply_changes(model, scenario.changes, scenario.name)
    base = baseline or run_baseline(changed)
    seconds["baseline"] = time.perf_counter() - started
    out = Computed(model=model, scenario=scenario, changed=changed, baseline=base, seconds=seconds)
    levers = scenario.active_levers

    tasks: list[tuple] = []  # (key, lever set): solved side by side
    if plan is None:
        tasks.append(("plan", levers))
    wanted_waterfall = waterfall_result is None and waterfall and bool(levers)
    if wanted_waterfall:
        tasks += [("plan", s) for s in waterfall_lever_sets(changed, scenario) if ("plan", s) not in tasks]
    stressed = apply_changes(changed, stress, scenario.name) if sensitivity and levers else None
    if stressed is not None:
        tasks.append((STRESS, levers))

    started = time.perf_counter()
    solved = solve_tasks(tasks, {"plan": changed, STRESS: stressed}, scenario, marginal_values, workers=workers,
                         optimiser=optimiser, progress=progress)
    seconds["solves"] = time.perf_counter() - started

    found = {s: r for (key, s), r in solved.items() if key == "plan" and isinstance(r, Results)}
    if plan is not None:
        found[levers] = plan
    if plan is None and not found:
        out.plan_error = solved[("plan", levers)]
    if wanted_waterfall and found:
        # a lever worth nothing as a waterfall step may still be worth something in the plan: solve the
        # plan without it, so its advice says what it adds (or is dropped when it adds nothing)
        w = best_waterfall(changed, scenario, base, found)
        steps = dict(zip(w.steps.lever, w.steps.gain))
        unclear = [k for k in levers if k != "placement" and steps.get(k, 0.0) <= WORTHLESS]
        more = [("plan", tuple(x for x in levers if x != k)) for k in unclear]
        more = [task for task in more if task[1] not in found]
        started = time.perf_counter()
        solved.update(solve_tasks(more, {"plan": changed}, scenario, False, workers=workers, optimiser=optimiser,
                                  progress=progress))
        seconds["solves"] += time.perf_counter() - started
        found.update({s: r for (key, s), r in solved.items() if key == "plan" and isinstance(r, Results)})
        best = found[best_plan(found, levers)]
        for k in unclear:
            without = best_plan(found, tuple(x for x in levers if x != k))
            out.worth_in_plan[k] = best.npv - (found[without].npv if without is not None else base.npv)
    best = best_plan(found, levers)
    if best is not None:
        out.plan_levers, out.plan = best, against_bound(found[best], found.get(levers), scenario.gap, abs(base.npv))
    if waterfall_result is not None:
        out.waterfall = waterfall_result
    elif wanted_waterfall:
        failed = [r for (key, _), r in solved.items() if key == "plan" and not isinstance(r, Results)]
        if failed and not found:
            out.waterfall_error = failed[0]
        else:
            out.waterfall = best_waterfall(changed, scenario, base, found)
    if stressed is not None:
        result = solved[(STRESS, levers)]
        sens = Sensitivity(changes=stress, baseline=run_baseline(stressed), model=stressed)
        if isinstance(result, Results):
            sens.plan, sens.seconds = result, result.solve_seconds or 0.0
        else:
            sens.error = result
        out.sensitivity = sens
    return out


# ----- which solves, and the best of them -----------------------------------------------------------------
class _Asked:
    """Stands in for the optimiser to learn which lever sets `lever_waterfall` solves."""

    def __init__(self):
        self.sets: list[tuple[str, ...]] = []

    def solve(self, scenario: Scenario, marginal_values: bool = False):
        self.sets.append(scenario.active_levers)
        return SimpleNamespace(npv=0.0)


class _Found:
    """Stands in for the optimiser with plans already found: lever set -> the best plan within it."""

    def __init__(self, found: dict[tuple[str, ...], Results], base: Results):
        self.found, self.base = found, base

    def solve(self, scenario: Scenario, marginal_values: bool = False) -> Results:
        within = best_plan(self.found, scenario.active_levers)
        return self.base if within is None else self.found[within]


def waterfall_lever_sets(m: CompanyModel, scenario: Scenario) -> list[tuple[str, ...]]:
    """The lever sets the waterfall of `scenario` solves, in its order."""
    asked = _Asked()
    lever_waterfall(m, scenario, optimiser=asked, baseline=SimpleNamespace(npv=0.0))
    return list(dict.fromkeys(asked.sets))


def best_plan(found: dict[tuple[str, ...], Results], levers: tuple[str, ...]) -> tuple[str, ...] | None:
    """The lever set, among those with a plan in `found` and within `levers`, whose plan is best
    (highest NPV; on a tie the set with all of `levers`, then the smallest). A plan found with fewer
    levers is a plan for more: a lever switched off keeps today's decisions."""
    allowed = set(levers)
    within = [s for s in found if set(s) <= allowed]
    if not within:
        return None
    return max(within, key=lambda s: (round(found[s].npv, 2), set(s) == allowed, -len(s)))


def against_bound(plan: Results, full: Results | None, gap: float, scale: float = 1.0) -> Results:
    """`plan` with its gap measured against the bound of the solve with all the scenario's levers
    (`full`): how much better a plan may still be, whichever solve found this one, as a share of the
    larger of its NPV and `scale` (the baseline's NPV, as the optimiser measures it). Within `gap` it is
    proven optimal; else it is provisional."""
    if full is None or full is plan or full.gap is None or full.objective is None:
        return plan
    bound = full.bound if full.bound is not None else full.objective + full.gap * max(1.0, abs(full.objective))
    distance = relative_gap(bound, plan.npv, scale)
    proven = distance <= gap
    return dataclasses.replace(plan, gap=distance, bound=bound, status="optimal" if proven else "time_limit",
                               stopped=None if proven else (full.stopped or plan.stopped))


def best_waterfall(m: CompanyModel, scenario: Scenario, base: Results, found: dict) -> Waterfall:
    """The waterfall on the best plan found within each step's levers: no step is worth less than
    the one before it (its plan is feasible for the next) and the waterfall ends at the best plan."""
    return lever_waterfall(m, scenario, optimiser=_Found(found, base), baseline=base)


# ----- solving side by side ----------------------------------------------------------------------------
_OPTIMISERS: dict[str, Optimiser] = {}  # per worker process: one persistent model per company model


def _task(key: str, levers: tuple[str, ...], m: CompanyModel, scenario: Scenario, marginal: bool,
          optimisers: dict[str, Optimiser]):
    """One solve: the Results, or the explanations (i18n.Message) of why there is no plan."""
    opt = optimisers.get(key)
    if opt is None:
        opt = optimisers[key] = Optimiser(m, scenario.social or SocialLimits())
    name = scenario.name if key == "plan" and levers == scenario.active_levers else "+".join(levers)
    if key == STRESS:
        name = f"{scenario.name} (stress)"
    try:
        return opt.solve(scenario.with_levers(levers, name=name), marginal_values=marginal)
    except Infeasible as exc:
        return list(exc.explanations)


def _in_worker(args):
    return _task(*args, optimisers=_OPTIMISERS)


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def solve_tasks(tasks: list[tuple[str, tuple[str, ...]]], models: dict[str, CompanyModel | None],
                scenario: Scenario, marginal_values: bool, *, workers: int | None = None,
                optimiser: Optimiser | None = None, progress=None) -> dict:
    """(key, levers) -> Results or [Message], each task solved on models[key]. Fewer levers first, so
    each process's model starts from a plan with fewer switches (feasible for the next)."""
    order = sorted(tasks, key=lambda k: (k[0] == STRESS, len(k[1])))
    workers = min(workers or 1, len(order))
    args = [(key, s, models[key], scenario, marginal_values and key == "plan" and s == scenario.active_levers)
            for key, s in order]
    out: dict = {}

    def done(i: int, task, result) -> None:
        out[task] = result
        if progress:
            progress(i, len(order), task)

    if workers <= 1:
        local = {"plan": optimiser} if optimiser is not None else {}
        for i, (task, a) in enumerate(zip(order, args), start=1):
            done(i, task, _task(*a, optimisers=local))
        return out
    # "spawn", not fork: see region/run.py (a forked child of a process that ran HiGHS can hang)
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for i, (task, result) in enumerate(zip(order, pool.map(_in_worker, args)), start=1):
            done(i, task, result)
    return out
