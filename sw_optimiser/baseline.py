"""The baseline: today's decisions carried forward over the horizon, priced year by year."""

from __future__ import annotations

from .company import CompanyModel
from .evaluate import evaluate
from .i18n import DEFAULT_LANG, t
from .plan import baseline_plan
from .results import Results

TOL = 1e-6


def run_baseline(m: CompanyModel, lang: str = DEFAULT_LANG) -> Results:
    results = evaluate(m, baseline_plan(m), scenario="baseline", status="baseline")
    results.warnings += below_minimum(results, m, lang)
    return results


def below_minimum(results: Results, m: CompanyModel, lang: str = DEFAULT_LANG) -> list[str]:
    """Where a shrinking workforce drops an open PMC below its contract minimum (first year only)."""
    out = []
    for p in m.pmcs:
        rows = results.pmcs[(results.pmcs.pmc == p.id) & results.pmcs.open]
        short = rows[rows.se + TOL < p.min_volume]
        if not short.empty:
            first = short.iloc[0]
            out.append(t("warn.below_min", lang, pmc=p.id, name=p.name, year=int(first.year),
                         se=f"{first.se:.1f}", min=f"{p.min_volume:.1f}"))
    return out
