"""Read journal lines from CSV and XLSX exports of Dutch accounting packages.

CSV: encoding UTF-8 (with or without BOM), UTF-16 (Excel "Unicode text") or Windows-1252;
separator sniffed among ; , tab |; a heading row found among the first rows (title lines before
it are skipped). The encoding and the sample come from the file streamed in chunks; a clean file
is read by pyarrow from the file itself (never whole in memory), any other by pandas' C parser with
every column as text (so that a line with too many fields is reported instead of silently
shifted); then ``tabular`` parses the needed columns vectorised. XLSX: python-calamine (Rust),
values only, first sheet with a heading row, after ``xlsx_guard`` has checked the sheet's extent and
unpacked size.
"""

from __future__ import annotations

import codecs
import csv
import gc
import io
import re
import warnings
from collections.abc import Iterator, Mapping, Sequence
from operator import itemgetter
from pathlib import Path

import numpy as np
import pandas as pd

from ..xlsx_guard import check_sheet, check_workbook
from .columns import check_columns, detect_columns, is_header_row
from .lines import LedgerRead, ProblemLog, accounts_from_lines
from .tabular import CODE_FIELDS, PLAIN_TEXT_FIELDS, build_lines

HEADER_SEARCH_ROWS = 30
#: The most an XLSX ledger may unpack to: a 1,000,000-line export is about 300 MB of XML.
MAX_UNPACKED_BYTES = 1536 * 1024 * 1024
_SAMPLE_BYTES = 65536
_SEPARATORS = (";", ",", "\t", "|")


# --- CSV ----------------------------------------------------------------------------------------
def read_csv_ledger(path: Path, log: ProblemLog, columns: Mapping[str, str] | None = None) -> LedgerRead:
    """Read a CSV export. Problems go to ``log``; the input file is only read."""
    result = LedgerRead(path=path, format="csv")
    encoding, sample, more = sniff_encoding(path, log)
    sample_lines = sample.splitlines()
    if more and len(sample_lines) > 1:
        sample_lines = sample_lines[:-1]  # the last sampled line may be cut off
    if not any(line.strip() for line in sample_lines):
        log.add("ledger.file_empty")
        return result
    sep = sniff_separator(sample_lines)
    rows = list(csv.reader(sample_lines[:HEADER_SEARCH_ROWS], delimiter=sep))
    header_idx = next((i for i, r in enumerate(rows) if is_header_row(r, columns)), None)
    if header_idx is None:
        first = next((r for r in rows if any(c.strip() for c in r)), [])
        first_line = rows.index(first) + 1 if first else 1
        log.add("ledger.no_header", line=first_line, rows=HEADER_SEARCH_ROWS, first_line=first_line,
                found=", ".join(c for c in first if c) or "-")
        return result
    headings = rows[header_idx]
    cmap = detect_columns(headings, columns)
    header_line = header_idx + 1
    if not check_columns(cmap, columns, log, header_line):
        return result
    result.meta.update(encoding=encoding, separator=sep, header_line=str(header_line),
                       columns=cmap.as_text())
    result.field_names = {f: cmap.heading(f) for f in cmap.index}

    fields = list(cmap.index)
    first_data_line = header_line + 1
    fast = _read_csv_arrow(path, encoding, sep, header_idx + 1, len(headings), [cmap.index[f] for f in fields])
    if fast is not None:  # a clean file: every line one row with the heading's number of fields
        columns, n = fast
        raw_cols = {f: columns[cmap.index[f]] for f in fields}
        line_numbers = np.arange(first_data_line, first_data_line + n, dtype=np.int64)
        result.lines = build_lines(raw_cols, line_numbers, cmap, log)
        result.accounts = accounts_from_lines(result.lines)
        return result
    raw = path.read_bytes()  # an unclean file: the pandas reader reads it whole
    source = io.StringIO(decode(raw, log)[1]) if encoding.startswith("utf-16") else io.BytesIO(raw)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = pd.read_csv(
            source, sep=sep, header=None, skiprows=header_idx + 1, names=list(range(len(headings))),
            dtype="str", keep_default_na=False, na_filter=False,
            skip_blank_lines=False, on_bad_lines="warn", engine="c", quotechar='"',
            encoding=None if encoding.startswith("utf-16") else encoding)
    skipped = _report_bad_lines(caught, len(headings), log)
    line_numbers = np.setdiff1d(np.arange(first_data_line, first_data_line + len(frame) + len(skipped)),
                                np.asarray(skipped, dtype=np.int64), assume_unique=True)[:len(frame)]
    raw_cols = {f: frame[cmap.index[f]].fillna("") for f in fields}
    result.lines = build_lines(raw_cols, line_numbers, cmap, log)
    result.accounts = accounts_from_lines(result.lines)
    return result


_ARROW_ENCODINGS = {"utf-8": ("utf8", 0), "utf-8-sig": ("utf8", 3), "cp1252": ("cp1252", 0), "latin-1": ("latin-1", 0)}


def _read_csv_arrow(raw: bytes | Path, encoding: str, sep: str, skip: int, width: int,
                    wanted: list[int]) -> tuple[dict[int, pd.Series], int] | None:
    """The data rows' columns ``wanted`` as text Series, read by pyarrow's multithreaded CSV reader
    (about 4x faster than pandas' C parser at 1M lines, and the strings land in Arrow memory,
    which pandas' "str" columns use as they are). None when the file is not clean — a line with
    another number of fields, a blank line, a line break inside quotes (the row count differs from
    the line count), text that is not valid in its encoding — or not UTF-8/Windows-1252: then the
    pandas reader reads it and reports every such line with its number."""
    if encoding not in _ARROW_ENCODINGS or _STR_DTYPE == object:
        return None
    import pyarrow as pa
    from pyarrow import csv as pacsv

    arrow_encoding, bom = _ARROW_ENCODINGS[encoding]
    names = [str(i) for i in range(width)]
    if isinstance(raw, Path):  # read from the file itself: half the CPU of a buffer, and never all of it in memory
        source = pa.OSFile(str(raw))
        if bom:
            source.seek(bom)
    else:
        source = pa.BufferReader(pa.py_buffer(raw)[bom:])
    try:
        with source:
            table = pacsv.read_csv(
                source,
                read_options=pacsv.ReadOptions(encoding=arrow_encoding, skip_rows=skip, column_names=names,
                                               block_size=1 << 20),
                parse_options=pacsv.ParseOptions(delimiter=sep, quote_char='"', double_quote=True,
                                                 escape_char=False, newlines_in_values=False,
                                                 ignore_empty_lines=False),  # a row of another width raises
                convert_options=pacsv.ConvertOptions(
                    include_columns=[names[i] for i in sorted(set(wanted))],
                    column_types={names[i]: pa.large_string() for i in set(wanted)},
                    strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, pa.ArrowException, UnicodeError, LookupError):
        return None
    # Physical lines after the heading (a last line without line break counts too): equal to the
    # rows only when no quoted field spans lines, so row i is line skip + 1 + i.
    if isinstance(raw, Path):
        lines = _lines_after(raw, bom, skip)
    else:
        lines = raw.count(b"\n", _nth_line_end(raw, bom, skip))
        if not raw.endswith(b"\n"):
            lines += 1
    if lines != table.num_rows:
        return None
    columns = {i: pd.Series(pd.array(table.column(names[i]), dtype=_STR_DTYPE)) for i in set(wanted)}
    return columns, table.num_rows


def _nth_line_end(raw: bytes, start: int, n: int) -> int:
    """The offset just after the n-th line break from ``start`` (start itself for n = 0)."""
    pos = start
    for _ in range(n):
        pos = raw.index(b"\n", pos) + 1
    return pos


def _lines_after(path: Path, start: int, n: int) -> int:
    """As ``_nth_line_end`` and counting the line breaks after it (plus a last line without one), the
    file streamed in chunks: the physical lines after the first ``n`` from ``start``."""
    lines, skipped = 0, 0
    with path.open("rb") as fh:
        fh.seek(start)
        while chunk := fh.read(_CHUNK_BYTES):
            pos = 0
            while skipped < n and (end := chunk.find(b"\n", pos)) >= 0:
                skipped, pos = skipped + 1, end + 1
            if skipped == n:
                lines += chunk.count(b"\n", pos)
        last = b""
        if fh.seek(0, 2):  # the file's last byte: does its last line end with a break?
            fh.seek(-1, 2)
            last = fh.read(1)
    if skipped < n:
        # fewer line breaks than lines skipped: the error _nth_line_end's bytes.index gives (kept as it was)
        raise ValueError("subsection not found")
    return lines + (last != b"\n")


#: Bytes that Windows-1252 leaves undefined (Python's cp1252 codec refuses them).
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_CHUNK_BYTES = 1 << 24


def sniff_encoding(path: Path, log: ProblemLog) -> tuple[str, str, bool]:
    """(encoding, the text's first ``_SAMPLE_BYTES`` characters, whether the text is longer) — the
    encoding ``decode`` would choose, and the start of its text, with the file streamed in chunks:
    a large file is never in memory whole, nor decoded whole."""
    with path.open("rb") as fh:
        head = fh.read(4 * _SAMPLE_BYTES + 8)  # more than _SAMPLE_BYTES characters in any of them
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16: the pandas reader reads it anyway
            encoding, text = decode(head + fh.read(), log)
            return encoding, text[:_SAMPLE_BYTES], len(text) > _SAMPLE_BYTES
    if head.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"  # decoded with errors="replace": always this one
    elif _streams_as(path, "utf-8"):
        encoding = "utf-8"
    elif not _contains_any(path, _CP1252_UNDEFINED):
        encoding = "cp1252"
    else:
        log.add("ledger.encoding_latin1", severity="warning")
        encoding = "latin-1"
    whole = len(head) < 4 * _SAMPLE_BYTES + 8
    text = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=whole)
    return encoding, text[:_SAMPLE_BYTES], len(text) > _SAMPLE_BYTES


def _streams_as(path: Path, encoding: str) -> bool:
    """Whether the whole file decodes in ``encoding`` (ASCII chunks, most of a ledger, are not decoded)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK_BYTES):
                if not (chunk.isascii() and not decoder.getstate()[0]):
                    decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _contains_any(path: Path, needles: tuple[bytes, ...]) -> bool:
    """Whether the file holds any of the single bytes ``needles`` (no chunk boundary can split one)."""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK_BYTES):
            if any(needle in chunk for needle in needles):
                return True
    return False


def decode(raw: bytes, log: ProblemLog) -> tuple[str, str]:
    """(encoding, text): UTF-16 by BOM, else UTF-8 (BOM or not), else Windows-1252, else Latin-1."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", raw.decode("utf-16")
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", raw.decode("utf-8-sig", errors="replace")
    try:
        return "utf-8", raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return "cp1252", raw.decode("cp1252")
    except UnicodeDecodeError:
        log.add("ledger.encoding_latin1", severity="warning")
        return "latin-1", raw.decode("latin-1")


def sniff_separator(lines: Sequence[str]) -> str:
    """The separator that splits the first lines into the most, equally many, fields."""
    sample = [line for line in lines[:HEADER_SEARCH_ROWS] if line.strip()]
    best, best_score = ";", (-1, -1)
    for sep in _SEPARATORS:
        counts = [len(r) for r in csv.reader(sample, delimiter=sep)]
        if not counts:
            continue
        modal = max(set(counts), key=counts.count)
        if modal < 2:
            continue
        score = (counts.count(modal) * modal, modal)
        if score > best_score:
            best, best_score = sep, score
    return best


_BAD_LINE = re.compile(r"line (\d+): expected (\d+) fields, saw (\d+)")


def _report_bad_lines(caught: list[warnings.WarningMessage], expected: int, log: ProblemLog) -> list[int]:
    """Turn pandas' 'Skipping line N: expected E fields, saw S' warnings into problems."""
    skipped: list[int] = []
    for w in caught:
        for m in _BAD_LINE.finditer(str(w.message)):
            skipped.append(int(m.group(1)))
            if len(skipped) <= 20:
                log.add("ledger.bad_row_fields", line=int(m.group(1)), saw=int(m.group(3)), expected=expected)
    if len(skipped) > 20:
        log.add("ledger.more_problems", count=len(skipped) - 20)
    return sorted(skipped)


# --- XLSX ---------------------------------------------------------------------------------------
def read_xlsx_ledger(path: Path, log: ProblemLog, columns: Mapping[str, str] | None = None,
                     sheet: str | None = None) -> LedgerRead:
    """Read an XLSX export (values only) with python-calamine. Line numbers are Excel row numbers.

    The sheet's extent and unpacked size are checked first (``xlsx_guard``): calamine builds a dense
    range from A1 to the last cell, so one cell at XFD1048576 would ask for 512 GiB.
    """
    import zipfile

    import python_calamine as pc

    result = LedgerRead(path=path, format="xlsx")
    refused = check_workbook(path, MAX_UNPACKED_BYTES, sheets=[])  # the shared strings are read on opening
    if refused is not None:
        log.extend([refused.problem()])
        return result
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
        names = list(wb.sheet_names)
        if sheet is not None and sheet not in names:
            log.add("ledger.sheet_not_found", field=sheet, sheet=sheet, sheets=", ".join(names))
            return result
        # A million rows are a million new lists: without the cyclic GC rescanning them all
        # (nothing here makes cycles) building them takes a third of the time.
        gc_was_on = gc.isenabled()
        gc.disable()
        try:
            for name in [sheet] if sheet else names:
                refused = check_sheet(path, name, MAX_UNPACKED_BYTES)
                if refused is not None:
                    log.extend([refused.problem()])
                    return result
                if _read_xlsx_arrow(path, name, log, columns, result):
                    break
                # skip_empty_area=False: row i of the list is Excel row i + 1; rectangular; empty cells "".
                rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
                found = _read_rows(rows, name, log, columns, result)
                del rows
                if found:
                    break
            else:
                log.add("ledger.no_sheet", sheets=", ".join(names))
        finally:
            if gc_was_on:
                gc.enable()
    except pc.ZipError as exc:
        raise zipfile.BadZipFile(str(exc)) from exc
    except pc.CalamineError as exc:
        raise ValueError(str(exc)) from exc
    result.accounts = accounts_from_lines(result.lines)
    return result


# Fields whose raw cell values reach messages or text as they are (amounts and codes are
# normalised by ``tabular`` anyway): calamine gives every number as a float; whole numbers become
# ints so messages read "45292", not "45292.0".
_AS_IS_FIELDS = ("date", "dc", "account_name", "description")
_NO_FLOATS = {"string", "date", "datetime", "empty", "boolean", "time"}


def _header(rows: Iterator, name: str, log: ProblemLog, columns: Mapping[str, str] | None,
            result: LedgerRead) -> tuple[int, object | None, bool]:
    """Find the heading row among the first rows of a sheet (leaving `rows` just after it) and map its
    columns: (its row number, the column map or None when there is none, whether the columns are
    usable — problems are logged). Records the sheet and columns in `result`."""
    header_row, headings = 0, None
    for header_row, row in enumerate(rows, start=1):
        row = [None if v == "" else v for v in row]
        if is_header_row(row, columns):
            headings = row
            break
        if header_row >= HEADER_SEARCH_ROWS:
            break
    if headings is None:
        return header_row, None, False
    cmap = detect_columns(headings, columns)
    if not check_columns(cmap, columns, log, header_row):
        return header_row, cmap, False
    result.meta.update(sheet=name, header_line=str(header_row), columns=cmap.as_text())
    result.field_names = {f: cmap.heading(f) for f in cmap.index}
    return header_row, cmap, True


def _read_rows(rows: list[list[object]], name: str, log: ProblemLog, columns: Mapping[str, str] | None,
               result: LedgerRead) -> bool:
    header_row, cmap, usable = _header(iter(rows), name, log, columns, result)
    if cmap is None or not usable:
        return cmap is not None
    data = rows[header_row:]
    n = len(data)
    width = min((len(r) for r in data[:1]), default=0)  # calamine's rows are all equally long
    raw_cols: dict[str, pd.Series] = {}
    for f in cmap.index:
        i = cmap.index[f]
        values = list(map(itemgetter(i), data)) if i < width else [None] * n
        if f in _TEXT_FIELDS and (texts := _all_text(values)) is not None:
            raw_cols[f] = texts
            continue
        arr = np.empty(n, dtype=object)
        arr[:] = values
        arr[arr == ""] = None  # an empty cell is None, as tabular expects
        if f in _AS_IS_FIELDS and pd.api.types.infer_dtype(arr, skipna=True) not in _NO_FLOATS:
            is_float = np.fromiter((type(v) is float for v in arr), dtype=bool, count=n)
            if is_float.any():
                arr[is_float] = [int(v) if v.is_integer() else v for v in arr[is_float]]
        raw_cols[f] = pd.Series(arr, dtype=object)
    line_numbers = np.arange(header_row + 1, header_row + 1 + n, dtype=np.int64)
    result.lines = build_lines(raw_cols, line_numbers, cmap, log)
    return True


# Code and text fields that ``tabular`` only strips / blanks / turns into text: when a column
# holds nothing but strings (empty cells are "" from calamine), a "str" Series of it gives the
# same lines as the cell-by-cell object path (the CSV path is the same code), several times faster.
_TEXT_FIELDS = frozenset((*CODE_FIELDS, *PLAIN_TEXT_FIELDS))
_AMOUNT_FIELDS = frozenset(("amount", "debit", "credit"))
_STR_DTYPE = pd.Series([""]).dtype  # "str" (pyarrow) from pandas 3; object before: no fast path


def _all_text(values: list[object]) -> pd.Series | None:
    """The column as a "str" Series when every cell is a string, else None (numbers, dates, ...)."""
    if _STR_DTYPE == object:
        return None
    import pyarrow as pa

    try:  # pyarrow checks the types itself, in C: a float, bool or date cell raises
        arrow = pa.array(values, type=pa.large_string())
    except (pa.ArrowException, UnicodeError):
        return None
    return pd.Series(pd.array(arrow, dtype=_STR_DTYPE))


# --- XLSX fast path: fastexcel reads the sheet into Arrow columns (Rust, no Python object per cell) ---
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(/?)>")
_CELL_ROW = re.compile(rb'\br\s*=\s*"[A-Z]+(\d+)"')


def _first_row(path: Path, sheet: str) -> int | None:
    """The Excel row of the sheet's first cell with a value (where fastexcel's header_row=0 is), from
    the sheet's XML; None when that cannot be told from the first MiB (cells without an r attribute)."""
    import zipfile

    from ..xlsx_guard import sheet_parts

    with zipfile.ZipFile(path) as zf:
        part = sheet_parts(zf).get(sheet)
        if part is None:
            return None
        with zf.open(part) as fh:
            head = fh.read(1 << 20)
    for m in _CELL.finditer(head):
        if m.group(2):  # <c .../>: no value
            continue
        end = head.find(b"</", m.end())
        body = head[m.end():end if end >= 0 else len(head)]
        if b"<v" in body or b"<is" in body or b":v" in body:
            r = _CELL_ROW.search(m.group(1))
            return int(r.group(1)) if r else None
    return None


def _read_xlsx_arrow(path: Path, name: str, log: ProblemLog, columns: Mapping[str, str] | None,
                     result: LedgerRead) -> bool:
    """Read the sheet with fastexcel when it is plainly a ledger table: the headings in its first row,
    no heading empty or repeated, every column of one cell type (text, number or date). Then the
    columns are given to ``tabular`` exactly as the cell-by-cell reader below would give them, and the
    line numbers are the Excel rows. False when any of that does not hold (or fastexcel is missing):
    the python-calamine reader then reads the sheet and reports what it must."""
    if _STR_DTYPE == object:
        return False
    try:
        import fastexcel
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:
        return False
    first = _first_row(path, name)
    if first is None:
        return False
    try:
        sheet = fastexcel.read_excel(str(path)).load_sheet(name, header_row=0, schema_sample_rows=None,
                                                           dtype_coercion="strict")
        infos = sheet.selected_columns  # all of them (no use_columns); available_columns() infers types again
        batch = sheet.to_arrow()
    except Exception:  # noqa: BLE001 - mixed cell types, an unusual sheet: the calamine reader decides
        return False
    width = max((c.absolute_index for c in infos), default=-1) + 1
    headings: list[object] = [None] * width
    names = {c.name for c in infos}
    for c in infos:
        base, _, suffix = c.name.rpartition("_")
        if c.column_name_from != "looked_up" or c.name.startswith("__UNNAMED__") or (suffix.isdigit() and base in names):
            return False  # an empty or repeated heading: fastexcel made a name up ("__UNNAMED__3", "Bedrag_1")
        headings[c.absolute_index] = c.name
    if not is_header_row(headings, columns):
        return False
    types = {c.absolute_index: batch.column(i).type for i, c in enumerate(infos)}
    if any(not (pa.types.is_large_string(t) or pa.types.is_string(t) or pa.types.is_float64(t)
                or pa.types.is_timestamp(t) or pa.types.is_null(t)) for t in types.values()):
        return False
    cmap = detect_columns(headings, columns)
    if not check_columns(cmap, columns, log, first):
        return True  # the heading row is this sheet's, and it lacks a column: reported, as below
    result.meta.update(sheet=name, header_line=str(first), columns=cmap.as_text())
    result.field_names = {f: cmap.heading(f) for f in cmap.index}
    by_index = {c.absolute_index: batch.column(i) for i, c in enumerate(infos)}
    n = batch.num_rows
    raw_cols: dict[str, pd.Series] = {}
    for f in cmap.index:
        col = by_index.get(cmap.index[f])
        if col is None or pa.types.is_null(col.type):
            raw_cols[f] = pd.Series(np.full(n, None, dtype=object), dtype=object)
        elif pa.types.is_string(col.type) or pa.types.is_large_string(col.type):
            if f in _TEXT_FIELDS:  # as _all_text: a "str" Series, empty cells ""
                raw_cols[f] = pd.Series(pd.array(pc.fill_null(col, ""), dtype=_STR_DTYPE))
            else:  # as the object path: str cells, None for empty ones
                arr = np.asarray(col.to_pylist(), dtype=object)
                arr[arr == ""] = None
                raw_cols[f] = pd.Series(arr, dtype=object)
        elif pa.types.is_float64(col.type) and f in _AMOUNT_FIELDS:  # numbers for parse_cells, NaN if empty
            raw_cols[f] = pd.Series(pc.fill_null(col, float("nan")).to_numpy(zero_copy_only=False))
        elif pa.types.is_float64(col.type):
            values = col.to_numpy(zero_copy_only=False)
            arr = values.astype(object)
            arr[np.isnan(values)] = None
            if f in _AS_IS_FIELDS:  # whole numbers as ints, as the object path
                whole = ~np.isnan(values) & (values == np.floor(values))
                arr[whole] = [int(v) for v in values[whole]]
            raw_cols[f] = pd.Series(arr, dtype=object)
        else:  # dates: as python-calamine gives them, a date, or a datetime when it has a time
            codes, uniques = pd.factorize(col.to_numpy(zero_copy_only=False), use_na_sentinel=True)
            objects = [_cell_datetime(u) for u in uniques] + [None]
            raw_cols[f] = pd.Series(np.asarray(objects, dtype=object)[codes], dtype=object)
    line_numbers = np.arange(first + 1, first + 1 + n, dtype=np.int64)
    result.lines = build_lines(raw_cols, line_numbers, cmap, log)
    return True


def _cell_datetime(value: object) -> object:
    import datetime as dt

    stamp = pd.Timestamp(value).to_pydatetime()
    return stamp.date() if stamp.time() == dt.time(0) else stamp
