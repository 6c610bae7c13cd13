"""What a region is: its members and what they may share (read from a region file by `reader.py`,
whose docstring gives the file format)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from ..company import CompanyModel
from ..scenario import SCENARIO, SocialLimits
from ..yamlinput import Key
from ..travel import Travel  # noqa: F401  (one notion of travel time for a company's and a region's sites)

DEFAULT_LEVERS = ("placement", "phase_out", "tariffs", "sites")

_MEMBER = Key("member", "id", required=True)
_ONE_OFF = Key("one_off_cost", unit="€ per member joining", lo=0, hi=1e9)
_START = Key("start_year", "integer", "year", 2000, 2100)  # and within the plan years
_POOL = (Key("members", "list"), Key("saving_share", unit="fraction", lo=0, hi=1), _ONE_OFF, _START)
_SECONDS = dict(unit="s", lo=0.1, hi=86_400)

# Every key of a region file (help: input.region.<path> in locale/*/keys.yaml); the reader's docstring
# shows a file. Each list's items are mappings of the keys given.
REGION = Key("region", "mapping", keys=(
    Key("name", "id"),
    Key("members", "list", keys=(Key("id", "id", required=True), Key("model", "id"))),
    Key("levers", "levers"),
    Key("hosting", "list", keys=(
        _MEMBER, Key("site", "id", required=True),
        Key("extra_cost", unit="€/hosted workplace/year", lo=0, hi=1e6),
        Key("charge", unit="€/hosted workplace/year", lo=0, hi=1e6),
        Key("capacity", unit="workplaces (SE)", lo=0, hi=1e6))),
    Key("movable", "list", keys=(
        _MEMBER, Key("pmc", "id", required=True), Key("move_cost", unit="€ one-off", lo=0, hi=1e9))),
    Key("overhead_pooling", "mapping", keys=_POOL),
    Key("acquisition_pooling", "mapping", keys=_POOL),
    Key("supervision_pooling", "mapping", keys=(Key("types", "mapping"), _ONE_OFF, _START)),
    Key("travel", "mapping", keys=(
        Key("max_minutes", unit="minutes", lo=0, hi=10_000, required=True),
        Key("times", "list", keys=(
            Key("from", "id", required=True), Key("to", "id", required=True),
            Key("minutes", unit="minutes", lo=0, hi=10_000, required=True))))),
    SCENARIO["social"],  # every member's social limits, as in a scenario file
    Key("solver", "mapping", keys=(
        Key("time_limit", **_SECONDS),
        Key("alone_time_limit", **_SECONDS),
        Key("gap", unit="fraction", lo=0, hi=1),
        Key("abs_gap", unit="€", lo=0, hi=1e12),
        Key("workers", "integer", "processes", 1, 256),  # more than the cores are not used (see cores())
        Key("exact_limit", "integer", "members", 1, 16),
        Key("samples", "integer", "orders", 1, 10_000),
        Key("seed", "integer", "", 0, 2**31),
    )),
))


def cores() -> int:
    """The processors this process may use: the most coalition solves that run at once."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Member:
    id: str
    model: CompanyModel
    path: str = ""  # as written in the file

    @property
    def se(self) -> float:
        return sum(g.se for g in self.model.groups)


@dataclass(frozen=True)
class Host:
    member: str
    site: str
    extra_cost: float = 0.0  # € per hosted workplace per year, real (host's cost)
    charge: float = 0.0  # € per hosted workplace per year, guest -> host (transfer)
    capacity: float | None = None  # most hosted workplaces


@dataclass(frozen=True)
class Movable:
    member: str
    pmc: str
    move_cost: float | None = None  # € one-off; None: the PMC's own moving cost


@dataclass(frozen=True)
class Pooling:
    members: tuple[str, ...]
    saving_share: float
    one_off_cost: float = 0.0  # € per member joining
    start_year: int | None = None


@dataclass(frozen=True)
class SupervisionPool:
    """One pool of supervisors: each joining member's supervisors of one type may cover the workers of
    the others' types in the pool (they stay employed, and paid, by their own company)."""

    types: tuple[tuple[str, str], ...]  # (member id, supervision type id) per member that may join
    one_off_cost: float = 0.0  # € per member joining
    start_year: int | None = None

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(m for m, _ in self.types)


@dataclass(frozen=True)
class Region:
    name: str
    members: tuple[Member, ...]
    levers: tuple[str, ...] = DEFAULT_LEVERS
    hosts: tuple[Host, ...] = ()
    movables: tuple[Movable, ...] = ()
    pooling: Pooling | None = None  # overhead: one back office
    acquisition_pooling: Pooling | None = None  # one sales desk
    supervision_pooling: SupervisionPool | None = None  # one pool of supervisors
    travel: Travel | None = None
    time_limit: float = 30.0  # seconds per coalition solve
    alone_time_limit: float | None = None  # seconds per single-company solve (default 3 x time_limit): their
    #                                        plans start every larger coalition
    gap: float = 0.0  # relative MIP gap per coalition solve (of the NPV, which includes wages and subsidy)
    abs_gap: float | None = None  # or stop once the plan is within this many euros of the optimum
    workers: int = 2
    exact_limit: int = 8  # exact Shapley up to this many members; sampled beyond
    samples: int = 200  # permutations when sampled
    seed: int = 1
    social: SocialLimits = field(default_factory=SocialLimits)  # every member's (right to work, move limits)
    warnings: tuple = ()  # problems of the file that did not stop it being read (region.workers_capped)

    @property
    def ids(self) -> list[str]:
        return [m.id for m in self.members]

    def index(self, member_id: str) -> int:
        return self.ids.index(member_id)

    def coalition_name(self, coalition) -> str:
        """A coalition of member indices as its members' ids, e.g. "{WV, ND}"."""
        return "{" + ", ".join(self.members[i].id for i in coalition) + "}"

    def may_move(self, mv: Movable, host: Host) -> bool:
        """A movable PMC may go to a partner's hosting site (within the travel limit, if any)."""
        if host.member == mv.member:
            return False
        if self.travel is None:
            return True
        home = self.members[self.index(mv.member)].model.pmc[mv.pmc].site
        return self.travel.allows(f"{mv.member}/{home}", f"{host.member}/{host.site}")

    def move_cost(self, mv: Movable) -> float:
        pmc = self.members[self.index(mv.member)].model.pmc[mv.pmc]
        return mv.move_cost if mv.move_cost is not None else (pmc.move_cost or 0.0)
