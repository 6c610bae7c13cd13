"""Dutch and English texts: one message catalogue per language, kept in locale/<lang>/*.yaml
(one file per part of the tool; each Dutch file has an English twin with the same keys)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from . import fmt

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"
_LOCALE = Path(__file__).with_name("locale")
# LibYAML's loader where PyYAML was built with it (about 12 times faster, the same result)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def catalogue(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    merged: dict[str, str] = {}
    for path in sorted((_LOCALE / lang).glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            part = yaml.load(fh, Loader=SAFE_LOADER) or {}
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"{path}: keys defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The text for `key` in `lang`, with `params` filled in."""
    text = catalogue(lang)[key]
    return text.format(**params) if params else text


# ----- sentences that outlive the language they were made in --------------------------------------
# A solve's warnings and infeasibility explanations are kept as key + parameters and put into words
# only where they are shown, so switching language after a solve translates them too.
@dataclass(frozen=True)
class Amount:
    """A number in a Message, formatted for the reader's language when shown (€ 1.234 or €1,234)."""

    value: float
    unit: str = ""  # "eur": euros; "percent": a share (0.05 -> 5 %); "se" or "": a plain number
    decimals: int | None = None  # default: none for euros, one otherwise

    def text(self, lang: str = DEFAULT_LANG) -> str:
        if self.unit == "eur":
            return fmt.euro(self.value, self.decimals or 0, lang)
        decimals = 1 if self.decimals is None else self.decimals
        if self.unit == "percent":
            return fmt.percent(self.value, decimals, lang)
        if isinstance(self.value, int):
            return str(self.value)  # a year, a count
        return fmt.number(self.value, decimals, lang)


@dataclass(frozen=True)
class Message:
    """A sentence of the catalogue not yet put into words: `key` and the `params` that fill it in."""

    key: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return fill(self.key, self.params, lang)


def fill(key: str, params: dict, lang: str = DEFAULT_LANG) -> str:
    """The catalogue text of `key` with `params` put into words for `lang` (filled in here rather than
    by t(), whose own arguments (key, lang) could clash with params so named)."""
    text = catalogue(lang)[key]
    return text.format(**{k: show(v, lang) for k, v in params.items()}) if params else text


def show(value: object, lang: str) -> str:
    """One parameter of a message in `lang`: an Amount formatted, a text given in each language
    ({"nl": ..., "en": ...}) picked, a float with as many decimals as it has (at most 4, so 0,3001 is not
    shown as 0,30)."""
    if isinstance(value, Amount):
        return value.text(lang)
    if isinstance(value, dict) and lang in value:
        return str(value[lang])
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) >= 1e15:  # 1E+309 read as infinity, 1e300: not in full
            return {math.inf: "∞", -math.inf: "-∞"}.get(value, f"{value:.4g}")
        decimals = 0 if value.is_integer() else len(f"{value:.4f}".rstrip("0").split(".")[1])
        return fmt.number(value, decimals, lang)
    return str(value)
