"""Section 4.1 of the review, the implementation roadmap: a table year → steps (report/roadmap.py), with
closures as wind-downs, lease ends, contract renewals, site divestments, supervision and sales changes."""

from __future__ import annotations

import pandas as pd

from ..containers import ReportTable
from ..roadmap import Step, roadmap
from .base import Section


class RoadmapSection(Section):
    def roadmap_section(self) -> tuple[list[str], ReportTable | None]:
        if self.plan is None:
            return [], None
        s = self.say
        steps = roadmap(self.m, self.base, self.plan)
        if not steps:
            return [self.t("report.roadmap_none", first=self.first, last=self.last)], None
        per_year = pd.Series([st.year for st in steps]).value_counts()
        peak = int(per_year.idxmax())
        text = [self.t("report.roadmap_intro", n=s.count(len(steps), "step"), first=self.first, last=self.last,
                       peak_year=peak, peak=s.count(int(per_year[peak]), "step"))]
        rows = [{"year": st.year, "subject": self.step_subject(st), "action": self.step_text(st),
                 "one_off": st.amount if abs(st.amount) >= 0.5 else float("nan")} for st in steps]
        table = ReportTable("roadmap", pd.DataFrame(rows, columns=["year", "subject", "action", "one_off"]),
                            title=self.t("report.tbl_roadmap"), note=self.t("report.note_roadmap"),
                            label_column="action")
        return text, table

    def step_subject(self, st: Step) -> str:
        if st.kind == "supervision":
            return self.t("report.road_subject_supervision")
        if st.kind == "sales":
            return self.say.activity(st.subject)
        return st.subject

    def step_text(self, st: Step) -> str:
        s, m, f = self.say, self.m, st.figures
        cost = s.eur(abs(st.amount))
        if st.kind in ("wind_down", "close_pmc", "move_pmc", "renewal", "tariff"):
            pmc = m.pmc[st.subject]
            names = {"pmc": pmc.id, "name": pmc.name}
        if st.kind == "wind_down":
            return self.t("report.road_wind_down", **names, se_from=s.people(f["se_from"]), year_from=f["year_from"],
                          se_to=s.people(f["se_to"]), year=st.year, close_year=f["close_year"])
        if st.kind == "close_pmc":
            path = s.join(self.t("report.road_se_in", se=s.people(se), year=y) for y, se in f["path"].items())
            key = "report.road_close_pmc_path" if path else "report.road_close_pmc"
            return self.t(key, **names, se_from=s.people(f["se_from"]), year_from=f["year_from"], path=path,
                          cost=cost)
        if st.kind == "move_pmc":
            target = m.site.get(f["target"])
            return self.t("report.road_move_pmc", **names, source=f["source"], target=f["target"],
                          target_name=target.name if target else f["target"], cost=cost)
        if st.kind in ("lease_end", "divest_site"):
            site = m.site[st.subject]
            if st.kind == "lease_end":
                key = "report.road_lease_end_until" if f.get("left") else "report.road_lease_end"
            else:
                key = f"report.road_divest_{f['how']}"
            return self.t(key, site=site.id, name=site.name, amount=cost, lease_end=f.get("lease_end") or "",
                          left=f.get("left") or "")
        if st.kind in ("renewal", "tariff"):
            index = m.price_index(st.year)
            tariff = lambda level: s.tariff(next(tr.hourly_tariff for tr in m.tariffs_of[pmc.id]  # noqa: E731
                                                 if tr.level == level) * index)
            if st.kind == "renewal":
                return self.t("report.road_renewal", **names, level=f["level"], tariff=tariff(f["level"]))
            key = "report.road_tariff_renewal" if f["renewed"] else "report.road_tariff"
            return self.t(key, **names, level_from=f["level_from"], level_to=f["level_to"],
                          tariff_from=tariff(f["level_from"]), tariff_to=tariff(f["level_to"]))
        if st.kind == "reorganise":
            k = m.supervision_type[st.subject]
            return self.t("report.road_reorganise", type=k.id, name=k.name, option_from=f["option_from"],
                          option_to=f["option_to"], cost=cost)
        if st.kind == "supervision":
            return self.t("report.road_supervision", fte_from=s.fte(f["fte_from"]), fte_to=s.fte(f["fte_to"]),
                          fte_base=s.fte(f["fte_base"]))
        if st.kind == "sales":
            return self.t("report.road_sales", activity=s.activity(st.subject), fte_from=s.fte(f["fte_from"]),
                          fte_to=s.fte(f["fte_to"]))
        partner = m.chain_partner[st.subject]
        return self.t(f"report.road_{st.kind}", partner=partner.id, name=partner.name, se=s.people(f["se"]))
