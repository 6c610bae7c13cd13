"""docs/model.md names every constraint and variable of the optimisation model, and nothing else."""

import dataclasses
import re
from pathlib import Path

import pyomo.environ as pyo

from sw_optimiser.optimiser.solve import build
from sw_optimiser.scenario import SocialLimits

DOC = Path(__file__).parents[1] / "docs" / "model.md"


def test_doc_names_match_the_code(tiny_model):
    # Every optional part present: all social limits set.
    # The overhead needs office workplaces (and may rent them): the offices rule is built.
    tiny_model = tiny_model.replace(overhead=dataclasses.replace(tiny_model.overhead, office_workplaces=5.0,
                                                                 office_rent=1_000.0))
    b = build(tiny_model, SocialLimits(max_move_share=0.1, extra_sheltered_se=10.0, one_off_budget=1e6,
                                       savings_target={2027: 1000.0}))
    in_code = {c.local_name for c in b.pm.component_objects((pyo.Constraint, pyo.Var))}
    in_doc = set(re.findall(r"\*\*([a-z_]+)\*\*", DOC.read_text(encoding="utf-8")))
    assert in_code - in_doc == set(), "in the code but not documented"
    assert in_doc - in_code == set(), "documented but not in the code"
