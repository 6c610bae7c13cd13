"""Region files: reading, and every problem named with its file, line and key."""

from __future__ import annotations

import pytest
from cases import elig, group, model, pmc, site
from test_region_values import TWO_YAML

from sw_optimiser.cli import main
from sw_optimiser.problems import InputError
from sw_optimiser.region import parse_region, read_region
from sw_optimiser.workbook import write_workbook


def company(site_id, se, cap, cost=0.0, move=None):
    pid = f"P{site_id}"
    return model(groups=[group("G", se)], pmcs=[pmc(pid, va=10_000, site=site_id, move=move, may_close=False)],
                 eligibility=[elig("G", pid, se)], sites=[site(site_id, capacity=cap, cost=cost)])


MODELS = {"A": company("SA", 50, 100), "B": company("SB", 30, 40, cost=100_000, move=20_000)}

# The hand region of test_region_values, with a pooled back office and a shorter time limit.
GOOD = TWO_YAML.replace("solver: {time_limit: 30, gap: 0, workers: 1}",
                        "overhead_pooling: {saving_share: 0.1, one_off_cost: 5000}\nsolver: {time_limit: 5, gap: 0}")


def problems(text: str, models=MODELS) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(InputError) as exc:
        parse_region(text, "regio.yaml", models=models)
    return [(p.row, p.column, p.code) for p in exc.value.problems]


def test_a_good_file():
    r = parse_region(GOOD, "regio.yaml", models=MODELS)
    assert r.name == "Twee" and r.ids == ["A", "B"] and r.levers == ("sites",)
    assert r.hosts[0].charge == 2000 and r.hosts[0].extra_cost == 1000 and r.hosts[0].capacity is None
    assert r.move_cost(r.movables[0]) == 20_000  # the PMC's own moving cost
    assert r.pooling.members == ("A", "B") and r.pooling.saving_share == 0.1
    assert r.time_limit == 5 and r.gap == 0


def test_unknown_site_names_line_and_key():
    text = GOOD.replace("site: SA", "site: SX")
    assert problems(text) == [(7, "hosting[1].site", "region.unknown_site")]


def test_unknown_member_and_pmc():
    text = GOOD.replace("{member: B, pmc: PSB}", "{member: B, pmc: PX}").replace("member: A, site", "member: Q, site")
    assert problems(text) == [(7, "hosting[1].member", "region.unknown_member"), (9, "movable[1].pmc", "region.unknown_pmc")]


def test_bad_numbers_and_unknown_keys():
    text = GOOD.replace("saving_share: 0.1", "saving_share: 1.5").replace("time_limit: 5", "time_limt: 5") \
        .replace("levers: [sites]", "levers: [sites, magic]")
    found = problems(text)
    assert (5, "levers", "region.unknown_lever") in found
    assert (10, "overhead_pooling.saving_share", "scenario.range") in found
    assert (11, "solver.time_limt", "scenario.unknown_key") in found
    assert len(found) == 3



@pytest.mark.parametrize("old, new, expected", [
    ("{member: A, site: SA, extra_cost", "{member: A, extra_cost", (7, "hosting[1].site", "site")),
    ("saving_share: 0.1, ", "", (10, "overhead_pooling.saving_share", "saving_share")),
    ("solver:", "travel: {times: []}\nsolver:", (11, "travel.max_minutes", "max_minutes")),
    ("{id: B, model: b.xlsx}", "{id: C}", (4, "members[2].model", "model")),
])
def test_a_missing_key_is_named(old, new, expected):
    # each of these once raised a TypeError from the reader instead of saying what is missing
    with pytest.raises(InputError) as exc:
        parse_region(GOOD.replace(old, new), "regio.yaml", models=MODELS)
    row, column, key = expected
    found = [p for p in exc.value.problems if p.code == "region.missing_key"]
    assert [(p.row, p.column) for p in found] == [(row, column)]
    assert found[0].message("nl") == f"de sleutel '{key}' ontbreekt"

def test_yaml_norway_problem_and_missing_workbook(tmp_path):
    # An unquoted NO is read by YAML as false: the member id is then not text.
    text = GOOD.replace("{id: B, model: b.xlsx}", "{id: NO, model: b.xlsx}")
    assert (4, "members[2].id", "scenario.not_text") in problems(text)
    (tmp_path / "regio.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_region(tmp_path / "regio.yaml")
    found = [(p.row, p.column, p.code) for p in exc.value.problems]
    assert found == [(3, "members[1].model", "region.model_missing"), (4, "members[2].model", "region.model_missing")]
    text = exc.value.text("en")
    assert "line 3" in text and "members[1].model" in text and "a.xlsx" in text


def test_members_must_share_horizon(tmp_path):
    longer = model(groups=[group("G", 30)], pmcs=[pmc("PSB", va=10_000, site="SB", move=20_000, may_close=False)],
                   eligibility=[elig("G", "PSB", 30)], sites=[site("SB", capacity=40)], horizon=2)
    found = problems(GOOD, {"A": MODELS["A"], "B": longer})
    assert found == [(4, "members[2].model", "region.mismatch")]


def test_command_line(tmp_path, capsys):
    write_workbook(MODELS["A"], tmp_path / "a.xlsx")
    write_workbook(MODELS["B"], tmp_path / "b.xlsx")
    (tmp_path / "regio.yaml").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "uit.xlsx"
    assert main(["region", str(tmp_path / "regio.yaml"), "--out", str(out), "--workers", "1"]) == 0
    text = capsys.readouterr().out
    # Gain: 100,000 site cost saved - 20,000 moving - 30 x 1,000 extra host cost = 50,000;
    # no overhead to pool (both have no fixed overhead), so pooling would only cost its 5,000 each.
    assert "Winst van samenwerking: € 50.000" in text
    assert "B verhuist PMC PSB naar A/SA (30,0 SE)" in text
    assert "in de kern" in text and out.exists()
    assert main(["region", str(tmp_path / "regio.yaml"), "--lang", "en", "--workers", "1"]) == 0
    text = capsys.readouterr().out
    assert "Gain of cooperation: €50,000" in text and "Individually rational" in text
    # a bad file: exit code 2 and the problem on stderr, in Dutch
    (tmp_path / "slecht.yaml").write_text(GOOD.replace("site: SA", "site: SX"), encoding="utf-8")
    assert main(["region", str(tmp_path / "slecht.yaml")]) == 2
    err = capsys.readouterr().err
    assert "regel 7" in err and "hosting[1].site" in err and "SX" in err


def test_bundled_region_reads_and_its_workbooks_are_up_to_date():
    import importlib.util
    from pathlib import Path

    models = Path(__file__).resolve().parents[1] / "models"
    r = read_region(models / "region.yaml")
    assert r.ids == ["WV", "ND", "ZL", "OH"]
    assert r.levers == ("placement", "phase_out", "tariffs", "sites")
    sizes = [m.se for m in r.members]
    assert sizes[0] == max(sizes) and len(set(sizes)) == 4  # the example and three of different size
    spec = importlib.util.spec_from_file_location("build_region", models / "build_region.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for member, file in zip(r.members[1:], build.PARTNERS):
        assert member.path == file
        assert member.model == build.partner(**build.PARTNERS[file])  # deterministic, and the .xlsx is current
