"""Helpers for the ledger importer's texts; the texts themselves are in locale/<lang>/ledger.yaml
(keys ``ledger.*``, rendered by ``i18n.t`` and ``problems.Problem``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from ..i18n import LANGS

Lang = Literal["nl", "en"]


def each_lang(render: Callable[[str], str]) -> dict[str, str]:
    """A problem parameter in every language ({"nl": ..., "en": ...}), so the problem reads right in either."""
    return {lang: render(lang) for lang in LANGS}


def euros_each_lang(cents: int) -> dict[str, str]:
    return each_lang(lambda lang: euros(cents, lang))  # type: ignore[arg-type]


def euros(cents: int, lang: Lang = "nl") -> str:
    """Format integer cents as euros: '€ 1.234,56' / '€ -0,01' (nl) or '€1,234.56' / '-€0.01' (en)."""
    cents = int(cents)
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    grouped = f"{whole:,}"
    if lang == "en":
        return f"{sign}€{grouped}.{frac:02d}"
    return f"€ {sign}{grouped.replace(',', '.')},{frac:02d}"

