"""What the explorer's worker processes run (see pool.py): a solve, shadow prices, one waterfall
step, building an optimiser in advance, a report. Each takes everything it needs as arguments; the
optimisers a worker built are kept in its `pool.LOCAL`, by session and optimiser key, so the next
lever change of that session re-solves on the same model. Nothing here calls Streamlit.

A task returns an `Outcome` rather than raising the optimiser's own exceptions, whose messages do
not survive pickling.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..company import CompanyModel
from ..i18n import Message
from ..optimiser.infeasible import Infeasible
from ..problems import Problem
from ..results import Results
from ..scenario import Scenario, SocialLimits
from . import pool

if TYPE_CHECKING:  # the server process imports this module too; only the workers load the solver stack
    from ..optimiser.solve import Optimiser

KEEP = 8  # optimisers kept per worker (each holds a Pyomo model), over all sessions it serves


@dataclass
class Outcome:
    results: Results | None = None
    explanations: list[Message] = field(default_factory=list)  # infeasible: why
    problems: list[Problem] = field(default_factory=list)
    value: object = None  # what else the task made (shadow prices)


def _optimisers() -> OrderedDict:
    return pool.LOCAL.setdefault("optimisers", OrderedDict())


def optimiser(key: tuple[str, str], m: CompanyModel, social: SocialLimits) -> Optimiser:
    """The optimiser of (session, optimiser key) in this worker, built when it is not here."""
    kept = _optimisers()
    if key in kept:
        kept.move_to_end(key)
    else:
        from ..optimiser.solve import Optimiser  # preloaded by the fork server (pool.PRELOAD)

        kept[key] = Optimiser(m, social)
        while len(kept) > KEEP:
            kept.popitem(last=False)
    return kept[key]


def warm(key: tuple[str, str], m: CompanyModel, social: SocialLimits) -> None:
    optimiser(key, m, social)


def solve(key: tuple[str, str], m: CompanyModel, scenario: Scenario, scenario_key: str,
          marginal_values: bool = False) -> Outcome:
    opt = optimiser(key, m, scenario.social)
    try:
        # progress(best, bound, seconds) goes on to the server as the solver finds plans and bounds
        results = opt.solve(scenario, marginal_values=marginal_values, progress=pool.report)
    except Infeasible as exc:
        _solved(key, None)
        return Outcome(explanations=exc.explanations)
    _solved(key, scenario_key)
    return Outcome(results=results)


def _solved(key: tuple[str, str], scenario_key: str | None) -> None:
    """Remember which scenario's plan the optimiser's variables hold (shadow prices are taken there)."""
    pool.LOCAL.setdefault("loaded", {})[key] = scenario_key


def marginal_values(key: tuple[str, str], m: CompanyModel, scenario: Scenario, scenario_key: str):
    """The shadow prices of a solved scenario: at the plan the optimiser holds when it is this
    scenario's, else after solving it again (another worker solved it, or another scenario since)."""
    opt = optimiser(key, m, scenario.social)
    if pool.LOCAL.get("loaded", {}).get(key) != scenario_key:
        outcome = solve(key, m, scenario, scenario_key)
        if outcome.results is None:
            return None
    return opt.marginal_values()


def step(key: tuple[str, str], m: CompanyModel, scenario: Scenario) -> Outcome:
    """One step of a waterfall: the scenario with some of its levers."""
    return solve(key, m, scenario, "")


def report(m: CompanyModel, scenario: Scenario, fmt: str, lang: str, options: dict) -> bytes:
    from ..report import build_report

    return build_report(m, scenario, fmt=fmt, lang=lang, **options)

