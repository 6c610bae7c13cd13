"""Kernkaart KPIs (sw_optimiser.benchmarking.kpis) and their charts, on a 5-company hand example."""

from __future__ import annotations

import pandas as pd
import pytest

from sw_optimiser.benchmarking.kpis import format_kernkaart, format_kpi, kernkaart, kpi_values
from sw_optimiser.benchmarking.peers import validate_peers


def _company(id_, se, value_added, overhead, se_outside, site_workplaces, site_costs):
    return {"id": id_, "name": f"Bedrijf {id_}", "se": se, "se_outside": se_outside, "value_added": value_added,
            "wsw_wages": 32_000 * se, "subsidy": 24_000 * se, "supervision_fte": se / 15, "overhead": overhead,
            "site_workplaces": site_workplaces, "site_costs": site_costs, "operating_result": -500 * se,
            "municipal_contribution": 5_000 * se}


# value added per SE:  c1 8e6/1000 = 8000, c2 12e6/2000 = 6000, c3 5e6/500 = 10000,
#                      c4 4e6/1000 = 4000, c5 18e6/1500 = 12000
# overhead per SE:     c1 3000, c2 2500, c3 4000, c4 2000, c5 5.25e6/1500 = 3500
# share outside:       c1 0.3, c2 0.4, c3 0.2, c4 0.5, c5 0.3 (a tie)
# site cost/workplace: c1 3000, c2 2500, c3 4000, c4 none (no site), c5 3500
PEERS = validate_peers(pd.DataFrame([
    _company("c1", 1000, 8_000_000, 3_000_000, 300, 700, 2_100_000),
    _company("c2", 2000, 12_000_000, 5_000_000, 800, 1200, 3_000_000),
    _company("c3", 500, 5_000_000, 2_000_000, 100, 400, 1_600_000),
    _company("c4", 1000, 4_000_000, 2_000_000, 500, 0, 0),
    _company("c5", 1500, 18_000_000, 5_250_000, 450, 1000, 3_500_000),
]))


def test_kpi_values():
    values = kpi_values(PEERS)
    assert values["value_added_per_se"].to_list() == pytest.approx([8000, 6000, 10000, 4000, 12000])
    assert values.loc["c1", "supervision_per_100_se"] == pytest.approx(100 / 15)  # (1000/15) / 1000 * 100
    assert pd.isna(values.loc["c4", "site_cost_per_workplace"])  # 0 workplaces: undefined, not infinite


def test_higher_is_better_rank_and_quartile():
    card = kernkaart(PEERS, "c1")
    row = card.loc["value_added_per_se"]
    # sorted 4000, 6000, 8000, 10000, 12000: median 8000, Q1 (pos 1) 6000, Q3 (pos 3) 10000
    assert (row["value"], row["median"], row["q1"], row["q3"]) == pytest.approx((8000, 8000, 6000, 10000))
    assert row["better"] == "higher" and row["direction"] == "hoger is beter"
    assert row["rank"] == 3 and row["n"] == 5  # 12000 and 10000 are better
    assert row["quartile"] == 2  # >= median, < Q3
    assert kernkaart(PEERS, "c5").loc["value_added_per_se", "quartile"] == 1  # 12000 >= Q3
    assert kernkaart(PEERS, "c4").loc["value_added_per_se", ["rank", "quartile"]].to_list() == [5, 4]


def test_lower_is_better_rank_and_quartile():
    # overhead per SE sorted 2000, 2500, 3000, 3500, 4000: Q1 2500, median 3000, Q3 3500
    c2 = kernkaart(PEERS, "c2").loc["overhead_per_se"]
    assert c2["better"] == "lower"
    assert (c2["value"], c2["q1"], c2["median"], c2["q3"]) == pytest.approx((2500, 2500, 3000, 3500))
    assert c2["rank"] == 2 and c2["quartile"] == 1  # only c4 (2000) is lower; 2500 <= Q1
    c3 = kernkaart(PEERS, "c3").loc["overhead_per_se"]
    assert c3["rank"] == 5 and c3["quartile"] == 4  # 4000 > Q3


def test_ties_and_missing_values():
    # share outside 0.2, 0.3, 0.3, 0.4, 0.5: c1 and c5 tie; both get rank 1 + 2 better = 3
    assert kernkaart(PEERS, "c1").loc["share_outside", "rank"] == 3
    assert kernkaart(PEERS, "c5").loc["share_outside", "rank"] == 3
    # site cost per workplace: c4 has no sites -> no value, rank or quartile; n = 4 others
    c4 = kernkaart(PEERS, "c4").loc["site_cost_per_workplace"]
    assert pd.isna(c4["value"]) and pd.isna(c4["rank"]) and pd.isna(c4["quartile"]) and c4["n"] == 4
    # c1 among 2500, 3000, 3500, 4000: median 3250, Q1 = 2500 + 0.75*500 = 2875 -> 3000 is quartile 2
    c1 = kernkaart(PEERS, "c1").loc["site_cost_per_workplace"]
    assert (c1["median"], c1["q1"], c1["rank"], c1["quartile"]) == pytest.approx((3250, 2875, 2, 2))


def test_company_given_as_figures_joins_the_group():
    card = kernkaart(PEERS, {"id": "new", "se": 1000, "value_added": 9_000_000})
    row = card.loc["value_added_per_se"]
    # group of 6: 4000, 6000, 8000, 9000, 10000, 12000 -> median (8000+9000)/2 = 8500,
    # Q1 at position 0.25*5 = 1.25: 6000 + 0.25*(8000-6000) = 6500,
    # Q3 at position 0.75*5 = 3.75: 9000 + 0.75*(10000-9000) = 9750; 8500 <= 9000 < 9750: quartile 2
    assert (row["value"], row["median"], row["q1"], row["q3"]) == pytest.approx((9000, 8500, 6500, 9750))
    assert (row["rank"], row["n"], row["quartile"]) == (3, 6, 2)
    assert pd.isna(card.loc["overhead_per_se", "rank"])  # overhead not given
    # the same id as a peer replaces that peer: c4 with 13000 per SE becomes the best of 5
    replaced = kernkaart(PEERS, {"id": "c4", "se": 1000, "value_added": 13_000_000}).loc["value_added_per_se"]
    assert (replaced["rank"], replaced["n"]) == (1, 5)


def test_unknown_company():
    with pytest.raises(ValueError, match="c9"):
        kernkaart(PEERS, "c9")


def test_dutch_and_english_formatting():
    assert format_kpi(1234.4, "€") == "€ 1.234"
    assert format_kpi(1234.4, "€", "en") == "€1,234"
    assert format_kpi(0.345, "%") == "34,5 %"
    table = format_kernkaart(kernkaart(PEERS, "c1"), "nl")
    assert table.loc[0, "Mediaan"] == "€ 8.000" and table.loc[0, "Rang"] == "3/5"
    english = format_kernkaart(kernkaart(PEERS, "c1", lang="en"), "en")
    assert english.loc[0, "KPI"] == "Value added per SE" and english.loc[0, "Median"] == "€8,000"


def _records(chart_dict: dict) -> list[dict]:
    return [r for records in chart_dict.get("datasets", {}).values() for r in records]


def test_chart_highlights_company_with_dutch_labels():
    from sw_optimiser.benchmarking.charts import kpi_chart

    spec = kpi_chart(PEERS, "c1", "value_added_per_se").to_dict()
    assert spec["title"] == "Toegevoegde waarde per SE (hoger is beter)"
    assert spec["config"]["locale"]["number"]["thousands"] == "."
    bars = {r["id"]: r for r in _records(spec) if "id" in r}
    assert bars["c1"]["is_company"] and not bars["c2"]["is_company"]
    assert bars["c1"]["shown"] == "€ 8.000" and bars["c1"]["who"] == "Bedrijf"
    english = kpi_chart(PEERS, "c1", "overhead_per_se", lang="en").to_dict()
    assert english["title"] == "Overhead per SE (lower is better)"
    assert {r["shown"] for r in _records(english) if r.get("id") == "c1"} == {"€3,000"}
