"""The import pipeline: read any ledger file, map it, check it, summarise one year.

``read_ledger`` looks at the content (not the name) to choose the reader and never raises on bad
input: every problem becomes a ``problems.Problem``. ``import_ledger`` adds mapping, checks and the
summary, plus mapping proposals for what is not mapped yet.
"""

from __future__ import annotations

import dataclasses
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..i18n import t
from ..problems import Problem
from .categories import label
from .checks import (WHOLE_FILE, check_balance, guess_year, in_fiscal_year, report_outside, report_unknown_codes,
                     report_unmapped)
from .controls import computed_controls
from .csv_xlsx import read_csv_ledger, read_xlsx_ledger
from .filetype import EXPECTED_BY_EXTENSION, sniff
from .lines import LedgerRead, ProblemLog
from .mapping import LedgerMapping, apply_mapping, read_mapping
from .messages import Lang, each_lang
from .rgs import propose
from .summary import LedgerSummary, summarise
from .xaf import read_xaf_ledger

_NOT_READABLE = {"zip": "ledger.zip_not_workbook", "xls": "ledger.xls_old", "ods": "ledger.ods_file",
                 "binary": "ledger.binary_not_csv", "empty": "ledger.file_empty"}


def read_ledger(path: str | Path, columns: Mapping[str, str] | None = None,
                sheet: str | None = None) -> LedgerRead:
    """Read a CSV, XLSX or XAF ledger file; problems are collected in the result, never raised. They
    are put into words in either language when shown (``Problem.text(lang)``)."""
    path = Path(path)
    log = ProblemLog(path, kind="")
    if not path.is_file():
        log.add("ledger.file_not_found")
        return LedgerRead(path=path, format="", problems=log.problems)
    try:
        kind = sniff(path)
    except OSError as exc:
        log.add("ledger.file_unreadable", reason=exc.strerror or str(exc))
        return LedgerRead(path=path, format="", problems=log.problems)
    if kind in _NOT_READABLE:
        log.add(_NOT_READABLE[kind])
        return LedgerRead(path=path, format=kind, problems=log.problems)
    expected = EXPECTED_BY_EXTENSION.get(path.suffix.lower())
    if expected is not None and expected != kind:
        log.add("ledger.ext_mismatch", ext=path.suffix.lower().lstrip("."),
                actual=each_lang(lambda lang: t(f"ledger.kind_{kind}", lang)),
                expected=each_lang(lambda lang: t(f"ledger.kind_{expected}", lang)))
    log.kind = {"csv": "line", "xlsx": "row", "xaf": "xml"}[kind]  # type: ignore[assignment]
    try:
        if kind == "xaf":
            result = read_xaf_ledger(path, log)
        elif kind == "xlsx":
            result = read_xlsx_ledger(path, log, columns, sheet)
        else:
            result = read_csv_ledger(path, log, columns)
    except zipfile.BadZipFile as exc:
        log.add("ledger.zip_broken", line=None, reason=str(exc))
        result = LedgerRead(path=path, format=kind)
    except (OSError, ValueError, KeyError, IndexError, TypeError, UnicodeError) as exc:
        # openpyxl and pandas raise these on damaged files; name the cause, no traceback.
        log.add("ledger.file_unreadable", line=None, reason=f"{type(exc).__name__}: {exc}")
        result = LedgerRead(path=path, format=kind)
    result.problems = log.problems
    if not result.controls and not result.has_errors:
        result.controls = computed_controls(result.lines, result.accounts)
    if result.lines.empty and not result.has_errors:
        log.add("ledger.no_lines", line=None)
    return result


#: Where the PMC and the site of a line can come from: the line field, its descriptions in ``LedgerRead``
CODE_SOURCES = {"cost_unit": "cost_units", "cost_centre": "cost_centres", "project": "projects"}


def choose_codes(read: LedgerRead, pmc: str = "cost_unit", site: str = "cost_centre") -> LedgerRead:
    """The read with the chosen XAF elements as cost unit (-> PMC) and cost centre (-> site): e.g.
    ``pmc="project"`` maps projects (projID, basics type 04) to PMCs as cost units are. Same read when
    nothing changes; the lines are copied otherwise (the read itself is left as it was)."""
    for chosen in (pmc, site):
        if chosen not in CODE_SOURCES:
            raise ValueError(f"unknown code source {chosen!r}; expected one of {', '.join(CODE_SOURCES)}")
    if (pmc, site) == ("cost_unit", "cost_centre"):
        return read
    lines = read.lines.copy()
    empty = pd.Series("", index=lines.index, dtype="str")
    lines["cost_unit"], lines["cost_centre"] = (lines[pmc] if pmc in lines else empty,
                                                lines[site] if site in lines else empty)
    names = dict(read.field_names)
    for target, chosen in (("cost_unit", pmc), ("cost_centre", site)):
        names[target] = read.field_names.get(chosen, chosen)
    return dataclasses.replace(read, lines=lines, cost_units=dict(getattr(read, CODE_SOURCES[pmc])),
                               cost_centres=dict(getattr(read, CODE_SOURCES[site])), field_names=names)


@dataclass
class LedgerImport:
    """Everything one import produced. ``lines``: mapped lines of ``year`` (every line for ``WHOLE_FILE``)."""

    read: LedgerRead
    mapping: LedgerMapping | None
    year: int | None
    lines: pd.DataFrame
    summary: LedgerSummary
    account_table: pd.DataFrame
    cost_centre_table: pd.DataFrame
    cost_unit_table: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    #: no mapping was given: the categories are the proposals (shown as such; nothing is confirmed)
    from_proposals: bool = False

    @property
    def has_errors(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def import_ledger(path: str | Path, mapping: str | Path | LedgerMapping | None = None, year: int | None = None,
                  columns: Mapping[str, str] | None = None, lang: Lang = "nl",
                  sheet: str | None = None, pmc: str = "cost_unit", site: str = "cost_centre") -> LedgerImport:
    """Read, map, check and summarise one year of a ledger file; ``pmc``/``site``: see ``choose_codes``."""
    return import_read(choose_codes(read_ledger(path, columns, sheet), pmc, site), mapping, year, lang)


def import_read(read: LedgerRead, mapping: str | Path | LedgerMapping | None = None, year: int | None = None,
                lang: Lang = "nl") -> LedgerImport:
    """Map, check and summarise lines already read (``read_ledger``); ``mapping`` may be a file. Without a
    mapping the proposals are used (``LedgerImport.from_proposals``) so the P&L shows what they would make
    it, and an error says that nothing is confirmed. ``year``: the fiscal year (``WHOLE_FILE``: all lines;
    None: the file's own, see ``guess_year``)."""
    problems = list(read.problems)
    mapping_obj: LedgerMapping | None
    if isinstance(mapping, LedgerMapping) or mapping is None:
        mapping_obj = mapping
    else:
        mapping_obj, mapping_problems = read_mapping(mapping)
        problems.extend(mapping_problems)

    log = ProblemLog(read.path, kind=read.location_kind)
    if not read.lines.empty:
        check_balance(read.lines, log, read.field_names)
    if year is None and not read.lines.empty:
        year = guess_year(read.lines, read.meta, log)
    from_proposals = mapping_obj is None and not read.lines.empty
    if from_proposals:
        mapping_obj = proposal_mapping(account_table(read, apply_mapping(read.lines, None), None, lang))
    every = apply_mapping(read.lines, mapping_obj)
    inside, basis = in_fiscal_year(every, year, read.meta)
    mapped = every[inside].reset_index(drop=True) if not inside.all() else every
    if year is not None and year != WHOLE_FILE and not read.lines.empty:
        if mapped.empty:
            years = ", ".join(str(y) for y in sorted(read.lines["date"].dt.year.unique()))
            log.add("ledger.year_no_lines", year=year, years=years)
        else:
            report_outside(every[~inside], year, basis, log, read.field_names)
    accounts = account_table(read, mapped, None if from_proposals else mapping_obj, lang)
    balance_sheet = set(accounts.loc[(accounts["status"] != "mapped") & (accounts["category"] == "ignore"), "account"])
    summary = summarise(mapped, None if year == WHOLE_FILE else year, lang, balance_sheet)

    if from_proposals:
        log.add("ledger.no_mapping", severity="error")
    if mapping_obj is not None:
        proposals = {r.account: (r.category, r.basis) for r in accounts.itertuples() if r.status == "proposal"}
        report_unmapped(summary.unmapped, proposals, log, read.field_names)
        if not from_proposals:  # with proposals only, no code is mapped yet: the one error says so
            report_unknown_codes(mapped, set(mapping_obj.cost_centres), set(mapping_obj.cost_units), log,
                                 read.field_names)
            _report_unconfirmed(mapped, mapping_obj, log)
    problems.extend(log.problems)
    return LedgerImport(
        read=read, mapping=None if from_proposals else mapping_obj, year=year, lines=mapped, summary=summary,
        account_table=accounts, cost_centre_table=code_table(mapped, "cost_centre", "site", read.cost_centres),
        cost_unit_table=code_table(mapped, "cost_unit", "pmc", read.cost_units), problems=problems,
        from_proposals=from_proposals)


def proposal_mapping(accounts: pd.DataFrame) -> LedgerMapping:
    """The account table's proposals as a mapping, every rule unconfirmed (the first run's P&L); no
    cost centre or cost unit is mapped yet (the per-PMC and per-site tables show them as unassigned)."""
    props = accounts[accounts["status"] == "proposal"]
    mapping = LedgerMapping.from_tables(dict(zip(props["account"], props["category"])))
    mapping.unconfirmed = set(props["account"])
    return mapping


def account_table(read: LedgerRead, mapped: pd.DataFrame, mapping: LedgerMapping | None,
                  lang: Lang) -> pd.DataFrame:
    """Every account seen (chart + lines): its category if mapped, else a proposal, and why.

    Columns: account, account_name, rgs, category, basis, status ('mapped', 'proposal' or '').
    """
    chart = read.accounts.set_index("account") if not read.accounts.empty else None
    seen = mapped.groupby("account").agg(account_name=("account_name", "first"), lines=("amount_cents", "size"),
                                         amount_cents=("amount_cents", "sum"))
    accounts = sorted(set(seen.index) | (set(chart.index) if chart is not None else set()))
    rows = []
    for acc in accounts:
        name = rgs = acc_type = ""
        if chart is not None and acc in chart.index:
            row = chart.loc[acc]
            name, rgs, acc_type = str(row["account_name"]), str(row["rgs"]), str(row["account_type"])
        if not name and acc in seen.index:
            name = str(seen.loc[acc, "account_name"])
        lines = int(seen.loc[acc, "lines"]) if acc in seen.index else 0
        amount = int(seen.loc[acc, "amount_cents"]) if acc in seen.index else 0
        rule = mapping.rule_for(acc) if mapping is not None else None
        if rule is not None:
            status = "proposal" if rule[1] in mapping.unconfirmed else "mapped"  # type: ignore[union-attr]
            rows.append((acc, name, rgs, rule[0], rule[1], status, lines, amount))
            continue
        prop = propose(acc, name, rgs, acc_type)
        if prop is None:
            rows.append((acc, name, rgs, "", "", "", lines, amount))
        else:
            rows.append((acc, name, rgs, prop.category, _basis_text(prop.basis, prop.detail, lang), "proposal",
                         lines, amount))
    return pd.DataFrame(rows, columns=["account", "account_name", "rgs", "category", "basis", "status", "lines",
                                       "amount_cents"])


def _basis_text(basis: str, detail: str, lang: Lang) -> str:
    if basis == "rgs":
        return t("ledger.proposal_basis_rgs", lang, code=detail)
    if basis == "rgs_wages":
        return t("ledger.proposal_basis_rgs", lang, code=detail) + "; " + t("ledger.proposal_wages_split", lang)
    if basis == "rgs_name":
        code, word = detail.split("|", 1)
        return (t("ledger.proposal_basis_rgs", lang, code=code) + " + "
                + t("ledger.proposal_basis_name", lang, word=word))
    if basis == "name":
        return t("ledger.proposal_basis_name", lang, word=detail)
    if basis == "type_name":
        return "accTp P + " + t("ledger.proposal_basis_name", lang, word=detail)
    if basis == "number":
        return t("ledger.proposal_basis_number", lang)
    return f"accTp {detail}"


def code_table(mapped: pd.DataFrame, code_col: str, target_col: str, descriptions: Mapping[str, str]) -> pd.DataFrame:
    """Cost centres or cost units seen in the year: description, lines, amount, mapped target."""
    sub = mapped.loc[(mapped[code_col] != "").to_numpy(), [code_col, "amount_cents", target_col]]
    cols = ["code", "description", "lines", "amount_cents", target_col]
    if sub.empty:
        return pd.DataFrame({c: [] for c in cols})
    g = sub.groupby(code_col)
    out = pd.DataFrame({"lines": g.size(), "amount_cents": g["amount_cents"].sum(),
                        target_col: g[target_col].first()}).reset_index().rename(columns={code_col: "code"})
    out["description"] = [descriptions.get(str(c), "") for c in out["code"]]
    return out[cols]


def _report_unconfirmed(mapped: pd.DataFrame, mapping: LedgerMapping, log: ProblemLog) -> None:
    if not mapping.unconfirmed:
        return
    used = sorted(set(mapped.loc[mapped["rule"].isin(mapping.unconfirmed), "account"]))
    if used:
        shown = ", ".join(used[:10]) + (" …" if len(used) > 10 else "")
        log.add("ledger.mapping_unconfirmed", severity="warning", line=None, count=len(used), accounts=shown)


__all__ = ["read_ledger", "import_ledger", "import_read", "choose_codes", "LedgerImport", "account_table", "code_table",
           "label"]
