"""The Alembic migrations build exactly the schema the SQLAlchemy models describe, on SQLite and on
PostgreSQL, and they can be run again, undone and redone.

The `db` fixture (tests/conftest.py) gives a fresh store that `Database(url)` has already migrated to
head: an SQLite file, or a PostgreSQL schema of its own on the search path."""

from __future__ import annotations

from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import (
    Column,
    Connection,
    DefaultClause,
    Engine,
    ForeignKeyConstraint,
    Index,
    Table,
    TextClause,
    UniqueConstraint,
    inspect,
    select,
)
from sqlalchemy.types import TypeEngine

from bot.store import models
from bot.store.db import Database, alembic_config, migrate


def _differences(connection: Connection) -> list[Any]:
    """What autogenerate would put in a new revision: empty when models and migrations agree."""
    context = MigrationContext.configure(
        connection,
        opts={
            # SQLite stores every DateTime alike, so a change of `timezone=` is caught on PostgreSQL only.
            "compare_type": True,
            # Only the `DateTime` columns have server defaults: `func.now()` in the models and
            # `(CURRENT_TIMESTAMP)` in 0001. SQLite compares the two as text once Alembic has stripped
            # the brackets ("CURRENT_TIMESTAMP" on both sides); PostgreSQL renders them differently
            # (`now()`, `CURRENT_TIMESTAMP`), so Alembic asks the server `SELECT CURRENT_TIMESTAMP = now()`,
            # which is true because both are the transaction's start time. A different default
            # (a constant, CURRENT_DATE, none at all) is reported on either backend.
            "compare_server_default": True,
        },
    )
    return compare_metadata(context, models.Base.metadata)


def _show(value: Any) -> str:
    if isinstance(value, DefaultClause):
        value = value.arg
    if isinstance(value, TextClause):
        return value.text
    if isinstance(value, TypeEngine):
        return repr(value)  # str() would drop arguments such as timezone=True
    return str(value)


def _describe(change: tuple[Any, ...]) -> str:
    """One readable line for one of the tuples compare_metadata returns."""
    kind = change[0]
    if kind.startswith("modify_"):
        # ("modify_type", schema, table, column, existing settings, in the database, in the models)
        _, _, table, column, _, database, model = change
        return f"{kind} {table}.{column}: database {_show(database)}, models {_show(model)}"
    item = change[-1]
    if isinstance(item, Table):
        return f"{kind} {item.name}"
    if isinstance(item, Column):
        return f"{kind} {change[2]}.{item.name} {item.type}"
    if isinstance(item, ForeignKeyConstraint):
        target = item.elements[0].target_fullname.split(".")[0]
        referred = ", ".join(element.target_fullname.split(".")[-1] for element in item.elements)
        return (
            f"{kind} {item.name}: {item.table.name}({', '.join(item.column_keys)}) -> "
            f"{target}({referred}) ondelete={item.ondelete}"
        )
    if isinstance(item, Index | UniqueConstraint):
        columns = ", ".join(column.name for column in item.columns)
        unique = " unique" if isinstance(item, UniqueConstraint) or item.unique else ""
        return f"{kind}{unique} {item.name} on {item.table.name}({columns})"
    return " ".join(_show(part) for part in change)


def _schema_differences(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        differences = _differences(connection)
    # compare_metadata gives the changes to one column as a list of tuples of their own.
    found = [
        _describe(change)
        for difference in differences
        for change in (difference if isinstance(difference, list) else [difference])
    ]
    # compare_metadata never looks at primary keys; compare their columns here.
    inspector = inspect(engine)
    for table in models.Base.metadata.sorted_tables:
        expected = [column.name for column in table.primary_key.columns]
        actual = inspector.get_pk_constraint(table.name)["constrained_columns"]
        if actual != expected:
            found.append(f"primary key of {table.name}: database {actual}, models {expected}")
    return found


def _assert_schema_matches_models(engine: Engine) -> None:
    differences = _schema_differences(engine)
    assert not differences, (
        f"models.py and the migrations disagree on {engine.dialect.name}; add a revision to "
        "bot/store/migrations/versions/:\n" + "\n".join(f"  {line}" for line in differences)
    )


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _head(engine: Engine) -> str:
    heads = ScriptDirectory.from_config(alembic_config(engine)).get_heads()
    assert len(heads) == 1, f"the migrations have several heads, merge them: {heads}"
    return heads[0]


def test_migrated_schema_matches_models(db: Database) -> None:
    assert _current_revision(db.engine) == _head(db.engine)
    _assert_schema_matches_models(db.engine)


def test_migrating_again_at_start_up_is_a_no_op(db: Database) -> None:
    head = _head(db.engine)
    with db.session() as session:
        session.add(models.Learner(ref="console:kept"))

    migrate(db.engine)
    again = Database(db.engine.url.render_as_string(hide_password=False))
    try:
        assert _current_revision(again.engine) == head
        with again.session() as session:
            assert session.scalars(select(models.Learner.ref)).all() == ["console:kept"]
    finally:
        again.dispose()
    _assert_schema_matches_models(db.engine)


def test_downgrade_to_base_and_upgrade_again(db: Database) -> None:
    config = alembic_config(db.engine)

    command.downgrade(config, "base")
    assert _current_revision(db.engine) is None
    # Everything the migrations created is gone; only Alembic's own (now empty) version table stays.
    assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}

    command.upgrade(config, "head")
    assert _current_revision(db.engine) == _head(db.engine)
    _assert_schema_matches_models(db.engine)
