"""Section 4.2 of the review, the social plan: per worker group and year who moves from which workplace to
which (report/social_plan.py), in whole people in the text and SE in the table, and whether everyone
keeps suitable work."""

from __future__ import annotations

import pandas as pd

from ..containers import ReportTable
from ..social_plan import EPS, IDLE, group_moves, relocated
from .base import Section

MAX_NAMED = 3  # workplaces named in a sentence; the table has them all
TABLE_MIN = 0.5  # SE: smaller moves are counted in the text, not listed in the table


class SocialPlanSection(Section):
    def social_plan_section(self) -> tuple[list[str], ReportTable | None]:
        if self.plan is None:
            return [], None
        s, m = self.say, self.m
        years = m.plan_years
        moves = group_moves(m, self.plan.plan, years)
        text = [self.guarantee()]
        groups = [(g, self.group_parts(g, moves[moves.group == g.id])) for g in m.groups]
        groups = [(g, parts, n) for g, (parts, n) in groups if parts]
        if not groups:
            text.append(self.t("report.social_none", first=self.first, last=self.last))
        else:
            moving = sum(n for _, _, n in groups)
            text.append(self.t("report.social_intro", people=s.count(moving, "employee"), first=self.first,
                               last=self.last))
            text += [self.t("report.social_group", group=g.id, name=g.name, parts="; ".join(parts))
                     for g, parts, _ in groups]
        moved = relocated(m, self.plan.plan, years)
        if not moved.empty:
            text.append(self.t("report.social_relocated", people=s.count(moved.se.sum(), "employee"),
                               list=s.join(self.t("report.social_relocation", pmc=r.pmc, source=r.source,
                                                  target=r.target, year=int(r.year)) for r in moved.itertuples())))
        if moves.empty:
            return text, None
        frame = moves[moves.se >= TABLE_MIN]
        frame = frame.assign(source=frame.source.map(self.place), target=frame.target.map(self.place))
        table = ReportTable("social_plan", frame[["year", "group", "source", "target", "se"]].reset_index(drop=True),
                            title=self.t("report.tbl_social_plan"),
                            note=self.t("report.note_social_plan", min=s.num(TABLE_MIN, 1)))
        return text, table

    def group_parts(self, g, rows: pd.DataFrame) -> tuple[list[str], int]:
        """What the plan does with a group's people, in whole people: who change workplace (from where to
        where), who get work after being without, who lose it; and how many change workplace."""
        s = self.say
        kinds = (("moves", rows[(rows.source != IDLE) & (rows.target != IDLE)]),
                 ("placed", rows[rows.source == IDLE]), ("lost", rows[rows.target == IDLE]))
        parts, moving = [], 0
        for kind, part in kinds:
            n = round(float(part.se.sum()))
            if not n:
                continue
            moving += n if kind == "moves" else 0
            parts.append(self.t(f"report.social_group_{kind}", people=s.count(n, "employee"),
                                change=s.plural(n, "changes"), were=s.plural(n, "was"), get=s.plural(n, "gets"),
                                lose=s.plural(n, "loses"), years=s.years(part.year),
                                sources=self.places(part, "source"), targets=self.places(part, "target")))
        return parts, moving

    def places(self, rows: pd.DataFrame, column: str) -> str:
        """The workplaces of `column` in words, those with most SE first; beyond MAX_NAMED, how many more."""
        se = rows.groupby(column).se.sum().sort_values(ascending=False, kind="stable")
        named = [self.place(k) for k in se.index[:MAX_NAMED]]
        if len(se) > MAX_NAMED:
            return self.t("report.social_more", list=", ".join(named),
                          n=self.say.count(len(se) - MAX_NAMED, "other_place"))
        return self.say.join(named)

    def place(self, key: str) -> str:
        """A workplace in words: a PMC's id, a chain partner (named so), or 'without work'."""
        if key == IDLE:
            return self.t("report.place_idle")
        if key in self.m.chain_partner:
            return self.t("report.place_chain", partner=key)
        return key

    def guarantee(self) -> str:
        """Everyone keeps suitable work, true only if no plan year has anyone without work; else how many, where."""
        s, groups = self.say, self.plan.groups
        idle = groups[(groups.year > self.by) & (groups.idle >= EPS)]
        if idle.empty:
            return self.t("report.social_guarantee", first=self.first, last=self.last)
        per_year = idle.groupby("year").idle.sum()
        peak = int(per_year.idxmax())
        worst = idle[idle.year == peak].sort_values("idle", ascending=False)
        return self.t("report.social_plan_idle", years=s.years(per_year.index), peak_year=peak,
                      peak=s.count(per_year[peak], "employee"),
                      groups=s.join(self.t("report.social_plan_idle_group", group=r.group, people=s.people(r.idle))
                                    for r in worst.itertuples()))
