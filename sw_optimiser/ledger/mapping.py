"""The user's mapping: account -> category, cost centre -> site, cost unit -> PMC.

A mapping is a small table the user edits, as CSV or workbook:
- pairs of columns side by side (any of: Rekening/Categorie, Kostenplaats/Locatie,
  Kostendrager/PMC; blank cells allowed), one table per sheet or all in one;
- or long form: Type;Code;Doel (type rekening / kostenplaats / kostendrager).
An account cell may be a code ("8000"), a numeric range ("8000-8099") or a prefix ("80*"); an
exact code wins over a range, a range over a prefix. An optional Status column marks rows that
are still a proposal ("voorstel"); they are used, with a warning.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..problems import Problem
from .categories import CATEGORIES, category_key
from .columns import normalise_heading
from .lines import ProblemLog

_HEADINGS: dict[str, tuple[str, ...]] = {
    "account": ("rekening", "grootboekrekening", "rekeningnummer", "grootboek", "account", "accountnumber"),
    "category": ("categorie", "category", "rubriek", "plcategorie", "wvcategorie"),
    "cost_centre": ("kostenplaats", "costcentre", "costcenter"),
    "site": ("locatie", "site", "vestiging", "siteid", "locatieid"),
    "cost_unit": ("kostendrager", "costunit"),
    "pmc": ("pmc", "pmcid", "productmarktcombinatie"),
    "type": ("type", "soort", "kind"),
    "code": ("code",),
    "target": ("doel", "target", "naar", "koppeling"),
    "status": ("status",),
}
_LOOKUP = {syn: key for key, syns in _HEADINGS.items() for syn in syns}
_PAIRS = (("account", "category"), ("cost_centre", "site"), ("cost_unit", "pmc"))
_TYPES = {"rekening": "account", "account": "account", "grootboekrekening": "account",
          "kostenplaats": "cost_centre", "costcentre": "cost_centre", "costcenter": "cost_centre",
          "kostendrager": "cost_unit", "costunit": "cost_unit"}
_UNCONFIRMED = {"voorstel", "proposal", "proposed", "tecontroleren"}
_PREFERRED_SHEETS = {"rekeningen", "accounts", "kostenplaatsen", "costcentres", "costcenters",
                     "kostendragers", "costunits", "koppeling", "mapping"}


@dataclass
class LedgerMapping:
    """Account, cost-centre and cost-unit mapping. Build with ``read_mapping`` or ``from_tables``."""

    accounts: dict[str, str] = field(default_factory=dict)
    account_ranges: list[tuple[int, int, str, str]] = field(default_factory=list)  # lo, hi, category, pattern
    account_prefixes: list[tuple[str, str]] = field(default_factory=list)  # prefix, category
    cost_centres: dict[str, str] = field(default_factory=dict)
    cost_units: dict[str, str] = field(default_factory=dict)
    unconfirmed: set[str] = field(default_factory=set)  # patterns that are still a proposal
    source: str = ""

    @classmethod
    def from_tables(cls, accounts: Mapping[str, str], cost_centres: Mapping[str, str] | None = None,
                    cost_units: Mapping[str, str] | None = None) -> LedgerMapping:
        """From plain dicts; account keys may be codes, ranges ('8000-8099') or prefixes ('80*')."""
        m = cls(cost_centres=dict(cost_centres or {}), cost_units=dict(cost_units or {}))
        for pattern, category in accounts.items():
            key = category_key(category)
            if key is None:
                raise ValueError(f"unknown category {category!r} for account {pattern!r}; "
                                 f"expected one of {', '.join(CATEGORIES)}")
            m.add_account(str(pattern), key)
        return m

    def add_account(self, pattern: str, category: str) -> bool:
        """Add one account rule; False when that exact pattern was already there."""
        pattern = pattern.strip()
        if pattern.endswith("*"):
            if any(p == pattern[:-1] for p, _ in self.account_prefixes):
                return False
            self.account_prefixes.append((pattern[:-1], category))
            self.account_prefixes.sort(key=lambda pc: -len(pc[0]))
            return True
        lo, sep, hi = pattern.partition("-")
        if sep and lo.strip().isdigit() and hi.strip().isdigit() and int(lo) <= int(hi):
            if any(r[3] == pattern for r in self.account_ranges):
                return False
            self.account_ranges.append((int(lo), int(hi), category, pattern))
            return True
        if pattern in self.accounts:
            return False
        self.accounts[pattern] = category
        return True

    def rule_for(self, account: str) -> tuple[str, str] | None:
        """(category, pattern that matched) for an account, or None when unmapped."""
        account = account.strip()
        if account in self.accounts:
            return self.accounts[account], account
        if account.isdigit():
            number = int(account)
            for lo, hi, category, pattern in self.account_ranges:
                if lo <= number <= hi:
                    return category, pattern
        for prefix, category in self.account_prefixes:
            if account.startswith(prefix):
                return category, prefix + "*"
        return None

    def category_of(self, account: str) -> str | None:
        rule = self.rule_for(account)
        return rule[0] if rule else None


# --- reading ------------------------------------------------------------------------------------
def read_mapping(path: str | Path) -> tuple[LedgerMapping, list[Problem]]:
    """Read a mapping table (CSV or XLSX). Problems name the file, line/row and column, in either language."""
    path = Path(path)
    mapping = LedgerMapping(source=path.name)
    log = ProblemLog(path)
    try:
        tables = _read_tables(path, log)
    except (OSError, ValueError, KeyError) as exc:
        log.add("ledger.file_unreadable", reason=str(exc) or type(exc).__name__, line=None)
        return mapping, log.problems
    recognised = False
    for rows, first_line, kind in tables:
        log.kind = kind  # type: ignore[assignment]
        recognised |= _read_table(rows, first_line, mapping, log)
    if not recognised:
        found = ", ".join(str(c) for c in (tables[0][0][0] if tables and tables[0][0] else []) if c) or "-"
        log.add("ledger.mapping_no_tables", line=None, found=found)
    return mapping, log.problems


def _read_tables(path: Path, log: ProblemLog) -> list[tuple[list[Sequence[object]], int, str]]:
    """All tables in the file: (rows, number of the first row, location kind)."""
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic.startswith(b"PK"):
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheets = wb.sheetnames
            preferred = [s for s in sheets if normalise_heading(s) in _PREFERRED_SHEETS]
            return [([tuple(r) for r in wb[s].iter_rows(values_only=True)], 1, "row")
                    for s in (preferred or sheets)]
        finally:
            wb.close()
    raw = path.read_bytes()
    from .csv_xlsx import decode, sniff_separator

    _, text = decode(raw, log)
    lines = text.splitlines()
    return [(list(csv.reader(lines, delimiter=sniff_separator(lines))), 1, "line")]


def _read_table(rows: list[Sequence[object]], first_line: int, mapping: LedgerMapping, log: ProblemLog) -> bool:
    for h_idx, row in enumerate(rows[:30]):
        cols: dict[str, int] = {}
        for i, cell in enumerate(row):
            key = _LOOKUP.get(normalise_heading(cell))
            if key and key not in cols:
                cols[key] = i
        pairs = [p for p in _PAIRS if p[0] in cols and p[1] in cols]
        long_form = all(k in cols for k in ("type", "code", "target"))
        if pairs or long_form:
            heads = [str(c) if c is not None else "" for c in row]
            body = rows[h_idx + 1:]
            start = first_line + h_idx + 1
            if long_form:
                _long_rows(body, start, cols, heads, mapping, log)
            for code_key, target_key in pairs:
                _pair_rows(body, start, code_key, cols[code_key], cols[target_key], cols.get("status"),
                           heads, mapping, log)
            return True
    return False


def _cell(row: Sequence[object], i: int | None) -> str:
    if i is None or i >= len(row) or row[i] is None:
        return ""
    v = row[i]
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def _pair_rows(body: Iterable[Sequence[object]], start: int, kind: str, code_i: int, target_i: int,
               status_i: int | None, heads: list[str], mapping: LedgerMapping, log: ProblemLog) -> None:
    for n, row in enumerate(body, start=start):
        code, target = _cell(row, code_i), _cell(row, target_i)
        if not code:
            continue
        unconfirmed = _cell(row, status_i).lower().replace(" ", "") in _UNCONFIRMED
        _add(kind, code, target, unconfirmed, n, heads[code_i], heads[target_i], mapping, log)


def _long_rows(body: Iterable[Sequence[object]], start: int, cols: dict[str, int], heads: list[str],
               mapping: LedgerMapping, log: ProblemLog) -> None:
    for n, row in enumerate(body, start=start):
        raw_type, code, target = _cell(row, cols["type"]), _cell(row, cols["code"]), _cell(row, cols["target"])
        if not (raw_type or code):
            continue
        kind = _TYPES.get(normalise_heading(raw_type))
        if kind is None:
            log.add("ledger.mapping_unknown_type", line=n, field=heads[cols["type"]], value=raw_type)
            continue
        unconfirmed = _cell(row, cols.get("status")).lower().replace(" ", "") in _UNCONFIRMED
        _add(kind, code, target, unconfirmed, n, heads[cols["code"]], heads[cols["target"]], mapping, log)


def _add(kind: str, code: str, target: str, unconfirmed: bool, line: int, code_head: str, target_head: str,
         mapping: LedgerMapping, log: ProblemLog) -> None:
    if not target:
        return  # not filled in yet: the import reports the code where it matters
    if kind == "account":
        category = category_key(target)
        if category is None:
            log.add("ledger.mapping_unknown_category", line=line, field=target_head, value=target,
                    categories=", ".join(CATEGORIES))
            return
        before = mapping.rule_for(code) if not (code.endswith("*") or "-" in code) else None
        if not mapping.add_account(code, category):
            first = mapping.accounts.get(code) or (before[0] if before else "?")
            log.add("ledger.mapping_duplicate", line=line, field=code_head, severity="warning", code=code,
                    first=first, second=category)
            return
        if unconfirmed:
            mapping.unconfirmed.add(code)
        return
    table = mapping.cost_centres if kind == "cost_centre" else mapping.cost_units
    if code in table:
        if table[code] != target:
            log.add("ledger.mapping_duplicate", line=line, field=code_head, severity="warning", code=code,
                    first=table[code], second=target)
        return
    table[code] = target


# --- applying -----------------------------------------------------------------------------------
def apply_mapping(lines: pd.DataFrame, mapping: LedgerMapping | None) -> pd.DataFrame:
    """Add columns category ('' unmapped), rule (pattern that matched), site and pmc ('' unknown)."""
    out = lines.copy()
    if mapping is None:
        out["category"] = ""
        out["rule"] = ""
        out["site"] = ""
        out["pmc"] = ""
        return out
    codes, uniques = pd.factorize(out["account"])
    rules = [mapping.rule_for(str(u)) for u in uniques]
    out["category"] = texts_at([r[0] if r else "" for r in rules], codes, out.index)
    out["rule"] = texts_at([r[1] if r else "" for r in rules], codes, out.index)
    out["site"] = _lookup(out["cost_centre"], mapping.cost_centres)
    out["pmc"] = _lookup(out["cost_unit"], mapping.cost_units)
    return out


def _lookup(values: pd.Series, table: Mapping[str, str]) -> pd.Series:
    codes, uniques = pd.factorize(values)
    return texts_at([table.get(str(u), "") for u in uniques], codes, values.index)


def texts_at(texts: list[str], codes: np.ndarray, index: pd.Index) -> pd.Series:
    """``texts[codes]`` as a "str" column ('' where a code is -1): taken in Arrow where pandas keeps
    "str" there, so no Python string is made per line."""
    codes = np.where(codes < 0, len(texts), codes)
    if pd.Series([""]).dtype == object:  # pandas before 3: object columns of Python strings
        return pd.Series(np.array(texts + [""], dtype=object)[codes], index=index).astype("str")
    import pyarrow as pa

    taken = pa.array(texts + [""], type=pa.large_string()).take(pa.array(codes))
    return pd.Series(pd.array(taken, dtype="str"), index=index)
