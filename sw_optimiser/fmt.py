"""Numbers the way Dutch (or English) readers expect them: € 1.234.567 or €1,234,567."""

from __future__ import annotations

import math


def number(value: float, decimals: int = 0, lang: str = "nl") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if round(value, decimals) == 0:
        value = 0.0  # no "−0" from rounding noise
    text = f"{value:,.{decimals}f}"
    if lang == "nl":  # swap the separators: 1,234.5 -> 1.234,5
        text = text.translate(str.maketrans(",.", ".,"))
    return text.replace("-", "−")


def euro(value: float, decimals: int = 0, lang: str = "nl") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    sign = "−" if round(value, decimals) < 0 else ""
    body = number(abs(value), decimals, lang)
    return f"{sign}€ {body}" if lang == "nl" else f"{sign}€{body}"


def percent(value: float, decimals: int = 1, lang: str = "nl") -> str:
    return number(100 * value, decimals, lang) + " %"
