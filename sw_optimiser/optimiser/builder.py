"""The shared frame every part of the optimisation model writes into.

A `Builder` holds the Pyomo model, the company data, today's plan, and three registries that the
modules fill: the result terms per year (the objective is their discounted sum), the one-off terms
per year (for the one-off budget), and the decisions of each lever with their values of today (so a
lever is switched off by fixing its decisions, and on again by releasing them, without rebuilding).
Rules that a scenario may make impossible are added with `rule()`, which also knows how to
explain them when they cannot be met.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import pyomo.environ as pyo

from ..company import CompanyModel
from ..plan import Plan, baseline_plan
from ..scenario import SocialLimits


@dataclass
class Rule:
    """A constraint family that may be impossible to meet; `slack` exists only when diagnosing."""

    name: str  # as in docs/model.md and in the code
    unit: str  # "se" or "eur"
    message: str  # catalogue key of the explanation
    constraints: dict = field(default_factory=dict)  # index -> (constraint, subject params)


class Builder:
    def __init__(self, m: CompanyModel, social: SocialLimits | None = None, diagnose: bool = False):
        self.m = m
        self.social = social or SocialLimits()
        self.diagnose = diagnose
        self.t0 = m.base_year
        self.T = m.plan_years
        self.today: Plan = baseline_plan(m)
        self.pm = pyo.ConcreteModel(name=m.company.name)
        self.result_terms: dict[int, list] = defaultdict(list)
        self.one_off_terms: dict[int, list] = defaultdict(list)
        self.decisions: dict[str, list[tuple[pyo.Var, float]]] = defaultdict(list)
        self.rules: dict[str, Rule] = {}
        self.slacks: list = []  # (rule name, index, slack var)
        # Shared handles, filled by the modules (constants where a module is absent).
        self.x = None  # placement (group, pmc, year)
        self.pmc_open: dict[tuple[str, int], object] = {}
        self.extra: dict[tuple[str, int], object] = {}  # extra demand from acquisition
        self.chain_se: dict[tuple[str, int], list] = defaultdict(list)  # (group, year) -> chain places
        # Eligible (group, pmc) pairs and their productive SE per placed SE.
        self.pairs = sorted(m.eligible)
        self.prod = {(g, p): m.productivity(g, p) for g, p in self.pairs}
        self.groups_of = defaultdict(list)
        for g, p in self.pairs:
            self.groups_of[p].append(g)

    # ----- helpers used by the modules --------------------------------------------------------
    def pmc_se(self, p: str, t: int):
        return sum(self.x[g, p, t] for g in self.groups_of[p])

    def volume_bound(self, p, t: int) -> float:
        """Most SE PMC p can have in year t: its market maximum plus what acquisition can add, and no
        more than the employees eligible for it (a tight big-M)."""
        extra = self.extra[p.id, t].ub if (p.id, t) in self.extra else 0.0
        eligible = sum(self.m.group_se(self.m.group[g], t) for g in self.groups_of[p.id])
        return min(p.max_volume + extra, eligible)

    def add_result(self, t: int, expr) -> None:
        self.result_terms[t].append(expr)

    def add_one_off(self, t: int, cost_expr) -> None:
        """A one-off cost (negative: proceeds) in year t: counts in the result and the budget."""
        self.one_off_terms[t].append(cost_expr)
        self.result_terms[t].append(-cost_expr)

    def decision(self, lever: str, var, today: float) -> None:
        self.decisions[lever].append((var, today))

    def rule(self, name: str, unit: str, message: str, index, lhs, sense: str, rhs, /, **subject) -> None:
        """Add `lhs (<=|>=) rhs` as a named rule. When diagnosing, a penalised slack may relax it."""
        rule = self.rules.get(name)
        if rule is None:
            rule = self.rules[name] = Rule(name, unit, message)
            setattr(self.pm, name, pyo.Constraint(pyo.Any))
        if self.diagnose:
            slack = pyo.Var(domain=pyo.NonNegativeReals)
            self.pm.add_component(f"slack_{name}_{len(self.slacks)}", slack)
            self.slacks.append((name, index, slack))
            lhs = lhs - slack if sense == "<=" else lhs + slack
        elif _constant(lhs) and _constant(rhs):
            # A rule over nothing (a budget in a year without one-off decisions; sheltered places where
            # no PMC or partner is sheltered) would be a plain True/False, which Pyomo rejects: anchor
            # it on a variable held at 0, so it holds trivially or makes the model (explainably) infeasible.
            lhs = lhs + self._anchor()
        con = getattr(self.pm, name)
        con[index] = (lhs <= rhs) if sense == "<=" else (lhs >= rhs)
        rule.constraints[index] = (con[index], subject)

    def _anchor(self):
        if not hasattr(self.pm, "anchor"):
            self.pm.anchor = pyo.Var(bounds=(0, 0))
        return self.pm.anchor

    def result(self, t: int):
        return sum(self.result_terms[t])

    def objective_expr(self):
        return sum(self.m.discount(t) * self.result(t) for t in self.T)


def _constant(expr) -> bool:
    """Whether `expr` holds no variable (a plain number, or a Pyomo expression of constants)."""
    return not getattr(expr, "is_potentially_variable", lambda: False)()
