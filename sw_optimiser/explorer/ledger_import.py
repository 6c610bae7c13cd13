"""Grootboek importeren: read a ledger (CSV, XLSX, XAF), show what was read and every problem, map
accounts to categories, cost centres to sites and cost units to PMCs, and reconcile the chosen
year with the company model in use; download the import workbook and a filled company workbook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from sw_optimiser.explorer import files, sandbox, shell
from sw_optimiser.explorer.files import MAX_UPLOAD_MB
from sw_optimiser.explorer.shell import tr
from sw_optimiser.explorer.state import Explorer, get
from sw_optimiser.i18n import t
from sw_optimiser.ledger import LedgerMapping, import_read, read_ledger, read_mapping, reconcile
from sw_optimiser.ledger.importer import CODE_SOURCES, choose_codes
from sw_optimiser.ledger.baseline_amounts import CATEGORY_ROWS
from sw_optimiser.ledger.categories import CATEGORIES, PROFIT_AND_LOSS, label
from sw_optimiser.ledger.checks import WHOLE_FILE, guess_year
from sw_optimiser.ledger.controls import control_rows, file_facts
from sw_optimiser.ledger.excel_out import problem_table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TYPES = ["csv", "xlsx", "xaf", "xml"]


def _on_upload(widget: str, attr: str) -> None:
    upload = st.session_state.get(widget)
    if upload is not None:
        setattr(get(), attr, (upload.name, upload.getvalue()))


def _read_upload(state: Explorer) -> str | None:
    """Read the ledger just uploaded; an error sentence when it is too big."""
    name, data = state.ledger_upload
    state.ledger_upload = None
    name = files.safe_name(name, "grootboek.csv")
    if files.too_big(data):
        return tr("app.ledger.too_big", name=name, mb=MAX_UPLOAD_MB)
    with files.uploaded(name, data) as path:
        try:
            state.ledger = sandbox.read(read_ledger, path, name=name)
        except sandbox.TooComplex as exc:
            return exc.problems[0].text(state.lang)
    state.ledger_rev += 1
    return None


def _read_mapping_upload(state: Explorer) -> list:
    name, data = state.ledger_mapping_upload
    state.ledger_mapping_upload = None
    name = files.safe_name(name, "koppeling.xlsx")
    with files.uploaded(name, data) as path:
        try:
            mapping, problems = sandbox.read(read_mapping, path, name=name)
        except sandbox.TooComplex as exc:
            return exc.problems
    state.ledger_mapping = mapping
    state.ledger_rev += 1
    return problems


def problem_frame(problems, lang: str) -> pd.DataFrame:
    """Every problem with file, line and field (errors first); nothing left out."""
    heads, rows = problem_table(sorted(problems, key=lambda p: p.severity != "error"), lang)
    severity, file, line, field, message = (list(c) for c in zip(*rows)) if rows else ([],) * 5
    return pd.DataFrame(dict(zip(heads, (severity, file, pd.array(line, dtype="Int64"),
                                         [f or "" for f in field], message))))


def model_amounts(state: Explorer) -> dict[str, float]:
    """The company model's base-year figures per ledger category (as ledger.baseline_amounts)."""
    row = state.baseline().pnl.loc[state.model.base_year]
    return {cat: float(row[name]) for cat, name in CATEGORY_ROWS.items()} | {"chain_revenue": 0.0}


def render() -> None:
    state = get()
    lang = state.lang
    notice = _read_upload(state) if state.ledger_upload is not None else None
    mapping_problems = _read_mapping_upload(state) if state.ledger_mapping_upload else []
    st.title(tr("app.page.import"))
    st.caption(tr("app.ledger.intro"))
    left, right = st.columns(2)
    left.file_uploader(tr("app.ledger.upload"), type=TYPES, key="imp.upload", on_change=_on_upload,
                       args=("imp.upload", "ledger_upload"), max_upload_size=MAX_UPLOAD_MB,
                       help=tr("app.ledger.upload_help", mb=MAX_UPLOAD_MB))
    right.file_uploader(tr("app.ledger.mapping_upload"), type=["csv", "xlsx"], key="imp.mapping",
                        on_change=_on_upload, args=("imp.mapping", "ledger_mapping_upload"),
                        max_upload_size=MAX_UPLOAD_MB, help=tr("app.ledger.mapping_help"))
    if notice:
        st.error(notice, icon=":material/error:")
    read = state.ledger
    if read is None:
        st.info(tr("app.ledger.none"), icon=":material/info:")
        return

    st.subheader(tr("app.ledger.read", name=read.path.name))
    lines = read.lines
    cols = st.columns(4)
    cols[0].metric(tr("app.ledger.lines"), shell.num(len(lines)), border=True)
    cols[1].metric(tr("app.ledger.format"), (read.format or "?").upper(), border=True)
    cols[2].metric(tr("app.ledger.accounts"), shell.num(lines["account"].nunique() if len(lines) else 0), border=True)
    if len(lines):
        first, last = lines["date"].min(), lines["date"].max()
        cols[3].metric(tr("app.ledger.period"), str(first.year) if first.year == last.year
                       else f"{first.year}–{last.year}", border=True, help=f"{first:%d-%m-%Y} – {last:%d-%m-%Y}")
    if lines.empty:
        st.error(tr("app.ledger.nothing"), icon=":material/error:")
        st.dataframe(problem_frame(read.problems, lang), hide_index=True, width="stretch")
        return

    read = code_sources(read, state.ledger_rev)
    guess = guess_year(lines, read.meta)  # its warnings come with the import below
    years = sorted({int(y) for y in lines["date"].dt.year.unique()} | ({guess} if guess else set())) + [WHOLE_FILE]
    model_year = state.model.base_year if state.model is not None else None
    year = st.selectbox(tr("app.ledger.year"), years, index=years.index(guess) if guess in years else len(years) - 2,
                        format_func=lambda y: tr("app.ledger.whole_file") if y == WHOLE_FILE else str(y),
                        key=f"imp.year.{state.ledger_rev}", help=tr("app.ledger.year_help"))
    controls(read, lang)

    mapping = mapping_editor(state, read, year, mapping_problems)
    result = import_read(read, mapping, year, lang)
    amounts = model_amounts(state) if state.model is not None else None
    recon = reconcile(result.summary, amounts, lang)
    state.reconciliation = (state.model_key, recon) if amounts is not None else None

    st.subheader(tr("app.ledger.summary", year=tr("app.ledger.whole_file") if year == WHOLE_FILE else year))
    if mapping.unconfirmed:  # the P&L as the proposals make it, as the CLI's first run shows it
        st.caption(tr("app.ledger.summary_proposals", n=len(mapping.unconfirmed)))
    summary_tables(result, lang)

    st.subheader(tr("app.ledger.reconciliation", year=year))
    if state.model is None:
        st.info(tr("app.no_model"), icon=":material/info:")
    else:
        st.caption(tr("app.ledger.reconciliation_help", name=state.model.company.name, year=model_year))
        if model_year != year:
            st.warning(tr("app.ledger.other_year", year=year, model_year=model_year), icon=":material/warning:")
        diff = recon["difference_cents"]
        if diff.notna().all() and (diff == 0).all():
            st.success(tr("app.ledger.reconciled"), icon=":material/check_circle:")
        else:
            st.warning(tr("app.ledger.differences", n=int((diff.fillna(1) != 0).sum()),
                          amount=shell.eur(float(recon.iloc[-1].difference_eur), 2)), icon=":material/warning:")
    shown = recon[["label", "ledger_eur", "model_eur", "difference_eur"]].copy()
    shown.columns = [t(k, lang) for k in ("ledger.col_category", "ledger.col_ledger", "ledger.col_model",
                                          "ledger.col_difference")]
    st.dataframe(shell.money(shown, list(shown.columns[1:]), 2).apply(
        lambda row: ["font-weight: bold" if row.name == len(shown) - 1 else "" for _ in row], axis=1),
        hide_index=True, width="stretch", height=shell.rows_height(len(shown), 600))

    problems = result.problems + mapping_problems
    st.subheader(tr("app.ledger.problems", n=len(problems)))
    if problems:
        errors = sum(p.severity == "error" for p in problems)
        st.caption(tr("app.ledger.problems_help", errors=errors, warnings=len(problems) - errors))
        st.dataframe(problem_frame(problems, lang), hide_index=True, width="stretch",
                     height=shell.rows_height(len(problems)))
    else:
        st.caption(tr("app.ledger.no_problems"))

    downloads(state, result, recon)


def code_sources(read, rev: int):
    """When the audit file has projects: which element is the PMC and which the site (default: cost unit
    and cost centre), as --pmc-from / --site-from do."""
    if "project" not in read.lines:
        return read
    left, right = st.columns(2)
    names = {k: tr(f"app.ledger.code_{k}") for k in CODE_SOURCES}
    pmc = left.selectbox(tr("app.ledger.pmc_from"), list(CODE_SOURCES), format_func=names.get, key=f"imp.pmc.{rev}")
    site = right.selectbox(tr("app.ledger.site_from"), list(CODE_SOURCES), index=1, format_func=names.get,
                           key=f"imp.site.{rev}")
    return choose_codes(read, pmc, site)


def controls(read, lang: str) -> None:
    """The file's facts and control totals (stated in the file against computed), as on the console."""
    head, rows = control_rows(read, lang)
    if not rows:
        return
    with st.expander(tr("app.ledger.controls", n=sum(r[3] == t("ledger.control_no", lang) for r in rows)),
                     expanded=any(not c.ok for c in read.controls)):
        facts = file_facts(read, lang)
        if facts:
            st.caption(facts)
        st.dataframe(pd.DataFrame(rows, columns=head), hide_index=True, width="stretch")


def mapping_editor(state: Explorer, read, year: int, mapping_problems) -> LedgerMapping:
    """Accounts -> categories (proposals marked), cost centres -> sites, cost units -> PMCs, editable."""
    lang = state.lang
    start = import_read(read, state.ledger_mapping, year, lang)
    st.subheader(tr("app.ledger.mapping"))
    st.caption(tr("app.ledger.mapping_edit_help"))
    key = f"{state.ledger_rev}.{year}.{lang}"
    cat_label = {c: label(c, lang) for c in CATEGORIES}
    proposal, confirmed = t("ledger.status_proposal", lang), t("ledger.status_confirmed", lang)
    accounts = start.account_table
    frame = pd.DataFrame({
        "account": accounts["account"], "name": accounts["account_name"], "rgs": accounts["rgs"],
        "category": [c or None for c in accounts["category"]], "basis": accounts["basis"],
        "status": [proposal if s == "proposal" else confirmed if s == "mapped" else None for s in accounts["status"]],
        "lines": accounts["lines"], "amount": accounts["amount_cents"] / 100})
    tabs = st.tabs([tr("app.ledger.tab_accounts", n=len(frame)),
                    tr("app.ledger.tab_centres", n=len(start.cost_centre_table)),
                    tr("app.ledger.tab_units", n=len(start.cost_unit_table))])
    with tabs[0]:
        n_proposals = int((accounts["status"] == "proposal").sum())
        if n_proposals:
            st.caption(tr("app.ledger.proposals", n=n_proposals))
        edited = st.data_editor(
            frame, key=f"imp.accounts.{key}", hide_index=True, width="stretch", num_rows="fixed",
            disabled=["account", "name", "rgs", "basis", "lines", "amount"],
            height=shell.rows_height(len(frame), 500),
            column_config={
                "account": st.column_config.TextColumn(t("ledger.col_account", lang)),
                "name": st.column_config.TextColumn(t("ledger.col_account_name", lang), width="large"),
                "rgs": st.column_config.TextColumn(t("ledger.col_rgs", lang)),
                "category": st.column_config.SelectboxColumn(t("ledger.col_category", lang), options=list(CATEGORIES),
                                                             format_func=cat_label.get, width="medium"),
                "basis": st.column_config.TextColumn(t("ledger.col_basis", lang)),
                "status": st.column_config.SelectboxColumn(t("ledger.col_status", lang), options=[proposal, confirmed]),
                "lines": st.column_config.NumberColumn(t("ledger.col_lines", lang), format="%d"),
                "amount": st.column_config.NumberColumn(t("ledger.col_amount", lang), format="euro")})
    sites = [s.id for s in state.model.sites] if state.model is not None else []
    pmcs = [p.id for p in state.model.pmcs] if state.model is not None else []
    with tabs[1]:
        centres = _code_editor(start.cost_centre_table, "site", sites, f"imp.centres.{key}",
                               tr("app.ledger.col_centre"), t("ledger.col_site", lang))
    with tabs[2]:
        units = _code_editor(start.cost_unit_table, "pmc", pmcs, f"imp.units.{key}",
                             tr("app.ledger.col_unit"), t("ledger.col_pmc", lang))
    mapping = LedgerMapping.from_tables(
        {r.account: r.category for r in edited.itertuples() if r.category}, centres, units)
    mapping.unconfirmed = {r.account for r in edited.itertuples() if r.category and r.status == proposal}
    return mapping


def _code_editor(table: pd.DataFrame, target: str, options: list[str], key: str, code_head: str,
                 target_head: str) -> dict[str, str]:
    """Codes seen in the year and what they map to (a site or PMC of the company model)."""
    if table.empty:
        st.caption(tr("app.ledger.no_codes"))
        return {}
    lang = shell.lang()
    frame = pd.DataFrame({"code": table["code"].astype(str), "description": table["description"],
                          "lines": table["lines"].astype(int), "amount": table["amount_cents"] / 100,
                          "target": [t or None for t in table[target]]})
    known = sorted(set(options) | {t for t in frame["target"] if t})
    edited = st.data_editor(
        frame, key=key, hide_index=True, width="stretch", num_rows="fixed",
        disabled=["code", "description", "lines", "amount"],
        column_config={"code": st.column_config.TextColumn(code_head),
                       "description": st.column_config.TextColumn(tr("app.ledger.col_description")),
                       "lines": st.column_config.NumberColumn(t("ledger.col_lines", lang), format="%d"),
                       "amount": st.column_config.NumberColumn(t("ledger.col_amount", lang), format="euro"),
                       "target": st.column_config.SelectboxColumn(target_head, options=known)})
    return {r.code: r.target for r in edited.itertuples() if r.target}


def summary_tables(result, lang: str) -> None:
    s = result.summary
    cats = s.categories[s.categories["category"].isin(PROFIT_AND_LOSS)]
    rows = [(r.label, shell.num(r.lines), r.amount_cents / 100) for r in cats.itertuples()]
    rows += [(label("unmapped", lang), shell.num(int(s.unmapped["lines"].sum())), s.unmapped_cents / 100),
             (t("ledger.cat_income_total", lang), "", s.income_cents / 100),
             (t("ledger.cat_costs_total", lang), "", s.costs_cents / 100),
             (label("result", lang), "", s.result_cents / 100)]
    df = pd.DataFrame(rows, columns=[t(k, lang)
                                     for k in ("ledger.col_category", "ledger.col_lines", "ledger.col_amount")])
    left, right = st.columns([3, 2])
    left.dataframe(shell.money(df, [df.columns[2]], 2).apply(
        lambda row: ["font-weight: bold" if row.name >= len(df) - 3 else "" for _ in row], axis=1),
        hide_index=True, width="stretch", height=shell.rows_height(len(df), 600))
    none = t("ledger.none_assigned", lang)
    if len(s.per_site):
        site = pd.DataFrame({t("ledger.col_site", lang): [p or none for p in s.per_site["site"]],
                             label("site_costs", lang): s.per_site["site_costs_cents"] / 100})
        right.dataframe(shell.money(site, list(site.columns[1:]), 2), hide_index=True, width="stretch",
                        height=shell.rows_height(len(site), 600))
    if len(s.per_pmc):
        pmc = pd.DataFrame({t("ledger.col_pmc", lang): [p or none for p in s.per_pmc["pmc"]],
                            label("revenue", lang): s.per_pmc["revenue_cents"] / 100,
                            label("material", lang): s.per_pmc["material_cents"] / 100,
                            label("pmc_fixed_costs", lang): s.per_pmc["pmc_fixed_costs_cents"] / 100})
        st.dataframe(shell.money(pmc, list(pmc.columns[1:]), 2), hide_index=True, width="stretch",
                     height=shell.rows_height(len(pmc), 360))


def _import_bytes(result, recon, lang: str) -> bytes:
    from sw_optimiser.ledger.excel_out import write_import

    return files.written("import.xlsx", lambda path: write_import(result, path, recon, lang))


def _company_bytes(summary, lang: str, name: str) -> bytes:
    from sw_optimiser.ledger.company_fill import fill_company_workbook

    return files.written("bedrijf.xlsx", lambda path: fill_company_workbook(summary, path, lang, name))


def downloads(state: Explorer, result, recon) -> None:
    lang = state.lang
    st.subheader(tr("app.ledger.downloads"))
    left, right = st.columns(2)
    stem = Path(result.read.path.name).stem
    with left:
        st.download_button(tr("app.ledger.download_import"), data=lambda: _import_bytes(result, recon, lang),
                           file_name=shell.file_name(tr("app.ledger.file_import"), stem, suffix=".xlsx"),
                           on_click="ignore", icon=":material/download:", mime=XLSX)
        st.caption(tr("app.ledger.download_import_help"))
    with right:
        name = state.model.company.name if state.model is not None else ""
        st.download_button(tr("app.ledger.download_company"), data=lambda: _company_bytes(result.summary, lang, name),
                           file_name=shell.file_name(tr("app.ledger.file_company"), stem, suffix=".xlsx"),
                           on_click="ignore", icon=":material/download:", mime=XLSX)
        st.caption(tr("app.ledger.download_company_help"))


if __name__ == "__main__":
    render()
