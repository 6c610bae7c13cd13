"""Build once, solve many: the optimisation pipeline (build -> solve -> extract plan -> evaluate).

An `Optimiser` builds the Pyomo model of one company model and one set of social limits with every
lever present, and keeps a persistent HiGHS solver on it. A lever that is off has its decisions fixed
at today's values; switching levers only fixes or releases variables and re-solves.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pandas as pd
import pyomo.environ as pyo

from ..baseline import run_baseline
from ..company import CompanyModel
from ..evaluate import evaluate
from ..i18n import Amount, Message
from ..results import Results, relative_gap
from ..scenario import Scenario, SocialLimits, check_site_plans
from ..siteplan import SitePlan, site_plan_of, stranded
from . import core, social
from .builder import Builder
from .deadline import EXPLAIN_CAP, EXPLAIN_FLOOR, MARGINAL_FLOOR, Deadline
from .extract import extract_plan, integer_vars
from .highs import Outcome, Progress, Solver
from .infeasible import Infeasible
from .levers import sites, switch, units

HOURS_PER_FTE = 1600  # productive hours of one supervisor FTE, for the value of a supervisor hour


def build(m: CompanyModel, social_limits: SocialLimits | None = None, diagnose: bool = False,
          close: bool = True, tighten: bool = True) -> Builder:
    """The model of `m` with every lever present (all switched on). `close=False` leaves its rows open
    for others to add terms to (the region's sharing); then call `finish(b)`. `tighten=False` leaves
    out the rows that only tighten the LP relaxation (the enumeration test checks they cut off no plan)."""
    b = Builder(m, social_limits, diagnose, tighten)
    levers = units()
    for lever in levers:
        lever.variables(b)
    for lever in levers:
        lever.constraints(b)
    core.constraints(b)
    baseline_result = run_baseline(m).pnl["operating_result"].to_dict() if b.social.savings_target else {}
    social.constraints(b, baseline_result)
    if close:
        finish(b)
    return b


def finish(b: Builder) -> None:
    """Close the model's rows and set its objective."""
    b.close()
    if b.diagnose:
        b.pm.objective = pyo.Objective(expr=sum(_penalty(b.rules[name]) * var for name, _, var in b.slacks),
                                       sense=pyo.minimize)
    else:
        b.pm.objective = pyo.Objective(expr=b.objective_expr(), sense=pyo.maximize)


# Rules a scenario sets; when a scenario is impossible these are named before the company's own rules.
SCENARIO_RULES = {"min_sheltered", "max_moves", "group_moves", "one_off_budget", "savings_target"}


def _penalty(rule) -> float:
    """Weight of one unit of slack when diagnosing: 1 SE weighs as much as €10,000, and the company's
    own rules (volumes, sites, supervision) a million times more than the scenario's limits (the default
    move limit per group a hundred times as much: a slack there can ease a limit in every later year); a missing
    place for an employee (employ) a little less than the company's other rules, so the diagnosis says
    who lacks work rather than bending a market or a site."""
    weight = 1.0 if rule.unit == "se" else 1e-4
    if rule.name == "employ":
        return 0.5e6 * weight
    if rule.name == "group_moves":  # a default limit: bent after the limits a scenario sets itself
        return 100 * weight
    return weight if rule.name in SCENARIO_RULES else 1e6 * weight


# The order in which a start plan takes the levers in (`Optimiser.solve`): each step solves in seconds from
# the previous step's plan (a plan with fewer switches on stays feasible with more), the hardest (sites,
# whose capacity meets fixed costs under a shrinking workforce) last. Measured on the example (all levers,
# idle machine): reallocation 0.5 s, + tariffs 0.4 s, + supervision 2.1 s, + phase-out 10.5 s, ...
LADDER = ("placement", "tariffs", "supervision", "phase_out", "acquisition", "chain", "sites")
STEP_NODES = 500  # branch-and-bound nodes a step may take: it stops on its gap or this count, not on the clock
STEP_GAP = 0.02  # a step is a start, not the plan: it stops within 2 % (or the scenario's gap, if wider)
# After the ladder, fix-and-optimise rounds: each frees the decisions of levers that act on one another
# and holds every other integer decision at the plan so far; rounds repeat while one finds a better plan.
# The last lever alone first (for sites: which sites the plan so far leaves empty enough to divest).
# Sites with phase-out is left out: on the example it found nothing in 200 nodes and took longest.
NEIGHBOURHOODS = (("supervision", "phase_out"), ("tariffs", "acquisition", "phase_out"), ("sites", "supervision"),
                  ("chain", "phase_out", "acquisition"))
ROUNDS = 3
HOOD_NODES = 200  # nodes a round's step may take
# The full MILP after the start plan stops on its gap or after this many nodes (Scenario.nodes overrides):
# a limit on work, so the same inputs give the same plan on every run and machine, unless the time limit
# comes first (then the plan says so).
FINAL_NODES = 200  # on the example's all levers, 1,000 nodes took 554 s (loaded) and found nothing better
LADDER_SHARE = 0.5  # of the time limit, what the ladder's steps may take at most
IMPROVES = 1e-6  # relative: a plan better than the one before by less than this is no better


def ladder(levers: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The lever sets a start plan for `levers` is built through: reallocation, then one lever more at a
    time in LADDER order, up to but not including `levers` itself."""
    if "placement" not in levers:
        return []
    return [tuple(_ordered(levers)[:k]) for k in range(1, len(levers))]


def _ordered(levers) -> list[str]:
    return [lv for lv in LADDER if lv in levers] + [lv for lv in levers if lv not in LADDER]


@dataclass(frozen=True)
class Step:
    """One step of a start plan: the levers switched on, those whose decisions were free (the others'
    were held at the plan before), and the objective it reached (None: no plan)."""
    levers: tuple[str, ...]
    free: tuple[str, ...]
    objective: float | None


class Optimiser:
    def __init__(self, m: CompanyModel, social_limits: SocialLimits | None = None):
        self.m = m
        self.social = social_limits or SocialLimits()
        started = time.perf_counter()
        self.b = build(m, self.social)
        self.build_seconds = time.perf_counter() - started
        self.solver = Solver()
        self.levers: tuple[str, ...] | None = None
        self.loaded: tuple[str, ...] | None = None  # switches of the plan the variables now hold
        self.steps: list[Step] = []  # how the last solve built its start plan
        self.stopped: str | None = None  # what cut the last solve's start plan short ("time", "user")
        self.best: dict[tuple[str, ...], tuple[float, list]] = {}  # levers -> best objective and values
        self._baseline_npv: float | None = None

    # ----- switching levers ---------------------------------------------------------------------
    def set_levers(self, levers) -> None:
        self.levers = switch(self.b, levers)

    # ----- solving --------------------------------------------------------------------------------
    def _solve(self, time_limit: float, gap: float, progress: Progress | None = None,
               should_stop=None, nodes: int | None = None, abs_gap: float | None = None):
        outcome = self.solver.solve(self.b.pm, time_limit=time_limit, gap=gap, progress=progress,
                                    should_stop=should_stop, nodes=nodes, abs_gap=abs_gap)
        if outcome.objective is not None:
            self.loaded = self.levers
        return outcome

    def solve(self, scenario: Scenario, marginal_values: bool = False, progress: Progress | None = None,
              should_stop=None) -> Results:
        """The plan for `scenario`, or Infeasible. The results' warnings are messages, put into words
        where they are shown. `progress(best, bound, seconds)` is called while the solver searches;
        `should_stop()` ends the search early with the best plan found so far.

        Every search stops on its gap or a node count (work, the same on every machine), so the same
        inputs give the same plan; the time limit is a deadline for the whole solve, and a plan it cut
        short says so (`Results.stopped`). The gap is measured against the larger of the plan's and the
        baseline's NPV: a plan that brings the municipal contribution near zero is not held to a gap of
        a few thousand euros. A plan worse than one this optimiser found before for the same levers
        gives way to that one."""
        levers = scenario.active_levers
        check_site_plans(self.m, scenario, scenario.name)
        held = scenario.site_plans if "sites" in levers else ()
        key = levers + tuple(sp.key() for sp in held)  # a plan found with the sites held is best only for them
        started = time.perf_counter()
        deadline = Deadline(scenario.time_limit)  # for the whole solve: the steps, the MILP and the marginal values
        self.steps, self.stopped = [], None
        # while a step of the start plan searches, its best plan is reported (a step's own bound holds only
        # with the decisions it keeps fixed, so none is): the explorer shows the search moving
        step_progress = None if progress is None else (
            lambda best, _bound, _seconds: progress(best, None, time.perf_counter() - started))
        if not held and self._needs_start(levers):
            # A start plan, one lever more at a time (LADDER): each step starts from the plan before it,
            # which stays feasible, so a plan cut short by the time limit is never worse than the best step.
            # Under a short time limit the ladder gets half of it, so that the last lever's step (which
            # finds the most on the example) still runs; a ladder cut short so is noted as stopped by time.
            ladder_deadline = Deadline(LADDER_SHARE * scenario.time_limit)
            for step in ladder(levers):
                if self._halt(ladder_deadline, should_stop):
                    break
                self.set_levers(step)
                self._step(step, step, scenario, ladder_deadline, should_stop, step_progress)
            self.set_levers(levers)
            if self.steps and self.steps[-1].objective is not None:
                self._improve(levers, scenario, deadline, should_stop, step_progress)
        else:
            self.set_levers(levers)
        scale = max(1.0, abs(self.baseline_npv()))
        nodes = scenario.nodes if scenario.nodes is not None else FINAL_NODES
        search = dict(gap=scenario.gap, progress=progress, should_stop=should_stop, nodes=nodes,
                      abs_gap=scenario.gap * scale)
        reserve = deadline.marginal_reserve(marginal_values)
        if held:
            info, candidates, chosen = self._solve_site_plans(levers, held, deadline, reserve, search)
        else:
            info, candidates, chosen = self._solve(deadline.left(reserve=reserve), **search), None, None
        info.seconds = time.perf_counter() - started
        if info.status == "infeasible":
            raise Infeasible(self._explain(scenario, held, deadline))
        if info.status == "no_solution" and any(step.objective is not None for step in self.steps):
            # stopped before the full solve found a plan: the variables hold the start plan's last step
            # (a plan with fewer levers on is feasible with more), which is the plan so far
            info.status, info.objective, info.bound = "time_limit", pyo.value(self.b.pm.objective), None
        if info.status == "no_solution":
            earlier = self._best_so_far(key, None)  # stopped before any plan: an earlier one, if any
            if earlier is None:
                limit = scenario.time_limit
                raise Infeasible([Message("explain.no_solution",
                                          {"seconds": Amount(limit, "", 0 if limit == int(limit) else 1)})])
            objective, bound = earlier, None
        else:
            earlier = self._best_so_far(key, info.objective)
            objective = earlier if earlier is not None else info.objective
            bound = info.bound
        if bound is None:  # no proof at all: how far from the best it is, is not known
            gap, status = None, "time_limit"
        else:
            gap = relative_gap(bound, objective, scale)
            status = "optimal" if gap <= scenario.gap + 1e-9 else "time_limit"
        stopped = None if status == "optimal" else (self.stopped or info.stopped or "work")
        plan = extract_plan(self.b)
        results = evaluate(self.m, plan, scenario=scenario.name, status=status, gap=gap, bound=bound,
                           stopped=stopped, solve_seconds=info.seconds, build_seconds=self.build_seconds,
                           objective=objective)
        if "sites" in levers:  # the site plan it follows: the one held, or the plan's own (to hold next time)
            own = site_plan_of(self.m, plan, scenario.name)
            results.site_plan = chosen if earlier is None and chosen is not None else \
                next((sp for sp in held if sp.followed_by(own)), own)
            results.site_plan_given = bool(held)
            results.site_plans = candidates
            if held:
                results.warnings.append(Message("warn.site_plan_given" if len(held) == 1 else "warn.site_plan_chosen",
                                                {"name": results.site_plan.name,
                                                 "count": Amount(float(len(held)), "", 0)}))
        if status == "time_limit" and gap is None:
            results.warnings.append(Message("warn.no_bound", {}))
        elif status == "time_limit":
            words = {"gap": Amount(gap, "percent", 2), "amount": Amount(bound - objective, "eur", 0),
                     "nodes": Amount(float(nodes), "", 0)}
            if stopped == "work":
                results.warnings.append(Message("warn.work_limit", words))
            else:
                results.warnings.append(Message("warn.time_limit", words))
        if earlier is not None:
            results.warnings.append(Message("warn.earlier_plan", {}))
        if marginal_values:
            results.marginal_values = self.marginal_values(deadline.left(floor=MARGINAL_FLOOR))
        return results

    def _solve_site_plans(self, levers, held, deadline: Deadline, reserve: float, search: dict):
        """Each candidate site plan held in turn (sites.hold), the rest of the plan solved to the gap; the
        best plan found is loaded. Returns an outcome over the candidates (bound: the largest of theirs,
        which no plan with one of them beats), a table of each candidate's NPV, bound and status, and the
        candidate of the best plan (None: no plan)."""
        rows, best, values, chosen = [], None, None, None
        bounds, stopped = [], None
        for sp in held:
            if self._halt(deadline, search["should_stop"]):
                stopped = self.stopped
                rows.append({"site_plan": sp.name, "npv": None, "bound": None, "status": "not_solved"})
                continue
            self.set_levers(levers)
            sites.hold(self.b, sp)
            found = self._solve(deadline.left(reserve=reserve), **search)
            stopped = stopped or found.stopped
            rows.append({"site_plan": sp.name, "npv": found.objective, "bound": found.bound, "status": found.status})
            if found.status == "infeasible":
                continue
            bounds.append(found.bound)
            if found.objective is not None and (best is None or found.objective > best.objective):
                best, chosen = found, sp
                values = [(v, v.value) for v in self.b.pm.component_data_objects(pyo.Var)]
        if best is None:
            status = "infeasible" if all(r["status"] == "infeasible" for r in rows) else "no_solution"
            return Outcome(status, None, None, None, 0.0, stopped), pd.DataFrame(rows), None
        sites.hold(self.b, chosen)
        for var, val in values:
            var.set_value(val, skip_validation=True)
        bound = None if any(b is None for b in bounds) or stopped in ("time", "user") and len(bounds) < len(held) \
            else max(bounds)
        return Outcome(best.status, best.objective, bound, None, 0.0, stopped), pd.DataFrame(rows), chosen

    def _explain(self, scenario: Scenario, held, deadline: Deadline) -> list[Message]:
        """Why `scenario` has no plan: the rules that cannot be met (with each held site plan in turn)."""
        left = deadline.left(floor=EXPLAIN_FLOOR, cap=EXPLAIN_CAP)
        if not held:
            return explain_infeasible(self.m, self.social, scenario.active_levers, left)
        out = []
        for sp in held:
            why = [Message("explain.site_plan_stranded", {"pmc": p, "site": s, "year": year})
                   for p, s, year in stranded(self.m, sp, "phase_out" in scenario.active_levers)]
            out += [Message("explain.site_plan", {"name": sp.name}),
                    *(why or explain_infeasible(self.m, self.social, scenario.active_levers, left / len(held), sp))]
        return out

    def baseline_npv(self) -> float:
        """The NPV of today's plan (every lever off; equal to the baseline, tested): the scale of the gap."""
        if self._baseline_npv is None:
            self._baseline_npv = run_baseline(self.m).npv
        return self._baseline_npv

    def _halt(self, deadline: Deadline, should_stop) -> bool:
        """True (and noted in self.stopped) when the user stopped the solve or `deadline` has passed."""
        if should_stop is not None and should_stop():
            self.stopped = "user"
            return True
        if deadline.left(floor=0.0) <= 0.0:
            self.stopped = "time"
            return True
        return False

    def _step(self, levers, free, scenario: Scenario, deadline: Deadline, should_stop, progress: Progress | None,
              nodes: int = STEP_NODES) -> float | None:
        """One step of the start plan: stops on its gap or `nodes`, or at the deadline (noted)."""
        found = self._solve(deadline.left(), max(scenario.gap, STEP_GAP), progress,
                            should_stop=should_stop, nodes=nodes)
        if found.stopped in ("time", "user"):
            self.stopped = found.stopped
        self.steps.append(Step(tuple(levers), tuple(free), found.objective))
        return found.objective

    def _improve(self, levers, scenario: Scenario, deadline: Deadline, should_stop,
                 progress: Progress | None) -> None:
        """Fix-and-optimise rounds over the last lever and NEIGHBOURHOODS (see there), each from the plan
        so far, while a round finds a better plan (at most ROUNDS)."""
        hoods = [(_ordered(levers)[-1],)] + [h for h in NEIGHBOURHOODS if set(h) <= set(levers)]
        best = self.steps[-1].objective
        for _ in range(ROUNDS):
            better = False
            for free in hoods:
                if self._halt(deadline, should_stop):
                    return
                own = {id(v) for lever in free for v, _ in self.b.decisions.get(lever, [])}
                held = [v for v in integer_vars(self.b) if not v.fixed and id(v) not in own]
                for v in held:
                    v.fix(round(v.value or 0))
                try:
                    found = self._step(levers, free, scenario, deadline, should_stop, progress,
                                       STEP_NODES if len(free) == 1 else HOOD_NODES)
                finally:
                    for v in held:
                        v.unfix()
                if found is not None and found > best + IMPROVES * max(1.0, abs(best)):
                    best, better = found, True
            if not better or len(hoods) == 1:
                return

    def _best_so_far(self, levers: tuple[str, ...], objective: float | None) -> float | None:
        """Keep the plan just found (objective None: none found) as the best for `levers` if it is; else
        load the best one found before for them (and return its objective)."""
        kept = self.best.get(levers)
        if kept is None and objective is None:
            return None
        if kept is None or objective is not None and objective >= kept[0] - IMPROVES * max(1.0, abs(objective)):
            self.best[levers] = (objective, [(v, v.value) for v in self.b.pm.component_data_objects(pyo.Var)])
            return None
        for var, val in kept[1]:
            var.set_value(val, skip_validation=True)
        return kept[0]

    def _needs_start(self, levers: tuple[str, ...]) -> bool:
        """True when the plan the variables hold is not feasible for `levers` (a plan with fewer
        switches on is feasible with more: a switch that is off keeps today's decisions)."""
        if "placement" not in levers or len(levers) < 2:
            return False
        return self.loaded is None or not set(self.loaded) <= set(levers)

    # ----- marginal values --------------------------------------------------------------------------
    def marginal_values(self, time_limit: float | None = None) -> pd.DataFrame:
        """The worth of one more unit of a limit: one more SE of demand in a PMC, one more workplace at a
        site, one more supervisor FTE/hour. Duals of the LP with every integer decision fixed at the plan
        found (`basis` "lp_fixed_integers"; "lp" when the plan had no free integer decision). Per year
        (`unit` "eur_year": one more unit in that year only, in that year's euros) and over the horizon
        (`unit` "eur_npv", year empty: one more unit in every plan year, as NPV). `time_limit`: seconds the
        LP may take (None: as long as it needs)."""
        ints = integer_vars(self.b)
        basis = "lp_fixed_integers" if any(not v.fixed for v in ints) else "lp"
        saved = [(v, v.domain, v.fixed) for v in ints]
        for v in ints:
            v.fix(round(v.value or 0))
            v.domain = pyo.Reals
        redundant = self._relaxation_rows()
        for con in redundant:
            con.deactivate()
        try:
            duals = self.solver.duals(self.b.pm, time_limit)
        finally:
            for con in redundant:
                con.activate()
            for v, domain, fixed in saved:
                v.domain = domain
                if not fixed:
                    v.unfix()
        columns = ["kind", "subject", "year", "value", "unit", "basis"]
        if duals is None:
            return pd.DataFrame(columns=columns)
        npv: dict[tuple[str, str, int], float] = {}  # (kind, subject, year) -> dual in objective (NPV) euros
        tariff = self.b.pm.tariff
        for name, kind in (("vol_max", "demand"), ("tariff_demand", "demand"), ("capacity", "workplace"),
                           ("coverage", "supervisor_fte")):
            rule = self.b.rules.get(name)
            if rule is None:
                continue
            for index, (con, params) in rule.constraints.items():
                subject, year = index[0], index[-1]
                if not con.active:
                    continue
                if name == "tariff_demand" and round(tariff[index].value or 0) != 1:
                    continue  # more demand at a level not chosen is worth nothing to this plan
                value = duals.get(con, 0.0)
                if kind == "supervisor_fte":
                    option = self.b.pm.sup_option
                    span = sum(o.span * round(option[subject, o.option, year].value or 0)
                               for o in self.m.options_of[subject])
                    npv["supervisor_hour", subject, year] = value * span / HOURS_PER_FTE
                    value *= span
                npv[kind, subject, year] = npv.get((kind, subject, year), 0.0) + value
        rows = [{"kind": k, "subject": s, "year": y, "value": v / self.m.discount(y), "unit": "eur_year"}
                for (k, s, y), v in npv.items()]
        totals: dict[tuple[str, str], float] = {}
        for (k, s, _), v in npv.items():
            totals[k, s] = totals.get((k, s), 0.0) + v
        rows += [{"kind": k, "subject": s, "year": None, "value": v, "unit": "eur_npv"} for (k, s), v in totals.items()]
        return pd.DataFrame(rows, columns=columns).assign(basis=basis)


    def _relaxation_rows(self) -> list:
        """The rows that only tighten the relaxation: the big-Ms x_open (where the PMC is open) and v_loc
        (where the PMC is at that site), and those of optimiser/social.py (TIGHTENING). With the integers
        fixed they repeat vol_max, capacity and the move rows, and a dual shared between a row and its
        copy would understate the worth of one more SE of demand or workplace."""
        pm = self.b.pm
        out = [con for name in social.TIGHTENING if hasattr(pm, name)
               for con in getattr(pm, name).values() if con.active]
        for (g, p, t), con in pm.x_open.items():
            if round(pm.pmc_open[p, t].value or 0) == 1 and con.active:
                out.append(con)
        for (p, s, t), con in pm.v_loc.items():
            if (pm.loc[p, s, t].value or 0) > 0.5 and con.active:
                out.append(con)
        return out


# ----- explaining infeasibility ---------------------------------------------------------------------
def explain_infeasible(m: CompanyModel, social_limits: SocialLimits, levers, time_limit: float = 60,
                       site_plan: SitePlan | None = None) -> list[Message]:
    """Re-solve with penalised slack on every rule and say which rules cannot be met, in which year
    and by how much (with the sites held at `site_plan`, when given)."""
    b = build(m, social_limits, diagnose=True)
    switch(b, levers)
    if site_plan is not None:
        sites.hold(b, site_plan)
    Solver().solve(b.pm, time_limit=time_limit, start=False)
    out = []
    for name, index, var in b.slacks:
        amount = var.value or 0.0
        rule = b.rules[name]
        con, params = rule.constraints[index]
        shown_amount = Amount(amount, rule.unit)
        # an amount that rounds to nothing (the same in either language) is solver noise, not a cause
        if amount > 1e-6 and con.active and shown_amount.text().strip("€ 0,.") != "":
            shown = {k: _amount(v, rule.unit if k == "limit" else "") for k, v in params.items()}
            out.append(Message(rule.message, {**shown, "amount": shown_amount}))
    return out or [Message("explain.unknown")]


def _amount(value, unit: str) -> object:
    """Numbers become Amounts, formatted when shown; names stay as they are."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return Amount(value, unit)
