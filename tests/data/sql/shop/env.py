"""Alembic environment of the shop oracle repository.

Offline (`alembic upgrade --sql`) it renders PostgreSQL SQL as `alembic init` configures it;
online it runs against the database named by $MIGLINT_ORACLE_PG_URL (the oracle test uses a
throwaway PostgreSQL to prove the fixtures are valid SQL).
"""
import os
from logging.config import fileConfig

from sqlalchemy import create_engine
from sqlalchemy import pool

from alembic import context

config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name)

target_metadata = None


def run_migrations_offline() -> None:
    """Run migrations in 'offline' mode: emit the SQL to the script output."""
    context.configure(
        url="postgresql://",
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )

    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run migrations in 'online' mode against $MIGLINT_ORACLE_PG_URL."""
    connectable = create_engine(os.environ["MIGLINT_ORACLE_PG_URL"], poolclass=pool.NullPool)

    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
        )

        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
