"""Benchmark the ledger import: read + mapping + summary of a generated ledger as CSV, XLSX and XAF.

Generation and writing happen outside the timing. Each format is timed ``--repeat`` times (median
reported), split into reading (``read_ledger``) and the rest (checks, mapping, summary:
``import_read``). Each format also gets one run of its bare parser (pandas read_csv / openpyxl
iter_rows / lxml iterparse, nothing else) to show the floor and what dominates.

    PYTHONPATH=. python benchmarks/bench_ledger.py                  # 1,000,000 lines; XLSX 250,000
    PYTHONPATH=. python benchmarks/bench_ledger.py --xlsx-lines 1000000 --repeat 1
    PYTHONPATH=. python benchmarks/bench_ledger.py --lines 100000 --formats csv,xaf

XLSX is timed at ``--xlsx-lines`` (default 250,000) and extrapolated linearly to ``--lines``:
openpyxl reads a cell at a time in Python, and a full million-line workbook takes minutes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sw_optimiser.ledger import (  # noqa: E402
    GeneratedLedger,
    LedgerMapping,
    generate_ledger,
    import_read,
    read_ledger,
)


def bare_parse(fmt: str, path: Path) -> float:
    """Seconds for the underlying parser alone, for comparison."""
    start = time.perf_counter()
    if fmt == "csv":
        import pandas as pd

        pd.read_csv(path, sep=";", dtype="str", encoding="cp1252", keep_default_na=False)
    elif fmt == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for _ in wb.active.iter_rows(values_only=True):
            pass
        wb.close()
    else:
        from lxml import etree

        tag = "{http://www.auditfiles.nl/XAF/3.2}transaction"
        for _, elem in etree.iterparse(str(path), events=("end",), tag=tag, resolve_entities=False,
                                       no_network=True, huge_tree=False, load_dtd=False):
            elem.clear(keep_tail=False)
            parent = elem.getparent()
            while elem.getprevious() is not None:
                del parent[0]
    return time.perf_counter() - start


def write(ledger: GeneratedLedger, fmt: str, folder: Path) -> Path:
    if fmt == "csv":
        return ledger.write_csv(folder / "ledger.csv")
    if fmt == "xlsx":
        return ledger.write_xlsx(folder / "ledger.xlsx")
    return ledger.write_xaf(folder / "ledger.xaf")


def time_import(path: Path, mapping: LedgerMapping, year: int, repeat: int,
                expected: dict[str, int]) -> dict[str, float]:
    reads, rests, totals, cpus = [], [], [], []
    for _ in range(repeat):
        cpu0 = time.process_time()
        t0 = time.perf_counter()
        read = read_ledger(path)
        t1 = time.perf_counter()
        result = import_read(read, mapping, year)
        t2 = time.perf_counter()
        cpus.append(time.process_time() - cpu0)
        reads.append(t1 - t0)
        rests.append(t2 - t1)
        totals.append(t2 - t0)
        if result.problems or result.summary.as_cents() != expected:
            raise SystemExit(f"{path.name}: wrong result: {[p.describe() for p in result.problems[:5]]}")
    return {"read": statistics.median(reads), "rest": statistics.median(rests),
            "total": statistics.median(totals), "cpu": statistics.median(cpus), "lines": len(result.lines)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--xlsx-lines", type=int, default=250_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--formats", default="csv,xlsx,xaf")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--dir", help="keep the generated files here (default: a temporary directory)")
    args = ap.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.dir) if args.dir else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        ledgers = {}
        for fmt in formats:
            n = args.xlsx_lines if fmt == "xlsx" else args.lines
            if n not in ledgers:
                t = time.perf_counter()
                ledgers[n] = generate_ledger(n, seed=args.seed)
                print(f"generated {n:,} lines in {time.perf_counter() - t:.1f} s", flush=True)
            ledger = ledgers[n]
            t = time.perf_counter()
            path = write(ledger, fmt, folder)
            size = path.stat().st_size / 1e6
            print(f"wrote {path.name} ({size:.0f} MB) in {time.perf_counter() - t:.1f} s", flush=True)
            expected = {k: v for k, v in ledger.truth().items() if k != "ignore"}
            timing = time_import(path, ledger.mapping(), ledger.spec.year, args.repeat, expected)
            bare = bare_parse(fmt, path)
            scale = args.lines / n
            rows.append((fmt, n, path.stat().st_size / 1e6, timing, bare, scale))
            print(f"  {fmt}: total {timing['total']:.2f} s (read {timing['read']:.2f} s, map+check+summary "
                  f"{timing['rest']:.2f} s, cpu {timing['cpu']:.2f} s); bare parser {bare:.2f} s", flush=True)
            path.unlink()

    print()
    print(f"Ledger import, median of {args.repeat} (wall-clock seconds; machine shared, so CPU seconds too)")
    print(f"{'format':<6} {'lines':>10} {'MB':>6} {'read':>8} {'map+sum':>8} {'total':>8} {'cpu':>8} "
          f"{'lines/s':>10} {'bare':>8} {'at ' + format(args.lines, ','):>14}")
    for fmt, n, mb, t, bare, scale in rows:
        at_full = f"~{t['total'] * scale:.0f} s" if scale != 1 else f"{t['total']:.1f} s"
        print(f"{fmt:<6} {n:>10,} {mb:>6.0f} {t['read']:>8.2f} {t['rest']:>8.2f} {t['total']:>8.2f} {t['cpu']:>8.2f} "
              f"{n / t['total']:>10,.0f} {bare:>8.2f} {at_full:>14}")
    if any(scale != 1 for *_, scale in rows):
        print("(XLSX extrapolated linearly from the smaller run)")


if __name__ == "__main__":
    main()
