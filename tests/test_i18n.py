"""Message catalogues: Dutch and English twins, every key the package uses exists, number formats."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
import yaml

from sw_optimiser import fmt
from sw_optimiser.i18n import LANGS, catalogue, t
from sw_optimiser.ledger.categories import CATEGORIES
from sw_optimiser.problems import WHERE, Problem
from sw_optimiser.results import KPI_ROWS, PNL_ROWS
from sw_optimiser.schema import TABLES

PACKAGE = Path(__file__).resolve().parents[1] / "sw_optimiser"
LOCALE = PACKAGE / "locale"


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# ----- catalogues ---------------------------------------------------------------------------------
def test_every_dutch_file_has_an_english_twin_with_the_same_keys():
    nl_files = sorted(p.name for p in (LOCALE / "nl").glob("*.yaml"))
    en_files = sorted(p.name for p in (LOCALE / "en").glob("*.yaml"))
    assert nl_files == en_files
    assert {"input.yaml", "results.yaml", "cli.yaml"} <= set(nl_files)
    for name in nl_files:
        nl, en = _yaml(LOCALE / "nl" / name), _yaml(LOCALE / "en" / name)
        assert set(nl) == set(en), f"{name}: only nl {set(nl) - set(en)}, only en {set(en) - set(nl)}"


def test_twins_use_the_same_placeholders_and_no_empty_texts():
    nl, en = catalogue("nl"), catalogue("en")
    for key in nl:
        assert isinstance(nl[key], str) and nl[key].strip(), key
        assert isinstance(en[key], str) and en[key].strip(), key
        assert _placeholders(nl[key]) == _placeholders(en[key]), key


def test_dutch_and_english_really_differ():
    assert t("pnl.operating_result", "nl") == "Bedrijfsresultaat"
    assert t("pnl.operating_result", "en") == "Operating result"
    assert t("where.row", "nl", row=5) == "rij 5" and t("where.row", "en", row=5) == "row 5"
    with pytest.raises(ValueError):
        catalogue("de")


# ----- every key the package uses exists ----------------------------------------------------------
KEY = re.compile(r"^[a-z_]+\.[a-z_]+$")
# where the message key sits in each kind of call: t(key, ...), Problem(table, row, column, code, ...),
# the validator's err(table, index, column, code, ...), the reader's ValueError(code), Message(key, params)
KEY_ARG = {"t": 0, "Problem": 3, "err": 3, "ValueError": 0, "Message": 0}


def _used_keys() -> dict[str, tuple[str, str]]:
    """Message keys the package uses as string constants: key -> (file, call)."""
    found: dict[str, tuple[str, str]] = {}
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if not re.search(r"from \.+(i18n|problems) import", source):
            continue  # only modules that use the catalogue
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in KEY_ARG:
                continue
            args = node.args[KEY_ARG[name]:KEY_ARG[name] + 1] + [kw.value for kw in node.keywords if kw.arg == "code"]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and KEY.match(arg.value):
                    found[arg.value] = (str(path.relative_to(PACKAGE)), name)
    return found


def test_the_scan_finds_the_keys_it_should():
    used = _used_keys()
    # a few of each kind, so that a broken scan cannot pass by finding nothing
    assert {"check.duplicate", "check.supervision_short", "check.group_no_pmc"} <= set(used)  # err(...)
    assert {"cell.choice", "cell.not_number", "cell.not_integer"} <= set(used)  # ValueError(code)
    assert {"file.missing", "sheet.missing", "cell.empty", "cell.below_min"} <= set(used)  # Problem(...)
    assert {"cli.valid", "cli.written", "file.exists"} <= set(used)  # t(...)
    assert {"warn.below_min", "warn.time_limit", "explain.unknown"} <= set(used)  # Message(...)
    assert used["check.duplicate"] == ("validate.py", "err")
    assert len(used) >= 45


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_used_in_the_package_exists(lang):
    missing = {key: where for key, where in _used_keys().items() if key not in catalogue(lang)}
    assert missing == {}


LEDGER_KEY = re.compile(r"^ledger\.[a-z_]*[a-z]$")  # not "ledger.cat_" of an f-string


def _ledger_keys() -> dict[str, str]:
    """Every ledger.* key the ledger import names as a string constant (log.add, t, tables of keys)."""
    found: dict[str, str] = {}
    for path in [*(PACKAGE / "ledger").glob("*.py"), PACKAGE / "explorer" / "ledger_import.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and LEDGER_KEY.match(node.value):
                found[node.value] = path.name
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_every_ledger_key_exists(lang):
    used = _ledger_keys()
    assert {"ledger.bad_amount", "ledger.xml_doctype_refused", "ledger.cli_title", "ledger.col_message"} <= set(used)
    # and the keys built from names: categories, file kinds, how a problem's place is worded
    used |= {f"ledger.cat_{c}": "categories.py" for c in (*CATEGORIES, "unmapped", "result", "income_total",
                                                           "costs_total")}
    used |= {f"ledger.kind_{k}": "importer.py" for k in ("csv", "xlsx", "xaf")}
    used |= {key: "problems.py" for keys in WHERE.values() for key in keys if key}
    assert {key: where for key, where in used.items() if key not in catalogue(lang)} == {}


def test_texts_given_to_t_do_not_use_its_argument_names():
    """t(key, lang, **params): a text with {key} or {lang} cannot be filled in by t()."""
    for key, (where, call) in _used_keys().items():
        if call == "t":
            for lang in LANGS:
                assert not _placeholders(catalogue(lang)[key]) & {"key", "lang"}, (key, where)


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_renders_as_a_problem(lang):
    """Any catalogue text can be a Problem's message, whatever its placeholders are called
    (a parameter named 'key' once crashed the reader on a duplicate row)."""
    for key, text in catalogue(lang).items():
        params = {name: f"<{name}>" for name in _placeholders(text)}
        rendered = Problem("pmcs", 4, "min_volume", key, params).text(lang)
        for name in params:
            assert f"<{name}>" in rendered, (key, name)


@pytest.mark.parametrize("lang", LANGS)
def test_keys_built_from_names_exist(lang):
    """Keys made with f-strings: pnl.<row>, field.<column>, status.<status>, sheet.<results table>."""
    cat = catalogue(lang)
    keys = [f"pnl.{k}" for k in PNL_ROWS] + [f"field.{k}" for k in KPI_ROWS]
    keys += [f"status.{s}" for s in ("baseline", "optimal", "time_limit", "infeasible")]
    keys += [f"sheet.{k}" for k in ("summary", "pnl_by_year", "pnl", "pmcs", "sites", "supervision", "sales",
                                    "chain", "groups", "events", "marginal_values")]
    keys += [f"severity.{s}" for s in ("error", "warning")]
    assert [k for k in keys if k not in cat] == []


@pytest.fixture(scope="module")
def tiny_results(tiny_model):
    from sw_optimiser.baseline import run_baseline

    return run_baseline(tiny_model)


def test_results_tables_are_labelled(tiny_results):
    nl, en = tiny_results.frames("nl"), tiny_results.frames("en")
    assert list(nl)[:2] == ["Per jaar", "PMCs"]
    assert list(nl["PMCs"].columns[:3]) == ["Jaar", "PMC", "Naam"]
    assert "Dekkingsbijdrage" in nl["PMCs"].columns
    assert list(nl["Locaties"].columns) == ["Jaar", "Locatie", "Naam", "Open", "SE", "Capaciteit", "Bezetting", "Kosten"]
    assert list(en["Sites"].columns) == ["Year", "Site", "Name", "Open", "SE", "Capacity", "Use", "Cost"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_raw_column_names_in_the_results_export(tiny_results, lang):
    raw = {name: [c for c in frame.columns if re.fullmatch(r"[a-z_]+", str(c))]
           for name, frame in tiny_results.frames(lang).items()}
    assert {name: cols for name, cols in raw.items() if cols} == {}


def test_template_texts_exist_for_every_table():
    for lang in LANGS:
        for table in TABLES:
            assert table.sheet(lang) and (table.help_nl if lang == "nl" else table.help_en)
            for _, column, _ in table.columns():
                assert column.heading(lang)


# ----- numbers and money --------------------------------------------------------------------------
def test_euro():
    assert fmt.euro(-1_175_000) == "−€ 1.175.000"
    assert fmt.euro(-1_175_000, lang="en") == "−€1,175,000"
    assert fmt.euro(1_234_567.891, 2) == "€ 1.234.567,89"
    assert fmt.euro(1_234_567.891, 2, "en") == "€1,234,567.89"
    assert fmt.euro(-0.4) == "€ 0"  # rounds to zero: no minus sign
    assert fmt.euro(float("nan")) == "–"


def test_number_and_percent():
    assert fmt.number(-3_556_725.83, 0) == "−3.556.726"
    assert fmt.number(1234.5, 1, "en") == "1,234.5"
    assert fmt.number(0.5, 2) == "0,50"
    assert fmt.percent(0.05) == "5,0 %"
    assert fmt.percent(0.125, 1, "en") == "12.5 %"
