"""Sector reference ranges for the review, from the project's sector notes (docs/domain.md,
"The sector, its figures and its words"). Numbers only; what they are called lives in the
catalogue (report.yaml, keys ``sector.*``).

Each range is (low, high) in the KPI's unit; ``None`` means open-ended.
"""

from __future__ import annotations

# Value added per SE placed, by activity (domain.md, "Where Wsw employees work").
ACTIVITY_VALUE_ADDED = {
    "production": (3_000.0, 8_000.0),
    "services": (8_000.0, 15_000.0),
    "group_secondment": (8_000.0, 15_000.0),
    "individual_secondment": (10_000.0, 20_000.0),
    "supported_employment": None,  # "small fee, but frees the wage cost": no euro range
    "day_care": None,  # "care tariff per participant"
}

# Company KPIs (domain.md, "The sector in one page", "Results", placement shares).
KPI_RANGES = {
    # a deficit "of the order of €1,000 per place is typical": shown as about -€2,000 to €0
    "result_per_se": (-2_000.0, 0.0),
    # share of SE at regular employers or seconded: 34 % (2013) to 44 % (2020: 19 + 18 + 7)
    "share_outside": (0.34, 0.44),
    # wage cost per SE under the cao: ~€30,000-35,000
    "wage_per_se": (30_000.0, 35_000.0),
    # state subsidy per SE: ~€26,000 (2013) falling to ~€23,000 (2020s)
    "subsidy_per_se": (23_000.0, 26_000.0),
    # supervisor cost per FTE: ~€50k-65k
    "supervisor_cost": (50_000.0, 65_000.0),
}

# Spans of control (SE per supervisor FTE) by the activity a supervision type mostly serves.
SPANS = {
    "production": (8.0, 15.0),
    "day_care": (8.0, 15.0),
    "services": (10.0, 20.0),
    "group_secondment": (10.0, 20.0),
    "individual_secondment": (25.0, 40.0),
    "supported_employment": (25.0, 40.0),
}


def position(value: float, bounds: tuple[float | None, float | None] | None) -> str | None:
    """'below', 'within' or 'above' the range (None without a range)."""
    if bounds is None or value is None or value != value:
        return None
    low, high = bounds
    if low is not None and value < low - 1e-9:
        return "below"
    if high is not None and value > high + 1e-9:
        return "above"
    return "within"
