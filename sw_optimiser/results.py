"""The results of one baseline or optimisation run: plain tables, read by the CLI, explorer and report."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import fmt
from .i18n import DEFAULT_LANG, Message, t

# Rows of the profit-and-loss account, in the order shown.
# structural_result is the operating result before one-off costs and proceeds; the municipal contribution
# (what the owner municipalities pay to cover a loss) splits into a structural part, max(0, -structural
# result), and the one-off part, the rest (negative when proceeds lower the year's contribution).
PNL_ROWS = ("revenue", "material", "value_added", "pmc_fixed_costs", "wages_wsw", "subsidy",
            "participation_funding", "supervision", "site_costs", "overhead", "acquisition", "structural_result",
            "one_off", "operating_result", "municipal_contribution", "contribution_structural",
            "contribution_one_off")
KPI_ROWS = ("se_total", "se_placed", "se_chain", "se_idle", "se_sheltered", "se_outside", "se_moved",
            "value_added_per_se", "result_per_se", "contribution_per_se")


@dataclass
class Results:
    company: str
    plan: object
    pnl: pd.DataFrame  # index year; PNL_ROWS and KPI_ROWS as columns
    pmcs: pd.DataFrame
    sites: pd.DataFrame
    supervision: pd.DataFrame
    sales: pd.DataFrame
    chain: pd.DataFrame
    groups: pd.DataFrame
    events: pd.DataFrame
    npv: float  # net present value of the operating result over the plan years
    scenario: str = "baseline"
    status: str = "baseline"  # baseline | optimal | time_limit (stopped before the gap was proven)
    gap: float | None = None  # relative_gap(bound, objective, |baseline NPV|)
    bound: float | None = None  # no plan can do better than this objective (€ NPV): the solver's proof
    stopped: str | None = None  # what stopped a time_limit plan: "work" (repeatable), "time" or "user"
    solve_seconds: float | None = None
    build_seconds: float | None = None
    objective: float | None = None  # the solver's objective (equals npv up to rounding)
    marginal_values: pd.DataFrame | None = None
    site_plan: object = None  # siteplan.SitePlan the plan follows (with the sites lever on)
    site_plan_given: bool = False  # held at a scenario's candidate: optimal over the rest, not over every site plan
    site_plans: pd.DataFrame | None = None  # the candidates: site_plan, npv, bound, status
    warnings: list[Message] = field(default_factory=list)  # put into words where shown: .text(lang)

    @property
    def base_year(self) -> int:
        return int(self.pnl.index[0])

    def pnl_table(self, lang: str = DEFAULT_LANG) -> pd.DataFrame:
        """The P&L with categories as rows and years as columns, labelled in `lang`."""
        table = self.pnl[list(PNL_ROWS)].T
        table.index = [t(f"pnl.{k}", lang) for k in PNL_ROWS]
        table.columns.name = t("field.year", lang)
        return table

    def frames(self, lang: str = DEFAULT_LANG, labelled: bool = True) -> dict[str, pd.DataFrame]:
        """Every table of the results, named and headed in `lang` (`labelled`), or by key and field name."""
        named = {
            "pnl": self.pnl.reset_index(), "pmcs": self.pmcs, "sites": self.sites,
            "supervision": self.supervision, "sales": self.sales, "chain": self.chain,
            "groups": self.groups, "events": self.events,
        }
        if self.marginal_values is not None:
            named["marginal_values"] = self.marginal_values
        if not labelled:
            return named
        return {t(f"sheet.{k}", lang): df.rename(columns=lambda c: _label(c, lang)) for k, df in named.items()}

    def summary(self, lang: str = DEFAULT_LANG) -> pd.DataFrame:
        rows = {t("kpi.npv", lang): self.npv, t("kpi.status", lang): t(f"status.{self.status}", lang)}
        if self.gap is not None:
            rows[t("kpi.gap", lang)] = self.gap
        if self.solve_seconds is not None:
            rows[t("kpi.solve_seconds", lang)] = self.solve_seconds
        if self.site_plan is not None:
            rows[t("kpi.site_plan", lang)] = self.site_plan_text(lang)
        return pd.DataFrame({t("col.value", lang): rows})

    def site_plan_text(self, lang: str = DEFAULT_LANG) -> str:
        """The site plan the plan follows in words, and whether it was given or is the plan's own."""
        from .siteplan import describe

        how = "kpi.site_plan_given" if self.site_plan_given else "kpi.site_plan_own"
        return f"{describe(self.site_plan, lang)} ({t(how, lang)})"

    def sheets(self, lang: str = DEFAULT_LANG) -> list:
        """The workbook of the results (excel.Sheet each): summary, P&L by year, then every table, with
        codes (activity, decision, status) in words and euros, shares and SE formatted."""
        from . import excel
        from .schema import ACTIVITIES

        summary = [[t("kpi.npv", lang), excel.Value(self.npv, "eur")],
                   [t("kpi.status", lang), t(f"status.{self.status}", lang)]]
        if self.gap is not None:
            summary.append([t("kpi.gap", lang), excel.Value(self.gap, "pct")])
        if self.solve_seconds is not None:
            summary.append([t("kpi.solve_seconds", lang), excel.Value(self.solve_seconds, "num1")])
        if self.site_plan is not None:
            summary.append([t("kpi.site_plan", lang), self.site_plan_text(lang)])
        out = [excel.Sheet(t("sheet.summary", lang), ["", t("col.value", lang)], summary)]
        pnl = self.pnl_table(lang)
        out.append(excel.Sheet(t("sheet.pnl_by_year", lang), ["", *map(int, pnl.columns)],
                               [[label, *values] for label, values in zip(pnl.index, pnl.to_numpy().tolist())],
                               {j: "eur" for j in range(1, len(pnl.columns) + 1)}))
        activity = lambda v: ACTIVITIES[v][0 if lang == "nl" else 1] if v in ACTIVITIES else v  # noqa: E731
        words = {"pmcs": {"activity": activity}, "sales": {"activity": activity},
                 "events": {"kind": lambda v: t(f"event.{v}", lang), "detail": lambda v: event_detail(v, lang)},
                 "marginal_values": {"kind": lambda v: t(f"app.mv.{v}", lang)}}
        for name, df in self.frames(lang, labelled=False).items():
            df = df.assign(**{c: df[c].map(f) for c, f in words.get(name, {}).items()})
            sheet = excel.frame_sheet(t(f"sheet.{name}", lang), df, {c: _kind(c) for c in df.columns})
            sheet.headers = [_label(c, lang) for c in sheet.headers]
            out.append(sheet)
        return out

    def to_excel(self, path: str | Path, lang: str = DEFAULT_LANG, overwrite: bool = False,
                 inputs: tuple = ()) -> Path:
        """The results workbook at `path` (written whole or not at all; see output.replacing)."""
        from . import excel

        return excel.save(self.sheets(lang), path, overwrite=overwrite, inputs=inputs, lang=lang)

    def to_dict(self, lang: str = DEFAULT_LANG) -> dict:
        """The results as plain data with fixed English keys (documented in the README, "JSON output")."""
        changes: dict[tuple[int, str], list[str]] = {}
        for e in self.events.itertuples():
            changes.setdefault((int(e.year), e.subject), []).append(e.kind)
        pnl = self.pnl.reset_index()
        return {
            "format": "sw-optimiser-results", "version": JSON_VERSION,
            "company": self.company, "scenario": self.scenario, "status": self.status,
            "gap": self.gap, "bound": self.bound, "stopped": self.stopped,
            "solve_seconds": self.solve_seconds, "build_seconds": self.build_seconds,
            "npv": self.npv, "objective": self.objective, "base_year": self.base_year,
            "years": _records(pnl[["year", *PNL_ROWS, *KPI_ROWS]]),
            "pmcs": [{**row, "decision": changes.get((row["year"], row["pmc"]), [])}
                     for row in _records(self.pmcs[[c for c in JSON_PMC_COLUMNS if c in self.pmcs]])],
            "sites": [{**row, "status": "open" if row["open"] else "closed",
                       "decision": changes.get((row["year"], row["site"]), [])}
                      for row in _records(self.sites[["year", "site", "name", "open", "se", "capacity", "cost"]])],
            "groups": _records(self.groups),
            "supervision": _records(self.supervision),
            "events": _records(self.events),
            "warnings": [w.text(lang) for w in self.warnings],
            "site_plan": None if self.site_plan is None else {**self.site_plan.to_dict(), "given": self.site_plan_given},
            "site_plans": None if self.site_plans is None else _records(self.site_plans),
        }

    def to_json(self, path: str | Path, lang: str = DEFAULT_LANG, overwrite: bool = False,
                inputs: tuple = ()) -> Path:
        """Write to_dict() as JSON (UTF-8), whole or not at all (see output.replacing)."""
        from .output import write_bytes

        text = json.dumps(self.to_dict(lang), ensure_ascii=False, indent=1)
        return write_bytes(path, text.encode("utf-8"), overwrite=overwrite, inputs=inputs, lang=lang, option="--json")


# The number format of a results column, by its field name (the rest: excel's "auto").
_EUROS = {*PNL_ROWS, "value_added_per_se", "result_per_se", "contribution_per_se", "material", "fixed_costs",
          "supervision_alloc", "site_alloc", "overhead_alloc", "margin", "cost", "amount"}
_SE = {"se", "productive_se", "placed", "chain", "idle", "capacity", "fte", "se_per_fte", "span",
       *(k for k in KPI_ROWS if k.startswith("se_"))}


def relative_gap(bound: float, npv: float, scale: float) -> float:
    """How much better than `npv` a plan may still be, given the solver's `bound`, as a share of the larger
    of |npv| and `scale` (the baseline's |NPV|): the gap of Results.gap, one definition for every solve."""
    return max(0.0, bound - npv) / max(1.0, scale, abs(npv))


def event_detail(detail: object, lang: str) -> str:
    """An event's detail in words: a text as it is ("S2 → S5", "1:18 → 1:20"), a number of people
    (employees changing workplace) as SE in the reader's number format."""
    if isinstance(detail, (int, float)) and not isinstance(detail, bool):
        return f"{fmt.number(float(detail), 1, lang)} SE"
    return "" if detail is None else str(detail)


def _kind(column: str) -> str:
    if column == "year":
        return "year"
    if column == "use":
        return "pct"
    if column in _EUROS:
        return "eur"
    if column in _SE:
        return "num1"
    return "auto"


JSON_VERSION = 1
JSON_PMC_COLUMNS = ("year", "pmc", "name", "activity", "open", "site", "tariff_level", "se", "market_size",
                    "productive_se", "revenue", "value_added", "margin")


def _plain(value):
    """A JSON value: numpy numbers as Python numbers, NaN and missing as null."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: _plain(v) for k, v in row.items()} for row in df.to_dict("records")]


def _label(column: str, lang: str) -> str:
    """A results column's heading: its field label, or its P&L label, or the name itself."""
    from .i18n import catalogue

    texts = catalogue(lang)
    return texts.get(f"field.{column}") or texts.get(f"pnl.{column}") or column
