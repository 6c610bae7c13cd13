"""The companies a workspace used: its own workbooks (uploaded or edited) kept as files, a bundled one
by name, so a reload opens the company the user was working on.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("workspace", sa.String(64), nullable=False, index=True),
        sa.Column("model_key", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("data", sa.LargeBinary),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("workspace", "model_key", name="uq_companies_workspace_model"),
    )


def downgrade() -> None:
    op.drop_table("companies")
