"""Invented but plausible peer sets (seeded, deterministic) for the bundled example and benchmarks.

Figures stay inside the sector ranges of docs/domain.md: 500–3,000 SE; value added €3k–15k per SE
(more for companies with more SE working outside); Wsw wage cost €30k–35k and state subsidy
€23k–26k per SE; supervision 1 FTE per 8–30 SE (wider spans where more SE work outside); 20–50 %
of SE working outside. The operating result is after the municipal contribution; the contribution
is what brings the result to an invented target of −€2,000…+€500 per SE (never negative).
The company names are invented.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .peers import COLUMNS

NAMES = (
    "Werkbedrijf Zuidrand", "Noorderkade Werkt", "Heidezoom Groep", "Werkbedrijf Vlietdal",
    "Beekweide Bedrijven", "Werkbedrijf Lindeoever", "Duinrand Werk", "Polderpoort Groep",
    "Werkbedrijf Essenhoek", "Veenzoom Bedrijven", "Werkbedrijf Kreekrug", "Dijkzicht Groep",
    "Bosrand Bedrijven", "Werkbedrijf Molenzoom", "Eikendonk Werkt", "Werkbedrijf Zandhove",
    "Brugwijk Groep", "Werkbedrijf Weidebeek", "Kanaalzone Werkt", "Werkbedrijf Heuvelrand",
    "Vaartzicht Bedrijven", "Werkbedrijf Oostervelde", "Meerzoom Groep", "Werkbedrijf Akkerhof",
    "Lindenrade Werkt", "Werkbedrijf Grenszoom", "Rietzoom Bedrijven", "Werkbedrijf Schelpenhoek",
    "Klaverdal Groep", "Wilgenoord Werkt",
)


def generate_peers(n: int = 30, seed: int = 2015) -> pd.DataFrame:
    """`n` invented companies as a peer-set DataFrame (columns = keys of `peers.COLUMNS`)."""
    rng = np.random.default_rng(seed)
    se = np.round(np.exp(rng.uniform(np.log(500), np.log(3000), n)), 1)
    share_outside = rng.uniform(0.20, 0.50, n)
    se_outside = np.round(se * share_outside, 1)
    outside_level = (share_outside - 0.20) / 0.30  # 0 … 1
    value_added_per_se = np.clip(3_000 + 8_000 * outside_level + rng.normal(0, 1_800, n), 3_000, 15_000)
    wage_per_se = rng.uniform(30_000, 35_000, n)
    subsidy_per_se = rng.uniform(23_000, 26_000, n)
    span = np.clip(8 + 12 * outside_level + rng.uniform(0, 10, n), 8, 30)  # SE per supervisor FTE
    supervision_fte = np.round(se / span, 1)
    supervisor_cost = supervision_fte * rng.uniform(50_000, 65_000, n)
    overhead = _thousands(se * rng.uniform(1_000, 2_500, n))
    site_workplaces = np.round((se - se_outside) * rng.uniform(0.85, 1.15, n))
    site_costs = _thousands(site_workplaces * rng.uniform(2_000, 4_000, n))
    value_added = _thousands(se * value_added_per_se)
    wsw_wages = _thousands(se * wage_per_se)
    subsidy = _thousands(se * subsidy_per_se)
    before_contribution = value_added + subsidy - wsw_wages - supervisor_cost - overhead - site_costs
    target_result = se * rng.uniform(-2_000, 500, n)
    municipal_contribution = _thousands(np.maximum(0.0, target_result - before_contribution))
    operating_result = _thousands(before_contribution + municipal_contribution)
    frame = pd.DataFrame({
        "id": [f"P{i + 1:0{max(2, len(str(n)))}d}" for i in range(n)],
        "name": [NAMES[i % len(NAMES)] + ("" if i < len(NAMES) else f" {i // len(NAMES) + 1}") for i in range(n)],
        "se": se,
        "se_outside": se_outside,
        "value_added": value_added,
        "wsw_wages": wsw_wages,
        "subsidy": subsidy,
        "supervision_fte": supervision_fte,
        "overhead": overhead,
        "site_workplaces": site_workplaces,
        "site_costs": site_costs,
        "operating_result": operating_result,
        "municipal_contribution": municipal_contribution,
    })
    return frame[[c.key for c in COLUMNS]]


def _thousands(values: np.ndarray) -> np.ndarray:
    return np.round(values / 1_000) * 1_000
