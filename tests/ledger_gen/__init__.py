"""A seeded generator of realistic ledgers for tests and benchmarks.

For a company with given PMCs (cost units) and sites (cost centres) it writes N journal lines in
balanced entries: sales invoices (revenue per PMC, debtor line), purchase invoices (material and
fixed costs per PMC, site costs per site, overhead, acquisition; creditor line), wage journals
(Wsw wages and supervision), subsidy and day-care income, one-off costs, and payments between
balance-sheet accounts. Category totals equal the given yearly totals to the cent (when N is
large enough for every category to get a line), so tests know the exact answer; ``truth`` has
it in any case, computed with integer sums from the generated lines.

Writers: Dutch CSV (semicolon, decimal comma, cp1252 or UTF-8, signed or debit/credit), XLSX
(shared strings, as Excel writes it; xlsx.py), XAF 3.2 / 3.1 (xaf.py).

A test fixture, not part of the package: tests import it as ``ledger_gen`` (tests/ is on the path),
benchmarks put tests/ on ``sys.path`` first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from sw_optimiser.ledger.categories import INCOME, PER_PMC, PER_SITE
from sw_optimiser.ledger.lines import LINE_COLUMNS
from sw_optimiser.ledger.mapping import LedgerMapping


@dataclass(frozen=True)
class Account:
    code: str
    name: str
    category: str  # the category the mapping gives it ('ignore' for balance-sheet accounts)
    rgs: str
    kind: str  # 'B' balance sheet or 'P' profit and loss


#: The generated company's chart of accounts (decimal chart numbering, RGS codes).
CHART: tuple[Account, ...] = (
    Account("0200", "Bedrijfsgebouwen", "ignore", "BMvaBegVvp", "B"),
    Account("1100", "Bank", "ignore", "BLimBanRba", "B"),
    Account("1300", "Debiteuren", "ignore", "BVorDebHad", "B"),
    Account("1600", "Crediteuren", "ignore", "BSchCreHac", "B"),
    Account("1700", "Te betalen lonen", "ignore", "BSchSalNet", "B"),
    Account("4000", "Lonen en salarissen Wsw", "wages_wsw", "WPerLesSld", "P"),
    Account("4100", "Lonen begeleiding (werkleiders, jobcoaches)", "supervision", "WPerLesSld", "P"),
    Account("4200", "Huur en huisvesting", "site_costs", "WBedHuiHur", "P"),
    Account("4300", "Algemene kosten (coördinatie, ICT)", "overhead", "WBedKanKan", "P"),
    Account("4400", "Verkoopkosten en acquisitie", "acquisition", "WBedVkkRea", "P"),
    Account("4500", "Machinekosten PMC", "pmc_fixed_costs", "WBedEemOnm", "P"),
    Account("4900", "Eénmalige lasten reorganisatie", "one_off", "WBedOvaOvk", "P"),
    Account("7000", "Inkoop materiaal", "material", "WKprKvgKvg", "P"),
    Account("8000", "Omzet productie en diensten", "revenue", "WOmzNopOlh", "P"),
    Account("8500", "Rijkssubsidie Wsw", "subsidy", "WOvbOrsOsu", "P"),
    Account("8600", "Opbrengst dagbesteding", "chain_revenue", "WOmzNodOdl", "P"),
)
_BY_CATEGORY = {a.category: a for a in CHART if a.kind == "P"}

#: Yearly totals in euros of a company of roughly 800 SE (see docs/domain.md for the orders of size).
DEFAULT_TOTALS: dict[str, int] = {
    "revenue": 12_000_000, "material": 3_600_000, "pmc_fixed_costs": 900_000, "wages_wsw": 26_000_000,
    "subsidy": 19_500_000, "supervision": 4_200_000, "site_costs": 1_800_000, "overhead": 3_100_000,
    "acquisition": 450_000, "chain_revenue": 600_000, "one_off": 150_000,
}
#: Share of P&L lines per category (how often each is booked).
_LINE_SHARE = {"revenue": 0.30, "material": 0.22, "pmc_fixed_costs": 0.05, "wages_wsw": 0.12, "subsidy": 0.01,
               "supervision": 0.05, "site_costs": 0.06, "overhead": 0.12, "acquisition": 0.03,
               "chain_revenue": 0.03, "one_off": 0.01}
_BALANCE_SHARE = 0.15  # share of entries that are payments between balance-sheet accounts
# category -> (journal, counter account, description)
_ENTRY = {
    "revenue": ("VK", "1300", "Factuur {pmc}"), "chain_revenue": ("VK", "1300", "Factuur dagbesteding"),
    "subsidy": ("BNK", "1100", "Rijksbijdrage Wsw"), "material": ("IK", "1600", "Inkoop materiaal {pmc}"),
    "pmc_fixed_costs": ("IK", "1600", "Onderhoud machines {pmc}"), "site_costs": ("IK", "1600", "Huur {site}"),
    "overhead": ("IK", "1600", "Coördinatie en ICT"), "acquisition": ("IK", "1600", "Beurs en acquisitie"),
    "wages_wsw": ("MEM", "1700", "Salarissen Wsw"), "supervision": ("MEM", "1700", "Salarissen begeleiding"),
    "one_off": ("MEM", "1100", "Afvloeiingsregeling"),
}
_JOURNALS = {"VK": ("Verkoopboek", "S"), "IK": ("Inkoopboek", "P"), "BNK": ("Bank", "B"), "MEM": ("Memoriaal", "M")}


@dataclass
class CompanySpec:
    """What the generated company looks like. Codes: PMC i has cost unit KD{i:02}, site j cost centre KP{j:02}."""

    pmcs: Sequence[str] = ("groen", "schoonmaak", "verpakking", "metaal", "detachering")
    sites: Sequence[str] = ("hoofdlocatie", "werkplaats_noord", "werkplaats_zuid")
    totals: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_TOTALS))  # euros per year, to the cent
    year: int = 2024
    name: str = "Voorbeeld Werkbedrijf"

    @property
    def cost_units(self) -> dict[str, str]:
        return {f"KD{i:02d}": p for i, p in enumerate(self.pmcs, start=1)}

    @property
    def cost_centres(self) -> dict[str, str]:
        return {f"KP{j:02d}": s for j, s in enumerate(self.sites, start=1)}


@dataclass
class GeneratedLedger:
    spec: CompanySpec
    lines: pd.DataFrame  # LINE_COLUMNS

    # --- the exact answer --------------------------------------------------------------------
    def truth(self) -> dict[str, int]:
        """category -> cents as the summary reports them (income and costs positive)."""
        cat = self.lines["account"].map({a.code: a.category for a in CHART})
        sums = self.lines.groupby(cat)["amount_cents"].sum()
        return {c: int(sums.get(c, 0)) * (-1 if c in INCOME else 1) for c in (*DEFAULT_TOTALS, "ignore")}

    def truth_per(self, category: str) -> dict[str, int]:
        """PMC (for revenue/material/pmc_fixed_costs) or site (site_costs) -> cents, reported sign."""
        code = "cost_unit" if category in PER_PMC else "cost_centre"
        names = self.spec.cost_units if category in PER_PMC else self.spec.cost_centres
        sub = self.lines[self.lines["account"] == _BY_CATEGORY[category].code]
        sums = sub.groupby(code)["amount_cents"].sum()
        sign = -1 if category in INCOME else 1
        return {names[k]: int(v) * sign for k, v in sums.items()}

    def mapping(self) -> LedgerMapping:
        return LedgerMapping.from_tables({a.code: a.category for a in CHART}, self.spec.cost_centres,
                                         self.spec.cost_units)

    def write_mapping_csv(self, path: str | Path) -> Path:
        """The mapping as a semicolon CSV with the three column pairs side by side."""
        accounts = [(a.code, a.category) for a in CHART]
        centres = list(self.spec.cost_centres.items())
        units = list(self.spec.cost_units.items())
        n = max(len(accounts), len(centres), len(units))
        pad = lambda xs: xs + [("", "")] * (n - len(xs))  # noqa: E731
        rows = ["Rekening;Categorie;Kostenplaats;Locatie;Kostendrager;PMC"]
        rows += [";".join((*a, *c, *u)) for a, c, u in zip(pad(accounts), pad(centres), pad(units))]
        Path(path).write_text("\n".join(rows) + "\n", encoding="utf-8")
        return Path(path)

    # --- writers -----------------------------------------------------------------------------
    def write_csv(self, path: str | Path, *, encoding: str = "cp1252", sep: str = ";", style: str = "nl",
                  debit_credit: bool = False, iso_dates: bool = False) -> Path:
        """A CSV export as Dutch packages write it (Exact-like headings)."""
        f = self.lines
        amount = f["amount_cents"].to_numpy()
        out = pd.DataFrame({
            "Datum": _format_dates(f["date"], "%Y-%m-%d" if iso_dates else "%d-%m-%Y"),
            "Dagboek": f["journal"], "Boekstuk": f["entry"], "Rekening": f["account"],
            "Omschrijving rekening": f["account_name"], "Omschrijving": f["description"],
            "Kostenplaats": f["cost_centre"], "Kostendrager": f["cost_unit"],
        })
        if debit_credit:
            out["Debet"] = np.where(amount > 0, format_cents(np.maximum(amount, 0), style), "")
            out["Credit"] = np.where(amount < 0, format_cents(np.maximum(-amount, 0), style), "")
        else:
            out["Bedrag"] = format_cents(amount, style)
        out.to_csv(path, sep=sep, index=False, encoding=encoding, lineterminator="\r\n")
        return Path(path)

    def write_xlsx(self, path: str | Path, *, debit_credit: bool = False) -> Path:
        """An XLSX export as Excel and the packages write it: texts in the shared-string table,
        dates as serial numbers with a date format, amounts in euros as shortest numbers."""
        from .xlsx import write_xlsx

        write_xlsx(self.lines, Path(path), debit_credit)
        return Path(path)

    def write_xaf(self, path: str | Path, *, version: str = "3.2", encoding: str = "UTF-8") -> Path:
        """An XML Auditfile Financieel 3.2 (or 3.1) with accounts, cost centres, products and journals."""
        from .xaf import XafWriter  # it reads this module's chart of accounts and journals

        XafWriter(self, version).write(Path(path), encoding)
        return Path(path)


def generate_ledger(n_lines: int, spec: CompanySpec | None = None, seed: int = 1) -> GeneratedLedger:
    """``n_lines`` journal lines (at least 2) in balanced entries, dated in ``spec.year``."""
    if n_lines < 2:
        raise ValueError("a balanced ledger needs at least 2 lines")
    spec = spec or CompanySpec()
    rng = np.random.default_rng(seed)
    sizes = _entry_sizes(n_lines, rng)
    n_entries = len(sizes)
    cats = list(_LINE_SHARE)
    p = np.array([_LINE_SHARE[c] for c in cats] + [_BALANCE_SHARE], dtype=float)
    kind = rng.choice(len(cats) + 1, size=n_entries, p=p / p.sum())  # len(cats) = balance-sheet payment
    if n_entries >= len(cats):  # every category gets at least one entry, so its total is booked
        kind[rng.permutation(n_entries)[:len(cats)]] = np.arange(len(cats))
    entry_of_line = np.repeat(np.arange(n_entries), sizes)
    first_of_entry = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    is_counter = np.zeros(n_lines, dtype=bool)
    is_counter[first_of_entry + sizes - 1] = True
    line_kind = kind[entry_of_line]

    amount = np.zeros(n_lines, dtype=np.int64)
    cost_unit = np.full(n_lines, "", dtype=object)
    cost_centre = np.full(n_lines, "", dtype=object)
    units, centres = list(spec.cost_units), list(spec.cost_centres)
    pnl_lines = ~is_counter & (line_kind < len(cats))
    for ci, cat in enumerate(cats):
        idx = np.flatnonzero(pnl_lines & (line_kind == ci))
        if idx.size == 0:
            continue
        cents = _split(int(round(float(spec.totals.get(cat, 0)) * 100)), idx.size, rng)
        amount[idx] = -cents if cat in INCOME else cents
        if cat in PER_PMC:
            cost_unit[idx] = np.asarray(units, dtype=object)[rng.integers(len(units), size=idx.size)]
        if cat in PER_SITE or cat in ("wages_wsw", "supervision"):
            cost_centre[idx] = np.asarray(centres, dtype=object)[rng.integers(len(centres), size=idx.size)]
    pay = ~is_counter & (line_kind == len(cats))
    amount[pay] = rng.integers(10_000, 5_000_000, size=int(pay.sum()))
    entry_sums = np.add.reduceat(np.where(is_counter, 0, amount), first_of_entry)
    amount[is_counter] = -entry_sums

    accounts, journals, descs = _accounts_and_texts(cats, line_kind, is_counter, cost_unit, cost_centre, spec)
    day = rng.integers(0, 365 + (1 if _leap(spec.year) else 0), size=n_entries)
    order = np.argsort(day, kind="stable")
    rank = np.empty(n_entries, dtype=np.int64)
    rank[order] = np.arange(n_entries)
    entry_journal = journals[first_of_entry]
    entry_no = _entry_numbers(entry_journal, rank, spec.year)
    dates = np.datetime64(f"{spec.year}-01-01", "s") + day.astype("timedelta64[D]")
    names = {a.code: a.name for a in CHART}
    frame = pd.DataFrame({
        "date": dates[entry_of_line], "account": accounts, "account_name": pd.Series(accounts).map(names),
        "description": descs, "amount_cents": amount, "cost_centre": cost_centre, "cost_unit": cost_unit,
        "journal": journals, "entry": entry_no[entry_of_line], "source_line": np.zeros(n_lines, dtype=np.int64),
    })
    line_order = np.argsort(rank[entry_of_line], kind="stable")
    frame = frame.iloc[line_order].reset_index(drop=True)
    for c in ("account", "account_name", "description", "cost_centre", "cost_unit", "journal", "entry"):
        frame[c] = frame[c].astype("str")
    return GeneratedLedger(spec, frame[list(LINE_COLUMNS)])


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _entry_sizes(n: int, rng: np.random.Generator) -> np.ndarray:
    sizes = rng.choice(np.array([2, 3, 4]), size=n // 2 + 2, p=[0.55, 0.30, 0.15])
    cs = np.cumsum(sizes)
    m = int(np.searchsorted(cs, n))
    sizes = sizes[:m + 1].copy()
    sizes[m] -= int(cs[m] - n)
    if sizes[m] == 1:  # one line left over: give it to the entry before
        sizes = sizes[:m]
        sizes[-1] += 1
    elif sizes[m] == 0:
        sizes = sizes[:m]
    return sizes


def _split(total_cents: int, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` positive-ish integer amounts (lognormal spread) adding up to exactly ``total_cents``."""
    w = rng.lognormal(0.0, 1.0, size=n)
    raw = w / w.sum() * total_cents
    cents = np.floor(raw).astype(np.int64)
    rest = total_cents - int(cents.sum())  # 0 <= rest < n: the floored fractions
    if rest:
        cents[rng.choice(n, size=rest, replace=False)] += 1
    return cents


def _accounts_and_texts(cats: list[str], line_kind: np.ndarray, is_counter: np.ndarray, cost_unit: np.ndarray,
                        cost_centre: np.ndarray, spec: CompanySpec) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(line_kind)
    accounts = np.full(n, "", dtype=object)
    journals = np.full(n, "BNK", dtype=object)
    descs = np.full(n, "Betaling crediteur", dtype=object)
    pmc_of = {**spec.cost_units, "": ""}
    site_of = {**spec.cost_centres, "": ""}
    for ci, cat in enumerate(cats):
        sel = line_kind == ci
        journal, counter, template = _ENTRY[cat]
        journals[sel] = journal
        accounts[sel & ~is_counter] = _BY_CATEGORY[cat].code
        accounts[sel & is_counter] = counter
        if "{pmc}" in template:
            descs[sel] = [template.format(pmc=pmc_of[u]) for u in cost_unit[sel]]
        elif "{site}" in template:
            descs[sel] = [template.format(site=site_of[c].replace("_", " ")) for c in cost_centre[sel]]
        else:
            descs[sel] = template
    pay = line_kind == len(cats)
    accounts[pay & ~is_counter] = "1600"
    accounts[pay & is_counter] = "1100"
    return accounts, journals, descs


def _entry_numbers(entry_journal: np.ndarray, rank: np.ndarray, year: int) -> np.ndarray:
    """Entry numbers running per journal in date order: 'VK24000017'."""
    out = np.empty(len(rank), dtype=object)
    frame = pd.DataFrame({"j": entry_journal, "r": rank})
    frame["seq"] = frame.sort_values("r").groupby("j").cumcount() + 1
    yy = year % 100
    out[:] = [f"{j}{yy:02d}{s:06d}" for j, s in zip(frame["j"], frame["seq"])]
    return out


def format_cents(cents: np.ndarray, style: str = "nl") -> np.ndarray:
    """Integer cents -> '1.234,56' (nl) or '1234.56' (en), vectorised enough for a million lines."""
    cents = np.asarray(cents, dtype=np.int64)
    whole, frac = np.divmod(np.abs(cents), 100)
    if style == "nl":
        body = [f"{w:,}".replace(",", ".") for w in whole.tolist()]
        sep = ","
    else:
        body = [str(w) for w in whole.tolist()]
        sep = "."
    fr = [f"{x:02d}" for x in frac.tolist()]
    return np.array([("-" if c < 0 else "") + b + sep + f for c, b, f in zip(cents.tolist(), body, fr)], dtype=object)


def _format_dates(dates: pd.Series, fmt: str) -> np.ndarray:
    codes, uniques = pd.factorize(dates)
    texts = np.array([pd.Timestamp(u).strftime(fmt) for u in uniques], dtype=object)
    return texts[codes]
