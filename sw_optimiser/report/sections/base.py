"""What every section of the assembly shares: the state set up by `data._Assembler` and its small
helpers (text in the report's language, the P&L rows of a year, the base year's PMCs)."""

from __future__ import annotations

import pandas as pd

from ...company import CompanyModel
from ...results import Results
from ...schema import ACTIVITIES
from ..advice import Advice
from ..compute import Computed
from ..text import Say

ACTIVITY_ORDER = list(ACTIVITIES)


class Section:
    """The base of each section's part of `data._Assembler` (whose __init__ sets these attributes)."""

    c: Computed
    lang: str
    peers: pd.DataFrame | None
    recon: pd.DataFrame | None
    model_warnings: list[str]
    source: str | None
    say: Say
    m: CompanyModel
    base: Results
    plan: Results | None
    by: int
    first: int
    last: int
    advice: list[Advice]
    scenario_name: str  # in the report's language
    worthless: set[str]  # levers whose decisions the plan is as good without
    advice_by_lever: dict[str, list[Advice]]

    # ----- helpers ------------------------------------------------------------------------------
    def t(self, key: str, **params) -> str:
        return self.say.t(key, **params)

    def texts(self, messages) -> list[str]:
        """Solver warnings and infeasibility explanations (i18n.Message) in the report's language."""
        return [m.text(self.lang) for m in messages]

    def bp(self, year=None) -> pd.Series:
        return self.base.pnl.loc[self.by if year is None else year]

    def pp(self, year=None) -> pd.Series | None:
        return None if self.plan is None else self.plan.pnl.loc[self.by if year is None else year]

    def base_pmcs(self) -> pd.DataFrame:
        return self.base.pmcs[self.base.pmcs.year == self.by].copy()
