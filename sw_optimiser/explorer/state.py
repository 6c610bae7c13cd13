"""One session's explorer state, kept in `st.session_state` under one key.

The company model in use, the scenario being edited, the scenarios solved so far (by content hash),
the running job and the session's optimisers. Nothing here is shared between sessions; only the
bundled workbooks are read once for everyone (they are the same for all).
"""

from __future__ import annotations

import dataclasses
import logging
import os
from concurrent.futures import wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from .. import fmt
from ..bundled import folder as bundled_folder
from ..company import CompanyModel
from ..i18n import DEFAULT_LANG, t
from ..problems import InputError, Problem
from ..scenario import LEVERS, Scenario, SocialLimits
from ..siteplan import SitePlan
from ..workbook import read_workbook
from . import jobs, sandbox, workspace
from .files import safe_name, temporary_folder, too_big, uploaded, written

MODELS = bundled_folder("models")  # the package's bundled examples (the repository's models/ in a checkout)
SCENARIOS = bundled_folder("scenarios")
BUNDLED = ("example.xlsx", "tiny.xlsx")  # the first that exists opens; SW_EXPLORER_MODEL overrides
SYNC_WAIT = 1.0  # seconds the solve button waits for a quick result before showing progress
KEY = "explorer"
LOG = logging.getLogger(__name__)


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


def label_text(lang: str):
    """texts in `lang`, as Explorer.label takes them"""
    return lambda key, **params: t(key, lang, **params)


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
    notice: str | None = None  # a word on the last job that ended without an outcome (a text key)
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
    # the workspace (workspace.py): where solved scenarios are kept across reloads and restarts
    workspace: str = ""  # the key the browser holds
    store: Any = None  # the workspace database (store.Store); None: nothing is kept
    stored: dict[str, int] = field(default_factory=dict)  # content hash -> id in the store
    provenance: dict[str, workspace.Provenance] = field(default_factory=dict)  # content hash -> workbook, when
    store_error: str | None = None  # keeping the last thing failed: why (the page says so)
    loaded: tuple[str, str] = ("", "")  # the scenario last put into the form: its content hash and name

    # ----- the company model ----------------------------------------------------------------------
    def set_model(self, model: CompanyModel, name: str, warnings: list[Problem], workbook: bytes | None = None,
                  keep: bool = True) -> None:
        """Work on this company model now; the workspace keeps it (`workbook`: its file as given, None:
        a bundled one, or written here when the model is the user's own)."""
        self.model, self.model_name, self.model_warnings = model, name, warnings
        self.model_key = jobs.model_key(model)
        self.model_rev += 1
        self.problems, self.problems_source = [], ""
        if keep:
            self._keep_company(model, name, workbook)

    def open_workbook(self, path: Path) -> None:
        model, warnings = bundled(str(path), path.stat().st_mtime)
        self.set_model(model, path.name, warnings, keep=False)
        self._keep(lambda db: db.use_company(self.workspace, self.model_key, path.name, None))

    def load_upload(self, name: str, data: bytes) -> bool:
        """Read an uploaded workbook; on errors keep the old model and remember the problems."""
        name = safe_name(name, "upload.xlsx")
        if too_big(data):
            self.problems = [Problem(None, None, None, "file.too_big", {"path": name})]
            self.problems_source = name
            return False
        with uploaded(name, data) as path:
            try:
                model, warnings = sandbox.read(read_workbook, path, name=name)
            except InputError as exc:
                self.problems, self.problems_source = exc.problems, name
                return False
        self.set_model(model, name, warnings, workbook=data)
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
                # no other file of the server; the workbooks it names are read in the same process
                region = sandbox.read(read_region, folder / yamls[0], bare_names=True, name=yamls[0])
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
        """The scenario's name, or a short one made from its levers and social limits ("Herplaatsing +
        hefbomen 1, 3, max 10 % wisselen"). `text(key, **params)` gives a text in the user's language."""
        if scenario.name.strip():
            return scenario.name.strip()
        on = scenario.active_levers
        if not on:
            return text("lever.baseline")
        if len(on) == len(LEVERS):
            levers = text("lever.all")
        elif len(on) == 1:
            levers = text(f"lever.{on[0]}")
        else:
            numbers = [str(LEVERS.index(k)) for k in on if k != "placement"]
            parts = [text("app.label.placement")] if "placement" in on else []
            parts.append(text("app.label.lever" if len(numbers) == 1 else "app.label.levers", n=", ".join(numbers)))
            levers = " + ".join(parts)
        return ", ".join([levers, *self._limits(scenario, text)])

    def _limits(self, scenario: Scenario, text) -> list[str]:
        """The social limits of a scenario in a few words each."""
        social, lang, default = scenario.social, self.lang, SocialLimits()
        out = []
        if social.max_move_share is not None:
            out.append(text("app.label.move", share=fmt.percent(social.max_move_share, 0, lang)))
        if social.group_move_share is not None and social.group_move_share != default.group_move_share:
            out.append(text("app.label.group_move", share=fmt.percent(social.group_move_share, 0, lang)))
        if social.extra_sheltered_se is not None:
            out.append(text("app.label.sheltered", se=fmt.se(social.extra_sheltered_se, lang)))
        if social.min_sheltered_share is not None:
            out.append(text("app.label.sheltered_share", share=fmt.percent(social.min_sheltered_share, 0, lang)))
        if social.one_off_budget is not None:
            out.append(text("app.label.budget", amount=fmt.euro(social.one_off_budget, 0, lang)))
        if social.savings_target:
            out.append(text("app.label.savings"))
        if scenario.site_plans and scenario.levers.get("sites"):
            out.append(text("app.label.site_plan") if len(scenario.site_plans) == 1
                       else text("app.label.site_plans", n=len(scenario.site_plans)))
        return out

    def known_site_plans(self) -> list[tuple[SitePlan, jobs.Solved]]:
        """The site plans of this company's plans found by the full search (not held), newest first,
        each once, with the solved scenario it came from: what a manager may hold in the next solve."""
        out, seen = [], set()
        for solved in reversed(self.of_model()):
            res = solved.results
            if res is None or res.site_plan is None or res.site_plan_given or res.site_plan.key() in seen:
                continue
            seen.add(res.site_plan.key())
            out.append((res.site_plan, solved))
        return out

    def named(self, scenario: Scenario) -> Scenario:
        """The scenario as it is solved: the name it was loaded with is dropped once its settings
        differ from the file's (then the name made from its levers says what it is)."""
        loaded_key, loaded_name = self.loaded
        if scenario.name and scenario.name == loaded_name and self.scenario_key(scenario) != loaded_key:
            return dataclasses.replace(scenario, name="")
        return scenario

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
        scenario = self.named(self.scenario)
        self.job = jobs.start_solve(self.engine, self.model, self.model_key, scenario,
                                    label if scenario.name else self.label(scenario, label_text(self.lang)))
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
            solved = self.solved[key]  # the report's title page names it as the explorer does
            named = dataclasses.replace(solved, scenario=dataclasses.replace(
                solved.scenario, name=self.label(solved.scenario, label_text(self.lang))))
            self.job = jobs.start_report(self.model, named, fmt, self.lang, options)

    def _forget_reports(self) -> None:
        """Reports made are kept per scenario; a new (or no) region split changes what they say."""
        for s in self.solved.values():
            s.reports.clear()
        self._keep(lambda db: db.forget_reports(self.workspace))

    # ----- the workspace --------------------------------------------------------------------------
    def open_workspace(self, key: str, db) -> None:
        """Take up the scenarios kept in workspace `key` of the store `db` (and keep new ones there)."""
        self.workspace, self.store = key, db
        try:
            kept = workspace.restore(db, key)
        except Exception as exc:  # noqa: BLE001 - the explorer works without its memory, and says so
            LOG.exception("the workspace could not be read")
            self.store_error = str(exc) or type(exc).__name__
            return
        for k, (sid, solved, about) in kept.items():
            self.solved[k], self.stored[k], self.provenance[k] = solved, sid, about

    def _keep_company(self, model: CompanyModel, name: str, workbook: bytes | None) -> None:
        if self.store is None:
            return
        from ..workbook import write_workbook  # an edited model has no file yet: the workspace keeps one

        def write(db) -> None:
            data = workbook or written("company.xlsx", lambda path: write_workbook(model, path, self.lang))
            db.use_company(self.workspace, self.model_key, name, data)
        self._keep(write)

    def open_company(self, model_key: str | None = None) -> bool:
        """Open a company the workspace kept (by default the one used last); False when there is none
        or it cannot be read any more (then the model in use stays)."""
        if self.store is None:
            return False
        try:
            found = self.store.company(self.workspace, model_key)
            if found is None:
                return False
            _, name, data = found
            if data is None:
                path = MODELS / safe_name(name, "")
                if not path.exists():
                    return False
                model, warnings = bundled(str(path), path.stat().st_mtime)
            else:
                with uploaded("company.xlsx", data) as path:  # kept as .xlsx whatever its name says
                    model, warnings = sandbox.read(read_workbook, path, name=name)
        except (InputError, OSError) as exc:
            LOG.warning("a kept company could not be opened: %s", exc)
            return False
        except Exception:  # noqa: BLE001 - the database failed: said on the page
            LOG.exception("a kept company could not be read")
            return False
        self.set_model(model, name, warnings, keep=False)
        self._keep(lambda db: db.use_company(self.workspace, self.model_key, name, None if data is None else data))
        return True

    def _keep(self, write) -> None:
        """Write to the workspace database in the background (workspace.later, in order); a failure is
        remembered and shown on the next run of the page, never raised."""
        if self.store is None:
            return
        db = self.store

        def run() -> None:
            try:
                write(db)
                self.store_error = None
            except Exception as exc:  # noqa: BLE001 - losing the memory must not lose the page
                LOG.exception("keeping the workspace failed")
                self.store_error = str(exc) or type(exc).__name__
        workspace.later(run)

    def _keep_solved(self, solved: jobs.Solved) -> None:
        about = self.provenance[solved.key] = workspace.Provenance.now(self.model_name)

        def write(db) -> None:
            if solved.key in self.stored:  # solved again (after an error): the new outcome replaces it
                db.delete(self.workspace, self.stored.pop(solved.key))
            self.stored[solved.key] = workspace.save(db, self.workspace, solved, about)
        self._keep(write)

    def _keep_for(self, key: str, write) -> None:
        """Write about a kept scenario (its id is known once its own write has run: they run in order)."""
        self._keep(lambda db: write(db, self.stored[key]) if key in self.stored else None)

    def rename(self, key: str, name: str) -> None:
        """Give a solved scenario the user's name ("" gives back the one made from its levers)."""
        if key in self.solved:
            s = self.solved[key]
            s.scenario = dataclasses.replace(s.scenario, name=name.strip())
            s.label = name.strip()
            self._keep_for(key, lambda db, sid: db.rename(self.workspace, sid, name.strip()))

    def delete(self, key: str) -> None:
        if key in self.solved and not (self.job is not None and self.job.key == key):
            del self.solved[key]
            if self.current == key:
                self.current = None
            self.provenance.pop(key, None)

            def forget(db, sid: int) -> None:
                db.delete(self.workspace, sid)
                self.stored.pop(key, None)
            self._keep_for(key, forget)

    def cancel(self) -> None:
        """Stop the running job (its worker is replaced); the next look (collect) takes it in."""
        if self.job is not None:
            self.job.cancel()

    def marginal_values(self, key: str) -> None:
        if self.job is None and key in self.solved:
            self.job = jobs.start_marginal_values(self.engine, self.model, self.solved[key])

    def collect(self) -> bool:
        """Take in what finished since the last look; True when there is something new to show."""
        changed = False
        job = self.job
        if job is not None and job.done():
            self.job, changed = None, True
            if job.future.cancelled():
                self.notice = "app.job.cancelled"
            elif job.kind == "solve":
                solved = job.future.result()
                self.solved[solved.key] = solved
                self.current = solved.key
                self._keep_solved(solved)
            elif job.kind == "region":
                try:
                    self.region_result, self.region_error = job.future.result(), None
                except Exception as exc:  # noqa: BLE001 - shown in words
                    self.region_result, self.region_error = None, jobs.reason(exc, self.lang)
                self._forget_reports()
            elif job.key in self.solved:
                target = self.solved[job.key]
                try:
                    outcome = job.future.result()
                except Exception as exc:  # noqa: BLE001 - shown in words
                    outcome = [jobs.stopped_message(exc)]
                if job.kind == "report":
                    target.reports[job.detail] = outcome
                    if isinstance(outcome, bytes):
                        self._keep_for(job.key, lambda db, sid: db.add_report(self.workspace, sid, *job.detail, outcome))
                elif job.kind == "marginal_values":
                    target.results.marginal_values = None if isinstance(outcome, list) else outcome
                    target.marginal_values_skipped = False
                    self._keep_for(job.key, lambda db, sid: db.set_marginal_values(self.workspace, sid, target.results))
                elif isinstance(outcome, list):
                    target.waterfall_error = outcome
                else:
                    target.waterfall = outcome
                    self._keep_for(job.key, lambda db, sid: workspace.save_waterfall(db, self.workspace, sid, outcome))
        for s in self.solved.values():
            if s.marginal_values_done and not s.marginal_values_shown:
                s.marginal_values_shown, changed = True, True
                if s.ok and s.results.marginal_values is not None:
                    self._keep_for(s.key, lambda db, sid, r=s.results: db.set_marginal_values(self.workspace, sid, r))
        return changed


def get() -> Explorer:
    """This session's state, opened the first time on the bundled example and the workspace the
    browser's key names (the scenarios kept there)."""
    if KEY not in st.session_state:
        state = Explorer()
        for path in dict.fromkeys([default_model_path(), *bundled_models()]):
            try:  # a bundled workbook being rebuilt may be unreadable for a moment: take the next
                state.open_workbook(path)
                break
            except (InputError, OSError):
                continue
        try:
            workspace.flush()  # a reload straight after a solve reads what that solve kept
            state.open_workspace(workspace.key(), workspace.store())
            state.open_company()  # the company this workspace worked on last, if any
        except Exception as exc:  # noqa: BLE001 - e.g. a database URL that does not answer: said on the page
            LOG.exception("the workspace database could not be opened")
            state.store_error = str(exc) or type(exc).__name__
        st.session_state[KEY] = state
    return st.session_state[KEY]
