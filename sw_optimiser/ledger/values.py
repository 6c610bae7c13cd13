"""Vectorised parsing of amounts (to integer cents) and dates, as Dutch exports write them.

Amounts: "1.234,56", "-0,01", "1234,56" (Dutch) or "1234.56", "1,234.56" (English); also
"€ 1.234,56", "(12,50)", "12,50-". Never via float: the digits are read as an int64 and scaled.
Dates: dd-mm-yyyy, d-m-yyyy, dd/mm/yyyy, dd.mm.yyyy, yyyy-mm-dd, yyyymmdd, dd-mm-yy, Excel serial
numbers and datetime objects (from spreadsheets). Each distinct date string is parsed once.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

AmountStyle = Literal["nl", "en"]

_NL = r"-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_EN = r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SEPARATORS = {"nl": (".", ","), "en": (",", ".")}  # (thousands, decimal)
_MAX_DIGITS = 17  # int64 holds 18 digits; keep one for scaling to cents


@dataclass
class ParsedAmounts:
    """Result of parsing one column: cents (0 where not parsed) and what went wrong where."""

    cents: np.ndarray
    bad: np.ndarray  # not an amount
    sub_cent: np.ndarray  # more than 2 non-zero decimals
    empty: np.ndarray  # nothing in the cell

    @property
    def ok(self) -> np.ndarray:
        return ~(self.bad | self.sub_cent | self.empty)


def parse_amounts(values: pd.Series, style: AmountStyle | None = None) -> ParsedAmounts:
    """Parse a column of amount strings to int64 cents; ``style`` None detects nl/en per column."""
    s = values.astype("str").reset_index(drop=True)
    n = len(s)
    cents = np.zeros(n, dtype=np.int64)
    bad = np.zeros(n, dtype=bool)
    sub_cent = np.zeros(n, dtype=bool)
    if n == 0:
        return ParsedAmounts(cents, bad, sub_cent, np.zeros(0, dtype=bool))

    strings = _arrow_strings(s)
    m_nl, m_en = _fullmatch(strings, s, _NL), _fullmatch(strings, s, _EN)
    if style is None:
        style = "en" if int((m_en & ~m_nl).sum()) > int((m_nl & ~m_en).sum()) else "nl"
    other: AmountStyle = "en" if style == "nl" else "nl"
    primary, secondary = (m_nl, m_en) if style == "nl" else (m_en, m_nl)
    secondary_only = secondary & ~primary
    for mask, st in ((primary, style), (secondary_only, other)):
        if mask.all():  # the usual column: every cell in one style, parsed without a copy
            _parse_into(s, st, cents, sub_cent, bad, np.arange(n), strings)
        elif mask.any():
            _parse_into(s[mask], st, cents, sub_cent, bad, np.flatnonzero(mask))

    rest = ~(primary | secondary_only)
    empty = np.zeros(n, dtype=bool)
    if rest.any():
        idx = np.flatnonzero(rest)
        cleaned = _clean(s[rest])
        empty[idx] = (cleaned == "").to_numpy(dtype=bool)
        for pattern, st in ((_NL if style == "nl" else _EN, style), (_EN if style == "nl" else _NL, other)):
            match = cleaned.str.fullmatch(pattern).to_numpy(dtype=bool)
            if match.any():
                _parse_into(cleaned[match], st, cents, sub_cent, bad, idx[match])
                cleaned = cleaned[~match]
                idx = idx[~match]
        bad[idx] = True
        bad &= ~empty
    return ParsedAmounts(cents, bad, sub_cent, empty)


def _clean(s: pd.Series) -> pd.Series:
    """Remove currency signs and spaces; turn '(12,50)' and '12,50-' into '-12,50'; drop '+'."""
    c = s.str.replace(r"[\s\u00a0\u202f€]|EUR", "", regex=True)
    paren = c.str.fullmatch(r"\(.*\)")
    c = c.where(~paren, "-" + c.str.slice(1, -1))
    trailing = c.str.endswith("-") & ~c.str.startswith("-")
    c = c.where(~trailing, "-" + c.str.slice(0, -1))
    return c.str.replace(r"^\+", "", regex=True)


def _parse_into(s: pd.Series, style: AmountStyle, cents: np.ndarray, sub_cent: np.ndarray, bad: np.ndarray,
                where: np.ndarray, strings: pa.Array | None = None) -> None:
    """Parse strings known to match ``style``'s pattern; write results at positions ``where``.
    ``strings``: ``s`` as Arrow, when the caller has it. ASCII strings (a ledger's, as good as all) are
    parsed by Arrow's kernels; the others (digits of another script, which Python's ``\\d`` matches)
    as text, digit by digit, by pandas."""
    strings = _arrow_strings(s) if strings is None else strings
    ascii_ = _bools(pc.string_is_ascii(strings))
    if not ascii_.all():
        s = s.reset_index(drop=True)
        _parse_text_into(s[~ascii_], style, cents, sub_cent, bad, where[~ascii_])
        if not ascii_.any():
            return
        strings, where = strings.filter(pa.array(ascii_)), where[ascii_]
    for start in range(0, len(strings), _SLICE):  # slices: the temporary columns stay small
        _parse_ascii_into(strings.slice(start, _SLICE), style, cents, sub_cent, bad, where[start:start + _SLICE])


_SLICE = 1 << 18


def _parse_ascii_into(strings: pa.Array, style: AmountStyle, cents: np.ndarray, sub_cent: np.ndarray,
                      bad: np.ndarray, where: np.ndarray) -> None:
    """``_parse_into`` for ASCII strings, with Arrow's kernels."""
    thousands, decimal = _SEPARATORS[style]
    body = pc.replace_substring(strings, thousands, "")
    pos = _ints(pc.find_substring(body, decimal))  # ASCII: byte offsets and lengths are characters
    frac_len = np.where(pos >= 0, _ints(pc.binary_length(body)) - pos - 1, 0)
    digits = pc.replace_substring(body, decimal, "")
    signed = _bools(pc.starts_with(digits, "-"))
    too_long = (_ints(pc.binary_length(digits)) - signed) > _MAX_DIGITS
    if too_long.any():
        digits = pc.if_else(pa.array(too_long), "0", digits)
    _scale_into(_ints(pc.cast(digits, pa.int64())), frac_len, too_long, cents, sub_cent, bad, where)


def _parse_text_into(s: pd.Series, style: AmountStyle, cents: np.ndarray, sub_cent: np.ndarray,
                     bad: np.ndarray, where: np.ndarray) -> None:
    """As ``_parse_into``, with pandas' string methods (any script's digits)."""
    thousands, decimal = _SEPARATORS[style]
    body = s.str.replace(thousands, "", regex=False)
    pos = body.str.find(decimal).to_numpy(dtype=np.int64)
    length = body.str.len().to_numpy(dtype=np.int64)
    frac_len = np.where(pos >= 0, length - pos - 1, 0)
    digits = body.str.replace(decimal, "", regex=False)
    signed = digits.str.startswith("-").to_numpy(dtype=bool)
    too_long = (digits.str.len().to_numpy(dtype=np.int64) - signed) > _MAX_DIGITS
    if too_long.any():
        digits = digits.where(~too_long, "0")
    _scale_into(digits.astype("int64").to_numpy(), frac_len, too_long, cents, sub_cent, bad, where)


def _scale_into(value: np.ndarray, frac_len: np.ndarray, too_long: np.ndarray, cents: np.ndarray,
                sub_cent: np.ndarray, bad: np.ndarray, where: np.ndarray) -> None:
    """Digits read as an integer with ``frac_len`` decimals -> cents at ``where`` (sub-cent and too long flagged)."""
    bad[where[too_long]] = True
    up = frac_len <= 2
    scaled = np.where(up, value * 10 ** np.clip(2 - frac_len, 0, 2), 0)
    if (~up).any():
        # 3 or more decimals: fine only if the extra digits are zeros ("12,3400").
        div = 10 ** np.clip(frac_len[~up] - 2, 0, _MAX_DIGITS)
        v = value[~up]
        exact = (v % div) == 0
        scaled[~up] = np.where(exact, v // div, 0)
        sub_cent[where[~up][~exact]] = True
    cents[where] = np.where(too_long, 0, scaled)


def _arrow_strings(s: pd.Series) -> pa.Array:
    """The Series' strings as one Arrow array (no copy of the text when it is in Arrow memory, as "str" is)."""
    strings = pa.array(s, type=pa.large_string(), from_pandas=True)
    return strings.combine_chunks() if isinstance(strings, pa.ChunkedArray) else strings


def _fullmatch(strings: pa.Array, s: pd.Series, pattern: str) -> np.ndarray:
    """Where the whole string matches ``pattern``, as ``s.str.fullmatch`` says: Arrow's RE2 for ASCII
    strings (where Python's ``\\d`` is [0-9]), pandas (Python's ``re``) for any others."""
    ascii_pattern = "^(?:" + pattern.replace(r"\d", "[0-9]") + ")$"
    match = _bools(pc.fill_null(pc.match_substring_regex(strings, ascii_pattern), False))
    other = ~_bools(pc.string_is_ascii(strings))
    if other.any():
        match[other] = s.reset_index(drop=True)[other].str.fullmatch(pattern).to_numpy(dtype=bool)
    return match


def _ints(values: pa.Array) -> np.ndarray:
    return values.to_numpy(zero_copy_only=False)


def _bools(values: pa.Array) -> np.ndarray:
    return values.to_numpy(zero_copy_only=False).astype(bool)


def cents_from_numbers(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Spreadsheet numbers (floats) in euros to int64 cents; second array flags sub-cent values.

    A float read from a cell is the nearest double to the decimal the user typed, so rounding
    ``x * 100`` recovers the cents exactly for any amount below 10^13 euros.
    """
    x = np.asarray(values, dtype=np.float64)
    scaled = x * 100.0
    cents = np.rint(scaled)
    sub = np.abs(scaled - cents) > 1e-6 * np.maximum(1.0, np.abs(scaled)) + 1e-9
    return cents.astype(np.int64), sub


def decimal_text(cents: int) -> str:
    """Integer cents as an audit file writes an amount: 123456 -> '1234.56', -5 -> '-0.05'."""
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def cents_from_decimal(value: object) -> int:
    """Euros (int, float, Decimal or str) to integer cents, rounding half up at the cent."""
    d = Decimal(str(value)).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    return int(d * 100)


# --- dates -------------------------------------------------------------------------------------
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d-%m-%y")


def parse_dates(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Parse a column of dates; returns (datetime64[s] array, bad mask). Empty cells are bad."""
    codes, uniques = pd.factorize(values.reset_index(drop=True), use_na_sentinel=True)
    parsed = [to_date(u) for u in uniques]
    unique_ok = np.array([p is not None for p in parsed] + [False], dtype=bool)
    unique_dates = np.array([np.datetime64(p, "s") if p is not None else np.datetime64("NaT", "s")
                             for p in parsed] + [np.datetime64("NaT", "s")], dtype="datetime64[s]")
    # codes == -1 (missing) index the appended NaT / False entry
    return unique_dates[codes], ~unique_ok[codes]


def to_date(value: object) -> dt.date | None:
    """One date from a cell value, or None when it is not a date this module understands."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool):
        return _excel_serial(float(value))
    s = str(value).strip()
    if not s:
        return None
    s = s.split(" ")[0].split("T")[0].replace("/", "-").replace(".", "-")
    if s.isdigit():
        if len(s) == 8:
            return _strptime(s, "%Y%m%d")
        if len(s) == 5:
            return _excel_serial(float(s))
        return None
    for fmt in _DATE_FORMATS:
        d = _strptime(s, fmt)
        if d is not None:
            return d
    return None


def _strptime(s: str, fmt: str) -> dt.date | None:
    try:
        d = dt.datetime.strptime(s, fmt).date()
    except ValueError:
        return None
    return d if 1900 <= d.year <= 2199 else None


def _excel_serial(x: float) -> dt.date | None:
    if not 1 <= x < 2958466:
        return None
    d = _EXCEL_EPOCH + dt.timedelta(days=int(x))
    return d if 1900 <= d.year <= 2199 else None
