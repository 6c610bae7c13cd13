"""A user's time limit is one deadline for the whole solve (issue 22 item 7): the start plan's steps, the
final MILP and the marginal values' LP share it, and the diagnosis of an infeasible scenario takes what
is left. Checked on the time limits each part is given (never on how long a solve takes)."""

from __future__ import annotations

import pytest
from cases import ISOLATED, elig, group, model, pmc, scenario

from sw_optimiser.optimiser import highs
from sw_optimiser.optimiser import solve as solve_module
from sw_optimiser.optimiser.deadline import Deadline
from sw_optimiser.optimiser.solve import Infeasible, Optimiser


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_what_is_left_by_hand():
    clock = Clock()
    d = Deadline(30, clock)  # due at 130
    assert d.left() == 30
    clock.now = 110.0  # the steps took 10 s: 20 left; the MILP leaves 5 % of 30 = 1.5 s for the marginal values
    assert d.left(reserve=d.marginal_reserve(True)) == pytest.approx(18.5)
    assert d.marginal_reserve(False) == 0
    clock.now = 128.5  # the MILP used its 18.5 s: the LP gets the 1.5 s kept for it
    assert d.left(floor=1.0) == pytest.approx(1.5)
    clock.now = 135.0  # past the deadline: a part still gets its floor, and at most its cap
    assert d.left() == 0.1 and d.left(floor=10, cap=60) == 10
    assert Deadline(300, clock).left(floor=10, cap=60) == 60


@pytest.fixture
def limits_given(monkeypatch):
    """The time limit of every MILP and LP solved, in order: [("milp", seconds) | ("lp", seconds)]. The
    deadline's clock stands still, so each part's limit is what the parts before it left on paper."""
    monkeypatch.setattr(solve_module, "Deadline", lambda seconds: Deadline(seconds, Clock()))
    given = []
    solve, duals = highs.Solver.solve, highs.Solver.duals

    def recording_solve(self, model, time_limit=None, **kw):
        given.append(("milp", time_limit))
        return solve(self, model, time_limit=time_limit, **kw)

    def recording_duals(self, model, time_limit=None):
        given.append(("lp", time_limit))
        return duals(self, model, time_limit)

    monkeypatch.setattr(highs.Solver, "solve", recording_solve)
    monkeypatch.setattr(highs.Solver, "duals", recording_duals)
    return given


def two_pmcs():
    # 10 SE of A work in L (value added 5,000) and may move to H (10,000)
    return model(groups=[group("A", 10)], pmcs=[pmc("L", va=5_000, max=20), pmc("H", "services", va=10_000)],
                 eligibility=[elig("A", "L", 10), elig("A", "H", 0)])


def test_the_milp_keeps_back_time_for_the_marginal_values_and_they_end_within_the_limit(limits_given):
    Optimiser(two_pmcs(), ISOLATED).solve(scenario({"placement", "phase_out", "tariffs"}, time_limit=30),
                                          marginal_values=True)
    kinds = [k for k, _ in limits_given]
    assert kinds[-1] == "lp" and kinds.count("lp") == 1
    (_, final), (_, lp) = limits_given[-2:]
    assert final == pytest.approx(30 - 1.5)  # 5 % of 30 s kept for the LP
    assert lp == pytest.approx(30)  # what the deadline leaves (the clock stood still)
    assert all(s <= 30 for _, s in limits_given)


def test_without_marginal_values_nothing_is_kept_back(limits_given):
    Optimiser(two_pmcs(), ISOLATED).solve(scenario({"placement"}, time_limit=30))
    assert [k for k, _ in limits_given] == ["milp"]
    assert limits_given[0][1] == pytest.approx(30)


def test_the_diagnosis_of_an_infeasible_scenario_takes_what_the_deadline_leaves(limits_given):
    # P's contract needs 12 SE; only 10 SE can work there: infeasible, then diagnosed
    m = model(groups=[group("A", 10, productivity=0.5)], pmcs=[pmc("P", va=8_000, min=12)],
              eligibility=[elig("A", "P", 10)])
    with pytest.raises(Infeasible):
        Optimiser(m, ISOLATED).solve(scenario({"placement"}, time_limit=20))
    (_, first), (_, diagnosis) = limits_given
    assert first == pytest.approx(20) and diagnosis == pytest.approx(20)  # what is left of 20 s (was 60 s)
