"""YAML input files (scenario, region): the declaration of their keys, their safe loading, and reading
them against the declaration.

Every key of a file is a `Key`: its type, unit, range and help (a catalogue text, `input.<file>.<path>`
in locale/*/keys.yaml). The scenario file is declared in scenario.py (SCENARIO), the region file in
region/spec.py (REGION); the readers, the explorer's scenario form and docs/input-files.md all derive
from those two declarations, as the workbook reader, template and docs derive from schema.py.

Loading refuses, before anything is built: a file over MAX_BYTES, nesting deeper than MAX_DEPTH and
a key given twice in one mapping (YAML itself would silently keep the last).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import InputError, Problem

MAX_BYTES = 1_000_000  # a scenario or region file is a few kB
MAX_DEPTH = 20  # mappings and lists inside each other; the deepest file needs 4
YEARS = (2000, 2100)  # the years a years key may name

KINDS = ("number", "integer", "bool", "text", "id", "mapping", "list", "years", "factors", "codes", "levers")


@dataclass(frozen=True)
class Key:
    """One key of a YAML file.

    kind: number, integer, bool, text (a string), id (a code: a string or a whole number), mapping
    (its `keys`), list (of mappings with `keys`), years (year -> `value`), factors (a PMC id, activity
    or "all" -> `value`), codes (a site or PMC code -> `value`), levers (each lever on or off). Numbers always have a range: NaN, infinity and
    magnitudes no sw-company has are refused. step, format and scale are for the explorer's form (scale
    100: the form shows a fraction as a percentage). A retired key is refused with its own message."""

    name: str
    kind: str = "number"
    unit: str = ""
    lo: float | None = None
    hi: float | None = None
    keys: tuple["Key", ...] = ()
    value: "Key | None" = None
    required: bool = False
    step: float | None = None
    format: str | None = None
    scale: float = 1.0
    empty: bool = False  # null is a value (None: no limit) rather than "not given"
    retired: str = ""  # no longer read: the message key that says what replaced it

    def __post_init__(self):  # a mistake in a declaration stops the import, whatever the file
        if self.kind not in KINDS:
            raise ValueError(f"{self.name}: unknown kind {self.kind!r}")
        if self.kind in ("number", "integer") and (self.lo is None or self.hi is None):
            raise ValueError(f"{self.name}: a number needs its range")

    def __getitem__(self, name: str) -> "Key":
        return next(k for k in self.keys if k.name == name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys)

    def find(self, path: str) -> "Key":
        """The key at a dotted path, e.g. SCENARIO.find("social.max_move_share")."""
        key = self
        for part in path.split("."):
            key = key[part]
        return key

    def walk(self, prefix: str = ""):
        """(path, key) of every key below this one, in file order, the keys of list items included."""
        for key in self.keys:
            path = f"{prefix}{key.name}"
            yield path, key
            yield from key.walk(f"{path}.")

    @property
    def number(self) -> "Key | None":
        """The number declaration that applies: the key's own, or its entries' (years, factors)."""
        key = self.value or self
        return key if key.kind in ("number", "integer") else None


# sections one file takes from another's declaration, with their help texts
_BORROWED = {("region", "social"): "scenario"}


def help_key(file: str, path: str) -> str:
    """The catalogue key of a key's help text, e.g. input.scenario.social.max_move_share."""
    return f"input.{_BORROWED.get((file, path.split('.')[0]), file)}.{path}"


# ----- loading ----------------------------------------------------------------------------------
class _LineLoader(yaml.SafeLoader):
    """Safe loader that remembers the line of every mapping key, limits nesting and finds keys given
    twice."""

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


def _construct_mapping(loader, node, deep=False):
    mapping = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain value",
                                                    key_node.start_mark) from None
        line = key_node.start_mark.line + 1
        if key in mapping:
            loader.twice.append((line, key, loader.lines[id(mapping), key]))
            continue  # the first stays; the file is refused anyway
        mapping[key] = loader.construct_object(value_node, deep=True)
        loader.lines[id(mapping), key] = line
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, source: str) -> tuple[object, dict]:
    """Safe-load YAML text; returns the data and the line of every mapping key ((id(mapping), key) ->
    line). A syntax error, a file too large or too deep, or a key given twice is raised as an
    InputError naming the line."""
    if len(text) > MAX_BYTES:
        raise InputError([Problem(source, None, None, "scenario.too_big", {"max": MAX_BYTES // 1000})], source)
    loader = _LineLoader(text)
    loader.lines, loader.twice, loader.depth = {}, [], 0
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError([Problem(source, mark.line + 1 if mark else None, None, "scenario.yaml",
                                  {"reason": getattr(exc, "problem", str(exc))})], source) from None
    except _TooDeep as exc:
        raise InputError([Problem(source, exc.line, None, "scenario.too_deep", {"max": MAX_DEPTH})], source) from None
    finally:
        loader.dispose()
    if loader.twice:
        raise InputError([Problem(source, line, shown(key), "scenario.duplicate_key", {"first": first})
                          for line, key, first in loader.twice], source)
    return data, loader.lines


def read_text(path: Path, unreadable: str) -> str:
    """The text of a YAML file; `unreadable` is the message key when it cannot be read. Too large a
    file is refused before it is read."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputError([Problem(path.name, None, None, "scenario.too_big", {"max": MAX_BYTES // 1000})],
                             str(path))
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise InputError([Problem(path.name, None, None, unreadable, {"path": path.name})], str(path)) from None


def shown(value: object) -> str:
    """A value as a message shows it: short, and never a whole nested structure."""
    if isinstance(value, dict):
        return "{…}"
    if isinstance(value, list):
        return "[…]"
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


# ----- reading against the declaration ----------------------------------------------------------
class Reader:
    """Reads values as their Key declares them; each problem names the file, the line and the key."""

    def __init__(self, source: str, lines: dict):
        self.source, self.lines, self.problems = source, lines, []

    def bad(self, parent: dict, key, code: str, path: str, /, **params):
        line = self.lines.get((id(parent), key))
        self.problems.append(Problem(self.source, line, path, code, params))

    def number(self, parent: dict, key: Key, path: str, name=None):
        """parent[name] (default: key.name) as the number `key` declares, or None with a problem."""
        name = key.name if name is None else name
        value = parent[name]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.bad(parent, name, "scenario.not_number", path, value=shown(value))
            return None
        if key.kind == "integer" and int(value) != value:
            self.bad(parent, name, "scenario.not_integer", path, value=shown(value))
            return None
        if not key.lo <= value <= key.hi:
            kind = int if key.kind == "integer" else float  # numbers in the reader's format (0,5), years as 2026
            self.bad(parent, name, "scenario.range", path, value=kind(value), lo=kind(key.lo), hi=kind(key.hi))
            return None
        return int(value) if key.kind == "integer" else float(value)

    def field(self, parent: dict, key: Key, path: str):
        """A scalar key's value, None when it is absent or empty (with a problem when it is wrong)."""
        value = parent.get(key.name)
        if value is None:
            return None
        if key.kind in ("number", "integer"):
            return self.number(parent, key, path)
        if key.kind == "bool":
            if not isinstance(value, bool):
                self.bad(parent, key.name, "scenario.not_bool", path, value=shown(value))
                return None
            return value
        if key.kind == "text" and not isinstance(value, str) or \
                key.kind == "id" and (isinstance(value, bool) or not isinstance(value, (str, int))):
            self.bad(parent, key.name, "scenario.not_text", path)
            return None
        return str(value)

    def section(self, parent: dict, key: Key, path: str = "") -> dict:
        """A mapping key's mapping ({} when absent), with a problem for each key it does not declare."""
        path = path or key.name
        value = parent.get(key.name, {})
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.bad(parent, key.name, "scenario.not_mapping", path)
            return {}
        if key.kind == "mapping":
            self.unknown(value, key.names, path)
        return value

    def unknown(self, mapping: dict, allowed, path: str) -> bool:
        ok = True
        for k in mapping:
            if k not in allowed:
                self.bad(mapping, k, "scenario.unknown_key", f"{path}.{k}" if path else str(k),
                         allowed=", ".join(allowed))
                ok = False
        return ok

    def entries(self, parent: dict, key: Key, path: str) -> dict:
        """A years, factors or codes key: its entries as {year or code: value}."""
        out = {}
        sec = self.section(parent, key, path)
        for k in sec:
            if key.kind == "years" and (not isinstance(k, int) or isinstance(k, bool) or not YEARS[0] <= k <= YEARS[1]):
                self.bad(sec, k, "scenario.not_year", f"{path}.{k}", value=shown(k))
                continue
            if key.value.kind in ("number", "integer"):
                value = self.number(sec, key.value, f"{path}.{k}", name=k)
            elif isinstance(sec[k], (str, int)) and not isinstance(sec[k], bool):
                value = str(sec[k])
            else:
                value = None
                self.bad(sec, k, "scenario.not_text", f"{path}.{k}")
            if value is not None:
                out[k if key.kind == "years" else str(k)] = value
        return out

    def levers(self, parent: dict, key: Key, levers: tuple[str, ...]) -> dict[str, bool]:
        """A levers mapping: each lever named true or false."""
        sec = self.section(parent, key)
        self.unknown(sec, levers, key.name)
        out = {}
        for k, v in sec.items():
            if k in levers:
                if isinstance(v, bool):
                    out[k] = v
                else:
                    self.bad(sec, k, "scenario.not_bool", f"{key.name}.{k}", value=shown(v))
        return out

    def values(self, data: dict, key: Key, path: str = "") -> dict:
        """Every scalar, years and factors key of a mapping key, read; nested mappings as dicts. Absent
        keys are left out."""
        out = {}
        for sub in key.keys:
            where = f"{path}{sub.name}"
            if sub.retired:
                if sub.name in data:
                    self.bad(data, sub.name, sub.retired, where)
            elif sub.empty and sub.name in data and data[sub.name] is None:
                out[sub.name] = None
            elif sub.kind == "mapping":
                out[sub.name] = self.values(self.section(data, sub, where), sub, f"{where}.")
            elif sub.kind in ("years", "factors", "codes"):
                out[sub.name] = self.entries(data, sub, where)
            elif sub.kind not in ("list", "levers"):
                value = self.field(data, sub, where)
                if value is not None:
                    out[sub.name] = value
        return out

    def items(self, parent: dict, key: Key) -> list[tuple[int, dict]]:
        """A list key's items, each a mapping (problems for anything else)."""
        value = parent.get(key.name)
        if value is None:
            return []
        if not isinstance(value, list):
            self.bad(parent, key.name, "region.not_list", key.name)
            return []
        out = []
        for n, item in enumerate(value):
            if not isinstance(item, dict):
                self.bad(parent, key.name, "region.item_not_mapping", f"{key.name}[{n + 1}]")
            else:
                out.append((n, item))
        return out

    def item_keys(self, item: dict, key: Key, path: str) -> bool:
        """An item has only declared keys and every required one."""
        ok = self.unknown(item, key.names, path)
        for k in key.keys:
            if k.required and item.get(k.name) is None:
                first = next(iter(item), None)  # no line of its own: point at the first key of the item
                self.bad(item, first, "region.missing_key", f"{path}.{k.name}", key=k.name)
                ok = False
        return ok

