"""Alembic environment: runs on a connection handed in by desk_app.storage.db, or on the configured URL."""

from alembic import context
from sqlalchemy import create_engine

import importlib
import pkgutil

import desk_app.storage
from desk_app.storage.models import Base

# Every area keeps its tables in desk_app/storage/*models*.py; import them all so the metadata is whole.
for _info in pkgutil.iter_modules(desk_app.storage.__path__):
    if "models" in _info.name:
        importlib.import_module(f"desk_app.storage.{_info.name}")

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
