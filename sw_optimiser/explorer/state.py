"""One session's explorer state, kept in `st.session_state` under one key.

The company model in use, the scenario being edited, the scenarios solved so far (by content hash),
the running job and the session's optimisers. Nothing here is shared between sessions; only the
bundled workbooks are read once for everyone (they are the same for all).
"""

from __future__ import annotations

import os
from concurrent.futures import wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from ..bundled import folder as bundled_folder
from ..company import CompanyModel
from ..i18n import DEFAULT_LANG
from ..problems import InputError, Problem
from ..scenario import LEVERS, Scenario
from ..workbook import read_workbook
from . import jobs
from .files import safe_name, temporary_folder, too_big, uploaded

MODELS = bundled_folder("models")  # the package's bundled examples (the repository's models/ in a checkout)
SCENARIOS = bundled_folder("scenarios")
BUNDLED = ("example.xlsx", "tiny.xlsx")  # the first that exists opens; SW_EXPLORER_MODEL overrides
SYNC_WAIT = 1.0  # seconds the solve button waits for a quick result before showing progress
KEY = "explorer"


@st.cache_resource(show_spinner=False)
def bundled(path: str, mtime: float) -> tuple[CompanyModel, list[Problem]]:
    """A bundled workbook, read once for everyone (keyed by its modification time)."""
    return read_workbook(path)


def default_model_path() -> Path:
    env = os.environ.get("SW_EXPLORER_MODEL")
    if env:
        return Path(env)
    return next((MODELS / n for n in BUNDLED if (MODELS / n).exists()), MODELS / BUNDLED[-1])


def bundled_models() -> list[Path]:
    return [MODELS / n for n in BUNDLED if (MODELS / n).exists()]


def bundled_scenarios() -> list[Path]:
    return sorted(SCENARIOS.glob("*.yaml"))


@dataclass
class Explorer:
    lang: str = DEFAULT_LANG
    model: CompanyModel | None = None
    model_name: str = ""  # the workbook it came from
    model_key: str = ""  # content hash
    model_warnings: list[Problem] = field(default_factory=list)
    model_rev: int = 0  # bumped when another model is loaded: the table editors start again from it
    problems: list[Problem] = field(default_factory=list)  # why the last upload or edit was refused
    problems_source: str = ""
    pending_upload: tuple[str, bytes] | None = None  # set by the uploader (or a test), read by the page
    scenario: Scenario = field(default_factory=lambda: Scenario(name=""))  # being edited
    scenario_problems: list[Problem] = field(default_factory=list)  # the last scenario file refused
    form_rev: int = 0  # bumped when a scenario is loaded: the form starts again from it
    form_model: str = ""  # the model the form's defaults came from
    solved: dict[str, jobs.Solved] = field(default_factory=dict)  # content hash -> solved scenario
    current: str | None = None  # the solved scenario the results page shows
    job: jobs.Job | None = None
    engine: jobs.Engine = field(default_factory=jobs.Engine)
    # ledger import (Grootboek importeren) and benchmark pages
    ledger_upload: tuple[str, bytes] | None = None  # set by the uploader (or a test), read by the page
    ledger: Any = None  # the ledger read (ledger.LedgerRead), lines and problems
    ledger_mapping_upload: tuple[str, bytes] | None = None
    ledger_mapping: Any = None  # a mapping file read (ledger.LedgerMapping), or None: proposals
    ledger_rev: int = 0  # bumped when a ledger or mapping is loaded: the mapping editors start again
    reconciliation: Any = None  # (model key, DataFrame): the import's last reconciliation, for the report
    peers_upload: tuple[str, bytes] | None = None
    peers: Any = None  # an uploaded peer set (DataFrame); None: the bundled one
    peers_name: str = ""
    # regional cooperation page (Regio)
    region_upload: list[tuple[str, bytes]] | None = None  # set by the uploader (or a test), read by the page
    region: Any = None  # the region in use (region.Region)
    region_name: str = ""  # the file it came from
    region_problems: list[Problem] = field(default_factory=list)  # why the last upload was refused
    region_result: Any = None  # the last split (region.RegionResult) of `region`
    region_error: str | None = None  # the last split failed: why

    # ----- the company model ----------------------------------------------------------------------
    def set_model(self, model: CompanyModel, name: str, warnings: list[Problem]) -> None:
        self.model, self.model_name, self.model_warnings = model, name, warnings
        self.model_key = jobs.model_key(model)
        self.model_rev += 1
        self.problems, self.problems_source = [], ""

    def open_workbook(self, path: Path) -> None:
        model, warnings = bundled(str(path), path.stat().st_mtime)
        self.set_model(model, path.name, warnings)

    def load_upload(self, name: str, data: bytes) -> bool:
        """Read an uploaded workbook; on errors keep the old model and remember the problems."""
        name = safe_name(name, "upload.xlsx")
        if too_big(data):
            self.problems = [Problem(None, None, None, "file.too_big", {"path": name})]
            self.problems_source = name
            return False
        with uploaded(name, data) as path:
            try:
                model, warnings = read_workbook(path)
            except InputError as exc:
                self.problems, self.problems_source = exc.problems, name
                return False
        self.set_model(model, name, warnings)
        return True

    # ----- regional cooperation -------------------------------------------------------------------
    def set_region(self, region, name: str) -> None:
        self.region, self.region_name = region, name
        self.region_result, self.region_error, self.region_problems = None, None, []
        self._forget_reports()

    def load_region_upload(self, files: list[tuple[str, bytes]]) -> bool:
        """Read an uploaded region file and its member workbooks. A member workbook that is not
        uploaded is taken from the bundled models when the file names one of them (e.g. example.xlsx).
        On errors keep the old region and remember the problems."""
        from ..region import read_region

        safe = [(safe_name(n, "upload"), d) for n, d in files]
        yamls = [n for n, _ in safe if n.lower().endswith((".yaml", ".yml"))]
        if len(yamls) != 1:
            self.region_problems = [Problem(None, None, None, "app.region.one_yaml", {"n": len(yamls)})]
            return False
        big = [n for n, d in safe if too_big(d)]
        if big:
            self.region_problems = [Problem(None, None, None, "file.too_big", {"path": big[0]})]
            return False
        with temporary_folder() as folder:
            for path in MODELS.glob("*.xlsx"):  # bundled members, unless uploaded
                (folder / path.name).write_bytes(path.read_bytes())
            for name, data in safe:
                (folder / name).write_bytes(data)
            try:
                region = read_region(folder / yamls[0])
            except InputError as exc:
                self.region_problems = exc.problems
                return False
        self.set_region(region, yamls[0])
        return True

    def baseline(self):
        """The baseline of the company model as it is (no scenario changes)."""
        return self.engine.baseline(jobs.changes_key(self.model_key, Scenario()), self.model)

    # ----- scenarios ------------------------------------------------------------------------------
    def scenario_key(self, scenario: Scenario | None = None) -> str:
        return jobs.scenario_key(self.model_key, scenario or self.scenario)

    def label(self, scenario: Scenario, text) -> str:
        """The scenario's name, or a short one made from its levers ("Herplaatsing + hefbomen 1, 3").
        `text(key, **params)` gives a text in the user's language."""
        if scenario.name.strip():
            return scenario.name.strip()
        on = scenario.active_levers
        if not on:
            return text("lever.baseline")
        if len(on) == len(LEVERS):
            return text("lever.all")
        if len(on) == 1:
            return text(f"lever.{on[0]}")
        numbers = [str(LEVERS.index(k)) for k in on if k != "placement"]
        parts = [text("app.label.placement")] if "placement" in on else []
        parts.append(text("app.label.lever" if len(numbers) == 1 else "app.label.levers", n=", ".join(numbers)))
        return " + ".join(parts)

    def of_model(self) -> list[jobs.Solved]:
        """The solved scenarios of the company model in use, oldest first."""
        return [s for s in self.solved.values() if s.model_key == self.model_key]

    # ----- jobs -----------------------------------------------------------------------------------
    def busy(self) -> bool:
        return self.job is not None or any(not s.marginal_values_done for s in self.solved.values())

    def solve(self, label: str) -> None:
        """Solve the scenario being edited, unless it was solved before; wait briefly for quick solves."""
        key = self.scenario_key()
        if key in self.solved and self.solved[key].error is None:
            self.current = key
            return
        if self.job is not None:
            return
        self.job = jobs.start_solve(self.engine, self.model, self.model_key, self.scenario, label)
        wait([self.job.future], timeout=SYNC_WAIT)
        self.collect()

    def warm(self) -> None:
        """Get the optimiser for the scenario being edited ready in the background."""
        if self.model is not None and self.job is None:
            jobs.warm(self.engine, self.model, self.model_key, self.scenario)

    def waterfall(self, key: str) -> None:
        if self.job is None and key in self.solved:
            self.job = jobs.start_waterfall(self.engine, self.model, self.solved[key])

    def report_member(self) -> str | None:
        """The company's member id in the Regio page's split (by company name, as the CLI's default);
        None without a split or when the company is no member: the report then has no regional section."""
        if self.region_result is None or self.model is None:
            return None
        from ..report.region import member_index

        i = member_index(self.region_result, self.model.company.name)
        return None if i is None else self.region_result.region.ids[i]

    def report(self, key: str, fmt: str, options: dict) -> None:
        if self.job is None and key in self.solved:
            member = self.report_member()
            if member is not None:
                options = {**options, "region": self.region_result, "region_member": member}
            self.job = jobs.start_report(self.model, self.solved[key], fmt, self.lang, options)

    def _forget_reports(self) -> None:
        """Reports made are kept per scenario; a new (or no) region split changes what they say."""
        for s in self.solved.values():
            s.reports.clear()

    def marginal_values(self, key: str) -> None:
        if self.job is None and key in self.solved:
            self.job = jobs.start_marginal_values(self.engine, self.model, self.solved[key])

    def collect(self) -> bool:
        """Take in what finished since the last look; True when there is something new to show."""
        changed = False
        job = self.job
        if job is not None and job.done():
            self.job, changed = None, True
            if job.kind == "solve":
                solved = job.future.result()
                self.solved[solved.key] = solved
                self.current = solved.key
            elif job.kind == "region":
                try:
                    self.region_result, self.region_error = job.future.result(), None
                except Exception as exc:  # noqa: BLE001 - shown in words
                    self.region_result, self.region_error = None, str(exc) or type(exc).__name__
                self._forget_reports()
            elif job.key in self.solved:
                target = self.solved[job.key]
                try:
                    outcome = job.future.result()
                except Exception as exc:  # noqa: BLE001 - shown in words
                    outcome = [type(exc).__name__]
                if job.kind == "report":
                    target.reports[job.detail] = outcome
                elif job.kind == "marginal_values":
                    target.results.marginal_values = None if isinstance(outcome, list) else outcome
                    target.marginal_values_skipped = False
                elif isinstance(outcome, list):
                    target.waterfall_error = outcome
                else:
                    target.waterfall = outcome
        for s in self.solved.values():
            if s.marginal_values_done and not s.marginal_values_shown:
                s.marginal_values_shown, changed = True, True
        return changed


def get() -> Explorer:
    """This session's state, opened on the bundled example the first time."""
    if KEY not in st.session_state:
        state = Explorer()
        for path in dict.fromkeys([default_model_path(), *bundled_models()]):
            try:  # a bundled workbook being rebuilt may be unreadable for a moment: take the next
                state.open_workbook(path)
                break
            except (InputError, OSError):
                continue
        st.session_state[KEY] = state
    return st.session_state[KEY]
