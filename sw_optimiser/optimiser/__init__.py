"""The optimisation model of the levers and its pipeline (build -> solve -> extract plan -> evaluate).

Importing this package imports no solver code: `levers.LEVERS` (the names) is light; `Optimiser`,
`optimise`, `lever_waterfall` and `Infeasible` load Pyomo and HiGHS when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..company import CompanyModel
    from ..results import Results
    from ..scenario import Scenario
    from .infeasible import Infeasible
    from .solve import Optimiser
    from .waterfall import Waterfall, lever_waterfall

__all__ = ["Infeasible", "Optimiser", "Waterfall", "lever_waterfall", "optimise"]

_LAZY = {"Infeasible": "infeasible", "Optimiser": "solve", "Waterfall": "waterfall", "lever_waterfall": "waterfall"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def optimise(m: CompanyModel, scenario: Scenario, marginal_values: bool = True) -> Results:
    """Apply the scenario's changes to the company model and find the best plan."""
    from ..scenario import apply_changes
    from .solve import Optimiser

    changed = apply_changes(m, scenario.changes, scenario.name)
    return Optimiser(changed, scenario.social).solve(scenario, marginal_values=marginal_values)
