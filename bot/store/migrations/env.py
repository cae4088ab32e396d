from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine

from bot.store.models import Base

engine: Engine = context.config.attributes["engine"]
# Database.migrate gives the connection that holds the migration lock (PostgreSQL).
given: Connection | None = context.config.attributes.get("connection")


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()


if given is not None:
    run(given)
else:
    with engine.connect() as connection:
        run(connection)
