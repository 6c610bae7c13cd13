"""The kernkaart: KPIs of one company against its peers (value, median, quartiles, rank, quartile).

The comparison group is the peer set with the company in it: a company given by id is one of its
rows; a company given as figures replaces the row with the same id or is added to the group.
Median and quartile boundaries are pandas' linear-interpolation quantiles of the group.
Rank 1 is best (ties share the best rank). Quartile 1 is the best quarter: a value at or beyond
the best-side quartile boundary (the 75th percentile when higher is better, the 25th when lower
is better) is in quartile 1, at or beyond the median in quartile 2, at or beyond the other
boundary in quartile 3, otherwise in quartile 4.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..fmt import euro, number, percent
from ..i18n import t
from .peers import company_row_from_figures


@dataclass(frozen=True)
class Kpi:
    key: str
    numerator: str  # peer-set column key
    denominator: str  # peer-set column key
    factor: float = 1.0
    unit: str = "€"  # "€", "%" (value is a fraction), "fte"
    higher_is_better: bool = True

    def label(self, lang: str = "nl") -> str:
        return t(f"bench.kpi_{self.key}", lang)

    def better(self, lang: str = "nl") -> str:
        return t("bench.better_higher" if self.higher_is_better else "bench.better_lower", lang)


KPIS: tuple[Kpi, ...] = (
    Kpi("value_added_per_se", "value_added", "se"),
    Kpi("result_per_se", "operating_result", "se"),
    Kpi("overhead_per_se", "overhead", "se", higher_is_better=False),
    # fewer supervisors per SE is cheaper; the kernkaart reads it as an efficiency measure
    Kpi("supervision_per_100_se", "supervision_fte", "se", factor=100, unit="fte", higher_is_better=False),
    Kpi("share_outside", "se_outside", "se", unit="%"),
    Kpi("site_cost_per_workplace", "site_costs", "site_workplaces", higher_is_better=False),
    Kpi("municipal_contribution_per_se", "municipal_contribution", "se", higher_is_better=False),
)
KPI_BY_KEY: dict[str, Kpi] = {k.key: k for k in KPIS}


def format_kpi(value: float, unit: str, lang: str = "nl") -> str:
    """E.g. "€ 1.234", "34,5 %", "5,2" (Dutch) or "€1,234", "34.5 %", "5.2" (English)."""
    if value is None or pd.isna(value):
        return "–"
    if unit == "€":
        return euro(value, 0, lang)
    if unit == "%":
        return percent(value, 1, lang)
    return number(value, 1, lang)


def kpi_values(peers: pd.DataFrame) -> pd.DataFrame:
    """KPI values per company: index = company id, one column per KPI key (NaN when undefined)."""
    frame = pd.DataFrame(index=pd.Index(peers["id"].astype(str), name="id"))
    for kpi in KPIS:
        num = peers[kpi.numerator].to_numpy(dtype=float)
        den = peers[kpi.denominator].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(den > 0, kpi.factor * num / den, np.nan)
        frame[kpi.key] = values
    return frame


def comparison_group(peers: pd.DataFrame, company: str | Mapping[str, object]) -> tuple[pd.DataFrame, str]:
    """(peer set with the company in it, the company's id)."""
    if isinstance(company, Mapping):
        row = company_row_from_figures(**company)
        company_id = str(row["id"])
        others = peers[peers["id"].astype(str) != company_id]
        group = pd.concat([others, pd.DataFrame([row])[peers.columns]], ignore_index=True)
        return group, company_id
    company_id = str(company)
    if company_id not in set(peers["id"].astype(str)):
        raise ValueError(t("bench.dea_err_unknown_company", "en", id=company_id))
    return peers, company_id


def _quartile(value: float, q1: float, median: float, q3: float, higher_is_better: bool) -> int:
    if higher_is_better:
        return 1 if value >= q3 else 2 if value >= median else 3 if value >= q1 else 4
    return 1 if value <= q1 else 2 if value <= median else 3 if value <= q3 else 4


def kernkaart(peers: pd.DataFrame, company: str | Mapping[str, object], lang: str = "nl") -> pd.DataFrame:
    """One row per KPI (index = KPI key) for `company` (an id in `peers`, or a dict of peer-set fields).

    Columns: label, unit, better ("higher"/"lower"), direction (text in `lang`), value, median,
    q1 (25th percentile), q3 (75th percentile), min, max, n (companies with a value), rank, quartile.
    """
    group, company_id = comparison_group(peers, company)
    values = kpi_values(group)
    rows = []
    for kpi in KPIS:
        column = values[kpi.key].dropna()
        value = values.loc[company_id, kpi.key]
        q1, median, q3 = (column.quantile(q) for q in (0.25, 0.5, 0.75)) if len(column) else (np.nan,) * 3
        if pd.isna(value):
            rank = quartile = pd.NA
        else:
            better = column > value if kpi.higher_is_better else column < value
            rank = 1 + int(better.sum())
            quartile = _quartile(value, q1, median, q3, kpi.higher_is_better)
        rows.append({
            "kpi": kpi.key, "label": kpi.label(lang), "unit": kpi.unit,
            "better": "higher" if kpi.higher_is_better else "lower", "direction": kpi.better(lang),
            "value": value, "median": median, "q1": q1, "q3": q3,
            "min": column.min() if len(column) else np.nan, "max": column.max() if len(column) else np.nan,
            "n": len(column), "rank": rank, "quartile": quartile,
        })
    table = pd.DataFrame(rows).set_index("kpi")
    table["rank"] = table["rank"].astype("Int64")
    table["quartile"] = table["quartile"].astype("Int64")
    return table


def format_kernkaart(table: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """The kernkaart as display strings with headings in `lang` (for printing or export)."""
    def fmt(column: str) -> list[str]:
        return [format_kpi(v, u, lang) for v, u in zip(table[column], table["unit"])]

    def whole(value: object) -> str:
        return "–" if pd.isna(value) else str(int(value))  # type: ignore[arg-type]

    return pd.DataFrame({
        t("bench.kk_kpi", lang): [KPI_BY_KEY[k].label(lang) for k in table.index],
        t("bench.kk_value", lang): fmt("value"),
        t("bench.kk_median", lang): fmt("median"),
        t("bench.kk_q1", lang): fmt("q1"),
        t("bench.kk_q3", lang): fmt("q3"),
        t("bench.kk_rank", lang): [f"{whole(r)}/{n}" for r, n in zip(table["rank"], table["n"])],
        t("bench.kk_quartile", lang): [whole(q) for q in table["quartile"]],
        t("bench.kk_better", lang): [KPI_BY_KEY[k].better(lang) for k in table.index],
    })


def peer_summary(peers: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """Quartile boundaries and median of every KPI over the peer set (index = KPI key)."""
    values = kpi_values(peers)
    rows = []
    for kpi in KPIS:
        column = values[kpi.key].dropna()
        rows.append({"kpi": kpi.key, "label": kpi.label(lang), "unit": kpi.unit, "direction": kpi.better(lang),
                     "q1": column.quantile(0.25), "median": column.median(), "q3": column.quantile(0.75),
                     "n": len(column)})
    return pd.DataFrame(rows).set_index("kpi")


def format_peer_summary(summary: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """`peer_summary` as display strings with headings in `lang`."""
    def fmt(column: str) -> list[str]:
        return [format_kpi(v, u, lang) for v, u in zip(summary[column], summary["unit"])]

    return pd.DataFrame({
        t("bench.kk_kpi", lang): [KPI_BY_KEY[k].label(lang) for k in summary.index],
        t("bench.kk_q1", lang): fmt("q1"),
        t("bench.kk_median", lang): fmt("median"),
        t("bench.kk_q3", lang): fmt("q3"),
        t("bench.kk_n", lang): summary["n"].to_list(),
        t("bench.kk_better", lang): [KPI_BY_KEY[k].better(lang) for k in summary.index],
    })
