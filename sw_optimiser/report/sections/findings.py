"""The findings per lever of section 3 (levers.py): sentences and tables about the base year and
what the plan does with it."""

from __future__ import annotations

import pandas as pd

from ...schema import OUTSIDE_ACTIVITIES, SECONDMENT_ACTIVITIES
from ..containers import ReportTable
from .base import ACTIVITY_ORDER, Section


class FindingsSection(Section):
    # findings per lever: (sentences, tables)
    def find_placement(self):
        s, b0 = self.say, self.bp()
        g = self.base.groups[self.base.groups.year == self.by]
        idle = g[g.idle > 0.05]
        pm = self.base_pmcs()
        neg = pm[pm.margin < 0]
        text = [self.t("report.find_placement", idle=s.se(b0.se_idle), base_year=self.by,
                       groups=s.join(f"{r.group} {s.se(r.idle)}" for r in idle.itertuples()) or "–",
                       se_neg=s.se(neg.se.sum()), n_neg=s.count(len(neg), "pmc"))]
        if self.plan is not None:
            p1 = self.pp(self.first)
            text.append(self.t("report.find_placement_plan", year=self.first,
                               idle_base=s.se(self.bp(self.first).se_idle),
                               idle_plan=s.se(p1.se_idle), outside_base=s.se(self.bp(self.first).se_outside),
                               outside_plan=s.se(p1.se_outside)))
        tables = []
        if self.plan is not None:
            rows = []
            for year in sorted({self.first, self.last}):
                b = self.base.pmcs[self.base.pmcs.year == year].groupby("activity").se.sum()
                p = self.plan.pmcs[self.plan.pmcs.year == year].groupby("activity").se.sum()
                for a in ACTIVITY_ORDER:
                    if a in b.index or a in p.index:
                        rows.append({"year": year, "activity": s.activity(a), "se_base": b.get(a, 0.0),
                                     "se_plan": p.get(a, 0.0)})
                for label, col in (("report.row_chain", "se_chain"), ("report.row_idle", "se_idle")):
                    rows.append({"year": year, "activity": self.t(label), "se_base": self.bp(year)[col],
                                 "se_plan": self.pp(year)[col]})
            tables.append(ReportTable("placement", pd.DataFrame(rows), title=self.t("report.tbl_placement"),
                                      headings={"se_base": self.t("report.col_se_baseline"),
                                                "se_plan": self.t("report.col_se_plan")}, label_column="activity"))
        return text, tables

    def find_phase_out(self):
        s, m = self.say, self.m
        pm = self.base_pmcs()
        neg = pm[pm.margin < 0].sort_values("margin")
        fixed = [p for p in neg.pmc if not m.pmc[p].may_close]
        closing = {a.subject: a.year for a in self.advice_by_lever.get("phase_out", [])}
        text = [self.t("report.find_phase_out", n=len(neg), total=len(pm), base_year=self.by,
                       sum=s.eur(neg.margin.sum()))]
        if fixed:
            text.append(self.t("report.find_phase_out_fixed", list=s.join(fixed)))
        direct = neg.value_added - neg.fixed_costs - neg.supervision_alloc
        if self.plan is not None:
            # why each PMC kept open despite its margin stays open: said from its own figures
            for r, d in zip(neg.itertuples(), direct):
                if r.pmc in closing or not m.pmc[r.pmc].may_close:
                    continue
                key = "report.find_phase_out_kept_covers" if d >= 0 else "report.find_phase_out_kept_loses"
                text.append(self.t(key, pmc=r.pmc, name=r.name, margin=s.eur(r.margin), direct=s.eur(d),
                                   value_added=s.eur(r.value_added), fixed=s.eur(r.fixed_costs), se=s.se(r.se)))
        frame = pd.DataFrame({
            "pmc": neg.pmc, "name": neg.name, "activity": neg.activity.map(s.activity), "se": neg.se,
            "direct_margin": direct, "margin": neg.margin,
            "margin_per_se": neg.margin / neg.se.where(neg.se > 0.05),
            "may_close": [self.t("report.yes" if m.pmc[p].may_close else "report.no") for p in neg.pmc],
            "plan_year": [str(closing[p]) if p in closing else "–" for p in neg.pmc],
        }).reset_index(drop=True)
        tables = [ReportTable("phase_out", frame, title=self.t("report.tbl_phase_out", year=self.by),
                              headings={"plan_year": self.t("report.col_closes")},
                              label_column="name")] if len(frame) else []
        return text, tables

    def find_tariffs(self):
        s, m = self.say, self.m
        if not m.tariffs_of:
            return [self.t("report.find_tariffs_none")], []
        pm = self.base_pmcs().set_index("pmc")
        raised = {a.subject for a in self.advice_by_lever.get("tariffs", []) if a.kind == "raise_tariff"}
        rows = []
        for pid, levels in m.tariffs_of.items():
            cur = m.current_tariff(pid)
            plan_levels = []
            if self.plan is not None:
                pl = self.plan.pmcs[(self.plan.pmcs.pmc == pid)].set_index("year").tariff_level
                plan_levels = [pl.get(self.first), pl.get(self.last)]
            other = ", ".join(f"{tr.level}:\u00a0{s.tariff(tr.hourly_tariff)}/{s.se(tr.demand)}" for tr in levels)
            rows.append({"pmc": pid, "name": m.pmc[pid].name, "level": cur.level, "hourly_tariff": cur.hourly_tariff,
                         "demand": cur.demand, "se": pm.se.get(pid, 0.0), "options": other,
                         "plan_level": " → ".join(_level(v) for v in plan_levels) if plan_levels else "–"})
        text = [self.t("report.find_tariffs", n=s.count(len(rows), "secondment_pmc"),
                       hours=s.num(m.company.billable_hours))]
        below = below_market(m, pm.se.to_dict())
        text.append(self.t("report.find_tariffs_below", list=s.join(below)) if below
                    else self.t("report.find_tariffs_at_market"))
        if self.plan is not None:
            up = [p for p in below if p in raised]
            kept = [p for p in below if p not in raised]
            costly = [p for p in m.tariffs_of if p in raised and p not in below]
            for key, pmcs in (("raises", up), ("keeps", kept), ("costs_demand", costly)):
                if pmcs:
                    text.append(self.t(f"report.find_tariffs_plan_{key}", list=s.join(pmcs)))
        table = ReportTable("tariffs", pd.DataFrame(rows), title=self.t("report.tbl_tariffs"),
                            note=self.t("report.note_tariffs"),
                            headings={"plan_level": self.t("report.col_plan_levels", first=self.first, last=self.last),
                                      "level": self.t("report.col_level_now")}, label_column="name")
        return text, [table]

    def find_acquisition(self):
        s, m = self.say, self.m
        pm = self.base_pmcs().set_index("pmc")
        full = []
        for p in m.pmcs:
            if p.activity not in OUTSIDE_ACTIVITIES | SECONDMENT_ACTIVITIES | {"services"}:
                continue
            cap = m.current_tariff(p.id).demand if p.id in m.tariffs_of else p.max_volume
            se = pm.se.get(p.id, 0.0)
            if se >= cap - 0.05 and cap > 0:
                full.append((p, se, cap))
        text = [self.t("report.find_acquisition" if full else "report.find_acquisition_room", n=len(full),
                       base_year=self.by,
                       list=s.join(p.id for p, _, _ in full) or "–", idle=s.se(self.bp().se_idle))]
        if m.acquisition:
            text.append(self.t("report.find_acquisition_terms", list=s.join(
                self.t("report.acq_term", activity=s.activity(a.activity), cost=s.eur(a.cost_per_fte),
                       demand=s.se(a.demand_per_fte), duration=a.duration, max=a.max_fte) for a in m.acquisition)))
        else:
            text.append(self.t("report.find_acquisition_none"))
        rows = []
        mv = self.plan.marginal_values if self.plan is not None else None
        demand_value = {}
        if mv is not None and not mv.empty:
            d = mv[(mv.kind == "demand") & (mv.unit == "eur_year")].groupby("subject").value.mean()
            demand_value = d.to_dict()
        for p, se, cap in full:
            rows.append({"pmc": p.id, "name": p.name, "activity": s.activity(p.activity), "se": se, "demand": cap,
                         "marginal_value": demand_value.get(p.id, float("nan"))})
        tables = []
        if rows:
            tables.append(ReportTable("acquisition", pd.DataFrame(rows), title=self.t("report.tbl_acquisition"),
                                      note=self.t("report.note_marginal") if demand_value else "",
                                      headings={"demand": self.t("report.col_demand_cap")}, label_column="name"))
        return text, tables

    def find_supervision(self):
        s, m = self.say, self.m
        sup = self.base.supervision[self.base.supervision.year == self.by]
        surplus = [(r.type, r.fte - r.se / r.span) for r in sup.itertuples() if r.span and r.fte - r.se / r.span > 0.05]
        text = [self.t("report.find_supervision", base_year=self.by, n=len(surplus),
                       total=s.count(len(sup), "supervision_type"), has=s.plural(len(surplus), "has"),
                       list=s.join(f"{k} {s.fte(v)} fte" for k, v in surplus) or "–",
                       total_surplus=s.fte(sum(v for _, v in surplus)))]
        opts = []
        for k in m.supervision_types:
            others = [o for o in m.options_of.get(k.id, []) if not o.current]
            if others:
                opts.append(f"{k.name}: " + ", ".join(f"{o.option} ({s.eur(o.reorg_cost)})" for o in others))
        text.append(self.t("report.find_supervision_options", list="; ".join(opts)) if opts
                    else self.t("report.find_supervision_no_options"))
        rows = []
        if self.plan is not None:
            ps = self.plan.supervision
            for k in m.supervision_types:
                mine = ps[ps.type == k.id].set_index("year")
                fte, se, span = mine.fte.get(self.last), mine.se.get(self.last), mine.span.get(self.last)
                spare = fte - se / span if span else 0.0
                if spare > 0.05 and fte < k.current_fte - 0.05 and k.max_shrink < 1:
                    text.append(self.t("report.find_staff_limit", name=k.name, share=s.pct(k.max_shrink, 0),
                                       last=self.last, spare=s.fte(spare), se=s.se(se)))
                rows.append({"type": k.id, "name": k.name, "fte": k.current_fte,
                             "option": f"{m.current_option(k.id).option} → {mine.option.get(self.last)}",
                             "fte_plan": mine.fte.get(self.last), "se": mine.se.get(self.last),
                             "se_per_fte": mine.se_per_fte.get(self.last)})
        tables = [ReportTable("supervision_plan", pd.DataFrame(rows),
                              title=self.t("report.tbl_supervision_plan", year=self.last),
                              headings={"fte": self.t("report.col_fte_now", year=self.by),
                                        "fte_plan": self.t("report.col_fte_plan", year=self.last)},
                              label_column="name")] if rows else []
        return text, tables

    def find_sites(self):
        s, m = self.say, self.m
        st = self.base.sites[self.base.sites.year == self.by]
        low = st[st.use < 0.5]
        key = "report.find_sites" if len(low) else "report.find_sites_used"
        text = [self.t(key, n=len(low), total=len(st), base_year=self.by,
                       list=s.join(f"{r.site} {s.pct(r.use, 0)}" for r in low.itertuples()) or "–",
                       cost=s.eur(st.cost.sum()), capacity=s.se(st.capacity.sum()), se=s.se(st.se.sum()))]
        rows = []
        if self.plan is not None:
            ps = self.plan.sites[self.plan.sites.year == self.last].set_index("site")
            divest = {a.subject: a.year for a in self.advice_by_lever.get("sites", []) if a.kind == "divest_site"}
            for x in m.sites:
                r = st.set_index("site").loc[x.id]
                rows.append({"site": x.id, "name": x.name, "use": r.use, "use_plan": ps.use.get(x.id, 0.0),
                             "se_plan": ps.se.get(x.id, 0.0),
                             "status": self.t("report.site_divested", year=divest[x.id]) if x.id in divest
                             else self.t("report.site_kept")})
        tables = [ReportTable("sites_plan", pd.DataFrame(rows), title=self.t("report.tbl_sites_plan", year=self.last),
                              headings={"use": self.t("report.col_use_year", year=self.by),
                                        "use_plan": self.t("report.col_use_year", year=self.last),
                                        "se_plan": self.t("report.col_se_year", year=self.last)},
                              label_column="name")] if rows else []
        return text, tables

    def find_chain(self):
        s, m = self.say, self.m
        pm = self.base_pmcs()
        day = pm[pm.activity == "day_care"]
        if not m.chain_partners:
            return [self.t("report.find_chain_none")], []
        cap = sum(c.capacity for c in m.chain_partners)
        low, high = min(c.tariff for c in m.chain_partners), max(c.tariff for c in m.chain_partners)
        tariffs = s.eur(low) if abs(high - low) < 0.5 else self.t("report.range", low=s.eur(low), high=s.eur(high))
        n = len(m.chain_partners)
        text = [self.t("report.find_chain", n=s.count(n, "care"), offers=s.plural(n, "offers"), capacity=s.se(cap),
                       tariffs=tariffs,
                       se_now=s.se(self.bp().se_chain))]
        if len(day):
            text.append(self.t("report.find_chain_own", n=s.count(len(day), "day_care_pmc"), se=s.se(day.se.sum()),
                               list=s.join(f"{r.pmc} {s.eur(r.margin)}" for r in day.itertuples())))
        chain = self.plan.chain if self.plan is not None else None
        rows = [{"partner": c.id, "name": c.name, "tariff_per_participant": c.tariff,
                 "cost_per_place": c.cost_per_place,
                 "capacity": c.capacity, "groups": ", ".join(c.groups),
                 "places": float(chain[(chain.partner == c.id) & (chain.year == self.last)].se.sum())
                 if self.plan is not None else float("nan")} for c in m.chain_partners]
        table = ReportTable("chain", pd.DataFrame(rows), title=self.t("report.tbl_chain"),
                            headings={"places": self.t("report.col_places_plan", year=self.last)}, label_column="name")
        return text, [table]


def below_market(m, se_today: dict[str, float]) -> list[str]:
    """The PMCs whose tariff is below market, from the workbook alone: a higher tariff level earns more
    per hour on the placements the market takes there (its demand, at most today's SE) than today's
    tariff on today's SE."""
    out = []
    for pid, levels in m.tariffs_of.items():
        cur, se = m.current_tariff(pid), se_today.get(pid, 0.0)
        if se > 0 and any(tr.hourly_tariff > cur.hourly_tariff and
                          tr.hourly_tariff * min(tr.demand, se) > cur.hourly_tariff * se + 1e-9 for tr in levels):
            out.append(pid)
    return out


# The findings of each lever, looked up by the lever's name (the lever registry checks it is complete).
FINDINGS = {
    "placement": FindingsSection.find_placement, "phase_out": FindingsSection.find_phase_out,
    "tariffs": FindingsSection.find_tariffs, "acquisition": FindingsSection.find_acquisition,
    "supervision": FindingsSection.find_supervision, "sites": FindingsSection.find_sites,
    "chain": FindingsSection.find_chain,
}


def _level(value) -> str:
    return "–" if value is None or value != value else str(int(value))
