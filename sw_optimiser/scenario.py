"""Scenario files: what a scenario changes in a company model, which levers it pulls, its social limits.

A scenario is YAML, read with the safe loader. Every problem names the file, the line and the key.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .company import CompanyModel
from .optimiser.levers import LEVERS  # the one list of levers, in waterfall order (re-exported)
from .problems import InputError, Problem
from .schema import ACTIVITIES, SubsidyYear
from .siteplan import SitePlan, check_site_plan
from .yamlinput import Key, Reader, load_yaml, read_text


@dataclass(frozen=True)
class SocialLimits:
    max_move_share: float | None = None  # share of all SE that may change workplace per year
    group_move_share: float | None = 0.10  # share of each worker group that may change workplace per year
    allow_idle: bool = False  # SE without work allowed (groups that do not need sheltered work)
    allow_idle_sheltered: bool = False  # ... and for groups that need sheltered work too
    idle_cost: float = 0.0  # € social cost per idle SE-year: in the objective, not in the result
    extra_sheltered_se: float | None = None  # sheltered places beyond those the employees who need them hold
    min_sheltered_share: float | None = None  # share of all SE in sheltered places
    one_off_budget: float | None = None  # € per year for one-off costs (net of proceeds)
    savings_target: dict[int, float] = field(default_factory=dict)  # year -> € better than the baseline
    # h8 (issue 16 item 5): a tariff change charged to the owner municipalities only moves money between their
    # own budgets; True counts it as neutral in the objective (the results still show it).
    owner_tariffs_neutral: bool = False


@dataclass(frozen=True)
class Changes:
    horizon: int | None = None
    subsidy: dict[int, float] = field(default_factory=dict)  # year -> € per SE (replaces the path)
    subsidy_extra_cut: float = 0.0  # € per SE less each year after the base year, cumulative
    wage_indexation: float | None = None
    price_indexation: float | None = None
    discount_rate: float | None = None
    demand: dict[str, float] = field(default_factory=dict)  # PMC id, activity or "all" -> factor
    tariffs: dict[str, float] = field(default_factory=dict)  # PMC id, activity or "all" -> factor


@dataclass(frozen=True)
class Scenario:
    name: str = "baseline"
    description: str = ""
    model: str | None = None  # path of the company workbook, relative to the scenario file
    levers: dict[str, bool] = field(default_factory=lambda: {k: False for k in LEVERS})
    changes: Changes = field(default_factory=Changes)
    social: SocialLimits = field(default_factory=SocialLimits)
    time_limit: float = 60.0  # seconds
    gap: float = 0.005  # the solver stops within this share of the larger of the plan's and the baseline's NPV
    nodes: int | None = None  # branch-and-bound nodes of the full solve (None: optimiser.solve.FINAL_NODES)
    # candidate site plans: with the sites lever on, the plan takes the best of them (each solved with its
    # sites and moves held) instead of searching over every site plan; empty: the full search
    site_plans: tuple[SitePlan, ...] = ()

    @property
    def active_levers(self) -> tuple[str, ...]:
        return tuple(k for k in LEVERS if self.levers.get(k))

    def with_levers(self, on: set[str] | tuple[str, ...], name: str | None = None) -> "Scenario":
        return dataclasses.replace(self, levers={k: k in on for k in LEVERS}, name=name or self.name)

    def to_dict(self) -> dict:
        """Plain data in the file format (for saving from the explorer)."""
        out: dict[str, Any] = {"name": self.name}
        if self.description:
            out["description"] = self.description
        if self.model:
            out["model"] = self.model
        out["levers"] = {k: bool(self.levers.get(k)) for k in LEVERS}
        changes = {k: v for k, v in dataclasses.asdict(self.changes).items() if v not in (None, {}, 0.0)}
        if changes:
            out["changes"] = changes
        default = dataclasses.asdict(SocialLimits())  # only what differs (group_move_share: null included)
        social = {k: v for k, v in dataclasses.asdict(self.social).items() if v != default[k]}
        if social:
            out["social"] = social
        out["solver"] = {"time_limit": self.time_limit, "gap": self.gap}
        if self.nodes is not None:
            out["solver"]["nodes"] = self.nodes
        if self.site_plans:
            out["site_plans"] = [sp.to_dict() for sp in self.site_plans]
        return out

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False)


ALL_LEVERS = Scenario(name="all-levers", levers={k: True for k in LEVERS})


# ----- the file ----------------------------------------------------------------------------------
_FACTOR = Key("factor", unit="factor", lo=0, hi=10, step=0.05, format="%.2f")
_INDEXATION = dict(unit="fraction/year", lo=-0.1, hi=0.2, step=0.25, format="%.2f", scale=100)

# Every key of a scenario file (help: input.scenario.<path> in locale/*/keys.yaml). The keys of changes
# and social are the fields of Changes and SocialLimits; solver's are Scenario.time_limit, gap and nodes.
SCENARIO = Key("scenario", "mapping", keys=(
    Key("name", "text"),
    Key("description", "text"),
    Key("model", "text"),
    Key("levers", "levers"),
    Key("changes", "mapping", keys=(
        Key("horizon", "integer", "years", 1, 30, step=1),
        Key("subsidy", "years", value=Key("per_se", unit="€/SE/year", lo=0, hi=100_000)),
        Key("subsidy_extra_cut", unit="€/SE/year", lo=-5000, hi=5000, step=100, format="%.0f"),
        Key("wage_indexation", **_INDEXATION),
        Key("price_indexation", **_INDEXATION),
        Key("discount_rate", unit="fraction/year", lo=0, hi=0.3),
        Key("demand", "factors", value=_FACTOR),
        Key("tariffs", "factors", value=_FACTOR),
    )),
    Key("social", "mapping", keys=(  # also every member's, in a region file
        Key("max_move_share", unit="fraction/year", lo=0, hi=1, step=1.0, format="%.1f", scale=100),
        Key("group_move_share", unit="fraction/year", lo=0, hi=1, empty=True),  # null: no limit per group
        Key("allow_idle", "bool"),
        Key("allow_idle_sheltered", "bool"),
        Key("idle_cost", unit="€/SE/year", lo=0, hi=1e6),
        Key("extra_sheltered_se", unit="SE", lo=0, hi=100_000, step=10.0, format="%.0f"),
        Key("min_sheltered_share", unit="fraction", lo=0, hi=1),
        Key("one_off_budget", unit="€/year", lo=0, hi=1e10, step=50_000.0, format="%.0f"),
        Key("savings_target", "years", value=Key("amount", unit="€", lo=-1e10, hi=1e10, format="%.0f")),
        Key("owner_tariffs_neutral", "bool"),  # tariffs owner municipalities pay count as neutral (issue 16 item 5)
        # an absolute number of sheltered places was replaced: named with its replacement
        Key("min_sheltered_se", unit="SE", lo=0, hi=100_000, retired="scenario.min_sheltered_se"),
    )),
    Key("solver", "mapping", keys=(
        Key("time_limit", unit="s", lo=0.1, hi=86_400, step=5.0, format="%.1f"),
        Key("gap", unit="fraction", lo=0, hi=1),
        Key("nodes", "integer", "nodes", 1, 10_000_000),
    )),
    Key("site_plans", "list", keys=(  # candidate site plans (locatieplannen), see siteplan.py
        Key("name", "text", required=True),
        Key("close", "codes", value=Key("year", "integer", "year", 2000, 2100)),
        Key("move", "codes", value=Key("site", "id")),
    )),
))


# ----- reading --------------------------------------------------------------------------------
def read_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    return parse_scenario(read_text(path, "scenario.unreadable"), path.name)


def parse_scenario(text: str, source: str = "scenario") -> Scenario:
    data, lines = load_yaml(text, source)
    if data is None:
        data = {}
    reader = Reader(source, lines)
    if not isinstance(data, dict):
        raise InputError([Problem(source, 1, None, "scenario.not_mapping")], source)
    reader.unknown(data, SCENARIO.names, "")
    levers = reader.levers(data, SCENARIO["levers"], LEVERS)
    values = reader.values(data, SCENARIO)
    site_plans = _site_plans(reader, data)
    if reader.problems:
        raise InputError(reader.problems, source)
    return Scenario(site_plans=site_plans,
        name=values.get("name") or source.rsplit(".", 1)[0], description=values.get("description", ""),
        model=values.get("model"), levers={k: levers.get(k, False) for k in LEVERS},
        changes=Changes(**values["changes"]), social=SocialLimits(**values["social"]), **values["solver"])


def _site_plans(reader: Reader, data: dict) -> tuple[SitePlan, ...]:
    key = SCENARIO["site_plans"]
    out, names = [], set()
    for n, item in reader.items(data, key):
        path = f"site_plans[{n + 1}]"
        if not reader.item_keys(item, key, path):
            continue
        values = reader.values(item, key, f"{path}.")
        name = values.get("name")
        if name is None:
            continue
        if name in names:
            reader.bad(item, "name", "siteplan.twice", f"{path}.name", name=name)
        names.add(name)
        out.append(SitePlan(name, values["close"], values["move"]))
    return tuple(out)


def read_site_plans(path: str | Path) -> tuple[SitePlan, ...]:
    """The site plans a file names: a scenario file's `site_plans`, or the site plan a plan followed
    (`site_plan` of a results JSON file, written by `optimise --json`)."""
    path = Path(path)
    text = read_text(path, "scenario.unreadable")
    if path.suffix.lower() != ".json":
        return parse_scenario(text, path.name).site_plans
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError([Problem(path.name, getattr(exc, "lineno", None), None, "siteplan.json",
                                  {"reason": str(exc)})], str(path)) from None
    plan = data.get("site_plan") if isinstance(data, dict) else None
    if not isinstance(plan, dict):
        raise InputError([Problem(path.name, None, "site_plan", "siteplan.no_plan")], str(path))
    close, move = plan.get("close", {}), plan.get("move", {})
    if not (isinstance(close, dict) and all(isinstance(y, int) and not isinstance(y, bool) for y in close.values())
            and isinstance(move, dict) and all(isinstance(v, str) for v in move.values())):
        raise InputError([Problem(path.name, None, "site_plan", "siteplan.no_plan")], str(path))
    return (SitePlan(str(plan.get("name") or path.stem), {str(k): v for k, v in close.items()},
                     {str(k): v for k, v in move.items()}),)


def check_site_plans(m: CompanyModel, scenario: Scenario, source: str = "scenario") -> None:
    """Raise InputError when a site plan of `scenario` does not fit company `m` (siteplan.check_site_plan)."""
    problems = [p for n, sp in enumerate(scenario.site_plans)
                for p in check_site_plan(m, sp, source, f"site_plans[{n + 1}]")]
    if problems:
        raise InputError(problems, source)


# ----- applying -------------------------------------------------------------------------------
def apply_changes(m: CompanyModel, changes: Changes, source: str = "scenario") -> CompanyModel:
    """The company model as the scenario sees it."""
    problems = []
    company = m.company
    for name in ("horizon", "wage_indexation", "price_indexation", "discount_rate"):
        value = getattr(changes, name)
        if value is not None:
            company = dataclasses.replace(company, **{name: value})
    subsidy = {s.year: s.per_se for s in m.subsidy} | changes.subsidy
    if changes.subsidy_extra_cut:
        subsidy = {y: max(0.0, v - changes.subsidy_extra_cut * max(0, y - company.base_year)) for y, v in subsidy.items()}
    years = range(company.base_year, company.base_year + company.horizon + 1)
    missing = [y for y in years if y not in subsidy]
    if missing:
        problems.append(Problem(source, None, "changes.horizon", "scenario.subsidy_missing",
                                {"years": ", ".join(map(str, missing))}))
    keys = {p.id for p in m.pmcs} | set(ACTIVITIES) | {"all"}
    for what, factors in (("demand", changes.demand), ("tariffs", changes.tariffs)):
        for k in factors:
            if k not in keys:
                problems.append(Problem(source, None, f"changes.{what}.{k}", "scenario.unknown_target", {"key": k}))
    if problems:
        raise InputError(problems, source)

    def factor(factors: dict[str, float], pmc_id: str) -> float:
        pmc = m.pmc[pmc_id]
        return factors.get(pmc_id, factors.get(pmc.activity, factors.get("all", 1.0)))

    pmcs = tuple(dataclasses.replace(p, max_volume=p.max_volume * factor(changes.demand, p.id)) for p in m.pmcs)
    tariffs = tuple(dataclasses.replace(tr, demand=tr.demand * factor(changes.demand, tr.pmc),
                                        hourly_tariff=tr.hourly_tariff * factor(changes.tariffs, tr.pmc))
                    for tr in m.tariffs)
    return m.replace(company=company, pmcs=pmcs, tariffs=tariffs,
                     subsidy=tuple(SubsidyYear(y, v) for y, v in sorted(subsidy.items())))
