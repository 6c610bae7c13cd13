"""The solver adapter (optimiser/highs.py) and the lever registry (optimiser/levers/__init__.py)."""

import dataclasses

import pyomo.environ as pyo
import pytest

from sw_optimiser.optimiser import highs
from sw_optimiser.optimiser.builder import Builder
from sw_optimiser.optimiser.levers import LEVERS, Lever, switch, unit, units
from sw_optimiser.optimiser.solve import Optimiser, build
from sw_optimiser.scenario import Scenario


def _knapsack():
    """max 5a + 4b + 3c  s.t.  2a + 3b + c <= 4, binaries: the best is a + c = 8 (a + b weighs 5)."""
    m = pyo.ConcreteModel()
    m.a, m.b, m.c = (pyo.Var(domain=pyo.Binary) for _ in range(3))
    m.w = pyo.Constraint(expr=2 * m.a + 3 * m.b + m.c <= 4)
    m.obj = pyo.Objective(expr=5 * m.a + 4 * m.b + 3 * m.c, sense=pyo.maximize)
    return m


def test_private_attributes_the_adapter_relies_on_exist():
    # If a Pyomo or highspy upgrade renames one of these, this fails here, not deep inside a solve.
    s = highs.Solver()
    m = _knapsack()
    out = s.solve(m, gap=0.0)
    for name in highs.PRIVATE:
        assert hasattr(s.highs, name), f"pyomo's Highs interface lost {name}"
    assert s.highs._treat_fixed_vars_as_params is False
    assert s.highs._solver_model.getNumCol() == 3
    assert (out.status, out.objective, out.bound, out.gap) == ("optimal", 8.0, 8.0, 0.0)
    assert (m.a.value, m.b.value, m.c.value) == (1, 0, 1)


def test_fixing_a_variable_resolves_as_a_bound_change():
    # b fixed at 1: the best is b + c = 7 (a + b would weigh 5).
    s = highs.Solver()
    m = _knapsack()
    s.solve(m, gap=0.0)
    rows_before = dict(s.highs._pyomo_con_to_solver_con_map)
    m.b.fix(1)
    out = s.solve(m, gap=0.0)
    assert out.objective == 7.0 and (m.a.value, m.c.value) == (0, 1)
    assert s.highs._pyomo_con_to_solver_con_map == rows_before  # no constraint was rebuilt
    m.b.unfix()
    assert s.solve(m, gap=0.0).objective == 8.0


def test_infeasible_and_status_mapping():
    m = _knapsack()
    m.all = pyo.Constraint(expr=m.a + m.b + m.c >= 3)  # weighs 6 > 4
    assert highs.Solver().solve(m).status == "infeasible"


def test_start_values_are_used_and_the_plan_comes_back(tiny_model):
    # A start from a feasible plan must not change the optimum found, and the values loaded must be the
    # plan HiGHS reports (the adapter re-solves cold when a start's values come back instead).
    opt = Optimiser(tiny_model)
    exact = Scenario(gap=0.0, time_limit=600)
    cold = opt.solve(exact.with_levers(("placement", "phase_out", "sites"))).npv
    warm = opt.solve(exact.with_levers(("placement", "phase_out", "sites"))).npv  # started from the last plan
    assert warm == pytest.approx(cold, abs=0.01)
    assert pyo.value(opt.b.pm.objective) == pytest.approx(warm, abs=0.01)


def test_should_stop_is_polled_and_ends_the_search(tiny_model):
    # Asked to stop at once, the search ends early: with the plan it started from (no worse than
    # reallocation alone) or with no plan at all, never as "optimal", and never by waiting for the limit.
    from sw_optimiser.optimiser.solve import Infeasible

    opt = Optimiser(tiny_model)
    exact = Scenario(gap=0.0, time_limit=600)
    base = opt.solve(exact.with_levers(("placement",))).npv
    polls = []

    def stop():
        polls.append(1)
        return True

    try:
        got = opt.solve(exact.with_levers(LEVERS), should_stop=stop)
    except Infeasible as stopped:
        assert [m.key for m in stopped.explanations] == ["explain.no_solution"]
    else:
        assert got.status == "time_limit" and got.npv >= base - 0.01
    assert polls


# ----- the lever registry ------------------------------------------------------------------------------
def test_registry_orders_the_build_by_handles():
    names = [u.name for u in units()]
    assert sorted(names) == sorted(LEVERS)
    position = {n: i for i, n in enumerate(names)}
    for u in units():
        for need in u.needs:
            provider = next(p.name for p in units() if need in p.provides)
            assert position[provider] < position[u.name] or provider == u.name, (u.name, need)
    # Every handle the core reads is provided, once.
    provided = [h for u in units() for h in u.provides]
    assert sorted(provided) == ["chain", "extra", "pmc_open", "x"]


def test_registry_refuses_a_handle_provided_twice(monkeypatch):
    import sw_optimiser.optimiser.levers as registry

    real = registry.unit

    def fake(name):
        u = real(name)
        return dataclasses.replace(u, provides=u.provides + ("x",)) if name == "chain" else u

    monkeypatch.setattr(registry, "unit", fake)
    with pytest.raises(ValueError, match="'x' provided by both placement and chain"):
        registry.units()


def test_a_lever_module_declares_its_own_name():
    for name in LEVERS:
        u = unit(name)
        assert isinstance(u, Lever) and u.name == name


def test_switch_fixes_off_levers_at_today(tiny_model):
    b = build(tiny_model)
    on = switch(b, ["sites", "placement"])
    assert on == ("placement", "sites")  # in LEVERS order
    for name in LEVERS:
        for var, today in b.decisions[name]:
            assert var.fixed == (name not in on)
            if var.fixed:
                assert var.value == today


def test_rows_collect_terms_from_several_parts(tiny_model):
    b = Builder(tiny_model)
    b.pm.u = pyo.Var(bounds=(0, 10))
    b.pm.w = pyo.Var(bounds=(0, 10))
    b.row("r", 1, b.pm.u, "<=", 4)
    b.add_to("r", 1, lhs=b.pm.w, rhs=1)  # u + w <= 5
    b.row("r", 2, 0.0, "<=", 1)  # constant and true: left out
    b.close()
    assert list(b.pm.r.keys()) == [1]
    b.pm.u.set_value(3)
    b.pm.w.set_value(1.5)
    assert (pyo.value(b.pm.r[1].body) - pyo.value(b.pm.r[1].upper), b.pm.r[1].lower) == (-0.5, None)  # 4.5 - 5
    with pytest.raises(RuntimeError):
        b.add_to("r", 1, lhs=b.pm.u)
