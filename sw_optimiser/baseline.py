"""The baseline: today's decisions carried forward over the horizon, priced year by year."""

from __future__ import annotations

from .company import CompanyModel
from .evaluate import evaluate
from .i18n import Amount, Message
from .plan import baseline_plan
from .results import Results

TOL = 1e-6


def run_baseline(m: CompanyModel) -> Results:
    """Today's plan priced over the horizon (its warnings are messages, put into words where shown)."""
    results = evaluate(m, baseline_plan(m), scenario="baseline", status="baseline")
    results.warnings += below_minimum(results, m)
    return results


def below_minimum(results: Results, m: CompanyModel) -> list[Message]:
    """Where a shrinking workforce drops an open PMC below its contract minimum (first year only)."""
    out = []
    for p in m.pmcs:
        rows = results.pmcs[(results.pmcs.pmc == p.id) & results.pmcs.open]
        short = rows[rows.se + TOL < p.min_volume]
        if not short.empty:
            first = short.iloc[0]
            out.append(Message("warn.below_min", {"pmc": p.id, "name": p.name, "year": int(first.year),
                                                  "se": Amount(float(first.se), "se"),
                                                  "min": Amount(float(p.min_volume), "se")}))
    return out
