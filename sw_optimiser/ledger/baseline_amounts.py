"""The company model's own base-year figures per ledger category, for the reconciliation."""

from __future__ import annotations

from pathlib import Path

# P&L rows of the results that a ledger category reconciles with. In the base year there are no
# chain places, sales FTE or one-off decisions yet, so those are zero in the model.
CATEGORY_ROWS = {
    "revenue": "revenue", "material": "material", "pmc_fixed_costs": "pmc_fixed_costs",
    "wages_wsw": "wages_wsw", "subsidy": "subsidy", "supervision": "supervision",
    "site_costs": "site_costs", "overhead": "overhead", "acquisition": "acquisition", "one_off": "one_off",
}


def baseline_amounts(model_path: str | Path) -> dict[str, float]:
    """Euros per ledger category in the base year of the company workbook's baseline."""
    from ..baseline import run_baseline
    from ..workbook import load_model

    m = load_model(model_path)
    row = run_baseline(m).pnl.loc[m.base_year]
    amounts = {category: float(row[name]) for category, name in CATEGORY_ROWS.items()}
    amounts["chain_revenue"] = 0.0
    return amounts
