"""Checks that span rows and tables of a company model (single cells are checked when read)."""

from __future__ import annotations

from collections import Counter, defaultdict

from .company import CompanyModel
from .problems import Problem
from .schema import ACTIVITIES, OUTSIDE_ACTIVITIES, SECONDMENT_ACTIVITIES, SHELTERED_ACTIVITIES, TABLES

TOL = 1e-6

# The tables each check reads besides the row it reports on. When cells have errors, their rows are
# left out of the model; a check's problem is then kept only if none of these tables lost a row, since
# otherwise it may be an artefact of the rows left out (a reference to a row that is there, a sum
# short of a row). A lookup that only skips a row (its unknown group or PMC is reported by itself)
# is not listed: a missing row there can hide a problem, never make one.
READS: dict[str, frozenset[str]] = {code: frozenset(tables) for code, tables in {
    # the row alone (duplicates: among the rows read)
    "check.duplicate": (), "check.lease_end_owned": (), "check.divest_before_plan": (),
    "check.min_above_max": (), "check.needs_site": (), "check.must_be_sheltered": (),
    "check.cannot_be_sheltered": (), "check.move_without_site": (), "check.current_not_allowed": (),
    # references to another table
    "check.unknown_site": ("sites",), "check.unknown_supervision_type": ("supervision_types",),
    "check.unknown_group": ("groups",), "check.unknown_pmc": ("pmcs",),
    "check.sheltered_group_outside": ("groups", "pmcs"), "check.tariff_not_secondment": ("pmcs",),
    # counts, sums and sequences over rows
    "check.subsidy_missing": ("subsidy",),
    "check.age_band_order": (), "check.ages_sum": ("groups", "ages"),
    "check.wsw_inflow": (), "check.wsw_funding": (),
    "check.value_added_missing": ("tariffs",), "check.value_added_with_tariffs": ("tariffs",),
    "check.current_above_max": ("eligibility",), "check.current_below_min": ("eligibility",),
    "check.site_over_capacity": ("pmcs", "eligibility"),
    "check.group_overplaced": ("eligibility",),
    "check.group_no_pmc": ("eligibility", "pmcs", "chain_partners"),
    "check.current_above_demand": ("eligibility",),
    "check.one_current_tariff": ("tariffs",), "check.demand_curve": ("tariffs",),
    "check.one_current_option": ("supervision_options",),
    "check.supervision_short": ("supervision_options", "pmcs", "eligibility"),
    # h8: markets, sites that fit their use, offices, travel times
    "check.unknown_activity": (), "check.market_below_max": ("tariffs",),
    "check.site_unsuitable": ("sites",), "check.offices_short": ("sites",),
    "check.travel_unknown_site": ("sites",), "check.travel_no_times": ("travel_times",),
    # issue 18: the owner municipalities' distribution key
    "check.shares_sum": ("municipalities",), "check.client_not_owner": ("pmcs",),
}.items()}


def validate(model: CompanyModel, row_map: dict[str, list[int]] | None = None,
             incomplete: frozenset[str] = frozenset()) -> list[Problem]:
    """Every cross-table problem of `model`. `row_map` gives each row's Excel row number
    (by default rows are numbered as the workbook writer lays them out). `incomplete` names the
    tables that lost rows to cell errors: problems of checks reading them are left out (see READS)."""
    row_map = row_map or {}

    def row(table: str, index: int) -> int:
        rows = row_map.get(table)
        return rows[index] if rows and index < len(rows) else 4 + index

    out: list[Problem] = []

    def err(table, index, column, code, severity="error", **params):
        out.append(Problem(table, None if index is None else row(table, index), column, code, params, severity))

    _duplicates(model, err, row)
    _subsidy(model, err)
    _sites(model, err)
    _pmcs(model, err)
    _eligibility(model, err)
    _tariffs(model, err)
    _supervision(model, err)
    _chain(model, err)
    _ages(model, err)
    _groups(model, err)
    _site_use(model, err)
    _municipalities(model, err)
    # a check missing from READS is taken to read every table
    return [p for p in out if not incomplete or READS.get(p.code, incomplete).isdisjoint(incomplete)]


def _duplicates(model, err, row):
    for table in TABLES:
        if table.single:
            continue
        seen: dict[tuple, int] = {}
        for i, obj in enumerate(getattr(model, table.key)):
            key = tuple(getattr(obj, k) for k in table.keys)
            if key in seen:
                err(table.key, i, table.keys[-1], "check.duplicate", value=" / ".join(map(str, key)), first=seen[key])
            else:
                seen[key] = row(table.key, i)


def _subsidy(model, err):
    have = {s.year for s in model.subsidy}
    missing = [y for y in model.years if y not in have]
    if missing:
        err("subsidy", None, "year", "check.subsidy_missing", years=", ".join(map(str, missing)),
            first=str(model.years[0]), last=str(model.years[-1]))


def _sites(model, err):
    for i, s in enumerate(model.sites):
        if s.ownership == "owned" and s.lease_end is not None:
            err("sites", i, "lease_end", "check.lease_end_owned")
        if s.earliest_divest is not None and s.earliest_divest <= model.base_year:
            err("sites", i, "earliest_divest", "check.divest_before_plan", severity="warning",
                year=str(s.earliest_divest), first=str(model.base_year + 1))


def _pmcs(model, err):
    volume = _current_volume(model)
    for i, p in enumerate(model.pmcs):
        if p.min_volume > p.max_volume + TOL:
            err("pmcs", i, "min_volume", "check.min_above_max", min=p.min_volume, max=p.max_volume)
        if p.site is not None and p.site not in model.site:
            err("pmcs", i, "site", "check.unknown_site", site=p.site)
        if p.site is None and p.activity in SHELTERED_ACTIVITIES:
            err("pmcs", i, "site", "check.needs_site")
        if p.activity in SHELTERED_ACTIVITIES and not p.sheltered:
            err("pmcs", i, "sheltered", "check.must_be_sheltered")
        if p.activity in OUTSIDE_ACTIVITIES and p.sheltered:
            err("pmcs", i, "sheltered", "check.cannot_be_sheltered")
        if p.supervision_type not in model.supervision_type:
            err("pmcs", i, "supervision_type", "check.unknown_supervision_type", type=p.supervision_type)
        has_tariffs = p.id in model.tariffs_of
        if p.value_added is None and not has_tariffs:
            err("pmcs", i, "value_added", "check.value_added_missing")
        if p.value_added is not None and has_tariffs:
            err("pmcs", i, "value_added", "check.value_added_with_tariffs")
        if p.move_cost is not None and p.site is None:
            err("pmcs", i, "move_cost", "check.move_without_site", severity="warning")
        current = volume.get(p.id, 0.0)
        if current > p.max_volume + TOL:
            err("pmcs", i, "max_volume", "check.current_above_max", current=current, max=p.max_volume)
        elif current + TOL < p.min_volume:
            err("pmcs", i, "min_volume", "check.current_below_min", severity="warning",
                current=current, min=p.min_volume)
    site_load: dict[str, float] = defaultdict(float)
    for p in model.pmcs:
        if p.site is not None:
            site_load[p.site] += volume.get(p.id, 0.0)
    for i, s in enumerate(model.sites):
        if site_load[s.id] > s.capacity + TOL:
            err("sites", i, "capacity", "check.site_over_capacity", load=site_load[s.id], capacity=s.capacity)


def _current_volume(model) -> dict[str, float]:
    volume: dict[str, float] = defaultdict(float)
    for e in model.eligibility:
        volume[e.pmc] += e.current_se
    return volume


def _eligibility(model, err):
    placed: dict[str, float] = defaultdict(float)
    for i, e in enumerate(model.eligibility):
        if e.group not in model.group:
            err("eligibility", i, "group", "check.unknown_group", group=e.group)
            continue
        if e.pmc not in model.pmc:
            err("eligibility", i, "pmc", "check.unknown_pmc", pmc=e.pmc)
            continue
        if e.current_se > TOL and not e.allowed:
            err("eligibility", i, "current_se", "check.current_not_allowed")
        if e.allowed and model.group[e.group].sheltered_only and not model.pmc[e.pmc].sheltered:
            err("eligibility", i, "allowed", "check.sheltered_group_outside", group=e.group, pmc=e.pmc)
        placed[e.group] += e.current_se
    in_chain = {g for c in model.chain_partners for g in c.groups}
    for i, g in enumerate(model.groups):
        if placed[g.id] > g.se + TOL:
            err("groups", i, "se", "check.group_overplaced", placed=placed[g.id], se=g.se)
        if not any(e.allowed and e.group == g.id and e.pmc in model.pmc for e in model.eligibility) \
                and g.id not in in_chain:
            err("groups", i, "id", "check.group_no_pmc", group=g.id)


def _tariffs(model, err):
    volume = _current_volume(model)
    current = Counter()
    for i, tr in enumerate(model.tariffs):
        pmc = model.pmc.get(tr.pmc)
        if pmc is None:
            err("tariffs", i, "pmc", "check.unknown_pmc", pmc=tr.pmc)
            continue
        if pmc.activity not in SECONDMENT_ACTIVITIES:
            err("tariffs", i, "pmc", "check.tariff_not_secondment", pmc=tr.pmc)
        if tr.current:
            current[tr.pmc] += 1
            if volume.get(tr.pmc, 0.0) > tr.demand + TOL:
                err("tariffs", i, "demand", "check.current_above_demand",
                    current=volume[tr.pmc], demand=tr.demand)
    first_row = {}
    for i, tr in enumerate(model.tariffs):
        first_row.setdefault(tr.pmc, i)
    for pmc_id, i in first_row.items():
        if pmc_id in model.pmc and current[pmc_id] != 1:
            err("tariffs", i, "current", "check.one_current_tariff", pmc=pmc_id, n=current[pmc_id])
    for pmc_id, levels in model.tariffs_of.items():
        for lo, hi in zip(levels, levels[1:]):
            if hi.hourly_tariff < lo.hourly_tariff or hi.demand > lo.demand + TOL:
                i = model.tariffs.index(hi)
                err("tariffs", i, "demand", "check.demand_curve", severity="warning", pmc=pmc_id)


def _supervision(model, err):
    for i, o in enumerate(model.supervision_options):
        if o.type not in model.supervision_type:
            err("supervision_options", i, "type", "check.unknown_supervision_type", type=o.type)
    volume = _current_volume(model)
    for i, s in enumerate(model.supervision_types):
        options = model.options_of.get(s.id, [])
        n_current = sum(o.current for o in options)
        if n_current != 1:
            err("supervision_types", i, "id", "check.one_current_option", type=s.id, n=n_current)
            continue
        span = model.current_option(s.id).span
        load = sum(volume.get(p.id, 0.0) for p in model.pmcs if p.supervision_type == s.id)
        if load > span * s.current_fte + TOL:
            err("supervision_types", i, "current_fte", "check.supervision_short",
                load=load, fte=s.current_fte, span=span, needed=load / span)


def _chain(model, err):
    for i, c in enumerate(model.chain_partners):
        for g in c.groups:
            if g not in model.group:
                err("chain_partners", i, "groups", "check.unknown_group", group=g)


def _groups(model, err):
    """The Wsw is closed to intake since 2015 and paid for by the Rijkssubsidie: inflow or municipal
    funding on a Wsw group is most likely a group that should be a Participatiewet group."""
    for i, g in enumerate(model.groups):
        if g.kind == "wsw" and g.inflow > 0:
            err("groups", i, "inflow", "check.wsw_inflow", severity="warning", group=g.id)
        if g.kind == "wsw" and g.funding_per_se > 0:
            err("groups", i, "funding_per_se", "check.wsw_funding", severity="warning", group=g.id)


def _ages(model, err):
    """An age profile is optional per group; where given, its bands are ordered and add up to the group's SE."""
    for i, b in enumerate(model.ages):
        if b.group not in model.group:
            err("ages", i, "group", "check.unknown_group", group=b.group)
        elif b.age_to < b.age_from:
            err("ages", i, "age_to", "check.age_band_order", age_from=b.age_from, age_to=b.age_to)
    for g in model.groups:
        bands = model.ages_of.get(g.id)
        if bands and abs(sum(b.se for b in bands) - g.se) > TOL:
            first = next(i for i, b in enumerate(model.ages) if b.group == g.id)
            err("ages", first, "se", "check.ages_sum", group=g.id, total=sum(b.se for b in bands), se=g.se)


def _site_use(model, err):
    """h8 (issue 16 items 4 and 7): market sizes, the activities a site houses, offices, travel times."""
    for i, s in enumerate(model.sites):
        for a in s.activities:
            if a not in ACTIVITIES:
                err("sites", i, "activities", "check.unknown_activity", activity=a, choices=", ".join(ACTIVITIES))
    for i, p in enumerate(model.pmcs):
        site = model.site.get(p.site) if p.site is not None else None
        if site is not None and site.activities and p.activity not in site.activities:
            err("pmcs", i, "site", "check.site_unsuitable", site=site.id,
                activity={lang: ACTIVITIES[p.activity][k] for k, lang in enumerate(("nl", "en"))})
        if p.market_size is not None:
            current = model.current_tariff(p.id)
            floor = current.demand if current is not None else p.max_volume
            if p.market_size + TOL < floor:
                err("pmcs", i, "market_size", "check.market_below_max", market=p.market_size, max=floor)
    need, have = model.overhead.office_workplaces, sum(s.offices for s in model.sites)
    if need > have + TOL and model.overhead.office_rent is None:
        err("overhead", 0, "office_workplaces", "check.offices_short", need=need, have=have)
    for i, tt in enumerate(model.travel_times):
        for column in ("site_a", "site_b"):
            if getattr(tt, column) not in model.site:
                err("travel_times", i, column, "check.travel_unknown_site", site=getattr(tt, column))
    if model.company.max_travel_minutes is not None and not model.travel_times:
        err("company", 0, "max_travel_minutes", "check.travel_no_times", severity="warning")


def _municipalities(model, err):
    """Issue 18: the distribution key (optional) adds up to 100 %; the PMCs a municipality is the client of
    exist and have an owner municipality as their client. Negative shares and repeated names are refused
    by the column's range and the duplicate check."""
    if not model.municipalities:
        return
    total = sum(mu.share for mu in model.municipalities)
    if abs(total - 100.0) > 0.01:
        err("municipalities", None, "share", "check.shares_sum", total=round(total, 2))
    for i, mu in enumerate(model.municipalities):
        for pmc_id in mu.clients:
            pmc = model.pmc.get(pmc_id)
            if pmc is None:
                err("municipalities", i, "clients", "check.unknown_pmc", pmc=pmc_id)
            elif pmc.client != "owner_municipality":
                err("municipalities", i, "clients", "check.client_not_owner", pmc=pmc_id)
