"""Section 3 of the review, the levers: one `LeverReport` each, with its findings (findings.py),
advice, worth and social consequences."""

from __future__ import annotations

from ...results import Results
from ...scenario import LEVERS
from ..advice import Advice
from ..containers import LeverReport
from .base import Section


class LeversSection(Section):
    # ----- 3. levers ---------------------------------------------------------------------------------
    def lever(self, lever: str) -> LeverReport:
        s = self.say
        findings, tables = getattr(self, f"find_{lever}")()
        advice = self.advice_by_lever.get(lever, [])
        active = lever in self.c.scenario.active_levers
        if not active:
            no_advice = self.t("report.lever_off")
        elif self.plan is None:
            no_advice = self.t("report.lever_no_plan")
        else:
            no_advice = self.t(f"report.none_{lever}")
        gain_alone = gain_step = None
        worth, social = [], []
        w = self.c.waterfall
        if active and w is not None:
            alone = dict(zip(w.alone.lever, w.alone.gain))
            steps = dict(zip(w.steps.lever, w.steps.gain))
            gain_alone, gain_step = alone.get(lever), steps.get(lever)
            key = "report.worth_placement" if lever == "placement" else "report.worth"
            worth.append(self.t(key, alone=s.signed_eur(gain_alone), step=s.signed_eur(gain_step),
                                first=self.first, last=self.last))
            social += self.social_alone(lever, w)
        if active and self.plan is not None:
            social += self.social_direct(lever, advice)
        return LeverReport(lever=lever, title=s.lever(lever), active=active, findings=findings, tables=tables,
                           advice=advice, no_advice=no_advice, worth=worth, gain_alone=gain_alone,
                           gain_step=gain_step, social=social, risks=[self.t(f"risk.{lever}")])

    def social_alone(self, lever: str, w) -> list[str]:
        """Workplace changes, sheltered places and idle SE of the lever alone (with reallocation)."""
        s = self.say
        active = self.c.scenario.active_levers
        ref = ("placement",) if "placement" in active and lever != "placement" else ()
        key = tuple(k for k in LEVERS if k in set(ref + (lever,)))
        res, ref_res = w.results.get(key), w.results.get(ref)
        if res is None or ref_res is None:
            return []
        years = self.m.plan_years
        moved = float(res.pnl.loc[years, "se_moved"].sum())
        moved_ref = float(ref_res.pnl.loc[years, "se_moved"].sum())
        last = res.pnl.loc[self.last]
        key_text = "report.social_alone_placement" if lever == "placement" else "report.social_alone"
        return [self.t(key_text, moved=s.se(moved), moved_ref=s.se(moved_ref), first=self.first, last=self.last,
                       sheltered=s.se(last.se_sheltered), sheltered_base=s.se(self.bp(self.last).se_sheltered),
                       idle=s.se(last.se_idle), idle_base=s.se(self.bp(self.last).se_idle))]

    def social_direct(self, lever: str, advice: list[Advice]) -> list[str]:
        """Employees whose workplace the plan's decisions of this lever touch directly."""
        s, plan = self.say, self.plan
        if lever == "phase_out":
            se = sum(_se_before(plan, a.subject, a.year) for a in advice)
            sheltered = sum(_se_before(plan, a.subject, a.year) for a in advice if self.m.pmc[a.subject].sheltered)
            return [self.t("report.social_closures", se=s.se(se), sheltered=s.se(sheltered))] if advice else []
        if lever == "sites":
            moves = plan.events[plan.events.kind == "move_pmc"]
            se = sum(_se_before(plan, r.subject, r.year) for r in moves.itertuples())
            return [self.t("report.social_moves", n=len(moves), se=s.se(se))] if len(moves) else []
        if lever == "chain":
            top = plan.chain.groupby("year").se.sum().max() if not plan.chain.empty else 0.0
            return [self.t("report.social_chain", se=s.se(top))] if top > 0.05 else []
        if lever == "placement":
            p = plan.pnl.loc[self.m.plan_years]
            if p.empty:
                return []
            peak = p.se_moved.idxmax()
            return [self.t("report.social_moved", moved=s.se(p.se_moved.sum()), first=self.first, last=self.last,
                           peak=s.se(p.se_moved[peak]), peak_year=int(peak))]
        return []


def _se_before(plan: Results, pmc: str, year: int) -> float:
    rows = plan.pmcs[(plan.pmcs.pmc == pmc) & (plan.pmcs.year == year - 1)]
    return float(rows.se.sum())
