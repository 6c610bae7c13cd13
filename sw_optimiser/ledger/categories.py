"""The profit-and-loss categories of the company model that ledger accounts map to."""

from __future__ import annotations

from ..i18n import t
from .messages import Lang

CATEGORIES: tuple[str, ...] = (
    "revenue", "material", "pmc_fixed_costs", "wages_wsw", "subsidy", "supervision", "site_costs",
    "overhead", "acquisition", "chain_revenue", "one_off", "ignore",
)
#: Credit-side categories: reported as positive income.
INCOME: frozenset[str] = frozenset({"revenue", "subsidy", "chain_revenue"})
#: Debit-side categories: reported as positive costs. ``one_off`` proceeds show as negative cost.
COSTS: frozenset[str] = frozenset({"material", "pmc_fixed_costs", "wages_wsw", "supervision", "site_costs",
                                   "overhead", "acquisition", "one_off"})
#: The profit-and-loss categories, in report order.
PROFIT_AND_LOSS: tuple[str, ...] = tuple(c for c in CATEGORIES if c != "ignore")
#: Categories split per PMC via the cost unit, and per site via the cost centre.
PER_PMC: tuple[str, ...] = ("revenue", "material", "pmc_fixed_costs")
PER_SITE: tuple[str, ...] = ("site_costs",)

#: Names a user may write in a mapping table instead of the keys.
ALIASES: dict[str, str] = {
    "omzet": "revenue", "materiaal": "material", "materiaalendirectekosten": "material",
    "directekosten": "material", "vastekostenpmc": "pmc_fixed_costs", "vastekosten": "pmc_fixed_costs",
    "loonkostenwsw": "wages_wsw", "lonenwsw": "wages_wsw", "wsw": "wages_wsw", "rijkssubsidie": "subsidy",
    "subsidie": "subsidy", "begeleiding": "supervision", "huisvesting": "site_costs",
    "locatiekosten": "site_costs", "acquisitie": "acquisition", "verkoop": "acquisition",
    "acquisitieenverkoop": "acquisition", "ketensamenwerking": "chain_revenue", "dagbesteding": "chain_revenue",
    "ketensamenwerkingdagbesteding": "chain_revenue", "eenmalig": "one_off", "balans": "ignore",
    "negeren": "ignore", "balansnietmeegeteld": "ignore", "nietmeetellen": "ignore",
}


def category_key(value: object) -> str | None:
    """'Omzet', 'revenue', 'Vaste kosten PMC', 'pmc_fixed_costs' -> the category key, or None."""
    raw = str(value or "").strip().lower()
    if raw in CATEGORIES:
        return raw
    squashed = "".join(ch for ch in raw if ch.isalnum())
    if squashed in ALIASES:
        return ALIASES[squashed]
    for key in CATEGORIES:
        if squashed == key.replace("_", "") or squashed == "".join(
                ch for ch in label(key, "en").lower() if ch.isalnum()):
            return key
    return None


def label(category: str, lang: Lang = "nl") -> str:
    """The user-facing name of a category (also 'unmapped' and 'result')."""
    return t(f"ledger.cat_{category}", lang)
