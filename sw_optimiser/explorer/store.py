"""The workspace database: the scenarios a user solved, with their results, waterfalls and reports.

SQLAlchemy 2 (Core) talks to SQLite by default (`workspace.sqlite` in the workspace folder:
SW_WORKSPACE_DIR, default ~/.sw-optimiser) and to PostgreSQL (or any database SQLAlchemy speaks) when
SW_WORKSPACE_URL is set; Alembic brings the schema up to date when the store opens (migrations/).
Every row belongs to one workspace (a key the browser holds): nothing reads across workspaces.
Results are stored as their tables (serial.py), never as pickles.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from ..results import Results
from . import serial

MIGRATIONS = Path(__file__).with_name("migrations")
DEFAULT_DIR = Path.home() / ".sw-optimiser"

meta = sa.MetaData()
scenarios = sa.Table(
    "scenarios", meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workspace", sa.String(64), nullable=False, index=True),
    sa.Column("key", sa.String(32), nullable=False),  # the content hash of the scenario on its company
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("model_key", sa.String(32), nullable=False),  # the company version (a content hash)
    sa.Column("model_name", sa.String(200), nullable=False),  # the workbook it came from
    sa.Column("scenario", sa.Text, nullable=False),  # the settings, in the YAML scenario format
    sa.Column("solved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("seconds", sa.Float, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),  # optimal | time_limit | infeasible | problems | error
    sa.Column("gap", sa.Float),
    sa.Column("said", sa.Text, nullable=False),  # why there is no plan: messages, problems, an error (JSON)
)
results = sa.Table(
    "results", meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("scenario_id", sa.Integer, sa.ForeignKey("scenarios.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("role", sa.String(20), nullable=False),  # plan | baseline | step (a waterfall's)
    sa.Column("levers", sa.String(200), nullable=False, server_default=""),  # a step's levers, comma-separated
    sa.Column("figures", sa.Text, nullable=False),  # npv, status, gap, ... and warnings (JSON)
)
frames = sa.Table(
    "frames", meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("results_id", sa.Integer, sa.ForeignKey("results.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("name", sa.String(60), nullable=False),  # pnl, pmcs, ..., plan.placement
    sa.Column("data", sa.Text, nullable=False),  # the table: columns, rows and types (JSON)
)
waterfalls = sa.Table(
    "waterfalls", meta,
    sa.Column("scenario_id", sa.Integer, sa.ForeignKey("scenarios.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("steps", sa.Text, nullable=False),
    sa.Column("alone", sa.Text, nullable=False),
    sa.Column("seconds", sa.Float, nullable=False),
)
reports = sa.Table(
    "reports", meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("scenario_id", sa.Integer, sa.ForeignKey("scenarios.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("format", sa.String(10), nullable=False),
    sa.Column("lang", sa.String(5), nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

companies = sa.Table(
    "companies", meta,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("workspace", sa.String(64), nullable=False, index=True),
    sa.Column("model_key", sa.String(32), nullable=False),  # the company version (a content hash)
    sa.Column("name", sa.String(200), nullable=False),  # the workbook's name
    sa.Column("data", sa.LargeBinary),  # the workbook (.xlsx); None: a bundled one, opened by name
    sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("workspace", "model_key", name="uq_companies_workspace_model"),
)


def default_url() -> str:
    """SW_WORKSPACE_URL, else a SQLite file in SW_WORKSPACE_DIR (made when missing)."""
    url = os.environ.get("SW_WORKSPACE_URL", "").strip()
    if url:
        return url
    folder = Path(os.environ.get("SW_WORKSPACE_DIR", "") or DEFAULT_DIR).expanduser()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'workspace.sqlite'}"


def engine_for(url: str) -> sa.Engine:
    """An engine on `url` with the schema brought up to date by the migrations."""
    engine = sa.create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        @sa.event.listens_for(engine, "connect")
        def _foreign_keys(conn, _record) -> None:  # SQLite enforces ON DELETE CASCADE only when asked
            conn.execute("PRAGMA foreign_keys=ON")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return engine


@dataclass
class Row:
    """One stored scenario as the library lists it (its results are read on demand)."""

    id: int
    key: str
    name: str
    model_key: str
    model_name: str
    scenario: str
    solved_at: dt.datetime
    seconds: float
    status: str
    gap: float | None
    said: list


@dataclass
class Stored:
    """A stored scenario with what it has: plan and baseline results, waterfall, reports."""

    row: Row
    plan: Results | None
    baseline: Results | None
    waterfall: tuple | None  # (steps, alone, seconds, {levers: Results}) or None
    reports: dict[tuple[str, str], bytes]


class Store:
    """One database; each call names the workspace it is about."""

    def __init__(self, url: str | None = None):
        self.url = url or default_url()
        self.engine = engine_for(self.url)

    # ----- scenarios ----------------------------------------------------------------------------
    def add(self, workspace: str, *, key: str, name: str, model_key: str, model_name: str, scenario: str,
            seconds: float, status: str, gap: float | None, said: list, plan: Results | None,
            baseline: Results | None, solved_at: dt.datetime | None = None) -> int:
        with self.engine.begin() as conn:
            sid = conn.execute(scenarios.insert().values(
                workspace=workspace, key=key, name=name, model_key=model_key, model_name=model_name,
                scenario=scenario, solved_at=solved_at or dt.datetime.now(dt.timezone.utc), seconds=seconds,
                status=status, gap=gap, said=serial.dumps(serial.said(said)))).inserted_primary_key[0]
            for role, res in (("plan", plan), ("baseline", baseline)):
                if res is not None:
                    _put_results(conn, sid, role, res)
        return sid

    def rows(self, workspace: str) -> list[Row]:
        """The workspace's scenarios, oldest first."""
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(scenarios).where(scenarios.c.workspace == workspace)
                                 .order_by(scenarios.c.id)).mappings().all()
        return [_row(r) for r in found]

    def load(self, workspace: str, sid: int) -> Stored | None:
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(scenarios).where(scenarios.c.id == sid, scenarios.c.workspace == workspace)
                             ).mappings().first()
            if r is None:
                return None
            held = {(role, levers): res for role, levers, res in _get_results(conn, sid)}
            w = conn.execute(sa.select(waterfalls).where(waterfalls.c.scenario_id == sid)).mappings().first()
            made = conn.execute(sa.select(reports.c.format, reports.c.lang, reports.c.data)
                                .where(reports.c.scenario_id == sid)).all()
        waterfall = None
        if w is not None:
            steps = {tuple(k for k in levers.split(",") if k): res
                     for (role, levers), res in held.items() if role == "step"}
            waterfall = (serial.frame_of(w["steps"]), serial.frame_of(w["alone"]), w["seconds"], steps)
        return Stored(_row(r), held.get(("plan", "")), held.get(("baseline", "")), waterfall,
                      {(f, lang): bytes(data) for f, lang, data in made})

    def rename(self, workspace: str, sid: int, name: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(scenarios.update().where(scenarios.c.id == sid, scenarios.c.workspace == workspace)
                         .values(name=name))

    def delete(self, workspace: str, sid: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(scenarios.delete().where(scenarios.c.id == sid, scenarios.c.workspace == workspace))

    # ----- companies ---------------------------------------------------------------------------------
    def use_company(self, workspace: str, model_key: str, name: str, data: bytes | None) -> None:
        """The workspace works on this company now (kept with its workbook unless it is a bundled one)."""
        now = dt.datetime.now(dt.timezone.utc)
        with self.engine.begin() as conn:
            mine = (companies.c.workspace == workspace) & (companies.c.model_key == model_key)
            if conn.execute(sa.select(companies.c.id).where(mine)).first() is None:
                conn.execute(companies.insert().values(workspace=workspace, model_key=model_key, name=name,
                                                       data=data, used_at=now))
            else:
                conn.execute(companies.update().where(mine).values(name=name, used_at=now))

    def company(self, workspace: str, model_key: str | None = None) -> tuple[str, str, bytes | None] | None:
        """(model key, name, workbook) of a company of the workspace: the one named, or the last used."""
        query = sa.select(companies.c.model_key, companies.c.name, companies.c.data).where(
            companies.c.workspace == workspace)
        if model_key is not None:
            query = query.where(companies.c.model_key == model_key)
        found = self._first(query.order_by(companies.c.used_at.desc(), companies.c.id.desc()))
        return None if found is None else (found[0], found[1], None if found[2] is None else bytes(found[2]))

    def company_keys(self, workspace: str) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(sa.select(companies.c.model_key).where(companies.c.workspace == workspace)).scalars())

    def _first(self, query):
        with self.engine.connect() as conn:
            return conn.execute(query).first()

    # ----- what follows a solve -----------------------------------------------------------------
    def _owned(self, conn, workspace: str, sid: int) -> bool:
        return conn.execute(sa.select(scenarios.c.id).where(scenarios.c.id == sid,
                                                            scenarios.c.workspace == workspace)).first() is not None

    def set_waterfall(self, workspace: str, sid: int, steps, alone, seconds: float,
                      step_results: dict[tuple[str, ...], Results]) -> None:
        with self.engine.begin() as conn:
            if not self._owned(conn, workspace, sid):
                return
            conn.execute(waterfalls.delete().where(waterfalls.c.scenario_id == sid))
            conn.execute(results.delete().where(results.c.scenario_id == sid, results.c.role == "step"))
            conn.execute(waterfalls.insert().values(scenario_id=sid, steps=serial.frame_text(steps),
                                                    alone=serial.frame_text(alone), seconds=seconds))
            for levers, res in step_results.items():
                _put_results(conn, sid, "step", res, ",".join(levers))

    def set_marginal_values(self, workspace: str, sid: int, plan: Results) -> None:
        """The plan again, now with its marginal values (they follow the results)."""
        with self.engine.begin() as conn:
            if not self._owned(conn, workspace, sid):
                return
            conn.execute(results.delete().where(results.c.scenario_id == sid, results.c.role == "plan"))
            _put_results(conn, sid, "plan", plan)

    def add_report(self, workspace: str, sid: int, fmt: str, lang: str, data: bytes) -> None:
        with self.engine.begin() as conn:
            if not self._owned(conn, workspace, sid):
                return
            conn.execute(reports.delete().where(reports.c.scenario_id == sid, reports.c.format == fmt,
                                                reports.c.lang == lang))
            conn.execute(reports.insert().values(scenario_id=sid, format=fmt, lang=lang, data=data))

    def forget_reports(self, workspace: str) -> None:
        with self.engine.begin() as conn:
            mine = sa.select(scenarios.c.id).where(scenarios.c.workspace == workspace)
            conn.execute(reports.delete().where(reports.c.scenario_id.in_(mine)))


def _utc(when: dt.datetime) -> dt.datetime:
    """SQLite gives the time back without its zone, PostgreSQL in the session's: both as UTC."""
    return when.replace(tzinfo=dt.timezone.utc) if when.tzinfo is None else when.astimezone(dt.timezone.utc)


def _row(r) -> Row:
    return Row(r["id"], r["key"], r["name"], r["model_key"], r["model_name"], r["scenario"], _utc(r["solved_at"]),
               r["seconds"], r["status"], r["gap"], serial.said_of(json.loads(r["said"])))


def _put_results(conn, sid: int, role: str, res: Results, levers: str = "") -> None:
    figures, texts = serial.results_data(res)
    rid = conn.execute(results.insert().values(scenario_id=sid, role=role, levers=levers,
                                               figures=serial.dumps(figures))).inserted_primary_key[0]
    if texts:
        conn.execute(frames.insert(), [{"results_id": rid, "name": n, "data": d} for n, d in texts.items()])


def _get_results(conn, sid: int) -> list[tuple[str, str, Results]]:
    held = conn.execute(sa.select(results).where(results.c.scenario_id == sid).order_by(results.c.id)).mappings().all()
    tables: dict[int, dict[str, str]] = {r["id"]: {} for r in held}
    if tables:
        for rid, name, data in conn.execute(sa.select(frames.c.results_id, frames.c.name, frames.c.data)
                                            .where(frames.c.results_id.in_(list(tables)))):
            tables[rid][name] = data
    return [(r["role"], r["levers"], serial.results_of(json.loads(r["figures"]), tables[r["id"]])) for r in held]
