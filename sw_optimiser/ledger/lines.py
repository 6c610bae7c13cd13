"""The journal-line record, the problem log, and what a reader returns.

Journal lines travel as a pandas DataFrame (one row per line, columns ``LINE_COLUMNS``) because a
ledger has up to millions of them; ``JournalLine`` is the same record for one line, for tests and
small hand-made ledgers. Amounts are integer cents (int64), signed: debit positive, credit negative.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ..problems import Problem

Severity = Literal["error", "warning"]
LocationKind = Literal["line", "row", "xml", ""]

TEXT_COLUMNS = ("account", "account_name", "description", "cost_centre", "cost_unit", "journal", "entry")
LINE_COLUMNS = ("date", "account", "account_name", "description", "amount_cents",
                "cost_centre", "cost_unit", "journal", "entry", "source_line")

#: Problems per (message key, field) reported one by one; the rest are counted in one summary line.
MAX_PROBLEMS_PER_KIND = 20


@dataclass(frozen=True)
class JournalLine:
    """One journal line. ``amount_cents``: debit positive, credit negative."""

    date: dt.date
    account: str
    amount_cents: int
    account_name: str = ""
    description: str = ""
    cost_centre: str = ""
    cost_unit: str = ""
    journal: str = ""
    entry: str = ""
    source_line: int = 0


def empty_lines_frame() -> pd.DataFrame:
    """A journal-line frame with no rows and the right dtypes."""
    return lines_frame([])


def lines_frame(records: Iterable[JournalLine]) -> pd.DataFrame:
    """Build a journal-line frame from ``JournalLine`` records."""
    rows = list(records)
    data: dict[str, object] = {c: [getattr(r, c) for r in rows] for c in LINE_COLUMNS}
    return normalise_frame(pd.DataFrame(data, columns=list(LINE_COLUMNS)))


def normalise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a journal-line frame its canonical column order and dtypes (in place where possible)."""
    for col in TEXT_COLUMNS:
        if col not in frame:
            frame[col] = ""
        frame[col] = frame[col].fillna("").astype("str")
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[s]")
    frame["amount_cents"] = frame["amount_cents"].astype("int64")
    frame["source_line"] = frame["source_line"].astype("int64")
    # "period": the fiscal period of an audit-file line (0: none), "project": its project (projID); only
    # where the file has them
    columns = list(LINE_COLUMNS) + [c for c in ("period", "project") if c in frame]
    return frame[columns].reset_index(drop=True)


def place(kind: LocationKind) -> str:
    """The ``Problem.place`` for a location kind: how its line number is worded."""
    return f"ledger_{kind}" if kind else "ledger"


class ProblemLog:
    """Collects problems for one file; caps repeated per-line problems so 1M bad lines stay cheap.

    A problem names the file (``table``), the CSV line, Excel row or XML line (``row``, worded by
    ``kind``) and the column heading or XML element (``column``); ``key`` is a ``ledger.*`` catalogue key.
    """

    def __init__(self, file: str | Path, kind: LocationKind = "line") -> None:
        self.file = Path(file).name if file else ""
        self.kind: LocationKind = kind
        self.problems: list[Problem] = []
        self._counts: dict[tuple[str, str | None], int] = defaultdict(int)

    def add(self, key: str, *, line: int | None = None, field: str | None = None,
            severity: Severity = "error", **params: object) -> None:
        # values as read (Problem would format a float per language); texts per language stay dicts
        shown = {k: v if isinstance(v, dict) else str(v) for k, v in params.items()}
        self.problems.append(Problem(self.file, line, field, key, shown, severity, place(self.kind)))

    def add_per_line(self, key: str, lines: Iterable[int], values: Iterable[object], *,
                     field: str | None, severity: Severity = "error", value_name: str = "value") -> None:
        """One problem per offending line, the first ``MAX_PROBLEMS_PER_KIND`` in full."""
        lines = np.asarray(list(lines) if not isinstance(lines, np.ndarray) else lines)
        values = list(values)
        done = self._counts[(key, field)]
        room = max(MAX_PROBLEMS_PER_KIND - done, 0)
        for line, value in zip(lines[:room], values[:room]):
            self.add(key, line=int(line), field=field, severity=severity, **{value_name: value})
        rest = len(lines) - min(room, len(lines))
        self._counts[(key, field)] = done + len(lines)
        if rest > 0:
            self.add("ledger.more_problems", line=None, field=field, severity=severity, count=rest)

    def extend(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


@dataclass(frozen=True)
class Control:
    """One control total: what (e.g. 'transactions/totalDebit'), as the file states it (None when it
    states nothing) and as computed from what was read; ``ok`` when they agree (or nothing is stated)."""

    what: str
    stated: str | None
    computed: str
    ok: bool = True


@dataclass
class LedgerRead:
    """What a reader returns: the lines it could read and every problem it met.

    ``accounts`` has columns account, account_name, account_type (B/P/M or ''), rgs;
    ``cost_centres`` / ``cost_units`` / ``projects`` map codes to descriptions where the file has them (XAF);
    ``opening_balance`` has columns account, amount_cents.
    """

    path: Path
    format: str
    lines: pd.DataFrame = field(default_factory=empty_lines_frame)
    problems: list[Problem] = field(default_factory=list)
    accounts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"account": [], "account_name": [], "account_type": [], "rgs": []}, dtype="str"))
    cost_centres: dict[str, str] = field(default_factory=dict)
    cost_units: dict[str, str] = field(default_factory=dict)
    projects: dict[str, str] = field(default_factory=dict)
    opening_balance: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"account": pd.Series([], dtype="str"), "amount_cents": pd.Series([], dtype="int64")}))
    meta: dict[str, str] = field(default_factory=dict)
    #: line field -> the column heading or XML element it came from, to name it in problems
    field_names: dict[str, str] = field(default_factory=dict)
    #: control totals; XAF states its own, for CSV/XLSX they are computed only (see ``controls``)
    controls: list[Control] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    @property
    def location_kind(self) -> LocationKind:
        return {"csv": "line", "xlsx": "row", "xaf": "xml"}.get(self.format, "line")  # type: ignore[return-value]


def accounts_from_lines(lines: pd.DataFrame) -> pd.DataFrame:
    """The chart of accounts as far as the lines tell it (first name seen per account)."""
    if lines.empty:
        return LedgerRead(Path(""), "").accounts
    codes, _ = pd.factorize(lines["account"])
    first = lines[["account", "account_name"]].iloc[pd.Series(codes).drop_duplicates().index]  # first per account
    out = first.assign(account_type="", rgs="").reset_index(drop=True)
    return out.astype("str")
