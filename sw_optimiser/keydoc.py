"""docs/input-files.md: the reference of every key of the scenario and region files, written from their
declarations (scenario.SCENARIO, region.spec.REGION, schema.Peer, schema.Municipality) and help texts. A test checks the file is current;
`python -m sw_optimiser.keydoc` writes it again."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .i18n import t
from .region.spec import REGION
from .scenario import LEVERS, SCENARIO
from .schema import PEER_TABLE, TABLE_BY_KEY, Table, base_type
from .yamlinput import Key, help_key

DOC = Path(__file__).resolve().parents[1] / "docs" / "input-files.md"
KIND = {"number": "number", "integer": "whole number", "bool": "true/false", "text": "text", "id": "code",
        "mapping": "section", "list": "list", "years": "year: number", "factors": "code: number",
        "codes": "code: value",
        "levers": "lever: true/false"}


def _range(key: Key) -> str:
    number = key.number
    if number is None or key.retired:
        return ""
    return f"{number.lo:g} – {number.hi:g}"


def _table(file: str, root: Key) -> list[str]:
    lines = ["| key | type | unit | range | meaning |", "|---|---|---|---|---|"]
    for path, key in root.walk():
        unit = (key.number.unit if key.number else key.unit) or ""
        kind = "no longer read" if key.retired else KIND[key.kind] + (", required" if key.required else "")
        lines.append(f"| `{path}` | {kind} | {unit} | {_range(key)} | {t(help_key(file, path), 'en')} |")
    return lines


def _sheet_table(table: Table) -> list[str]:
    lines = ["| column (Dutch / English heading) | type | unit | range | meaning |", "|---|---|---|---|---|"]
    for name, column, hint in table.columns():
        tp, optional = base_type(hint)
        default = next(f.default for f in dataclasses.fields(table.row_type) if f.name == name)
        optional = optional or default is not dataclasses.MISSING
        kind = ("list of codes" if tp is tuple else "text" if tp is str else "number") + ("" if optional else ", required")
        lo, hi = column.minimum, column.maximum
        span = f"{lo:g} – {hi:g}" if lo is not None and hi is not None else ""
        lines.append(f"| {column.nl} / {column.en} | {kind} | {column.unit} | {span} | {column.help_en} |")
    return lines


def render() -> str:
    return "\n".join([
        "# Scenario, region and peer-set files: every key",
        "",
        "Written by `python -m sw_optimiser.keydoc` from the declarations in `sw_optimiser/scenario.py`",
        "(`SCENARIO`) and `sw_optimiser/region/spec.py` (`REGION`); do not edit by hand. The readers refuse",
        "a number outside its range (also NaN and infinity), an unknown key, a key given twice, a file over",
        "1 MB and nesting deeper than 20 levels, naming the line and the key. The explorer's scenario form",
        "takes its limits and help from the same declaration.",
        "",
        "To add a key: declare it in `SCENARIO` or `REGION` (kind, unit, range), give it a help text in",
        "`sw_optimiser/locale/{nl,en}/keys.yaml` (`input.<file>.<path>`), use the value where the file is",
        "turned into a `Scenario` or `Region`, and run `python -m sw_optimiser.keydoc`; for the explorer's",
        "form, add a widget to `FIELDS` in `sw_optimiser/explorer/scenario.py`.",
        "",
        f"Levers: {', '.join(f'`{k}`' for k in LEVERS)}.",
        "",
        "## Scenario file (`scenarios/*.yaml`)",
        "",
        *_table("scenario", SCENARIO),
        "",
        "## Region file (`models/region.yaml`)",
        "",
        "A list's keys are those of each of its items (`members.id`: the `id` of every member).",
        "",
        *_table("region", REGION),
        "",
        "## Peer set (`models/peers.xlsx`)",
        "",
        "One sheet `peers`: Dutch headings in row 1, English in row 2, one company per row from row 3;",
        "declared in `sw_optimiser/schema.py` (`Peer`) as the company workbook's sheets are, and read with",
        "the company workbook's cell parsing (12,5 and 1.234,56 too) and file checks.",
        "",
        *_sheet_table(PEER_TABLE),
        "",
        "## Owner municipalities (sheet `Gemeenten` of a company workbook, optional)",
        "",
        "The owner municipalities of a joint company (gemeenschappelijke regeling) and their distribution key,",
        "declared in `sw_optimiser/schema.py` (`Municipality`) with the other sheets of the company workbook.",
        "The shares add up to 100; names are unique; a municipality is named the client only of PMCs whose",
        "client is an owner municipality (sheet PMCs). With the sheet, the report shows per municipality its",
        "contribution in the baseline and the plan (structural and one-off apart), what it pays as a client",
        "of those PMCs, and the net effect.",
        "",
        *_sheet_table(TABLE_BY_KEY["municipalities"]),
        "",
    ])


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(DOC)
