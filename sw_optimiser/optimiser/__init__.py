"""The optimisation model of levers 1-6 and its pipeline."""

from __future__ import annotations

from ..company import CompanyModel
from ..results import Results
from ..scenario import Scenario, apply_changes
from .solve import Infeasible, Optimiser
from .waterfall import Waterfall, lever_waterfall

__all__ = ["Infeasible", "Optimiser", "Waterfall", "lever_waterfall", "optimise"]


def optimise(m: CompanyModel, scenario: Scenario, marginal_values: bool = True) -> Results:
    """Apply the scenario's changes to the company model and find the best plan."""
    changed = apply_changes(m, scenario.changes, scenario.name)
    return Optimiser(changed, scenario.social).solve(scenario, marginal_values=marginal_values)
