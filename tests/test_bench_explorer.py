"""The explorer's benchmark page holds SE fixed in DEA unless the user lets it change (AppTest, no browser)."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def _ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def _targets(at: AppTest):
    return next(df.value for df in at.dataframe if "Doel" in df.value.columns).set_index("Variabele")


def test_se_is_held_fixed_unless_the_checkbox_says_otherwise(monkeypatch):
    monkeypatch.setenv("SW_EXPLORER_MODEL", str(ROOT / "models" / "tiny.xlsx"))
    at = _ok(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run())
    at = _ok(at.switch_page("sw_optimiser/explorer/benchmark.py").run())
    assert not at.checkbox(key="bm.se_discretionary").value
    assert any("Vastgehouden (niet-discretionair" in c.value and "SE" in c.value for c in at.caption)
    se = _targets(at).loc["SE"]
    assert se["Soort"] == "input (vastgehouden)" and se["Doel"] == se["Werkelijk"]
    at.checkbox(key="bm.se_discretionary").check().run()
    _ok(at)
    assert not any("Vastgehouden (niet-discretionair" in c.value for c in at.caption)
    assert _targets(at).loc["SE", "Soort"] == "input"
