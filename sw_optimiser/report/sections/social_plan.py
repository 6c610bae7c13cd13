"""Section 4.2 of the review, the social plan: per worker group and year who moves from which workplace to
which (report/social_plan.py), in whole people in the text and SE in the table, and whether everyone
keeps suitable work."""

from __future__ import annotations

import pandas as pd

from ..containers import ReportTable
from ..social_plan import EPS, IDLE, group_moves, relocated
from .base import Section

MAX_NAMED = 3  # workplaces named in a sentence; the workbook's sheet Wissels has them all


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
        return text, self.social_matrix(moves)

    def social_matrix(self, moves: pd.DataFrame) -> ReportTable:
        """SE per worker group and year: changing workplace, and getting work after being without (or losing it)."""
        years = self.m.plan_years
        moving = moves[(moves.source != IDLE) & (moves.target != IDLE)]
        rows = [{"item": self.t("report.social_row_group", group=g.id),
                 **{y: float(moving[(moving.group == g.id) & (moving.year == y)].se.sum()) for y in years}}
                for g in self.m.groups if (moving.group == g.id).any()]
        strong = {len(rows)}  # the total
        rows.append({"item": self.t("report.row_total"), **{y: float(moving[moving.year == y].se.sum()) for y in years}})
        for key, part in (("placed", moves[moves.source == IDLE]), ("lost", moves[moves.target == IDLE])):
            if not part.empty:
                rows.append({"item": self.t(f"report.social_row_{key}"),
                             **{y: float(part[part.year == y].se.sum()) for y in years}})
        return ReportTable("social_plan", pd.DataFrame(rows), title=self.t("report.tbl_social_plan"),
                           note=self.t("report.note_social_plan"), kinds={y: "se" for y in years},
                           label_column="item", headings={"item": self.t("report.col_item")}, strong=strong)

    def social_moves_table(self) -> ReportTable | None:
        """Every move of the plan, per worker group and year, from which workplace to which (the workbook)."""
        if self.plan is None:
            return None
        moves = group_moves(self.m, self.plan.plan, self.m.plan_years)
        if moves.empty:
            return None
        frame = moves.assign(source=moves.source.map(self.place), target=moves.target.map(self.place))
        return ReportTable("social_moves", frame.reset_index(drop=True), title=self.t("report.tbl_social_moves"),
                           note=self.t("report.note_social_moves"))

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
