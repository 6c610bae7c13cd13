"""Every column the report's tables use: its heading (catalogue key ``rcol.<name>``) and how its
values are written. The document builder and the Excel writer both read this, so a column looks
the same everywhere."""

from __future__ import annotations

from ..i18n import t

# name -> kind. Kinds: text, rtext (text aligned right), int, year, se, fte, eur, eur2, keur (× € 1.000), pct,
# tariff (€ with 2 decimals), num1, num2.
KINDS: dict[str, str] = {
    # identity
    "pmc": "text", "name": "text", "activity": "text", "site": "text", "group": "text", "type": "text",
    "partner": "text", "lever": "text", "kpi": "text", "option": "text", "ownership": "text", "decision": "text",
    "category": "text", "assessment": "text", "sector_range": "text", "level": "int", "year": "year",
    "may_close": "text", "groups": "text", "status": "text", "plan_year": "text", "stress_year": "text",
    "options": "text", "sheet": "text", "rows": "int", "content": "text", "warning": "text", "item": "text",
    "value_text": "rtext", "median_text": "rtext", "q1_text": "rtext", "q3_text": "rtext", "rank": "rtext",
    "quartile": "rtext", "direction": "text", "lease_end": "text", "tariff_text": "text", "plan_level": "text",
    "subject": "text", "action": "text", "source": "text", "target": "text", "municipality": "text",
    # amounts
    "se": "se", "se_base": "se", "se_plan": "se", "placed": "se", "idle": "se", "chain": "se", "capacity": "se",
    "demand": "se", "max_volume": "se", "min_volume": "se", "se_needed": "se", "places": "se",
    "fte": "fte", "fte_needed": "fte", "fte_surplus": "fte", "fte_plan": "fte", "span": "num1", "se_per_fte": "num1",
    "wage_cost": "eur", "value_added": "eur", "direct_margin": "eur", "margin": "eur", "margin_per_se": "eur",
    "cost": "eur", "cost_per_se": "eur", "divest_value": "eur", "va_per_se": "eur", "one_off": "eur",
    "npv": "eur", "gain": "eur", "gain_alone": "eur", "gain_step": "eur", "marginal_value": "eur",
    "today": "eur", "baseline": "eur", "plan": "eur", "difference": "eur", "stress_baseline": "eur",
    "stress_plan": "eur",
    "contribution_base": "eur", "contribution_structural": "eur", "contribution_one_off": "eur",
    "tariffs_base": "eur", "tariffs_plan": "eur", "net_effect": "eur",
    "ledger": "eur", "model": "eur", "tariff_per_participant": "eur", "cost_per_place": "eur",
    "closure_cost": "eur", "fixed_cost": "eur", "value": "eur",
    "hourly_tariff": "tariff", "tariff_plan": "tariff",
    "revenue": "eur", "fixed_costs": "eur", "supervision_alloc": "eur", "site_alloc": "eur",
    "overhead_alloc": "eur", "open": "text", "tariff_level": "int",
    "assumption": "text", "npv_low": "eur", "npv_high": "eur", "gain_low": "eur", "gain_high": "eur",
    "share": "pct", "use": "pct", "use_plan": "pct", "outflow": "pct", "productivity": "num1",
}


def heading(name: str, lang: str) -> str:
    return t(f"rcol.{name}", lang)


def kind(name: str) -> str:
    return KINDS.get(name, "text")
