"""The waterfall of the review (after the levers): the worth of each lever, alone and step by step."""

from __future__ import annotations

import pandas as pd

from ..containers import ReportTable
from .base import Section


class WaterfallSection(Section):
    # ----- waterfall ------------------------------------------------------------------------------------
    def waterfall(self) -> tuple[list[str], ReportTable | None]:
        s, w = self.say, self.c.waterfall
        if w is None:
            if self.c.waterfall_error:
                return [self.t("report.waterfall_failed", reason=" ".join(self.texts(self.c.waterfall_error)))], None
            return [self.t("report.waterfall_none")], None
        alone = dict(zip(w.alone.lever, w.alone.gain))
        rows = []
        for r in w.steps.itertuples():
            label = {"baseline": self.t("report.row_baseline"), "all": self.t("report.row_all")}.get(r.lever)
            rows.append({"lever": label or s.lever(r.lever),
                         "gain_step": float("nan") if r.lever == "baseline" else r.gain, "npv": r.npv,
                         "gain_alone": alone.get(r.lever, float("nan"))})
        frame = pd.DataFrame(rows)
        text = [self.t("report.waterfall_intro", first=self.first, last=self.last)]
        best = w.alone.sort_values("gain", ascending=False)
        best = best[best.lever != "placement"]
        if len(best) and best.gain.iloc[0] > 0:
            text.append(self.t("report.waterfall_best", lever=s.lever(best.lever.iloc[0]),
                               gain=s.eur(best.gain.iloc[0])))
        end = float(w.steps.npv.iloc[-1])
        if self.plan is not None and abs(end - self.plan.npv) > max(1_000.0, 1e-3 * abs(self.plan.npv)):
            text.append(self.t("report.waterfall_differs", end=s.eur(end), npv_plan=s.eur(self.plan.npv)))
        title = self.t("report.tbl_waterfall", first=self.first, last=self.last)
        return text, ReportTable("waterfall", frame, title=title,
                                 strong={0, len(frame) - 1}, label_column="lever")
