"""Read the solved Pyomo model back into a `Plan` (the results are then priced by evaluate()): each
lever reads back its own decisions."""

from __future__ import annotations

import pyomo.environ as pyo

from ..plan import Plan, today
from .builder import Builder
from .levers import units


def extract_plan(b: Builder) -> Plan:
    plan = today(b.m)
    for u in units():
        u.extract(b, plan)
    return plan


def integer_vars(b: Builder) -> list:
    return [v for v in b.pm.component_data_objects(pyo.Var, descend_into=True) if v.is_integer() or v.is_binary()]
