"""Build the member workbooks of the bundled region (models/region.yaml) and, for the benchmark, any
number of generated member companies.

The three partners of Werkbedrijf Waalvallei (models/example.xlsx) are made from the tiny company
(models/build_tiny.py) with changed figures: sizes of 360-720 SE, different mixes of sheltered and
secondable workers, the example's horizon, discounting, indexation, sick leave and subsidy path (members
of a region must share base year, horizon and discount rate), and the tiny company's money brought to the
example's 2025 levels (WAGES_2025, the example's PRICES_2025). Deterministic: no randomness.

Run: python models/build_region.py   (overwrites models/region_*.xlsx)
"""

from __future__ import annotations

import dataclasses
import importlib.util
from pathlib import Path

from sw_optimiser.company import CompanyModel
from sw_optimiser.schema import SubsidyYear

HERE = Path(__file__).resolve().parent


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The tiny company's wages (€32,000-33,000) and supervisor cost (€55,000-60,000) at the example's 2025
# levels (€36,000-38,400 and €60,000-68,000).
WAGES_2025 = 1.13


def partner(name: str, *, size: float, sheltered: float, secondable: float, overhead: float,
            site_cost: float = 1.0, value: float = 1.0, home_room: float = 1.0) -> CompanyModel:
    """A company like the tiny one, `size` times as large, with the sheltered group (A) and the
    secondable group (B) scaled by `sheltered` and `secondable` on top; fixed overhead `overhead` €/yr;
    site costs times `site_cost`; value added times `value`; the main site S1 with `home_room` times
    its scaled capacity."""
    tiny = _load("build_tiny").tiny()
    example = _load("build_example")
    mix = {"A": size * sheltered, "B": size * secondable}
    r = lambda v: float(round(v))  # noqa: E731  whole SE and euros keep the workbooks readable
    company = dataclasses.replace(example.COMPANY, name=name)
    prices = example.PRICES_2025
    groups = tuple(dataclasses.replace(g, se=r(g.se * mix[g.id]), wage_cost=r(g.wage_cost * WAGES_2025))
                   for g in tiny.groups)
    sites = tuple(dataclasses.replace(
        s, capacity=r(s.capacity * size * (home_room if s.id == "S1" else 1.0)),
        fixed_cost=r(s.fixed_cost * size * 0.6 * site_cost * prices), divest_value=r(s.divest_value * size * 0.6 * prices),
        lease_end=2030 if s.lease_end else None, earliest_divest=2026) for s in tiny.sites)
    now = {p.id: sum(e.current_se * mix[e.group] for e in tiny.eligibility if e.pmc == p.id) for p in tiny.pmcs}
    pmcs = tuple(dataclasses.replace(
        p, min_volume=r(min(p.min_volume * size, now[p.id])), max_volume=r(max(p.max_volume * size, 1.1 * now[p.id])),
        fixed_cost=r(p.fixed_cost * size * 0.6 * prices), closure_cost=r(p.closure_cost * size * 0.5 * prices),
        move_cost=None if p.move_cost is None else r(p.move_cost * size * 0.5 * prices),
        material_cost=r(p.material_cost * prices),
        value_added=None if p.value_added is None else r(p.value_added * value * 1.3 * prices)) for p in tiny.pmcs)
    elig = tuple(dataclasses.replace(e, current_se=r(e.current_se * mix[e.group])) for e in tiny.eligibility)
    # secondment tariffs per hour: tiny's revenue per SE x 1.12 at 2025 prices, on the example's hours
    # billed (1,600 less 13 % sick leave = 1,392; tiny bills 1,000 and has no sick leave)
    billed = company.billable_hours * (1 - company.sick_leave)
    tariffs = tuple(dataclasses.replace(tr, hourly_tariff=round(tr.hourly_tariff * 1_000 * 1.12 * prices / billed, 2),
                                        demand=r(max(tr.demand * size, now[tr.pmc] if tr.current else 0)))
                    for tr in tiny.tariffs)
    def fte(k):  # today's staff scaled, and at least what today's SE need at today's span (+5 %)
        se = sum(e.current_se for e in elig if tiny.pmc[e.pmc].supervision_type == k.id)
        span = next(o.span for o in tiny.supervision_options if o.type == k.id and o.current)
        return round(max(k.current_fte * size, 1.05 * se / span), 1)

    sup = tuple(dataclasses.replace(k, current_fte=fte(k), cost_per_fte=r(k.cost_per_fte * WAGES_2025))
                for k in tiny.supervision_types)
    acq = tuple(dataclasses.replace(a, demand_per_fte=a.demand_per_fte * size / 2, cost_per_fte=r(a.cost_per_fte * prices))
                for a in tiny.acquisition)
    chain = tuple(dataclasses.replace(c, capacity=r(c.capacity * size), tariff=r(c.tariff * prices),
                                      cost_per_place=r(c.cost_per_place * prices)) for c in tiny.chain_partners)
    return tiny.replace(
        company=company, overhead=dataclasses.replace(tiny.overhead, fixed=float(overhead) * prices,
                                                      per_se=tiny.overhead.per_se * prices), groups=groups,
        subsidy=tuple(SubsidyYear(y, float(v)) for y, v in example.SUBSIDY), sites=sites, pmcs=pmcs,
        eligibility=elig, tariffs=tariffs, supervision_types=sup, acquisition=acq, chain_partners=chain)


# The three partners of the bundled region.
PARTNERS = {
    "region_noordoever.xlsx": dict(name="Werkbedrijf Noordoever", size=6, sheltered=1.3, secondable=0.8,
                                   overhead=900_000, home_room=1.4),  # production-heavy, S1 roomy
    "region_zuiderlicht.xlsx": dict(name="Zuiderlicht Werk", size=4.5, sheltered=0.8, secondable=1.5,
                                    overhead=700_000, site_cost=1.3, home_room=0.8),  # secondment-heavy
    "region_oosthoek.xlsx": dict(name="Oosthoek Bedrijven", size=8, sheltered=1.0, secondable=1.0,
                                 overhead=1_100_000, value=0.9, home_room=0.8),  # larger, weak production
}


def generated(n: int) -> list[tuple[str, CompanyModel]]:
    """n member companies for the benchmark, varied deterministically around the partners above."""
    out = []
    for k in range(n):
        size = 4 + (k * 7) % 6  # 4..9
        out.append((f"M{k + 1:02d}", partner(f"Lid {k + 1}", size=size, sheltered=0.8 + 0.1 * (k % 5),
                                             secondable=0.8 + 0.15 * (k % 4), overhead=150_000 * size,
                                             site_cost=0.9 + 0.1 * (k % 3), home_room=0.8 + 0.3 * (k % 3))))
    return out


def example_sized(n: int) -> list[tuple[str, CompanyModel]]:
    """n members of the example company's own size and structure (40 PMCs, 8 sites): the example with
    every SE figure scaled by 0.85-1.15 and site costs by 0.9-1.1, deterministically."""
    from sw_optimiser.workbook import load_model

    example = load_model(HERE / "example.xlsx")
    out = []
    for k in range(n):
        f, c = 0.85 + 0.1 * (k % 4), 0.9 + 0.1 * (k % 3)
        r = lambda v: float(v * f)  # noqa: E731  unrounded: sums of scaled figures stay consistent
        m = example.replace(
            company=dataclasses.replace(example.company, name=f"Lid {k + 1}"),
            groups=tuple(dataclasses.replace(g, se=r(g.se)) for g in example.groups),
            eligibility=tuple(dataclasses.replace(e, current_se=r(e.current_se)) for e in example.eligibility),
            pmcs=tuple(dataclasses.replace(p, min_volume=r(p.min_volume), max_volume=r(p.max_volume))
                       for p in example.pmcs),
            sites=tuple(dataclasses.replace(s, capacity=r(s.capacity), fixed_cost=round(s.fixed_cost * c))
                        for s in example.sites),
            tariffs=tuple(dataclasses.replace(t, demand=r(t.demand)) for t in example.tariffs),
            supervision_types=tuple(dataclasses.replace(t, current_fte=round(t.current_fte * f, 1))
                                    for t in example.supervision_types),
            chain_partners=tuple(dataclasses.replace(cp, capacity=r(cp.capacity)) for cp in example.chain_partners))
        out.append((f"E{k + 1:02d}", m))
    return out


if __name__ == "__main__":
    from sw_optimiser.workbook import load_model, write_workbook

    for file, spec in PARTNERS.items():
        path = write_workbook(partner(**spec), HERE / file, overwrite=True)
        m = load_model(path)  # validates
        print(path, sum(g.se for g in m.groups), "SE")
