"""Regional cooperation (lever 7): sw-companies of one labour-market region share sites and pool
overhead, acquisition and supervisors; the gain of cooperation is split by the Shapley value (and, for
comparison, pro rata SE). The formulation is in README.md next to this file."""

from .joint import CoalitionValue, build_joint, solve_coalition
from .run import RegionResult, solve_all, split
from .reader import parse_region, read_region
from .spec import Host, Member, Movable, Pooling, Region, SupervisionPool, Travel

__all__ = ["CoalitionValue", "Host", "Member", "Movable", "Pooling", "Region", "RegionResult", "SupervisionPool",
           "Travel", "build_joint", "parse_region", "read_region", "solve_all", "solve_coalition", "split"]
