"""Section 4.3 of the review, the municipal contribution per owner municipality: the distribution key
(sheet Gemeenten) applied to the baseline and the plan, structural and one-off apart, with what each
municipality pays as a client of owner-municipality PMCs netted (report/municipalities.py)."""

from __future__ import annotations

import pandas as pd

from ..containers import ReportTable
from ..municipalities import COLUMNS, by_municipality
from .base import Section


class MunicipalitiesSection(Section):
    def municipalities_section(self) -> tuple[list[str], ReportTable | None]:
        if self.plan is None:
            return [], None
        s, m = self.say, self.m
        if not m.municipalities:
            return [self.t("report.muni_none")], None
        frame = by_municipality(m, self.base, self.plan, m.plan_years)
        total = {c: frame[c].sum() for c in COLUMNS[1:]}
        owners = [p.id for p in m.pmcs if p.client == "owner_municipality"]
        net = total["net_effect"]
        text = [self.t("report.muni_intro", n=s.count(len(frame), "municipality"), first=self.first,
                       last=self.last, base=s.eur(total["contribution_base"]),
                       structural=s.eur(total["contribution_structural"]),
                       one_off=s.eur(abs(total["contribution_one_off"])),
                       one_off_kind=self.t("report.muni_one_off_less" if total["contribution_one_off"] < -0.5
                                           else "report.muni_one_off_more"))]
        if owners:
            text.append(self.t("report.muni_clients", pmcs=s.join(owners), base=s.eur(total["tariffs_base"]),
                               plan=s.eur(total["tariffs_plan"])))
        text.append(self.t("report.muni_net_less" if net < -0.5 else "report.muni_net_more" if net > 0.5
                           else "report.muni_net_same", amount=s.eur(abs(net))))
        largest = frame.sort_values("share", ascending=False).iloc[0]
        text.append(self.t("report.muni_largest", name=largest.municipality, share=s.pct(largest.share, 0),
                           base=s.eur(largest.contribution_base + largest.tariffs_base),
                           plan=s.eur(largest.contribution_structural + largest.contribution_one_off
                                      + largest.tariffs_plan), net=s.signed_eur(largest.net_effect)))
        rows = pd.concat([frame, pd.DataFrame([{"municipality": self.t("report.row_total"), **total}])],
                         ignore_index=True)
        table = ReportTable("municipalities", rows, title=self.t("report.tbl_municipalities", first=self.first,
                                                                 last=self.last),
                            note=self.t("report.note_municipalities"), label_column="municipality",
                            strong={len(rows) - 1}, plain={"net_effect"})  # paying less is no loss
        return text, table
