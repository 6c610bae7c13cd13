"""The levers: one registered unit each, and the one ordered list of them.

Each lever is a module `levers/<name>.py` that defines `LEVER = Lever(...)`: its name, the shared
handles it provides and needs (see `Builder`), `variables(b)`, `constraints(b)`, `extract(b, plan)`
(reading its decisions back into the plan) and, where switching it needs more than fixing its
decisions, `switched(b, on)`. `LEVERS` is the only list of levers: scenario keys, the waterfall's
order, the explorer's switches and the report's sections follow it. This module imports no solver
code, so the names can be used everywhere; `units()` loads the modules when a model is built.

To add a lever: write its module, add its name here, add its texts (`lever.<name>`, `risk.<name>`,
`report.none_<name>` in `locale/*/`), its findings and advice in the report (`report/sections/
findings.py` FINDINGS, `report/advice.py` ADVICE), and its rows in docs/model.md. A test checks each
of those lists names exactly the levers here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ...plan import Plan
    from ..builder import Builder

# The levers, in the order of the waterfall. "placement" (reallocation of employees between PMCs) comes
# first: with every switch off the model is the baseline.
LEVERS = ("placement", "phase_out", "tariffs", "acquisition", "supervision", "sites", "chain")


@dataclass(frozen=True)
class Lever:
    name: str
    provides: tuple[str, ...]  # shared handles this lever creates (Builder.handles)
    needs: tuple[str, ...]  # handles it reads while building
    variables: Callable[[Builder], None]
    constraints: Callable[[Builder], None]
    extract: Callable[[Builder, Plan], None]
    switched: Callable[[Builder, bool], None] | None = None  # what else switching it on/off changes


def unit(name: str) -> Lever:
    lever = importlib.import_module(f"{__name__}.{name}").LEVER
    if lever.name != name:
        raise ValueError(f"levers/{name}.py declares the lever {lever.name!r}")
    return lever


def units() -> list[Lever]:
    """Every lever, in build order: a lever after those that provide the handles it needs (otherwise in
    the order of LEVERS). A handle provided twice or needed but never provided is a programming error."""
    all_units = [unit(name) for name in LEVERS]
    provider: dict[str, str] = {}
    for u in all_units:
        for h in u.provides:
            if h in provider:
                raise ValueError(f"handle {h!r} provided by both {provider[h]} and {u.name}")
            provider[h] = u.name
    for u in all_units:
        for h in u.needs:
            if h not in provider:
                raise ValueError(f"lever {u.name} needs handle {h!r}, which no lever provides")
    ordered: list[Lever] = []
    done: set[str] = set()
    pending = list(all_units)
    while pending:
        ready = next((u for u in pending if all(provider[h] in done or provider[h] == u.name for h in u.needs)), None)
        if ready is None:
            raise ValueError("levers need each other's handles in a cycle: " + ", ".join(u.name for u in pending))
        ordered.append(ready)
        done.add(ready.name)
        pending.remove(ready)
    return ordered


def switch(b: Builder, levers) -> tuple[str, ...]:
    """Switch the levers in `levers` on and every other off: an off lever's decisions are fixed at today's
    values, an on lever's are free. Returns the levers on, in LEVERS order. Used by the optimiser, the
    infeasibility diagnosis and the region alike."""
    on = tuple(k for k in LEVERS if k in set(levers))
    for name in LEVERS:
        for var, today in b.decisions[name]:
            if name in on:
                var.unfix()
            else:
                var.fix(today)
    for u in units():
        if u.switched is not None:
            u.switched(b, u.name in on)
    return on
