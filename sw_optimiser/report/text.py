"""Numbers and lists as the report writes them, in one language (Dutch formatting in Dutch)."""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable

from .. import fmt
from ..i18n import catalogue, t
from ..schema import ACTIVITIES


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _clean(value: float, decimals: int) -> float:
    """No '−0': what rounds to zero is zero."""
    return 0.0 if abs(value) < 0.5 * 10 ** -decimals else value


class Say:
    """Formatting bound to a language: `say.eur(-1175000)` -> '−€ 1.175.000' in Dutch."""

    def __init__(self, lang: str):
        self.lang = lang

    def t(self, key: str, **params: object) -> str:
        """The catalogue text (named t, so the catalogue test finds the keys used)."""
        return t(key, self.lang, **params)

    # ----- numbers ------------------------------------------------------------------------------
    def eur(self, value: float | None, decimals: int = 0) -> str:
        return "–" if _missing(value) else fmt.euro(_clean(value, decimals), decimals, self.lang)

    def keur(self, value: float | None) -> str:
        """Thousands of euros, for wide tables headed '× € 1.000'."""
        return "–" if _missing(value) else fmt.number(_clean(value / 1000, 0), 0, self.lang)

    def num(self, value: float | None, decimals: int = 0) -> str:
        return "–" if _missing(value) else fmt.number(_clean(value, decimals), decimals, self.lang)

    def se(self, value: float | None) -> str:
        """SE with one decimal, or none for whole numbers (10 SE, 12,5 SE)."""
        if _missing(value):
            return "–"
        whole = abs(value - round(value)) < 0.05
        return fmt.number(_clean(value, 0 if whole else 1), 0 if whole else 1, self.lang)

    def fte(self, value: float | None) -> str:
        return "–" if _missing(value) else fmt.number(_clean(value, 1), 1, self.lang)

    def pct(self, value: float | None, decimals: int = 1) -> str:
        return "–" if _missing(value) else fmt.percent(_clean(value, decimals + 2), decimals, self.lang)

    def tariff(self, value: float | None) -> str:
        return "–" if _missing(value) else fmt.euro(value, 2, self.lang)

    def signed_eur(self, value: float | None) -> str:
        """A gain: '+€ 245.123' or '−€ 12.000'."""
        if _missing(value):
            return "–"
        text = fmt.euro(value, 0, self.lang)
        return text if text.startswith("−") or round(value) == 0 else "+" + text

    # ----- words --------------------------------------------------------------------------------
    def activity(self, code: str) -> str:
        labels = ACTIVITIES.get(code)
        return (labels[0] if self.lang == "nl" else labels[1]) if labels else str(code)

    def lever(self, code: str) -> str:
        """The lever's name without the Cedris number ('1. Afbouw ...'): the report numbers its sections."""
        return re.sub(r"^\d+\.\s*", "", t(f"lever.{code}", self.lang))

    def count(self, n: float, word: str) -> str:
        """'1 PMC', '3 PMC's': the number and the singular or plural of `word` (catalogue key
        report.w_<word>: "singular|plural"); a whole number, as people and things are counted."""
        one, many = t(f"report.w_{word}", self.lang).split("|")
        return f"{self.num(n, 0)} {one if round(n) == 1 else many}"

    def plural(self, n: float, word: str) -> str:
        """The singular or plural of `word` alone (report.w_<word>), e.g. a verb: 'is'/'zijn'."""
        one, many = t(f"report.w_{word}", self.lang).split("|")
        return one if abs(n - 1) < 0.05 else many

    def people(self, value: float | None) -> str:
        """SE in advice, rounded to whole people (an advice moves people, not fractions)."""
        return "–" if _missing(value) else fmt.number(_clean(round(value), 0), 0, self.lang)

    def date(self, day: _dt.date) -> str:
        """'2 december 2026' in Dutch, '2 December 2026' in English."""
        months = t("report.months", self.lang).split("|")
        return f"{day.day} {months[day.month - 1]} {day.year}"

    def scenario(self, name: str, description: str = "") -> str:
        """A scenario's name in the report's language: its description's part in that language when it
        has one ('Alle hefbomen / All levers'), else the catalogue's name of a bundled scenario, else the name."""
        parts = [p.strip() for p in description.split(" / ")] if description else []
        if len(parts) == 2:
            return parts[0] if self.lang == "nl" else parts[1]
        known = f"report.scenario_{name}"
        return t(known, self.lang) if known in catalogue(self.lang) else name

    def join(self, items: Iterable[str]) -> str:
        """'A', 'A en B', 'A, B en C' ('and' in English)."""
        items = [str(i) for i in items if str(i)]
        if len(items) <= 1:
            return "".join(items)
        return ", ".join(items[:-1]) + t("report.and", self.lang) + items[-1]

    def years(self, years: Iterable[int]) -> str:
        """Consecutive years as ranges: [2026, 2027, 2028, 2031] -> '2026–2028, 2031'."""
        ys = sorted(set(int(y) for y in years))
        parts, start, prev = [], None, None
        for y in ys:
            if start is None:
                start = prev = y
            elif y == prev + 1:
                prev = y
            else:
                parts.append(f"{start}" if start == prev else f"{start}–{prev}")
                start = prev = y
        if start is not None:
            parts.append(f"{start}" if start == prev else f"{start}–{prev}")
        return ", ".join(parts)
