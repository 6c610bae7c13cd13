"""Generate the bundled example peer set models/peers.xlsx (30 invented companies).

Seeded and deterministic: running it again gives the same figures and a byte-identical file
(the workbook's timestamps are fixed). Usage:  python models/make_peers.py [OUT.xlsx]

The figures are invented but plausible and stay inside the sector ranges of docs/domain.md:
500–3,000 SE; value added €3k–15k per SE (more for companies with more SE working outside); Wsw
wage cost €30k–35k and state subsidy €23k–26k per SE; supervision 1 FTE per 8–30 SE (wider ratios
where more SE work outside) at €50k–65k per FTE; 20–50 % of SE working outside. The figures are
defined as the company model's: the operating result is value added + subsidy − Wsw wages −
supervision − overhead − site costs, *before* the municipal contribution, and the contribution is
the deficit the municipalities make good: max(0, −operating result). So every row holds
operating result + municipal contribution = max(0, operating result). The names are invented.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from a checkout without installing

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from sw_optimiser.benchmarking.peers import COLUMNS, write_peers  # noqa: E402

SEED = 2015  # the year the Participatiewet closed the Wsw to newcomers
N_COMPANIES = 30
FIXED_TIME = "2024-01-01T00:00:00Z"

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
    # the operating result before the municipal contribution, as the company model reports it; the
    # municipalities make good the deficit (a surplus is kept: no negative contribution)
    operating_result = value_added + subsidy - wsw_wages - _thousands(supervisor_cost) - overhead - site_costs
    municipal_contribution = np.maximum(0.0, -operating_result)
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


def make_deterministic(path: Path) -> None:
    """Fix the timestamps openpyxl writes (document properties and zip entries)."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                for tag in ("created", "modified"):
                    text = re.sub(rf"(<dcterms:{tag}[^>]*>)[^<]*(</dcterms:{tag}>)", rf"\g<1>{FIXED_TIME}\g<2>", text)
                data = text.encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else HERE / "peers.xlsx"
    write_peers(generate_peers(N_COMPANIES, SEED), out)
    make_deterministic(out)
    print(f"wrote {out} ({N_COMPANIES} companies, seed {SEED})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
