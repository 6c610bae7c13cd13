"""The report's charts, drawn with matplotlib (pip-only wheels, no system libraries): SVG for the
HTML report, PNG for the PDF. They draw the series in `ReportData.charts`; every word on them
comes from there (the catalogue), numbers are written the report's way.
"""

from __future__ import annotations

import io
from functools import lru_cache

from .text import Say

WIDTH_IN = 7.0  # a chart fills the text width of an A4 page (170 mm)
COLORS = {"baseline": "#8c8c8c", "plan": "#1f5f8b", "up": "#3a8f5c", "down": "#c0392b", "total": "#1f5f8b",
          "grid": "#dddddd", "text": "#222222", "series": ["#9aa5b1", "#1f5f8b", "#5fa8d3", "#3a8f5c"]}


@lru_cache(maxsize=1)
def _mpl():
    from matplotlib.figure import Figure  # no pyplot: no global state, safe in the explorer's threads
    from matplotlib.ticker import FuncFormatter

    return Figure, FuncFormatter


STYLE = {"font.family": "DejaVu Sans", "font.size": 8, "svg.fonttype": "none", "axes.edgecolor": "#999999",
         "axes.linewidth": 0.6, "svg.hashsalt": "sw-optimiser"}


def _scale(values: list[float], say: Say) -> tuple[float, str]:
    top = max((abs(v) for v in values), default=0.0)
    if top >= 2_000_000:
        return 1e6, say.t("chart.unit_mln")
    if top >= 2_000:
        return 1e3, say.t("chart.unit_k")
    return 1.0, say.t("chart.unit_eur")


def _axes(fig, FuncFormatter, say: Say, scale: float, axis: str = "y", decimals: int | None = None):
    ax = fig.add_subplot(111)
    ax.grid(True, axis=axis, color=COLORS["grid"], linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if decimals is None:
        decimals = 1 if scale >= 1e6 else 0
    fmt = FuncFormatter(lambda v, _pos: say.num(v / scale, decimals))
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)
    return ax


def pnl_path(spec: dict, say: Say):
    Figure, FuncFormatter = _mpl()
    fig = Figure(figsize=(WIDTH_IN, 3.0))
    values = [v for s in spec["series"] for v in s["values"]]
    # euros are scaled (€ mln, × € 1.000); a chart of people or staff gives its own unit (SE, fte)
    scale, unit = (1.0, spec["unit"]) if "unit" in spec else _scale(values, say)
    ax = _axes(fig, FuncFormatter, say, scale)
    years = spec["years"]
    for i, s in enumerate(spec["series"]):
        style = s.get("style")
        color = COLORS["series"][i % len(COLORS["series"])] if style == "series" else COLORS.get(style, COLORS["plan"])
        ax.plot(years, s["values"], marker="o", markersize=3.5, linewidth=1.4 if style == "baseline" else 2.0,
                color=color, linestyle="--" if style == "baseline" else "-", label=s["label"])
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.set_xticks(years)
    ax.set_xticklabels([str(y) for y in years])
    ax.set_ylabel(f"{spec['ylabel']} ({unit})")
    ax.legend(frameon=False, loc="best")
    fig.tight_layout()
    return fig


def waterfall(spec: dict, say: Say):
    """Horizontal: the levers read as a list, top (baseline) to bottom (plan)."""
    Figure, FuncFormatter = _mpl()
    labels, npv, gains, kinds = spec["labels"], spec["values"], spec["gains"], spec["kinds"]
    fig = Figure(figsize=(WIDTH_IN, 0.9 + 0.34 * len(labels)))
    scale, unit = _scale(npv, say)
    ax = _axes(fig, FuncFormatter, say, scale, axis="x")
    ys = list(range(len(labels)))
    lo, hi = min(npv + [0.0]), max(npv + [0.0])
    span = (hi - lo) or 1.0
    for y, kind, value, gain in zip(ys, kinds, npv, gains):
        if kind == "total":
            left, width = 0.0, value
            color = COLORS["baseline"] if y == 0 else COLORS["total"]
            shown = say.num(value / scale, 2 if scale >= 1e6 else 0)
        else:
            left, width = value - gain, gain
            color = COLORS["up"] if gain >= 0 else COLORS["down"]
            shown = say.num(gain / scale, 2 if scale >= 1e6 else 0)
            if round(gain / scale, 2 if scale >= 1e6 else 0) > 0:
                shown = "+" + shown
        ax.barh(y, width, left=left, color=color, height=0.62)
        end = max(left, left + width)
        ax.annotate(shown, (end, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=7)
    for y in ys[:-1]:
        ax.plot([npv[y], npv[y]], [y + 0.31, y + 0.69], color="#777777", linewidth=0.6)
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_xlim(lo - 0.02 * span, hi + 0.12 * span)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=7.5)
    ax.invert_yaxis()
    ax.set_xlabel(f"{spec['ylabel']} ({unit})")
    fig.tight_layout()
    return fig


def pmc_margins(spec: dict, say: Say):
    Figure, FuncFormatter = _mpl()
    labels, values = spec["labels"], spec["values"]
    height = min(1.0 + 0.17 * len(labels), 8.5)
    fig = Figure(figsize=(WIDTH_IN, max(height, 1.8)))
    scale, unit = _scale(values, say)
    ax = _axes(fig, FuncFormatter, say, scale, axis="x")
    ys = list(range(len(labels)))
    ax.barh(ys, values, color=[COLORS["down"] if v < 0 else COLORS["up"] for v in values], height=0.7)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=6.5 if len(labels) > 20 else 8)
    ax.invert_yaxis()
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.set_xlabel(f"{spec['xlabel']} ({unit})")
    fig.tight_layout()
    return fig


def site_use(spec: dict, say: Say):
    Figure, FuncFormatter = _mpl()
    labels, series = spec["labels"], spec["series"]
    n = max(len(series), 1)
    fig = Figure(figsize=(WIDTH_IN, max(2.0, 1.1 + 0.16 * n * len(labels))))
    ax = fig.add_subplot(111)
    ax.grid(True, axis="x", color=COLORS["grid"], linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: say.pct(v, 0)))
    bar = 0.8 / n
    for i, s in enumerate(series):
        ys = [j - 0.4 + bar * (i + 0.5) for j in range(len(labels))]
        ax.barh(ys, s["values"], height=bar * 0.92, label=s["label"], color=COLORS["series"][i % len(COLORS["series"])])
        for y, v in zip(ys, s["values"]):
            if v <= 0:
                continue
            ax.annotate(say.pct(v, 0), (v, y), xytext=(2, 0), textcoords="offset points", va="center", fontsize=6)
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels)
    ax.invert_yaxis()
    ax.axvline(1.0, color="#555555", linewidth=0.8, linestyle=":")
    ax.set_xlim(0, max(1.1, max((v for s in series for v in s["values"]), default=1.0) * 1.1))
    ax.set_xlabel(spec["xlabel"])
    ax.legend(frameon=False, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.35 if len(labels) < 4 else -0.12),
              ncol=n)
    fig.tight_layout()
    return fig


def tornado(spec: dict, say: Say):
    """One bar per assumption from its lower to its higher value's NPV, around the plan's NPV."""
    Figure, FuncFormatter = _mpl()
    labels, low, high, center = spec["labels"], spec["low"], spec["high"], spec["center"]
    fig = Figure(figsize=(WIDTH_IN, 0.9 + 0.36 * len(labels)))
    scale, unit = _scale(low + high + [center], say)
    ax = _axes(fig, FuncFormatter, say, scale, axis="x", decimals=2 if scale >= 1e6 else 0)
    ys = list(range(len(labels)))
    for y, lo, hi in zip(ys, low, high):
        ax.barh(y, lo - center, left=center, color=COLORS["down"] if lo < center else COLORS["up"], height=0.6,
                label=spec["low_label"] if y == 0 else None)
        ax.barh(y, hi - center, left=center, color=COLORS["up"] if hi > center else COLORS["down"], height=0.6,
                alpha=0.6, label=spec["high_label"] if y == 0 else None)
    ax.axvline(center, color="#555555", linewidth=0.8)
    ax.set_yticks(ys)
    ax.set_yticklabels(labels, fontsize=7.5)
    ax.invert_yaxis()
    ax.set_xlabel(f"{spec['xlabel']} ({unit})")
    ax.legend(frameon=False, fontsize=7, loc="lower right")
    fig.tight_layout()
    return fig


DRAW = {"tornado": tornado, "pnl_path": pnl_path, "waterfall": waterfall, "pmc_margins": pmc_margins, "site_use": site_use,
        "contribution_path": pnl_path, "se_by_placement": pnl_path, "supervision_path": pnl_path}


def _save(name: str, spec: dict, say: Say, fmt: str, dpi: int = 200):
    """Draw and save in the report's style, without changing anyone else's matplotlib defaults."""
    import matplotlib

    with matplotlib.rc_context(STYLE):
        fig = DRAW[name](spec, say)
        buf = io.StringIO() if fmt == "svg" else io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=dpi, metadata={"Date": None} if fmt == "svg" else None)
        return buf.getvalue(), fig.get_size_inches()


def svg(name: str, spec: dict, say: Say) -> str:
    """The chart as an inline <svg> element (no XML prolog)."""
    text, _ = _save(name, spec, say, "svg")
    return text[text.find("<svg"):]


def png(name: str, spec: dict, say: Say, dpi: int = 200) -> tuple[bytes, float, float]:
    """The chart as PNG bytes, with its size in inches (width, height)."""
    data, (w, h) = _save(name, spec, say, "png", dpi)
    return data, float(w), float(h)
