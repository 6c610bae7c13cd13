"""The management summary at the head of section 1: numbered recommendations, the structural saving
per year, the one-off costs and their payback, and the decisions asked of the board."""

from __future__ import annotations

from ..split import payback_year, structural_and_one_off
from .base import Section

MAX_RECOMMENDATIONS = 7


class ManagementSection(Section):
    def management(self, highlights: list[str]) -> tuple[list[str], list[str]]:
        """(numbered recommendations, the paragraphs on money and the board's decisions)."""
        if self.plan is None or not self.advice:
            return [], []
        s = self.say
        w = self.c.waterfall
        worth = dict(zip(w.steps.lever, w.steps.gain)) if w is not None else {}
        worth.update(self.c.worth_in_plan)  # what a lever adds in the plan, where it was measured
        used = [k for k in self.c.scenario.active_levers if self.advice_by_lever.get(k)]
        by_lever = dict(zip(used, highlights))  # highlights: one line per lever used, in lever order
        order = sorted(used, key=lambda k: -worth.get(k, 0.0))[:MAX_RECOMMENDATIONS]
        recs = []
        for lever in order:
            key = "report.mgmt_worth_in_plan" if lever in self.c.worth_in_plan else "report.mgmt_worth"
            recs.append(by_lever[lever] + (" " + self.t(key, worth=s.signed_eur(worth[lever])) if lever in worth else ""))
        split = structural_and_one_off(self.base, self.plan, self.m.plan_years)
        year = payback_year(split)
        if split.one_off_net.sum() <= 0.5:
            payback = self.t("report.mgmt_payback_now")
        elif year is not None:
            payback = self.t("report.mgmt_payback", year=year)
        else:
            payback = self.t("report.mgmt_payback_none", first=self.first, last=self.last)
        money = self.t("report.mgmt_money", last=self.last, structural=s.signed_eur(split.structural.iloc[-1]),
                       first=self.first, structural_first=s.signed_eur(split.structural.iloc[0]),
                       costs=s.eur(split.one_off_costs.sum()), proceeds=self._proceeds(split.one_off_proceeds.sum()),
                       payback=payback)
        return recs, [money, self.board(split)]

    def _proceeds(self, amount: float) -> str:
        """' en brengt het € 50.000 op', or nothing where nothing is sold."""
        return self.t("report.mgmt_proceeds", proceeds=self.say.eur(amount)) if round(amount) > 0 else ""

    def board(self, split) -> str:
        """The decisions asked of the board, from the plan's decisions."""
        s, a = self.say, self.advice_by_lever
        kinds = lambda lever, *ks: [x for x in a.get(lever, []) if x.kind in ks]  # noqa: E731
        items = []
        if kinds("phase_out", "close_pmc"):
            items.append(self.t("report.board_close", n=s.count(len(kinds("phase_out", "close_pmc")), "pmc")))
        if a.get("tariffs"):
            items.append(self.t("report.board_tariffs", n=s.count(len(a["tariffs"]), "tariff_decision")))
        if kinds("sites", "divest_site"):
            items.append(self.t("report.board_sites", n=s.count(len(kinds("sites", "divest_site")), "site")))
        if kinds("sites", "move_pmc"):
            items.append(self.t("report.board_moves", n=s.count(len(kinds("sites", "move_pmc")), "move")))
        if a.get("supervision"):
            items.append(self.t("report.board_supervision",
                                list=s.join(dict.fromkeys(x.subject for x in a["supervision"]))))
        if a.get("acquisition"):
            items.append(self.t("report.board_sales", list=s.join(s.activity(x.subject) for x in a["acquisition"])))
        if a.get("chain"):
            items.append(self.t("report.board_chain", partners=s.plural(len(a["chain"]), "partner"),
                                list=s.join(x.subject for x in a["chain"])))
        if split.one_off_costs.sum() > 0.5:
            items.append(self.t("report.board_budget", costs=s.eur(split.one_off_costs.sum())))
        return self.t("report.mgmt_board", list=s.join(items))
