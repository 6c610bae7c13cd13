"""Helpers for the ledger importer's texts; the texts themselves are in locale/<lang>/ledger.yaml
(keys ``ledger.*``, rendered by ``i18n.t`` and ``problems.Problem``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from ..fmt import euro
from ..i18n import LANGS

Lang = Literal["nl", "en"]


def each_lang(render: Callable[[str], str]) -> dict[str, str]:
    """A problem parameter in every language ({"nl": ..., "en": ...}), so the problem reads right in either."""
    return {lang: render(lang) for lang in LANGS}


def euros_each_lang(cents: int) -> dict[str, str]:
    return each_lang(lambda lang: euros(cents, lang))  # type: ignore[arg-type]


def euros(cents: int, lang: Lang = "nl") -> str:
    """Integer cents as euros in the tool's one format (fmt.euro): '€ 1.234,56' / '−€ 0,01' (nl) or
    '€1,234.56' / '−€0.01' (en)."""
    return euro(int(cents) / 100, 2, lang)


