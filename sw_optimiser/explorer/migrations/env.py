"""Alembic's entry: run the migrations on the connection store.engine_for hands over."""

from alembic import context

from sw_optimiser.explorer.store import meta

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=meta, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
