"""Small company models built in code, for the optimiser tests.

Every builder has defaults that make the figure irrelevant (no cost, ample room), so a test states only
what matters for it. The defaults:

- base year 2025, one plan year (2026), no discounting, no indexation, 1,000 billable hours per SE;
- Wsw wage €30,000 and subsidy €25,000 per SE, no overhead: the same in every plan, so they drop out of
  any gain (they are in every result, so the absolute NPV is real);
- one site "S" (ample capacity, no cost, nothing on divesting) for the PMCs that need a site;
- one supervision type per type the PMCs name: no cost, ample FTE, a single option of span 1;
- moving an employee costs nothing (`group(move_cost=0)`), and `solve`/`gain` test a lever in
  isolation (`ISOLATED`): SE may be left without work and groups may change workplace without a
  limit, so a case shows one lever's economics. The rules that forbid both by default (the right to
  work, the move limit) have their own cases (tests/test_optimiser_rules.py).

Figures are floats, as the workbook reader gives them, and every model is validated as the reader would
validate it: a test cannot run on input a user could not give.

    m = model(groups=[group("A", 10, productivity=0.5)],
              pmcs=[pmc("P", va=8_000, fixed=60_000, closure=10_000)],
              eligibility=[elig("A", "P", 10)])
    assert gain(m, {"placement", "phase_out"}) == pytest.approx(10_000, abs=0.01)
"""

from __future__ import annotations

import dataclasses

from sw_optimiser.baseline import run_baseline
from sw_optimiser.company import CompanyModel
from sw_optimiser.optimiser.solve import Optimiser
from sw_optimiser.results import Results
from sw_optimiser.scenario import Scenario, SocialLimits
from sw_optimiser.schema import (
    SHELTERED_ACTIVITIES,
    Acquisition,
    ChainPartner,
    Company,
    Eligibility,
    Overhead,
    Pmc,
    Site,
    SubsidyYear,
    SupervisionOption,
    SupervisionType,
    Tariff,
    WorkerGroup,
)
from sw_optimiser.validate import validate

BASE = 2025
Y1, Y2, Y3 = BASE + 1, BASE + 2, BASE + 3
CENT = 0.01  # absolute tolerance for money: to the cent
SE_TOL = 1e-6
_HOME = object()  # default site of a PMC: "S" when the activity needs a site, none otherwise


def _num(value: float | None) -> float | None:
    """Numbers as the workbook reader gives them (floats), so messages show them the same way."""
    return None if value is None else float(value)


def group(id: str, se: float, *, productivity: float = 1.0, outflow: float = 0.0, wage: float = 30_000,
          sheltered_only: bool = False, move_cost: float = 0.0) -> WorkerGroup:
    return WorkerGroup(id, f"groep {id}", se=float(se), outflow=float(outflow), wage_cost=float(wage),
                       productivity=float(productivity), sheltered_only=sheltered_only,
                       move_cost=float(move_cost))


def pmc(id: str, activity: str = "production", *, va: float | None = None, site=_HOME, sup: str = "W",
        min: float = 0.0, max: float = 1_000.0, material: float = 0.0, fixed: float = 0.0, closure: float = 0.0,
        may_close: bool = True, move: float | None = None, sheltered: bool | None = None) -> Pmc:
    if site is _HOME:
        site = "S" if activity in SHELTERED_ACTIVITIES else None
    if sheltered is None:
        sheltered = activity in SHELTERED_ACTIVITIES
    return Pmc(id, f"pmc {id}", activity, sheltered, sup, min_volume=float(min), max_volume=float(max),
               material_cost=float(material), fixed_cost=float(fixed), closure_cost=float(closure),
               may_close=may_close, site=site, value_added=_num(va), move_cost=_num(move))


def site(id: str = "S", *, capacity: float = 10_000, cost: float = 0.0, leased: bool = False,
         divest: float = 0.0, lease_end: int | None = None, earliest: int | None = None) -> Site:
    return Site(id, f"locatie {id}", capacity=float(capacity), fixed_cost=float(cost),
                ownership="leased" if leased else "owned", divest_value=float(divest), lease_end=lease_end,
                earliest_divest=earliest)


def elig(group_id: str, pmc_id: str, current: float = 0.0, factor: float = 1.0) -> Eligibility:
    return Eligibility(group_id, pmc_id, True, float(factor), float(current))


def tariff(pmc_id: str, level: int, hourly: float, demand: float, current: bool = False) -> Tariff:
    return Tariff(pmc_id, level, float(hourly), float(demand), current)


def sup_type(id: str = "W", *, cost: float = 0.0, fte: float = 10_000, shrink: float = 1.0) -> SupervisionType:
    return SupervisionType(id, f"begeleiding {id}", cost_per_fte=float(cost), current_fte=float(fte),
                           max_shrink=float(shrink))


def option(type_id: str, name: str, span: float, *, reorg: float = 0.0, current: bool = False) -> SupervisionOption:
    return SupervisionOption(type_id, name, span=float(span), reorg_cost=float(reorg), current=current)


def acquisition(activity: str, *, cost: float, demand: float, duration: int = 1, max_fte: int = 1) -> Acquisition:
    return Acquisition(activity, cost_per_fte=float(cost), demand_per_fte=float(demand), duration=duration,
                       max_fte=max_fte)


def partner(id: str, *, tariff: float, cost: float = 0.0, capacity: float, groups: tuple[str, ...]) -> ChainPartner:
    return ChainPartner(id, f"partner {id}", tariff=float(tariff), cost_per_place=float(cost),
                        capacity=float(capacity), groups=tuple(groups))


def model(*, groups, pmcs, eligibility, sites=None, tariffs=(), supervision=None, options=None,
          acquisition=(), chain=(), horizon: int = 1, discount: float = 0.0, wage_index: float = 0.0,
          price_index: float = 0.0, hours: float = 1_000, subsidy: float = 25_000,
          overhead: tuple[float, float] = (0.0, 0.0), check: bool = True) -> CompanyModel:
    """A company model with the defaults above; raises if the workbook reader would reject it."""
    pmcs = tuple(pmcs)
    if sites is None:
        sites = (site("S"),) if any(p.site == "S" for p in pmcs) else ()
    if supervision is None:
        types = sorted({p.supervision_type for p in pmcs})
        supervision = tuple(sup_type(k) for k in types)
        options = tuple(option(k, "1:1", 1, current=True) for k in types)
    m = CompanyModel(
        company=Company(name="Testbedrijf", base_year=BASE, horizon=horizon, discount_rate=discount,
                        wage_indexation=wage_index, price_indexation=price_index, billable_hours=hours),
        overhead=Overhead(fixed=overhead[0], per_se=overhead[1]),
        groups=tuple(groups),
        subsidy=tuple(SubsidyYear(y, subsidy) for y in range(BASE, BASE + horizon + 1)),
        sites=tuple(sites),
        pmcs=pmcs,
        eligibility=tuple(eligibility),
        tariffs=tuple(tariffs),
        supervision_types=tuple(supervision),
        supervision_options=tuple(options or ()),
        acquisition=tuple(acquisition),
        chain_partners=tuple(chain),
    )
    if check:
        errors = [p for p in validate(m) if p.severity == "error"]
        assert not errors, "test model is invalid: " + "; ".join(p.code + str(p.params) for p in errors)
    return m


def replace(obj, **changes):
    return dataclasses.replace(obj, **changes)


# ----- solving --------------------------------------------------------------------------------------
def scenario(levers, **kw) -> Scenario:
    """A scenario with these levers on, solved to optimality (no MIP gap)."""
    return dataclasses.replace(Scenario(), gap=0.0, **kw).with_levers(tuple(levers))


# One lever's economics in isolation: idle SE allowed (at no social cost), moves not limited.
ISOLATED = SocialLimits(allow_idle=True, allow_idle_sheltered=True, group_move_share=None)


def limits(**kw) -> SocialLimits:
    """One social limit tested in isolation: ISOLATED with `kw` set."""
    return dataclasses.replace(ISOLATED, **kw)


def solve(m: CompanyModel, levers=(), social: SocialLimits | None = None) -> Results:
    return Optimiser(m, social or ISOLATED).solve(scenario(levers))


def gain(m: CompanyModel, levers, social: SocialLimits | None = None) -> float:
    """NPV of the optimum with `levers` less the NPV of the baseline (all levers off)."""
    return solve(m, levers, social).npv - run_baseline(m).npv


def row(df, **where):
    """The one row of a results table matching every column=value in `where`."""
    mask = True
    for k, v in where.items():
        mask = mask & (df[k] == v)
    rows = df[mask]
    assert len(rows) == 1, f"{len(rows)} rows match {where}"
    return rows.iloc[0]


def events(results: Results, kind: str | None = None) -> list[tuple]:
    """(year, kind, subject, amount) of the one-off events, amounts rounded to the cent."""
    ev = results.events
    if kind is not None:
        ev = ev[ev.kind == kind]
    return [(int(e.year), e.kind, e.subject, round(float(e.amount), 2)) for e in ev.itertuples()]
