"""Benchmark the ledger import of a generated 1,000,000-line ledger as CSV, XLSX and XAF.

The ledger is generated from the example company (``models/example.xlsx``): its PMCs are the cost
units, its sites the cost centres, and its base-year baseline figures (``baseline_amounts``) the
category totals, to the cent. After every import the summary is checked against those totals.

Each run happens in a fresh subprocess, so that its peak memory can be measured: the child reports
its own ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` (peak resident set, including the interpreter
and pandas themselves, about 150 MB). Timings (wall clock, and process CPU seconds of
all threads) are taken inside the child around the work itself (interpreter start-up and imports
excluded); the median of ``--repeat`` runs is reported. Linux keeps ru_maxrss across fork+exec, so
the parent stays small: it imports only the standard library and generates in a child too.

Baselines, in the same run and measured the same way: what plain pandas/lxml needs just to read
the file, no checks, mapping or summary:
  csv   pd.read_csv(dtype=str) with the C engine, and with engine="pyarrow"
  xlsx  pd.read_excel(engine="calamine")   (openpyxl with --openpyxl-baseline: minutes at 1M rows)
  xaf   lxml iterparse over trLine collecting the texts into lists (the parse floor), and
        pd.read_xml(iterparse=...) on trLine
The ratio column is ours / the first baseline of the format.

    PYTHONPATH=. python benchmarks/bench_ledger.py                       # 1,000,000 lines, 3 runs
    PYTHONPATH=. python benchmarks/bench_ledger.py --dir /tmp/ledger_bench   # keep + reuse the files
    PYTHONPATH=. python benchmarks/bench_ledger.py --lines 100000 --formats csv,xaf --repeat 1

Generating the files happens outside the timing; with ``--dir`` files that already exist there
(same line count and seed) are reused, which saves writing them again (4–10 s each at 1M lines; the XLSX
is written as Excel writes it, with shared strings; delete it there when the generator changes).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the ledger generator (tests/ledger_gen) is a test fixture

EXAMPLE = ROOT / "models" / "example.xlsx"
LIMIT_SECONDS = 15.0
LIMIT_MB = 2048.0


# --- the ledger ----------------------------------------------------------------------------------
def example_spec(model: Path = EXAMPLE):  # type: ignore[no-untyped-def]
    """The example company as a generator spec: PMCs, sites, base-year baseline totals (euros)."""
    from ledger_gen import CompanySpec
    from sw_optimiser.ledger.baseline_amounts import baseline_amounts
    from sw_optimiser.workbook import load_model

    m = load_model(model)
    return CompanySpec(pmcs=tuple(p.id for p in m.pmcs), sites=tuple(s.id for s in m.sites),
                       totals=baseline_amounts(model), year=m.base_year, name=m.company.name)


def expected_cents(spec) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """The baseline totals in cents: what the import must report per category."""
    return {k: int(round(float(v) * 100)) for k, v in spec.totals.items()}


def prepare(fmt: str, n: int, seed: int, folder: Path) -> tuple[Path, dict]:
    """Write (or reuse) the file; returns it and what the child needs to check the result."""
    from ledger_gen import generate_ledger

    spec = example_spec()
    ledger = generate_ledger(n, spec=spec, seed=seed)
    truth = {k: v for k, v in ledger.truth().items() if k != "ignore"}
    want = expected_cents(spec)
    if truth != want:  # the generator must hit the company's totals to the cent
        raise SystemExit(f"generator totals differ from the example company: {truth} != {want}")
    path = folder / f"ledger_{n}_{seed}.{fmt}"
    if path.exists():
        print(f"reusing {path} ({path.stat().st_size / 1e6:.0f} MB)", flush=True)
    else:
        t = time.perf_counter()
        tmp = path.with_suffix(".tmp" + path.suffix)
        {"csv": ledger.write_csv, "xlsx": ledger.write_xlsx, "xaf": ledger.write_xaf}[fmt](tmp)
        tmp.rename(path)
        print(f"wrote {path.name} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s",
              flush=True)
    job = {"expected": want, "year": spec.year, "units": spec.cost_units, "centres": spec.cost_centres,
           "lines": n}
    return path, job


# --- the measured work (runs in the child) ------------------------------------------------------
def _ours(path: Path, job: dict) -> dict:
    from sw_optimiser.ledger import LedgerMapping, import_read, read_ledger
    from ledger_gen import CHART

    mapping = LedgerMapping.from_tables({a.code: a.category for a in CHART}, job["centres"], job["units"])
    c0, t0 = time.process_time(), time.perf_counter()
    read = read_ledger(path)
    t1 = time.perf_counter()
    result = import_read(read, mapping, job["year"])
    t2 = time.perf_counter()
    got = result.summary.as_cents()
    ok = not result.problems and got == job["expected"] and len(result.lines) == job["lines"]
    if not ok:
        return {"error": f"wrong result: {[p.describe() for p in result.problems[:5]]}, "
                         f"{len(result.lines)} lines, {got} != {job['expected']}"}
    return {"read": t1 - t0, "rest": t2 - t1, "total": t2 - t0, "cpu": time.process_time() - c0}


_XAF_LINE_FIELDS = ("accID", "desc", "amnt", "amntTp", "costID", "prodID", "effDate")


def _baseline(kind: str, path: Path) -> dict:
    import pandas as pd

    c0, t0 = time.process_time(), time.perf_counter()
    if kind == "pd.read_csv":
        rows = len(pd.read_csv(path, sep=";", dtype="str", encoding="cp1252", keep_default_na=False))
    elif kind == "pd.read_csv(pyarrow)":
        rows = len(pd.read_csv(path, sep=";", dtype="str", encoding="cp1252", engine="pyarrow"))
    elif kind == "pd.read_excel(calamine)":
        rows = len(pd.read_excel(path, engine="calamine", dtype="str"))
    elif kind == "pd.read_excel(openpyxl)":
        rows = len(pd.read_excel(path, engine="openpyxl"))
    elif kind == "lxml iterparse":
        from lxml import etree

        ns = "{http://www.auditfiles.nl/XAF/3.2}"
        cols: dict[str, list] = {f: [] for f in _XAF_LINE_FIELDS}
        pos = {ns + f: cols[f] for f in _XAF_LINE_FIELDS}
        for _, elem in etree.iterparse(str(path), events=("end",), tag=ns + "trLine", resolve_entities=False,
                                       no_network=True, load_dtd=False):
            got = {c.tag: c.text for c in elem}
            for tag, col in pos.items():
                col.append(got.get(tag))
            elem.clear(keep_tail=False)
            parent = elem.getparent()
            while elem.getprevious() is not None:
                del parent[0]
        rows = len(pd.DataFrame(cols))
    elif kind == "pyarrow.csv":
        from pyarrow import csv as pacsv

        with path.open("rb") as fh:  # every column as text, as ours reads them
            names = fh.readline().decode("cp1252").strip().split(";")
        table = pacsv.read_csv(path, read_options=pacsv.ReadOptions(encoding="cp1252"),
                               parse_options=pacsv.ParseOptions(delimiter=";"),
                               convert_options=pacsv.ConvertOptions(column_types={n: "string" for n in names}))
        rows = table.num_rows
    elif kind == "polars.read_csv":
        import polars as pl

        rows = pl.read_csv(path, separator=";", infer_schema=False, encoding="utf8-lossy").height
    elif kind == "duckdb.read_csv":
        import duckdb

        rows = duckdb.sql(f"select count(*) from read_csv('{path}', delim=';', all_varchar=true, "
                          f"encoding='latin-1')").fetchall()[0][0]
    elif kind == "fastexcel":
        import fastexcel

        rows = fastexcel.read_excel(str(path)).load_sheet(0).to_arrow().num_rows
    elif kind == "polars.read_excel":
        import polars as pl

        rows = pl.read_excel(path, engine="calamine").height
    elif kind == "lxml target parser":
        rows = _lxml_target(path)
    elif kind == "pd.read_xml(iterparse)":
        rows = len(pd.read_xml(path, iterparse={"trLine": list(_XAF_LINE_FIELDS)}, parser="lxml"))
    else:
        raise ValueError(kind)
    return {"total": time.perf_counter() - t0, "cpu": time.process_time() - c0, "rows": rows}


def _lxml_target(path: Path) -> int:
    """The XAF parse floor with a parser target: lxml calls back per start/end/data, no tree is built;
    the trLine texts are collected into lists and made a DataFrame, as iterparse above."""
    import pandas as pd
    from lxml import etree

    ns = "{http://www.auditfiles.nl/XAF/3.2}"
    wanted = {ns + f: f for f in _XAF_LINE_FIELDS}
    cols: dict[str, list] = {f: [] for f in _XAF_LINE_FIELDS}

    class Target:
        def __init__(self) -> None:
            self.field = None
            self.text: list[str] = []
            self.line: dict[str, str] = {}

        def start(self, tag, attrib):  # type: ignore[no-untyped-def]
            self.field = wanted.get(tag)
            self.text = []

        def data(self, text):  # type: ignore[no-untyped-def]
            if self.field is not None:
                self.text.append(text)

        def end(self, tag):  # type: ignore[no-untyped-def]
            if self.field is not None:
                self.line[self.field] = "".join(self.text)
                self.field = None
            elif tag == ns + "trLine":
                for f, col in cols.items():
                    col.append(self.line.get(f))
                self.line = {}

        def close(self):  # type: ignore[no-untyped-def]
            return len(cols["accID"])

    parser = etree.XMLParser(target=Target(), resolve_entities=False, no_network=True, load_dtd=False)
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            parser.feed(chunk)
    parser.close()
    return len(pd.DataFrame(cols))


def child(argv: list[str]) -> None:
    """``bench_ledger.py --child WHAT PATH JOB``: one measured run, one JSON line on stdout."""
    import resource

    what, path, job = argv[0], Path(argv[1]), json.loads(argv[2])
    if what == "prepare":  # generation runs in a child too, so the parent stays small (see measure)
        print(json.dumps(prepare(job["format"], job["lines"], job["seed"], path)[1]))
        return
    try:
        out = _ours(path, job) if what == "ours" else _baseline(what, path)
    except Exception as exc:  # noqa: BLE001 - a baseline that cannot read the file is reported, not fatal
        out = {"error": f"{type(exc).__name__}: {str(exc)[:200]}"}
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    print(json.dumps(out))


def measure(what: str, path: Path, job: dict, repeat: int) -> dict:
    """Median of ``repeat`` fresh child processes. Linux keeps ru_maxrss across fork+exec, so the
    parent must stay small (it only imports the standard library; generation runs in a child)."""
    runs = []
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, __file__, "--child", what, str(path), json.dumps(job)],
                              capture_output=True, text=True, cwd=ROOT)
        if proc.returncode != 0 or not proc.stdout.strip():
            return {"error": f"child failed ({proc.returncode}): {proc.stderr.strip()[-300:]}"}
        run = json.loads(proc.stdout.strip().splitlines()[-1])
        if "error" in run:
            return run
        runs.append(run)
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0] if k not in ("peak_mb", "rows")}
    med["peak_mb"] = max(r["peak_mb"] for r in runs)
    med["runs"] = [round(r["total"], 2) for r in runs]
    return med


#: per format, plain readers in the same run (a library not installed is reported as failed, not fatal):
#: pyarrow.csv, polars, duckdb, fastexcel are the well-kept libraries issue 19 measures against
BASELINES = {"csv": ["pd.read_csv", "pd.read_csv(pyarrow)", "pyarrow.csv", "polars.read_csv", "duckdb.read_csv"],
             "xlsx": ["pd.read_excel(calamine)", "fastexcel", "polars.read_excel"],
             "xaf": ["lxml iterparse", "lxml target parser", "pd.read_xml(iterparse)"]}


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        child(argv[1:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline-repeat", type=int, default=1, help="runs per baseline (median)")
    ap.add_argument("--formats", default="csv,xlsx,xaf")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--openpyxl-baseline", action="store_true", help="also time pd.read_excel(engine='openpyxl')")
    ap.add_argument("--dir", help="keep the generated files here and reuse them (default: a temporary directory)")
    args = ap.parse_args(argv)
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    baselines = {k: list(v) for k, v in BASELINES.items()}
    if args.openpyxl_baseline:
        baselines["xlsx"].append("pd.read_excel(openpyxl)")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.dir) if args.dir else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        table = []
        for fmt in formats:
            spec = json.dumps({"format": fmt, "lines": args.lines, "seed": args.seed})
            proc = subprocess.run([sys.executable, __file__, "--child", "prepare", str(folder), spec],
                                  stdout=subprocess.PIPE, text=True, cwd=ROOT)
            if proc.returncode != 0:
                raise SystemExit(f"{fmt}: generating the ledger failed")
            lines = proc.stdout.strip().splitlines()
            print("\n".join(lines[:-1]), flush=True)
            job = json.loads(lines[-1])
            path = folder / f"ledger_{args.lines}_{args.seed}.{fmt}"
            ours = measure("ours", path, job, args.repeat)
            if "error" in ours:
                raise SystemExit(f"{fmt}: {ours['error']}")
            print(f"  {fmt} ours: {ours['total']:.2f} s (read {ours['read']:.2f}, map+check+summary "
                  f"{ours['rest']:.2f}; runs {ours['runs']}), peak {ours['peak_mb']:.0f} MB, cpu {ours['cpu']:.2f} s", flush=True)
            base = {}
            for kind in baselines[fmt]:
                base[kind] = measure(kind, path, job, args.baseline_repeat)
                b = base[kind]
                shown = b["error"] if "error" in b else f"{b['total']:.2f} s, peak {b['peak_mb']:.0f} MB, cpu {b['cpu']:.2f} s"
                print(f"  {fmt} {kind}: {shown}", flush=True)
            table.append((fmt, path.stat().st_size / 1e6, ours, base))

    print()
    print(f"Ledger import of {args.lines:,} journal lines from the example company; ours = median of "
          f"{args.repeat} runs (read + checks + mapping + summary, totals checked), baselines = median of "
          f"{args.baseline_repeat}. Peak = max RSS of the run's process (ru_maxrss, incl. ~150 MB interpreter+pandas).")
    print(f"{'format':<6} {'MB':>5} {'ours s':>7} {'read':>6} {'rest':>6} {'cpu s':>6} {'peak MB':>8} {'ok?':>4}  "
          f"{'baseline':<24} {'base s':>7} {'base MB':>8} {'ratio':>6}")
    for fmt, mb, ours, base in table:
        ok = "yes" if ours["total"] <= LIMIT_SECONDS and ours["peak_mb"] <= LIMIT_MB else "NO"
        for i, (kind, b) in enumerate(base.items()):
            head = (f"{fmt:<6} {mb:>5.0f} {ours['total']:>7.2f} {ours['read']:>6.2f} {ours['rest']:>6.2f} "
                    f"{ours['cpu']:>6.2f} "
                    f"{ours['peak_mb']:>8.0f} {ok:>4}")
            head = head if i == 0 else " " * len(head)
            if "error" in b:
                print(f"{head}  {kind:<24} {'failed: ' + b['error'][:60]}")
            else:
                print(f"{head}  {kind:<24} {b['total']:>7.2f} {b['peak_mb']:>8.0f} {ours['total'] / b['total']:>5.1f}x")
    print(f"(limits: {LIMIT_SECONDS:.0f} s and {LIMIT_MB:.0f} MB per format)")
    print()
    print("Against the fastest baseline of each format (aim: ours within 1.5x in CPU, wall and peak memory):")
    print(f"{'format':<6} {'fastest (cpu)':<24} {'cpu ours/base':>14} {'wall ours/base':>15} {'peak ours/base':>15}")
    for fmt, _mb, ours, base in table:
        ok = {k: b for k, b in base.items() if "error" not in b}
        if not ok:
            continue
        kind, b = min(ok.items(), key=lambda kv: kv[1]["cpu"])
        print(f"{fmt:<6} {kind:<24} {ours['cpu']:>6.2f}/{b['cpu']:<5.2f}={ours['cpu'] / b['cpu']:>4.1f}x "
              f"{ours['total']:>6.2f}/{b['total']:<5.2f}={ours['total'] / b['total']:>4.1f}x "
              f"{ours['peak_mb']:>5.0f}/{b['peak_mb']:<5.0f}={ours['peak_mb'] / b['peak_mb']:>4.1f}x")


if __name__ == "__main__":
    main()
