"""Travel times between sites: one notion for a company's own sites and for the region's members' sites.

Wsw employees cannot travel far: a PMC moves only to a site within the maximum travel time. A pair of
sites that is not listed, or is further than the maximum, is not a possible move."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Travel:
    max_minutes: float
    minutes: dict  # frozenset({a, b}) -> minutes, either way (a site id, or "member/site" in a region)

    def allows(self, a: str, b: str) -> bool:
        time = self.minutes.get(frozenset((a, b)))
        return time is not None and time <= self.max_minutes
