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

extra_cost is a real cost per hosted workplace per year (borne by the host); charge is what the
guest pays the host per hosted workplace per year (a transfer: it cancels in the joint result).
Both are in base-year euros, indexed by the host's price index. capacity (optional) caps the hosted
workplaces; the site's own capacity always holds. move_cost defaults to the PMC's own moving cost.
one_off_cost is per member that joins the pooled back office; saving_share is the share of that
member's fixed overhead saved every year from start_year (default: the first plan year).
acquisition_pooling: one regional sales desk from start_year. The demand a joining member's sales
FTE open in an activity may go to any joining member's PMCs of that activity (up to the extra demand
each PMC can take under its own acquisition row); saving_share (default 0) is the share of a joining
member's sales cost saved; one_off_cost is per member joining.
supervision_pooling: one pool of supervisors from start_year; types names, per member that may join,
its supervision type that goes into the pool (e.g. its job coaches). A joining member's supervisors
of that type may cover workers of the other joining members' pooled types, and theirs its workers
(coverage counted in SE, span x FTE); they stay employed and paid by their own company, under its own
staffing rules. Most useful with the supervision lever (staff that may shrink only slowly); one_off_cost
is per member joining.
travel: times in minutes between a movable PMC's own site and a hosting site; a pair that is not
listed, or over max_minutes, is not a possible move (Wsw employees cannot travel far).
"""

from __future__ import annotations

from pathlib import Path

from ..company import CompanyModel
from ..problems import InputError, Problem
from ..scenario import LEVERS, _Reader, load_yaml
from .spec import DEFAULT_LEVERS, Host, Member, Movable, Pooling, Region, SupervisionPool, Travel

TOP = ("name", "members", "levers", "hosting", "movable", "overhead_pooling", "acquisition_pooling",
       "supervision_pooling", "travel", "social", "solver")


def read_region(path: str | Path, models: dict[str, CompanyModel] | None = None) -> Region:
    """Read a region file and its member workbooks; raise InputError with every problem found."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise InputError([Problem(path.name, None, None, "region.unreadable", {"path": path.name})], str(path)) from None
    return parse_region(text, path.name, path.parent, models)


def parse_region(text: str, source: str = "region", base_dir: str | Path = ".",
                 models: dict[str, CompanyModel] | None = None) -> Region:
    """Parse a region file. `models` (member id -> model) stands in for the workbooks, for tests."""
    data, lines = load_yaml(text, source)
    reader = _RegionReader(source, lines, Path(base_dir), models or {})
    region = reader.region(data if data is not None else {})
    if reader.problems or region is None:
        raise InputError(reader.problems, source)
    return region


class _RegionReader(_Reader):
    def __init__(self, source, lines, base_dir: Path, models: dict):
        super().__init__(source, lines)
        self.base_dir, self.models = base_dir, models
        self.broken: set[str] = set()  # members named but not loaded: references to them are not errors too

    def at(self, parent, key, code, path, /, **params):
        self.bad(parent, key, code, path, **params)

    def items(self, data, key) -> list:
        """A list of mappings under `key` (problems for anything else)."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.at(data, key, "region.not_list", key)
            return []
        out = []
        for n, item in enumerate(value):
            if not isinstance(item, dict):
                self.at(data, key, "region.item_not_mapping", f"{key}[{n + 1}]")
            else:
                out.append((n, item))
        return out

    def keys(self, item, allowed, path, required=()):
        ok = True
        for k in item:
            if k not in allowed:
                self.at(item, k, "scenario.unknown_key", f"{path}.{k}", allowed=", ".join(allowed))
                ok = False
        for k in required:
            if k not in item or item[k] is None:
                # no line of its own: point at the first key of the item
                first = next(iter(item), None)
                self.at(item, first, "region.missing_key", f"{path}.{k}", key=k)
                ok = False
        return ok

    def text(self, item, key, path) -> str | None:
        value = item.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.at(item, key, "scenario.not_text", path)
            return None
        return str(value)

    def opt_number(self, item, key, path, lo=None, hi=None, integer=False):
        if item.get(key) is None:
            return None
        return self.number(item, key, path, lo, hi, integer)

    def region(self, data) -> Region | None:
        if not isinstance(data, dict):
            self.problems.append(Problem(self.source, 1, None, "scenario.not_mapping"))
            return None
        for k in data:
            if k not in TOP:
                self.at(data, k, "scenario.unknown_key", str(k), allowed=", ".join(TOP))
        members = self._members(data)
        ids = {m.id: m for m in members}
        levers = self._levers(data)
        hosts = self._hosts(data, ids)
        movables = self._movables(data, ids)
        pooling = self._pooling(data, ids, "overhead_pooling", share_required=True)
        acquisition_pooling = self._pooling(data, ids, "acquisition_pooling", share_required=False)
        if acquisition_pooling is not None and "acquisition" not in levers:
            self.at(data, "acquisition_pooling", "region.needs_lever", "acquisition_pooling", lever="acquisition")
        supervision_pooling = self._supervision_pool(data, ids)
        travel = self._travel(data, ids)
        social = self.social(data)
        sv = self.section(data, "solver", ("time_limit", "alone_time_limit", "gap", "abs_gap", "workers", "exact_limit", "samples", "seed"))
        solver = dict(
            time_limit=self.opt_number(sv, "time_limit", "solver.time_limit", 0.1, 86_400),
            alone_time_limit=self.opt_number(sv, "alone_time_limit", "solver.alone_time_limit", 0.1, 86_400),
            gap=self.opt_number(sv, "gap", "solver.gap", 0, 1),
            abs_gap=self.opt_number(sv, "abs_gap", "solver.abs_gap", 0, 1e12),
            workers=self.opt_number(sv, "workers", "solver.workers", 1, 256, integer=True),
            exact_limit=self.opt_number(sv, "exact_limit", "solver.exact_limit", 1, 16, integer=True),
            samples=self.opt_number(sv, "samples", "solver.samples", 1, 1_000_000, integer=True),
            seed=self.opt_number(sv, "seed", "solver.seed", 0, 2**31, integer=True),
        )
        name = self.text(data, "name", "name") or self.source.rsplit(".", 1)[0]
        if len(members) < 2 and not any(p.column and p.column.startswith("members") for p in self.problems):
            self.problems.append(Problem(self.source, self.lines.get((id(data), "members")), "members",
                                         "region.too_few_members"))
        if self.problems:
            return None
        return Region(name=name, members=tuple(members), levers=levers, hosts=tuple(hosts),
                      movables=tuple(movables), pooling=pooling, acquisition_pooling=acquisition_pooling,
                      supervision_pooling=supervision_pooling, travel=travel, social=social,
                      **{k: v for k, v in solver.items() if v is not None})

    def _members(self, data) -> list[Member]:
        if "members" not in data:
            self.problems.append(Problem(self.source, None, "members", "region.too_few_members"))
            return []
        from ..workbook import load_model

        out: list[Member] = []
        first = None
        for n, item in self.items(data, "members"):
            path = f"members[{n + 1}]"
            if not self.keys(item, ("id", "model"), path, required=("id",)):
                continue
            mid = self.text(item, "id", f"{path}.id")
            if mid is None:
                continue
            if any(m.id == mid for m in out):
                self.at(item, "id", "region.duplicate", f"{path}.id", value=mid)
                continue
            rel = self.text(item, "model", f"{path}.model")
            if mid in self.models:
                model = self.models[mid]
            elif rel is None:
                self.at(item, "id", "region.missing_key", f"{path}.model", key="model")
                continue
            else:
                file = self.base_dir / rel
                if not file.exists():
                    self.at(item, "model", "region.model_missing", f"{path}.model", file=rel)
                    self.broken.add(mid)
                    continue
                try:
                    model = load_model(file)
                except InputError as exc:
                    self.at(item, "model", "region.model_invalid", f"{path}.model", file=rel,
                            n=len(exc.errors), first=exc.errors[0].text() if exc.errors else "")
                    self.broken.add(mid)
                    continue
            if first is None:
                first = model
            else:
                for what in ("base_year", "horizon", "discount_rate"):
                    if getattr(model.company, what) != getattr(first.company, what):
                        self.at(item, "model" if "model" in item else "id", "region.mismatch", f"{path}.model",
                                what=what, value=str(getattr(model.company, what)),
                                expected=str(getattr(first.company, what)))
            out.append(Member(mid, model, rel or ""))
        return out

    def _levers(self, data) -> tuple[str, ...]:
        value = data.get("levers")
        if value is None:
            return DEFAULT_LEVERS
        if isinstance(value, dict):
            bad = [k for k in value if k not in LEVERS]
            for k in bad:
                self.at(value, k, "scenario.unknown_key", f"levers.{k}", allowed=", ".join(LEVERS))
            for k, v in value.items():
                if k in LEVERS and not isinstance(v, bool):
                    self.at(value, k, "scenario.not_bool", f"levers.{k}", value=str(v))
            return tuple(k for k in LEVERS if value.get(k) is True)
        if not isinstance(value, list):
            self.at(data, "levers", "region.not_list", "levers")
            return DEFAULT_LEVERS
        for v in value:
            if v not in LEVERS:
                self.at(data, "levers", "region.unknown_lever", "levers", value=str(v), allowed=", ".join(LEVERS))
        return tuple(k for k in LEVERS if k in value)

    def _member_of(self, item, path, ids) -> Member | None:
        mid = self.text(item, "member", f"{path}.member")
        if mid is None:
            return None
        if mid not in ids:
            if mid in self.broken:
                return None
            self.at(item, "member", "region.unknown_member", f"{path}.member", value=mid, allowed=", ".join(ids))
            return None
        return ids[mid]

    def _hosts(self, data, ids) -> list[Host]:
        out = []
        for n, item in self.items(data, "hosting"):
            path = f"hosting[{n + 1}]"
            if not self.keys(item, ("member", "site", "extra_cost", "charge", "capacity"), path,
                             required=("member", "site")):
                continue
            mem = self._member_of(item, path, ids)
            site = self.text(item, "site", f"{path}.site")
            extra = self.opt_number(item, "extra_cost", f"{path}.extra_cost", 0, 1e6)
            charge = self.opt_number(item, "charge", f"{path}.charge", 0, 1e6)
            cap = self.opt_number(item, "capacity", f"{path}.capacity", 0, 1e6)
            if mem is None or site is None:
                continue
            if site not in mem.model.site:
                self.at(item, "site", "region.unknown_site", f"{path}.site", value=site, member=mem.id,
                        allowed=", ".join(mem.model.site))
                continue
            if any(h.member == mem.id and h.site == site for h in out):
                self.at(item, "site", "region.duplicate", f"{path}.site", value=site)
                continue
            out.append(Host(mem.id, site, extra or 0.0, charge if charge is not None else (extra or 0.0), cap))
        return out

    def _movables(self, data, ids) -> list[Movable]:
        out = []
        for n, item in self.items(data, "movable"):
            path = f"movable[{n + 1}]"
            if not self.keys(item, ("member", "pmc", "move_cost"), path, required=("member", "pmc")):
                continue
            mem = self._member_of(item, path, ids)
            pmc_id = self.text(item, "pmc", f"{path}.pmc")
            cost = self.opt_number(item, "move_cost", f"{path}.move_cost", 0, 1e9)
            if mem is None or pmc_id is None:
                continue
            pmc = mem.model.pmc.get(pmc_id)
            if pmc is None:
                self.at(item, "pmc", "region.unknown_pmc", f"{path}.pmc", value=pmc_id, member=mem.id)
                continue
            if pmc.site is None:
                self.at(item, "pmc", "region.pmc_no_site", f"{path}.pmc", value=pmc_id)
                continue
            if cost is None and pmc.move_cost is None and "move_cost" not in item:
                self.at(item, "pmc", "region.no_move_cost", f"{path}.pmc", value=pmc_id)
                continue
            if any(mv.member == mem.id and mv.pmc == pmc_id for mv in out):
                self.at(item, "pmc", "region.duplicate", f"{path}.pmc", value=pmc_id)
                continue
            out.append(Movable(mem.id, pmc_id, cost))
        return out

    def _pooling(self, data, ids, key: str, share_required: bool) -> Pooling | None:
        sec = self.section(data, key, ("members", "saving_share", "one_off_cost", "start_year"))
        if not sec:
            return None
        members = sec.get("members")
        if members is None:
            chosen = tuple(ids)
        elif not isinstance(members, list):
            self.at(sec, "members", "region.not_list", f"{key}.members")
            chosen = ()
        else:
            chosen = []
            for v in members:
                if str(v) in self.broken:
                    continue
                if str(v) not in ids:
                    self.at(sec, "members", "region.unknown_member", f"{key}.members", value=str(v),
                            allowed=", ".join(ids))
                else:
                    chosen.append(str(v))
            chosen = tuple(chosen)
        if share_required and "saving_share" not in sec:
            self.at(data, key, "region.missing_key", f"{key}.saving_share", key="saving_share")
            return None
        share = self.opt_number(sec, "saving_share", f"{key}.saving_share", 0, 1)
        cost = self.opt_number(sec, "one_off_cost", f"{key}.one_off_cost", 0, 1e9)
        start = self._start_year(sec, ids, key)
        if share is None and "saving_share" in sec:
            return None
        return Pooling(chosen, share or 0.0, cost or 0.0, start)

    def _supervision_pool(self, data, ids) -> SupervisionPool | None:
        key = "supervision_pooling"
        sec = self.section(data, key, ("types", "one_off_cost", "start_year"))
        if not sec:
            return None
        types = sec.get("types")
        if not isinstance(types, dict):
            if types is None:
                self.at(data, key, "region.missing_key", f"{key}.types", key="types")
            else:
                self.at(sec, "types", "scenario.not_mapping", f"{key}.types")
            return None
        chosen = []
        for mid, type_id in types.items():
            path = f"{key}.types.{mid}"
            if str(mid) not in ids:
                if str(mid) not in self.broken:
                    self.at(types, mid, "region.unknown_member", path, value=str(mid), allowed=", ".join(ids))
                continue
            known = ids[str(mid)].model.supervision_type
            type_id = self.text(types, mid, path)
            if type_id is not None and type_id not in known:
                self.at(types, mid, "region.unknown_type", path, value=type_id, member=str(mid),
                        allowed=", ".join(known))
            elif type_id is not None:
                chosen.append((str(mid), type_id))
        cost = self.opt_number(sec, "one_off_cost", f"{key}.one_off_cost", 0, 1e9)
        start = self._start_year(sec, ids, key)
        return SupervisionPool(tuple(chosen), cost or 0.0, start)

    def _start_year(self, sec, ids, key: str) -> int | None:
        """A pool's first year (None: the first plan year), within the plan years."""
        start = self.opt_number(sec, "start_year", f"{key}.start_year", 2000, 2100, integer=True)
        if start is not None and ids:
            first = next(iter(ids.values())).model
            if not first.plan_years[0] <= start <= first.plan_years[-1]:
                self.at(sec, "start_year", "scenario.range", f"{key}.start_year", value=str(start),
                        lo=str(first.plan_years[0]), hi=str(first.plan_years[-1]))
        return start

    def _travel(self, data, ids) -> Travel | None:
        sec = self.section(data, "travel", ("max_minutes", "times"))
        if not sec:
            return None
        if sec.get("max_minutes") is None:
            self.at(data, "travel", "region.missing_key", "travel.max_minutes", key="max_minutes")
            limit = None
        else:
            limit = self.number(sec, "max_minutes", "travel.max_minutes", 0, 10_000)
        minutes = {}
        for n, item in self.items(sec, "times"):
            path = f"travel.times[{n + 1}]"
            if not self.keys(item, ("from", "to", "minutes"), path, required=("from", "to", "minutes")):
                continue
            ends = [self._member_site(item, end, f"{path}.{end}", ids) for end in ("from", "to")]
            time = self.number(item, "minutes", f"{path}.minutes", 0, 10_000)
            if None in ends or time is None:
                continue
            pair = frozenset(ends)
            if pair in minutes:
                self.at(item, "to", "region.duplicate", f"{path}.to", value=" - ".join(ends))
                continue
            minutes[pair] = time
        return None if limit is None else Travel(limit, minutes)

    def _member_site(self, item, key, path, ids) -> str | None:
        """A site written MEMBER/SITE, e.g. NB/S1."""
        value = self.text(item, key, path)
        if value is None:
            return None
        mid, _, site = value.partition("/")
        if mid not in ids:
            if mid not in self.broken:
                self.at(item, key, "region.unknown_site_ref", path, value=value, allowed=", ".join(ids))
            return None
        if site not in ids[mid].model.site:
            self.at(item, key, "region.unknown_site", path, value=site, member=mid,
                    allowed=", ".join(ids[mid].model.site))
            return None
        return value
