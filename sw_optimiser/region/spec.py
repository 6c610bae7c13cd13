"""What a region is: its members and what they may share (read from a region file by `reader.py`,
whose docstring gives the file format)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..company import CompanyModel
from ..scenario import SocialLimits

DEFAULT_LEVERS = ("placement", "phase_out", "tariffs", "sites")


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
class Travel:
    max_minutes: float
    minutes: dict  # frozenset({"NB/S1", "WV/S1"}) -> minutes, either way

    def allows(self, a: str, b: str) -> bool:
        time = self.minutes.get(frozenset((a, b)))
        return time is not None and time <= self.max_minutes


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
