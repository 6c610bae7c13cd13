"""Region files: the member companies of a labour-market region and what they may share.

A region file is YAML, read with the safe loader (the scenario reader's line-keeping loader). Every
problem names the file, the line and the key. Member workbooks are named relative to the file.

    name: Regio Rivierenland
    members:                       # two or more; ids are short codes
      - {id: WV, model: example.xlsx}
      - {id: NB, model: region_noord.xlsx}
    levers: [placement, phase_out, tariffs, sites]   # on for every member (also when alone)
    hosting:                       # sites that may take other members' PMCs
      - {member: WV, site: S1, extra_cost: 400, charge: 1200, capacity: 80}
    movable:                       # PMCs that may move to a partner's hosting site
      - {member: NB, pmc: PR-VERP, move_cost: 40000}
    overhead_pooling: {members: [WV, NB], saving_share: 0.15, one_off_cost: 150000, start_year: 2027}
    acquisition_pooling: {members: [WV, NB], saving_share: 0.1, one_off_cost: 25000}   # needs the acquisition lever
    supervision_pooling: {types: {WV: JC, NB: J}, one_off_cost: 20000, start_year: 2027}
    travel:                        # with this section, a PMC moves only to a host within max_minutes of its site
      max_minutes: 45
      times:                       # travel time between two members' sites (either way)
        - {from: NB/S1, to: WV/S1, minutes: 30}
    solver: {time_limit: 20, alone_time_limit: 60, gap: 0.01, abs_gap: 50000, workers: 2, exact_limit: 8,
             samples: 200, seed: 1}

Every key, its unit, range and meaning: docs/input-files.md (written from spec.REGION). The reader adds
what a declaration cannot say: members, sites, PMCs and supervision types named must exist in the
members' workbooks, and pools start within the plan years.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from ..company import CompanyModel
from ..problems import InputError, Problem
from ..scenario import LEVERS, SocialLimits
from ..yamlinput import Key, Reader, load_yaml, read_text, shown
from .spec import DEFAULT_LEVERS, REGION, Host, Member, Movable, Pooling, Region, SupervisionPool, Travel, cores


def read_region(path: str | Path, models: dict[str, CompanyModel] | None = None, bare_names: bool = False) -> Region:
    """Read a region file and its member workbooks; raise InputError with every problem found.
    bare_names: a member workbook must be a file name in the file's folder (no folder, no ..), for a
    file uploaded to the explorer, which must not read other files of the server."""
    path = Path(path)
    return parse_region(read_text(path, "region.unreadable"), path.name, path.parent, models, bare_names)


def parse_region(text: str, source: str = "region", base_dir: str | Path = ".",
                 models: dict[str, CompanyModel] | None = None, bare_names: bool = False) -> Region:
    """Parse a region file. `models` (member id -> model) stands in for the workbooks, for tests."""
    data, lines = load_yaml(text, source)
    reader = _RegionReader(source, lines, Path(base_dir), models or {}, bare_names)
    region = reader.region(data if data is not None else {})
    if reader.problems or region is None:
        raise InputError(reader.problems, source)
    return region


class _RegionReader(Reader):
    def __init__(self, source, lines, base_dir: Path, models: dict, bare_names: bool = False):
        super().__init__(source, lines)
        self.base_dir, self.models, self.bare_names = base_dir, models, bare_names
        self.broken: set[str] = set()  # members named but not loaded: references to them are not errors too
        self.warnings: list[Problem] = []

    def region(self, data) -> Region | None:
        if not isinstance(data, dict):
            self.problems.append(Problem(self.source, 1, None, "scenario.not_mapping"))
            return None
        self.unknown(data, REGION.names, "")
        members = self._members(data)
        ids = {m.id: m for m in members}
        levers = self._levers(data)
        hosts = self._hosts(data, ids)
        movables = self._movables(data, ids)
        pooling = self._pooling(data, ids, "overhead_pooling", share_required=True)
        acquisition_pooling = self._pooling(data, ids, "acquisition_pooling", share_required=False)
        if acquisition_pooling is not None and "acquisition" not in levers:
            self.bad(data, "acquisition_pooling", "region.needs_lever", "acquisition_pooling", lever="acquisition")
        supervision_pooling = self._supervision_pool(data, ids)
        travel = self._travel(data, ids)
        social = SocialLimits(**self.values(self.section(data, REGION["social"]), REGION["social"], "social."))
        solver = self._solver(data)
        name = self.field(data, REGION["name"], "name") or self.source.rsplit(".", 1)[0]
        if len(members) < 2 and not any(p.column and p.column.startswith("members") for p in self.problems):
            self.problems.append(Problem(self.source, self.lines.get((id(data), "members")), "members",
                                         "region.too_few_members"))
        if self.problems:
            return None
        return Region(name=name, members=tuple(members), levers=levers, hosts=tuple(hosts),
                      movables=tuple(movables), pooling=pooling, acquisition_pooling=acquisition_pooling,
                      supervision_pooling=supervision_pooling, travel=travel, social=social,
                      warnings=tuple(self.warnings), **solver)

    def _solver(self, data) -> dict:
        """The solver settings given; more workers than this machine's cores are not started."""
        spec = REGION["solver"]
        sec = self.section(data, spec)
        solver = self.values(sec, spec, "solver.")
        if solver.get("workers", 0) > cores():
            self.warnings.append(Problem(self.source, self.lines.get((id(sec), "workers")), "solver.workers",
                                         "region.workers_capped", {"value": solver["workers"], "cores": cores()},
                                         severity="warning"))
            solver["workers"] = cores()
        return solver

    def _members(self, data) -> list[Member]:
        if "members" not in data:
            self.problems.append(Problem(self.source, None, "members", "region.too_few_members"))
            return []
        from ..workbook import load_model

        out: list[Member] = []
        first = None
        spec = REGION["members"]
        for n, item in self.items(data, spec):
            path = f"members[{n + 1}]"
            if not self.item_keys(item, spec, path):
                continue
            mid = self.field(item, spec["id"], f"{path}.id")
            if mid is None:
                continue
            if any(m.id == mid for m in out):
                self.bad(item, "id", "region.duplicate", f"{path}.id", value=mid)
                continue
            rel = self.field(item, spec["model"], f"{path}.model")
            if mid in self.models:
                model = self.models[mid]
            elif rel is None:
                self.bad(item, "id", "region.missing_key", f"{path}.model", key="model")
                continue
            else:
                if self.bare_names and (PurePath(rel).name != rel or rel in ("..", ".") or "\\" in rel):
                    # said the same way whether or not such a file exists
                    self.bad(item, "model", "region.model_not_bare", f"{path}.model", file=shown(rel))
                    self.broken.add(mid)
                    continue
                file = self.base_dir / rel
                if not file.exists():
                    self.bad(item, "model", "region.model_missing", f"{path}.model", file=rel)
                    self.broken.add(mid)
                    continue
                try:
                    model = load_model(file)
                except InputError as exc:
                    self.bad(item, "model", "region.model_invalid", f"{path}.model", file=rel,
                            n=len(exc.errors), first=exc.errors[0].text() if exc.errors else "")
                    self.broken.add(mid)
                    continue
            if first is None:
                first = model
            else:
                for what in ("base_year", "horizon", "discount_rate"):
                    if getattr(model.company, what) != getattr(first.company, what):
                        self.bad(item, "model" if "model" in item else "id", "region.mismatch", f"{path}.model",
                                what=what, value=str(getattr(model.company, what)),
                                expected=str(getattr(first.company, what)))
            out.append(Member(mid, model, rel or ""))
        return out

    def _levers(self, data) -> tuple[str, ...]:
        value = data.get("levers")
        if value is None:
            return DEFAULT_LEVERS
        if isinstance(value, dict):  # as in a scenario file
            on = self.levers(data, REGION["levers"], LEVERS)
            return tuple(k for k in LEVERS if on.get(k))
        if not isinstance(value, list):
            self.bad(data, "levers", "region.not_list", "levers")
            return DEFAULT_LEVERS
        for v in value:
            if v not in LEVERS:
                self.bad(data, "levers", "region.unknown_lever", "levers", value=shown(v), allowed=", ".join(LEVERS))
        return tuple(k for k in LEVERS if k in value)

    def _member_of(self, item, path, ids) -> Member | None:
        mid = self.field(item, REGION["hosting"]["member"], f"{path}.member")
        if mid is None:
            return None
        if mid not in ids:
            if mid in self.broken:
                return None
            self.bad(item, "member", "region.unknown_member", f"{path}.member", value=mid, allowed=", ".join(ids))
            return None
        return ids[mid]

    def _hosts(self, data, ids) -> list[Host]:
        out = []
        spec = REGION["hosting"]
        for n, item in self.items(data, spec):
            path = f"hosting[{n + 1}]"
            if not self.item_keys(item, spec, path):
                continue
            mem = self._member_of(item, path, ids)
            site, extra, charge, cap = (self.field(item, spec[k], f"{path}.{k}")
                                        for k in ("site", "extra_cost", "charge", "capacity"))
            if mem is None or site is None:
                continue
            if site not in mem.model.site:
                self.bad(item, "site", "region.unknown_site", f"{path}.site", value=site, member=mem.id,
                         allowed=", ".join(mem.model.site))
                continue
            if any(h.member == mem.id and h.site == site for h in out):
                self.bad(item, "site", "region.duplicate", f"{path}.site", value=site)
                continue
            out.append(Host(mem.id, site, extra or 0.0, charge if charge is not None else (extra or 0.0), cap))
        return out

    def _movables(self, data, ids) -> list[Movable]:
        out = []
        spec = REGION["movable"]
        for n, item in self.items(data, spec):
            path = f"movable[{n + 1}]"
            if not self.item_keys(item, spec, path):
                continue
            mem = self._member_of(item, path, ids)
            pmc_id, cost = (self.field(item, spec[k], f"{path}.{k}") for k in ("pmc", "move_cost"))
            if mem is None or pmc_id is None:
                continue
            pmc = mem.model.pmc.get(pmc_id)
            if pmc is None:
                self.bad(item, "pmc", "region.unknown_pmc", f"{path}.pmc", value=pmc_id, member=mem.id)
                continue
            if pmc.site is None:
                self.bad(item, "pmc", "region.pmc_no_site", f"{path}.pmc", value=pmc_id)
                continue
            if cost is None and pmc.move_cost is None and "move_cost" not in item:
                self.bad(item, "pmc", "region.no_move_cost", f"{path}.pmc", value=pmc_id)
                continue
            if any(mv.member == mem.id and mv.pmc == pmc_id for mv in out):
                self.bad(item, "pmc", "region.duplicate", f"{path}.pmc", value=pmc_id)
                continue
            out.append(Movable(mem.id, pmc_id, cost))
        return out

    def _pooling(self, data, ids, key: str, share_required: bool) -> Pooling | None:
        spec = REGION[key]
        sec = self.section(data, spec)
        if not sec:
            return None
        members = sec.get("members")
        if members is None:
            chosen = tuple(ids)
        elif not isinstance(members, list):
            self.bad(sec, "members", "region.not_list", f"{key}.members")
            chosen = ()
        else:
            chosen = []
            for v in members:
                if str(v) in self.broken:
                    continue
                if str(v) not in ids:
                    self.bad(sec, "members", "region.unknown_member", f"{key}.members", value=shown(v),
                            allowed=", ".join(ids))
                else:
                    chosen.append(str(v))
            chosen = tuple(chosen)
        if share_required and "saving_share" not in sec:
            self.bad(data, key, "region.missing_key", f"{key}.saving_share", key="saving_share")
            return None
        share, cost = (self.field(sec, spec[k], f"{key}.{k}") for k in ("saving_share", "one_off_cost"))
        start = self._start_year(sec, ids, spec)
        if share is None and "saving_share" in sec:
            return None
        return Pooling(chosen, share or 0.0, cost or 0.0, start)

    def _supervision_pool(self, data, ids) -> SupervisionPool | None:
        key = "supervision_pooling"
        spec = REGION[key]
        sec = self.section(data, spec)
        if not sec:
            return None
        types = sec.get("types")
        if not isinstance(types, dict):
            if types is None:
                self.bad(data, key, "region.missing_key", f"{key}.types", key="types")
            else:
                self.bad(sec, "types", "scenario.not_mapping", f"{key}.types")
            return None
        chosen = []
        for mid, type_id in types.items():
            path = f"{key}.types.{mid}"
            if str(mid) not in ids:
                if str(mid) not in self.broken:
                    self.bad(types, mid, "region.unknown_member", path, value=shown(mid), allowed=", ".join(ids))
                continue
            known = ids[str(mid)].model.supervision_type
            type_id = self.field(types, Key(str(mid), "id"), path)
            if type_id is not None and type_id not in known:
                self.bad(types, mid, "region.unknown_type", path, value=type_id, member=str(mid),
                        allowed=", ".join(known))
            elif type_id is not None:
                chosen.append((str(mid), type_id))
        cost = self.field(sec, spec["one_off_cost"], f"{key}.one_off_cost")
        start = self._start_year(sec, ids, spec)
        return SupervisionPool(tuple(chosen), cost or 0.0, start)

    def _start_year(self, sec, ids, spec) -> int | None:
        """A pool's first year (None: the first plan year), within the plan years."""
        start = self.field(sec, spec["start_year"], f"{spec.name}.start_year")
        if start is not None and ids:
            first = next(iter(ids.values())).model
            if not first.plan_years[0] <= start <= first.plan_years[-1]:
                self.bad(sec, "start_year", "scenario.range", f"{spec.name}.start_year", value=str(start),
                        lo=str(first.plan_years[0]), hi=str(first.plan_years[-1]))
        return start

    def _travel(self, data, ids) -> Travel | None:
        spec = REGION["travel"]
        sec = self.section(data, spec)
        if not sec:
            return None
        if sec.get("max_minutes") is None:
            self.bad(data, "travel", "region.missing_key", "travel.max_minutes", key="max_minutes")
        limit = self.field(sec, spec["max_minutes"], "travel.max_minutes")
        minutes = {}
        times = spec["times"]
        for n, item in self.items(sec, times):
            path = f"travel.times[{n + 1}]"
            if not self.item_keys(item, times, path):
                continue
            ends = [self._member_site(item, times[end], f"{path}.{end}", ids) for end in ("from", "to")]
            time = self.field(item, times["minutes"], f"{path}.minutes")
            if None in ends or time is None:
                continue
            pair = frozenset(ends)
            if pair in minutes:
                self.bad(item, "to", "region.duplicate", f"{path}.to", value=" - ".join(ends))
                continue
            minutes[pair] = time
        return None if limit is None else Travel(limit, minutes)

    def _member_site(self, item, key, path, ids) -> str | None:
        """A site written MEMBER/SITE, e.g. NB/S1."""
        value = self.field(item, key, path)
        if value is None:
            return None
        mid, _, site = value.partition("/")
        if mid not in ids:
            if mid not in self.broken:
                self.bad(item, key.name, "region.unknown_site_ref", path, value=shown(value), allowed=", ".join(ids))
            return None
        if site not in ids[mid].model.site:
            self.bad(item, key.name, "region.unknown_site", path, value=shown(site), member=mid,
                    allowed=", ".join(ids[mid].model.site))
            return None
        return value
