"""The shared frame every part of the optimisation model writes into.

A `Builder` holds the Pyomo model, the company data, today's plan, and the registries the parts fill:

- **handles**: what one lever provides for the others (the placement `x`, open PMCs, extra demand,
  chain places). Each lever declares the handles it provides and needs; the registry orders the build
  by them and refuses a handle with two providers (`levers/__init__.py`).
- **result terms** per year (the objective is their discounted sum) and **one-off terms** per year
  (for the one-off budget), as Switch collects cost components.
- **rows**: constraints that several parts contribute to (site capacity, supervision coverage,
  acquired demand, where a PMC is, ...). A part opens a row with `row()` (or `rule()` for one a
  scenario may make impossible, which also knows how to explain itself); others add terms to it with
  `add_to()`; `close()` builds every row once all contributors have added theirs. The region's
  sharing adds its terms to its members' rows before they are closed, instead of replacing them.
- **decisions** of each lever with their values of today, so a lever is switched off by fixing its
  decisions and on again by releasing them, without rebuilding.
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


@dataclass
class _Row:
    lhs: list
    sense: str  # "<=", ">=" or "=="
    rhs: list
    subject: dict | None = None  # for a rule: the parameters of its explanation


class Builder:
    def __init__(self, m: CompanyModel, social: SocialLimits | None = None, diagnose: bool = False,
                 tighten: bool = True):
        self.m = m
        self.social = social or SocialLimits()
        self.diagnose = diagnose
        # add the rows that hold for every plan and only tighten the LP relaxation (optimiser/social.py);
        # not when diagnosing, where the limits they follow from may be bent
        self.tighten = tighten and not diagnose
        self.t0 = m.base_year
        self.T = m.plan_years
        self.today: Plan = baseline_plan(m)
        self.pm = pyo.ConcreteModel(name=m.company.name)
        self.result_terms: dict[int, list] = defaultdict(list)
        self.one_off_terms: dict[int, list] = defaultdict(list)
        self.penalty_terms: dict[int, list] = defaultdict(list)  # social costs: in the objective only
        self.decisions: dict[str, list[tuple[pyo.Var, float]]] = defaultdict(list)
        self.rules: dict[str, Rule] = {}
        self.slacks: list = []  # (rule name, index, slack var)
        self.handles: dict[str, object] = {}
        self._rows: dict[str, dict] = {}  # family -> index -> _Row, in the order opened
        self.closed = False
        # Eligible (group, pmc) pairs and their productive SE per placed SE.
        self.pairs = sorted(m.eligible)
        self.prod = {(g, p): m.productivity(g, p) for g, p in self.pairs}
        self.groups_of = defaultdict(list)
        for g, p in self.pairs:
            self.groups_of[p].append(g)

    # ----- handles ------------------------------------------------------------------------------
    def provide(self, name: str, value) -> None:
        if name in self.handles:
            raise ValueError(f"handle {name!r} provided twice")
        self.handles[name] = value

    @property
    def x(self):
        """Placement: SE of group g in PMC p in year t (provided by the placement lever)."""
        return self.handles["x"]

    @property
    def pmc_open(self) -> dict:
        """(pmc, year) -> open binary (provided by phase-out)."""
        return self.handles["pmc_open"]

    @property
    def extra(self) -> dict:
        """(pmc, year) -> extra demand acquisition opened (provided by acquisition)."""
        return self.handles["extra"]

    @property
    def chain(self) -> dict:
        """(group, partner, year) -> SE placed at a chain partner (provided by chain cooperation)."""
        return self.handles["chain"]

    def chain_se(self, g: str | None, t: int):
        """SE at chain partners in year t: of group g, or of every group (g None)."""
        return sum(v for (gg, c, yr), v in self.chain.items() if yr == t and g in (None, gg))

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

    def add_penalty(self, t: int, expr) -> None:
        """A social cost in year t (idle SE): weighs in the objective, is not part of the result."""
        self.penalty_terms[t].append(expr)

    def decision(self, lever: str, var, today: float) -> None:
        self.decisions[lever].append((var, today))

    # ----- rows: constraints built once every contributor has added its terms -------------------
    def row(self, name: str, index, lhs, sense: str, rhs=0.0) -> None:
        """Open row `name`[index]: `lhs sense rhs`; others may add terms with `add_to` until `close`."""
        if self.closed:
            raise RuntimeError(f"row {name}[{index}] opened after the model was closed")
        rows = self._rows.setdefault(name, {})
        if index in rows:
            raise ValueError(f"row {name}[{index}] opened twice")
        rows[index] = _Row([lhs], sense, [rhs])

    def rule(self, name: str, unit: str, message: str, index, lhs, sense: str, rhs, /, **subject) -> None:
        """Open `lhs (<=|>=) rhs` as a named rule a scenario may make impossible. When diagnosing, a
        penalised slack relaxes it, and `subject` names what the explanation is about."""
        if name not in self.rules:
            self.rules[name] = Rule(name, unit, message)
        self.row(name, index, lhs, sense, rhs)
        self._rows[name][index].subject = subject

    def add_to(self, name: str, index, lhs=0.0, rhs=0.0) -> None:
        """Add terms to both sides of an open row."""
        if self.closed:
            raise RuntimeError(f"term added to {name}[{index}] after the model was closed")
        r = self._rows[name][index]
        r.lhs.append(lhs)
        r.rhs.append(rhs)

    def has_row(self, name: str, index) -> bool:
        return index in self._rows.get(name, {})

    def close(self) -> None:
        """Build every open row as a Pyomo constraint (one indexed component per family, named as the
        family). A plain row over constants only is left out when it holds (there is nothing to
        decide); a rule over constants is kept, anchored on a variable held at 0, so that it makes the
        model (explainably) infeasible when it cannot hold."""
        for name, rows in self._rows.items():
            con = pyo.Constraint(pyo.Any)
            self.pm.add_component(name, con)
            rule = self.rules.get(name)
            for index, r in rows.items():
                lhs, rhs = _sum(r.lhs), _sum(r.rhs)
                if rule is None:
                    if _constant(lhs) and _constant(rhs):
                        if not _holds(pyo.value(lhs), r.sense, pyo.value(rhs)):
                            raise ValueError(f"{name}[{index}] cannot hold: {pyo.value(lhs)} {r.sense} {pyo.value(rhs)}")
                        continue
                    con[index] = _relation(lhs, r.sense, rhs)
                    continue
                if self.diagnose:
                    slack = pyo.Var(domain=pyo.NonNegativeReals)
                    self.pm.add_component(f"slack_{name}_{len(self.slacks)}", slack)
                    self.slacks.append((name, index, slack))
                    # "==": the slack is what the left side falls short of (SE without a place)
                    lhs = lhs - slack if r.sense == "<=" else lhs + slack
                elif _constant(lhs) and _constant(rhs):
                    # A rule over nothing (a budget in a year without one-off decisions; sheltered places
                    # where no PMC or partner is sheltered) would be a plain True/False, which Pyomo
                    # rejects: anchor it on a variable held at 0.
                    lhs = lhs + self._anchor()
                con[index] = _relation(lhs, r.sense, rhs)
                rule.constraints[index] = (con[index], r.subject)
        self.closed = True

    def _anchor(self):
        if not hasattr(self.pm, "anchor"):
            self.pm.anchor = pyo.Var(bounds=(0, 0))
        return self.pm.anchor

    def result(self, t: int):
        return sum(self.result_terms[t])

    def objective_expr(self):
        """The NPV of the result, less the social costs a scenario weighs in (idle SE)."""
        return sum(self.m.discount(t) * (self.result(t) - sum(self.penalty_terms[t])) for t in self.T)


ZERO = 1e-7


def value(var) -> float:
    """A solved variable's value, with solver noise below 1e-7 read as 0."""
    v = var.value
    return 0.0 if v is None or abs(v) < ZERO else float(v)


def _sum(terms: list):
    nonzero = [e for e in terms if not (isinstance(e, (int, float)) and e == 0)]
    if not nonzero:
        return 0.0
    return nonzero[0] if len(nonzero) == 1 else sum(nonzero)


def _relation(lhs, sense: str, rhs):
    if sense == "<=":
        return lhs <= rhs
    if sense == ">=":
        return lhs >= rhs
    return lhs == rhs


def _holds(lhs: float, sense: str, rhs: float) -> bool:
    tol = 1e-9 * max(1.0, abs(rhs))
    return {"<=": lhs <= rhs + tol, ">=": lhs >= rhs - tol, "==": abs(lhs - rhs) <= tol}[sense]


def _constant(expr) -> bool:
    """Whether `expr` holds no variable (a plain number, or a Pyomo expression of constants)."""
    return not getattr(expr, "is_potentially_variable", lambda: False)()
