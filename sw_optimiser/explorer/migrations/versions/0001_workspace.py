"""The workspace: scenarios with their results (as tables), waterfalls and reports.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _owned(name: str, *columns: sa.Column) -> None:
    """A table whose rows belong to a stored scenario (deleted with it)."""
    op.create_table(name, sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("scenario_id", sa.Integer, sa.ForeignKey("scenarios.id", ondelete="CASCADE"),
                              nullable=False, index=True), *columns)


def upgrade() -> None:
    op.create_table(
        "scenarios",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace", sa.String(64), nullable=False, index=True),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("model_key", sa.String(32), nullable=False),
        sa.Column("model_name", sa.String(200), nullable=False),
        sa.Column("scenario", sa.Text, nullable=False),
        sa.Column("solved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("gap", sa.Float),
        sa.Column("said", sa.Text, nullable=False),
    )
    _owned("results", sa.Column("role", sa.String(20), nullable=False),
           sa.Column("levers", sa.String(200), nullable=False, server_default=""),
           sa.Column("figures", sa.Text, nullable=False))
    op.create_table(
        "frames",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("results_id", sa.Integer, sa.ForeignKey("results.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_table(
        "waterfalls",
        sa.Column("scenario_id", sa.Integer, sa.ForeignKey("scenarios.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("steps", sa.Text, nullable=False),
        sa.Column("alone", sa.Text, nullable=False),
        sa.Column("seconds", sa.Float, nullable=False),
    )
    _owned("reports", sa.Column("format", sa.String(10), nullable=False),
           sa.Column("lang", sa.String(5), nullable=False),
           sa.Column("data", sa.LargeBinary, nullable=False))


def downgrade() -> None:
    for name in ("reports", "waterfalls", "frames", "results", "scenarios"):
        op.drop_table(name)
