"""Scenario files: what a scenario changes in a company model, which levers it pulls, its social limits.

A scenario is YAML, read with the safe loader. Every problem names the file, the line and the key.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .company import CompanyModel
from .optimiser.levers import LEVERS  # the one list of levers, in waterfall order (re-exported)
from .problems import InputError, Problem
from .schema import ACTIVITIES, SubsidyYear


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
    gap: float = 0.005  # relative MIP gap at which the solver stops (0.5 % of the NPV)

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
        social = {k: v for k, v in dataclasses.asdict(self.social).items() if v not in (None, {})}
        if social:
            out["social"] = social
        out["solver"] = {"time_limit": self.time_limit, "gap": self.gap}
        return out

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False)


ALL_LEVERS = Scenario(name="all-levers", levers={k: True for k in LEVERS})


# ----- reading --------------------------------------------------------------------------------
class _LineLoader(yaml.SafeLoader):
    """Safe loader that remembers the line of every mapping key."""


def _construct_mapping(loader, node, deep=False):
    mapping = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        value = loader.construct_object(value_node, deep=True)
        mapping[key] = value
        loader.lines[id(mapping), key] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, source: str) -> tuple[object, dict]:
    """Safe-load YAML text; returns the data and the line of every mapping key ((id(mapping), key) ->
    line). A syntax error is raised as an InputError naming the line."""
    loader = _LineLoader(text)
    loader.lines = {}
    try:
        return loader.get_single_data(), loader.lines
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError([Problem(source, mark.line + 1 if mark else None, None, "scenario.yaml",
                                  {"reason": getattr(exc, "problem", str(exc))})], source) from None
    finally:
        loader.dispose()


def read_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise InputError([Problem(path.name, None, None, "scenario.unreadable", {"path": path.name})], str(path)) from None
    return parse_scenario(text, path.name)


def parse_scenario(text: str, source: str = "scenario") -> Scenario:
    data, lines = load_yaml(text, source)
    reader = _Reader(source, lines)
    scenario = reader.scenario(data if data is not None else {})
    if reader.problems:
        raise InputError(reader.problems, source)
    return scenario


class _Reader:
    def __init__(self, source: str, lines: dict):
        self.source, self.lines, self.problems = source, lines, []

    def bad(self, parent: dict, key: str, code: str, path: str, /, **params):
        line = self.lines.get((id(parent), key))
        self.problems.append(Problem(self.source, line, path, code, params))

    def number(self, parent, key, path, lo=None, hi=None, integer=False):
        value = parent[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.bad(parent, key, "scenario.not_number", path, value=str(value))
            return None
        if integer and int(value) != value:
            self.bad(parent, key, "scenario.not_integer", path, value=str(value))
            return None
        if lo is not None and value < lo or hi is not None and value > hi:
            self.bad(parent, key, "scenario.range", path, value=str(value), lo=str(lo), hi=str(hi))
            return None
        return int(value) if integer else float(value)

    def section(self, data, key, allowed, path=""):
        value = data.get(key, {})
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.bad(data, key, "scenario.not_mapping", path or key)
            return {}
        for k in value:
            if k not in allowed:
                self.bad(value, k, "scenario.unknown_key", f"{path or key}.{k}", allowed=", ".join(allowed))
        return value

    def year_map(self, parent, key, path, lo=None, hi=None) -> dict[int, float]:
        out = {}
        sec = self.section(parent, key, None or list(parent.get(key) or {}), path)
        for year in sec:
            if not isinstance(year, int) or not 2000 <= year <= 2100:
                self.bad(sec, year, "scenario.not_year", f"{path}.{year}", value=str(year))
                continue
            value = self.number(sec, year, f"{path}.{year}", lo, hi)
            if value is not None:
                out[year] = value
        return out

    def factor_map(self, parent, key, path) -> dict[str, float]:
        out = {}
        sec = self.section(parent, key, list(parent.get(key) or {}), path)
        for k in sec:
            value = self.number(sec, k, f"{path}.{k}", 0, 10)
            if value is not None:
                out[str(k)] = value
        return out

    def scenario(self, data) -> Scenario:
        if not isinstance(data, dict):
            self.problems.append(Problem(self.source, 1, None, "scenario.not_mapping"))
            return Scenario()
        top = ("name", "description", "model", "levers", "changes", "social", "solver")
        for k in data:
            if k not in top:
                self.bad(data, k, "scenario.unknown_key", str(k), allowed=", ".join(top))
        levers = {k: False for k in LEVERS}
        lever_sec = self.section(data, "levers", LEVERS)
        for k, v in lever_sec.items():
            if k in LEVERS:
                if not isinstance(v, bool):
                    self.bad(lever_sec, k, "scenario.not_bool", f"levers.{k}", value=str(v))
                else:
                    levers[k] = v
        ch = self.section(data, "changes", [f.name for f in dataclasses.fields(Changes)])
        changes = Changes(
            horizon=self.number(ch, "horizon", "changes.horizon", 1, 30, integer=True) if "horizon" in ch else None,
            subsidy=self.year_map(ch, "subsidy", "changes.subsidy", 0, 100_000),
            subsidy_extra_cut=self.number(ch, "subsidy_extra_cut", "changes.subsidy_extra_cut", -5000, 5000)
            if "subsidy_extra_cut" in ch else 0.0,
            wage_indexation=self._opt(ch, "wage_indexation", -0.1, 0.2),
            price_indexation=self._opt(ch, "price_indexation", -0.1, 0.2),
            discount_rate=self._opt(ch, "discount_rate", 0, 0.3),
            demand=self.factor_map(ch, "demand", "changes.demand"),
            tariffs=self.factor_map(ch, "tariffs", "changes.tariffs"),
        )
        social = self.social(data)
        sv = self.section(data, "solver", ("time_limit", "gap"))
        text = {k: data.get(k) for k in ("name", "description", "model")}
        for k, v in text.items():
            if v is not None and not isinstance(v, str):
                self.bad(data, k, "scenario.not_text", k)
        return Scenario(
            name=text["name"] or self.source.rsplit(".", 1)[0], description=text["description"] or "",
            model=text["model"], levers=levers, changes=changes, social=social,
            time_limit=self._opt(sv, "time_limit", 0.1, 86_400, "solver") or 60.0,
            gap=self._opt(sv, "gap", 0, 1, "solver") if "gap" in sv else Scenario.gap,
        )

    def social(self, data) -> SocialLimits:
        """The `social` section: the social limits of a scenario (and of every member of a region)."""
        # min_sheltered_se (an absolute number of sheltered places) was replaced: named with its replacement
        so = self.section(data, "social", [f.name for f in dataclasses.fields(SocialLimits)] + ["min_sheltered_se"])
        if "min_sheltered_se" in so:
            self.bad(so, "min_sheltered_se", "scenario.min_sheltered_se", "social.min_sheltered_se")
        return SocialLimits(
            max_move_share=self._opt(so, "max_move_share", 0, 1, "social"),
            group_move_share=(self._opt(so, "group_move_share", 0, 1, "social") if "group_move_share" in so
                              else SocialLimits.group_move_share),
            allow_idle=self.flag(so, "allow_idle", "social.allow_idle"),
            allow_idle_sheltered=self.flag(so, "allow_idle_sheltered", "social.allow_idle_sheltered"),
            idle_cost=self._opt(so, "idle_cost", 0, 1e6, "social") or 0.0,
            extra_sheltered_se=self._opt(so, "extra_sheltered_se", 0, 100_000, "social"),
            min_sheltered_share=self._opt(so, "min_sheltered_share", 0, 1, "social"),
            one_off_budget=self._opt(so, "one_off_budget", 0, 1e10, "social"),
            savings_target=self.year_map(so, "savings_target", "social.savings_target", -1e10, 1e10),
        )

    def flag(self, sec, key, path) -> bool:
        value = sec.get(key, False)
        if not isinstance(value, bool):
            self.bad(sec, key, "scenario.not_bool", path, value=str(value))
            return False
        return value

    def _opt(self, sec, key, lo, hi, path="changes"):
        return self.number(sec, key, f"{path}.{key}", lo, hi) if key in sec and sec[key] is not None else None


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
