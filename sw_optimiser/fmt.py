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
    """A share as a percentage: 0.0578 -> 5,8 % (nl) or 5.8 % (en)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return number(100 * value, decimals, lang) + " %"


def se(value: float, lang: str = "nl", decimals: int = 1) -> str:
    """Standard units (SE): 12,5 SE."""
    return number(value, decimals, lang) + " SE" if value is not None else "–"


def seconds(value: float, lang: str = "nl") -> str:
    """A duration: 0,6 s, 39 s, 1 min, 1 min 17 s (the same words in Dutch and English)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if value < 60:
        return number(value, 1 if value < 10 else 0, lang) + " s"
    minutes, rest = divmod(int(round(value)), 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"
