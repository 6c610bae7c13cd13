"""The report's optional regional section: what the region's cooperation is worth (the gain of
cooperation) and this company's share of it by the Shapley value (pro rata SE for comparison).
Pure: from a region.RegionResult already computed (`sw-optimiser region` or the explorer's Regio page)."""

from __future__ import annotations

import pandas as pd

from .data import ReportTable
from .text import Say


def member_index(result, company: str, member: str | None = None) -> int | None:
    """Which member of the region the report's company is: the member id given, else the member whose
    company has the report's company name; None when it is none of them."""
    return member_of(result.region, company, member)


def member_of(region, company: str, member: str | None = None) -> int | None:
    """member_index on a region.Region (before its split is solved)."""
    ids = region.ids
    if member is not None:
        if member not in ids:
            raise ValueError(f"{member!r} is not a member of region {region.name!r}; members: {', '.join(ids)}")
        return ids.index(member)
    named = [i for i, m in enumerate(region.members) if m.model.company.name == company]
    return named[0] if len(named) == 1 else None


def region_section(result, company: str, say: Say, member: str | None = None) -> tuple[list[str], ReportTable]:
    """The section's paragraphs and its table (one row per member: alone, Shapley share and total,
    share pro rata SE)."""
    r = result
    i = member_index(r, company, member)
    members = r.region.members
    texts = [say.t("report.region_intro", region=r.region.name, n=len(members),
                   members=say.join(m.id for m in members), alone=say.eur(sum(r.alone)), joint=say.eur(r.joint),
                   gain=say.eur(r.gain))]
    if r.gain_low is not None and r.gain_high is not None and r.gain_high - r.gain_low > 1:
        texts.append(say.t("region.gain_range", low=say.eur(r.gain_low), high=say.eur(r.gain_high)))
    if i is None:
        texts.append(say.t("report.region_not_member", company=company))
    else:
        share = r.shapley[i] - r.alone[i]
        texts.append(say.t("report.region_share", company=company, member=members[i].id,
                           alone=say.eur(r.alone[i]), share=say.eur(share),
                           part=say.pct(share / r.gain) if abs(r.gain) > 0.5 else "–",
                           total=say.eur(r.shapley[i]), proportional=say.eur(r.proportional[i] - r.alone[i])))
    ids = r.region.ids
    bad = [ids[k] for k in range(len(ids)) if not r.rational[k]]
    texts.append(say.t("region.rational_all", members="") if not bad else
                 say.t("region.rational_not", members=say.join(bad)))
    if r.core.in_core:
        texts.append(say.t("region.core_in", checked=r.core.checked))
    else:
        texts.append(say.t("region.core_out", coalition=r.region.coalition_name(r.core.worst),
                           amount=say.eur(r.core.shortfall), checked=r.core.checked))
    texts.append(say.t("region.sampled", samples=r.samples) if r.method == "sampled"
                 else say.t("region.exact", n=len(r.values)))
    if r.uncertainty > 1:
        texts.append(say.t("region.uncertain", amount=say.eur(r.uncertainty)))
    frame = pd.DataFrame({
        "member": ids,
        "alone": r.alone,
        "shapley_gain": r.shapley_gain(),
        "shapley": r.shapley,
        "proportional_gain": r.proportional_gain(),
    })
    columns = ("member", "alone", "shapley_gain", "shapley", "proportional_gain")
    table = ReportTable("region", frame, title=say.t("report.region_table", region=r.region.name),
                        headings={c: say.t(f"region.col.{c}") for c in columns},
                        kinds={c: "text" if c == "member" else "eur" for c in columns},
                        strong={i} if i is not None else set(), label_column="member")
    return texts, table
