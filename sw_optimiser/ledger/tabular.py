"""Turn the raw columns of a spreadsheet or CSV export into a journal-line frame, vectorised.

Shared by the CSV and XLSX readers. Raw values are strings (CSV) or cell values (XLSX: str, int,
float, datetime, None). Lines whose amount or date cannot be read are reported and left out;
everything else is kept (a missing account is reported and kept, so its amount stays visible).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .columns import ColumnMap
from .lines import ProblemLog, normalise_frame
from .values import ParsedAmounts, cents_from_numbers, parse_amounts, parse_dates

CODE_FIELDS = ("account", "cost_centre", "cost_unit", "journal", "entry")
PLAIN_TEXT_FIELDS = ("account_name", "description")


def build_lines(raw: Mapping[str, pd.Series], source_lines: np.ndarray, cmap: ColumnMap,
                log: ProblemLog) -> pd.DataFrame:
    """Raw field columns (same length as ``source_lines``) -> canonical journal-line frame."""
    raw = {k: v.reset_index(drop=True) for k, v in raw.items()}
    source_lines = np.asarray(source_lines, dtype=np.int64)
    n = len(source_lines)
    amount_fields = [f for f in ("amount", "debit", "credit") if f in raw]
    blank = {k: _is_blank(raw[k]) for k in ("account", "date", *amount_fields)}  # the ones that decide a skip
    no_amount = np.logical_and.reduce([blank[f] for f in amount_fields]) if amount_fields else np.ones(n, bool)
    skip = blank["account"] & blank["date"]
    if (skip & ~no_amount).any():
        log.add("ledger.skipped_rows", severity="warning", line=int(source_lines[skip & ~no_amount][0]),
                count=int((skip & ~no_amount).sum()))
    keep = ~skip
    if not keep.all():
        raw = {k: v[keep].reset_index(drop=True) for k, v in raw.items()}
        source_lines = source_lines[keep]
        n = len(source_lines)

    good = np.ones(n, dtype=bool)
    cents = _amounts(raw, source_lines, cmap, log, good)
    dates, bad_date = parse_dates(raw["date"])
    if bad_date.any():
        log.add_per_line("ledger.bad_date", source_lines[bad_date], raw["date"][bad_date].tolist(),
                         field=cmap.heading("date"))
    good &= ~bad_date

    out: dict[str, object] = {"date": dates, "amount_cents": cents, "source_line": source_lines}
    for fld in CODE_FIELDS:
        out[fld] = codes_to_text(raw[fld]) if fld in raw else np.full(n, "", dtype=object)
    for fld in PLAIN_TEXT_FIELDS:
        out[fld] = raw[fld].fillna("").astype("str") if fld in raw else np.full(n, "", dtype=object)
    frame = pd.DataFrame(out)
    empty_acc = (frame["account"] == "").to_numpy()
    if empty_acc.any():
        log.add_per_line("ledger.empty_account", source_lines[empty_acc], [""] * int(empty_acc.sum()),
                         field=cmap.heading("account"))
    if not good.all():
        frame = frame[good]
    return normalise_frame(frame)


def _amounts(raw: Mapping[str, pd.Series], lines: np.ndarray, cmap: ColumnMap, log: ProblemLog,
             good: np.ndarray) -> np.ndarray:
    """Signed cents from 'amount' (+ optional D/C) or from 'debit' − 'credit'. Updates ``good``."""
    n = len(lines)
    if "amount" in raw:
        parsed = parse_cells(raw["amount"])
        _report(parsed, raw["amount"], lines, cmap.heading("amount"), log, empty_is_error=True)
        good &= parsed.ok
        cents = parsed.cents
        if "dc" in raw:
            dc = raw["dc"].fillna("").astype("str").str.strip().str.upper().str[:1].to_numpy(dtype=object)
            is_d, is_c = dc == "D", dc == "C"
            bad = ~(is_d | is_c)
            if bad.any():
                log.add_per_line("ledger.bad_dc", lines[bad], raw["dc"][bad].tolist(), field=cmap.heading("dc"))
            good &= ~bad
            cents = np.where(is_c, -np.abs(cents), np.abs(cents))
        return cents
    cents = np.zeros(n, dtype=np.int64)
    nonzero = []
    for fld, sign in (("debit", 1), ("credit", -1)):
        if fld in raw:
            parsed = parse_cells(raw[fld])
            _report(parsed, raw[fld], lines, cmap.heading(fld), log, empty_is_error=False)
            good &= ~(parsed.bad | parsed.sub_cent)
            cents = cents + sign * parsed.cents
            nonzero.append(parsed.cents != 0)
    if len(nonzero) == 2 and (both := nonzero[0] & nonzero[1]).any():
        # 0,00 in the other column is how many packages write it; two amounts make the line's side unknown
        values = [f"{d} / {c}" for d, c in zip(_texts(raw["debit"][both]), _texts(raw["credit"][both]))]
        log.add_per_line("ledger.debit_and_credit", lines[both], values, field=cmap.heading("credit"))
        good &= ~both
    return cents


def _report(parsed: ParsedAmounts, values: pd.Series, lines: np.ndarray, heading: str,
            log: ProblemLog, *, empty_is_error: bool) -> None:
    for mask, key in ((parsed.bad, "ledger.bad_amount"), (parsed.sub_cent, "ledger.amount_sub_cent")):
        if mask.any():
            log.add_per_line(key, lines[mask], _texts(values[mask]), field=heading)
    if empty_is_error and parsed.empty.any():
        log.add_per_line("ledger.empty_amount", lines[parsed.empty], [""] * int(parsed.empty.sum()), field=heading)


def _texts(values: pd.Series) -> list[str]:
    """Cell values as messages show them: a number as Python writes it (str(12.5)), as the cell-by-cell path did."""
    return (values.astype(object) if values.dtype == np.float64 else values).astype("str").tolist()


def parse_cells(values: pd.Series) -> ParsedAmounts:
    """Amounts from cells that are strings (CSV), a mix of numbers and strings (XLSX), or numbers
    (float64, NaN for an empty cell: an XLSX column of numbers only)."""
    if values.dtype == np.float64:
        x = values.to_numpy()
        n, empty = len(x), np.isnan(x)
        cents, sub = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
        cents[~empty], sub[~empty] = cents_from_numbers(x[~empty])
        return ParsedAmounts(cents, np.zeros(n, dtype=bool), sub, empty)
    if values.dtype != object:
        return parse_amounts(values)
    arr = values.to_numpy(dtype=object)
    is_num = np.fromiter((type(v) in (int, float) for v in arr), dtype=bool, count=len(arr))
    if not is_num.any():
        return parse_amounts(values.fillna("").astype("str"))
    n = len(arr)
    cents = np.zeros(n, dtype=np.int64)
    sub = np.zeros(n, dtype=bool)
    cents[is_num], sub[is_num] = cents_from_numbers(arr[is_num].astype(np.float64))
    bad = np.zeros(n, dtype=bool)
    empty = np.zeros(n, dtype=bool)
    if (~is_num).any():
        rest = parse_amounts(pd.Series(arr[~is_num]).fillna("").astype("str"))
        cents[~is_num], bad[~is_num], sub[~is_num], empty[~is_num] = rest.cents, rest.bad, rest.sub_cent, rest.empty
    return ParsedAmounts(cents, bad, sub, empty)


def codes_to_text(values: pd.Series) -> pd.Series | np.ndarray:
    """Account / cost centre / entry codes as stripped text; 8000.0 from a spreadsheet -> '8000'."""
    if values.dtype != object:  # text from a CSV: vectorised
        text = values.fillna("")
        stripped = text.str.strip()
        # nothing stripped (a clean export): keep the column as read, not a second copy of it
        return text if (stripped.str.len() == text.str.len()).all() else stripped
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    texts = np.array([_code_text(u) for u in uniques] + [""], dtype=object)
    return texts[codes]


def _code_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if value is None:
        return ""
    return str(value).strip()


def _is_blank(values: pd.Series) -> np.ndarray:
    if values.dtype == np.float64:  # numbers only: NaN is an empty cell
        return np.isnan(values.to_numpy())
    if values.dtype == object:  # spreadsheet cells: None, "", blanks, or values
        arr = values.to_numpy(dtype=object)
        blank = pd.isna(arr)
        kind = pd.api.types.infer_dtype(arr, skipna=True)
        if kind in ("string", "mixed", "mixed-integer", "mixed-integer-float"):
            is_str = ~blank if kind == "string" else np.fromiter((isinstance(v, str) for v in arr),
                                                                  dtype=bool, count=len(arr))
            if is_str.any():
                blank[is_str] = (pd.Series(arr[is_str], dtype="str").str.strip() == "").to_numpy(dtype=bool)
        return blank
    return (values.fillna("").str.strip() == "").to_numpy(dtype=bool)
