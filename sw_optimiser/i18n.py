"""Dutch and English texts: one message catalogue per language, kept in locale/<lang>/*.yaml
(one file per part of the tool; each Dutch file has an English twin with the same keys)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

LANGS = ("nl", "en")
DEFAULT_LANG = "nl"
_LOCALE = Path(__file__).with_name("locale")


@cache
def catalogue(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    merged: dict[str, str] = {}
    for path in sorted((_LOCALE / lang).glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            part = yaml.safe_load(fh) or {}
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"{path}: keys defined twice: {sorted(clash)}")
        merged.update(part)
    return merged


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The text for `key` in `lang`, with `params` filled in."""
    text = catalogue(lang)[key]
    return text.format(**params) if params else text
