"""Section 3 of the review, the levers: one `LeverReport` each, with its findings (findings.py),
advice, worth, social consequences and risks. Social consequences and risks are said of the plan's
own decisions for the lever (none when it takes none), never of a solve of the lever alone."""

from __future__ import annotations

from ...results import Results
from ..advice import Advice
from ..containers import LeverReport
from .base import Section
from .findings import FINDINGS


class LeversSection(Section):
    # ----- 3. levers ---------------------------------------------------------------------------------
    def lever(self, lever: str) -> LeverReport:
        s = self.say
        findings, tables = FINDINGS[lever](self)
        advice = self.advice_by_lever.get(lever, [])
        active = lever in self.c.scenario.active_levers
        in_plan = self.c.worth_in_plan.get(lever)
        if not active:
            no_advice = self.t("report.lever_off")
        elif self.plan is None:
            no_advice = self.t("report.lever_no_plan")
        elif lever in self.worthless:
            no_advice = self.t("report.worth_nothing", in_plan=s.signed_eur(in_plan))
        else:
            no_advice = self.t(f"report.none_{lever}")
        gain_alone = gain_step = None
        worth = []
        w = self.c.waterfall
        if active and w is not None:
            alone = dict(zip(w.alone.lever, w.alone.gain))
            steps = dict(zip(w.steps.lever, w.steps.gain))
            gain_alone, gain_step = alone.get(lever), steps.get(lever)
            key = "report.worth_placement" if lever == "placement" else "report.worth"
            worth.append(self.t(key, alone=s.signed_eur(gain_alone), step=s.signed_eur(gain_step),
                                first=self.first, last=self.last))
            if in_plan is not None and lever not in self.worthless:
                worth.append(self.t("report.worth_in_plan", in_plan=s.signed_eur(in_plan)))
        social = SOCIAL[lever](self, advice) if active and self.plan is not None else []
        risks = [RISKS[lever](self, advice) if advice else self.t("risk.none")]
        return LeverReport(lever=lever, title=s.lever(lever), active=active, findings=findings, tables=tables,
                           advice=advice, no_advice=no_advice, worth=worth, gain_alone=gain_alone,
                           gain_step=gain_step, social=social, risks=risks)

    # ----- social consequences of the plan's decisions, per lever ------------------------------------
    def social_placement(self, advice: list[Advice]) -> list[str]:
        s, p = self.say, self.plan.pnl.loc[self.m.plan_years]
        if p.empty:
            return []
        out = []
        if p.se_moved.sum() > 0.05:
            peak = p.se_moved.idxmax()
            out.append(self.t("report.social_moved", moved=s.se(p.se_moved.sum()), first=self.first, last=self.last,
                              peak=s.se(p.se_moved[peak]), peak_year=int(peak)))
        out.append(self.t("report.social_idle", last=self.last, idle=s.se(self.pp(self.last).se_idle),
                          idle_base=s.se(self.bp(self.last).se_idle)))
        return out

    def social_phase_out(self, advice: list[Advice]) -> list[str]:
        s, plan = self.say, self.plan
        se = sum(_se_before(plan, a.subject, a.year) for a in advice)
        sheltered = sum(_se_before(plan, a.subject, a.year) for a in advice if self.m.pmc[a.subject].sheltered)
        return [self.t("report.social_closures", se=s.se(se), sheltered=s.se(sheltered))] if advice else []

    def social_tariffs(self, advice: list[Advice]) -> list[str]:
        out = []
        for a in advice:
            if a.kind != "raise_tariff":
                continue
            old = self.m.current_tariff(a.subject)
            new = next(tr for tr in self.m.tariffs_of[a.subject] if str(tr.level) == a.target)
            if new.demand < old.demand:
                out.append(self.t("report.social_tariff", pmc=a.subject, demand_from=self.say.se(old.demand),
                                  demand_to=self.say.se(new.demand)))
        return out

    def social_acquisition(self, advice: list[Advice]) -> list[str]:
        s, out = self.say, []
        for a in advice:
            plan = self.plan.pmcs[self.plan.pmcs.activity == a.subject].groupby("year").se.sum()
            base = self.base.pmcs[self.base.pmcs.activity == a.subject].groupby("year").se.sum()
            year = int((plan - base.reindex(plan.index).fillna(0.0)).idxmax())
            out.append(self.t("report.social_acquisition", year=year, se=s.se(plan[year]),
                              activity=s.activity(a.subject), se_base=s.se(base.get(year, 0.0))))
        return out

    def social_supervision(self, advice: list[Advice]) -> list[str]:
        if not advice:
            return []
        s, sup = self.say, self.plan.supervision
        last = sup[sup.year == self.last]
        now = self.base.supervision[self.base.supervision.year == self.by]
        fte, se = float(last.fte.sum()), float(last.se.sum())
        return [self.t("report.social_supervision", last=self.last, se=s.se(se), fte=s.fte(fte),
                       ratio=s.num(se / fte, 1) if fte > 0.05 else "–", base_year=self.by,
                       ratio_now=s.num(now.se.sum() / now.fte.sum(), 1) if now.fte.sum() > 0.05 else "–")]

    def social_sites(self, advice: list[Advice]) -> list[str]:
        s, plan = self.say, self.plan
        moves = plan.events[plan.events.kind == "move_pmc"]
        se = sum(_se_before(plan, r.subject, r.year) for r in moves.itertuples())
        out = [self.t("report.social_moves", n=s.count(len(moves), "pmc"), se=s.se(se))] if len(moves) else []
        divest = [a for a in advice if a.kind == "divest_site"]
        if divest:
            sites = plan.sites
            before = sum(float(sites[(sites.site == a.subject) & (sites.year == a.year - 1)].se.sum()) for a in divest)
            out.append(self.t("report.social_divest", list=s.join(a.subject for a in divest), se=s.se(before)))
        return out

    def social_chain(self, advice: list[Advice]) -> list[str]:
        plan = self.plan
        top = plan.chain.groupby("year").se.sum().max() if not plan.chain.empty else 0.0
        return [self.t("report.social_chain", se=self.say.people(top))] if top > 0.05 else []

    # ----- risks of the plan's decisions, per lever ------------------------------------------------------
    def risk_placement(self, advice: list[Advice]) -> str:
        p = self.plan.pnl.loc[self.m.plan_years]
        return self.t("risk.placement", moved=self.say.people(p.se_moved.sum()), peak_year=int(p.se_moved.idxmax()))

    def risk_phase_out(self, advice: list[Advice]) -> str:
        se = sum(_se_before(self.plan, a.subject, a.year) for a in advice)
        return self.t("risk.phase_out", list=self.say.join(a.subject for a in advice), se=self.say.people(se))

    def risk_subjects(self, lever: str, advice: list[Advice]) -> str:
        names = [self.say.activity(a.subject) if lever == "acquisition" else a.subject for a in advice]
        return self.t(f"risk.{lever}", list=self.say.join(dict.fromkeys(names)))


def _se_before(plan: Results, pmc: str, year: int) -> float:
    rows = plan.pmcs[(plan.pmcs.pmc == pmc) & (plan.pmcs.year == year - 1)]
    return float(rows.se.sum())


# Social consequences and risks of each lever's decisions, looked up by the lever's name.
SOCIAL = {
    "placement": LeversSection.social_placement, "phase_out": LeversSection.social_phase_out,
    "tariffs": LeversSection.social_tariffs, "acquisition": LeversSection.social_acquisition,
    "supervision": LeversSection.social_supervision, "sites": LeversSection.social_sites,
    "chain": LeversSection.social_chain,
}
RISKS = {
    "placement": LeversSection.risk_placement, "phase_out": LeversSection.risk_phase_out,
    "tariffs": lambda self, advice: self.risk_subjects("tariffs", advice),
    "acquisition": lambda self, advice: self.risk_subjects("acquisition", advice),
    "supervision": lambda self, advice: self.risk_subjects("supervision", advice),
    "sites": lambda self, advice: self.risk_subjects("sites", advice),
    "chain": lambda self, advice: self.risk_subjects("chain", advice),
}
