"""The credentials table written in bulk (SQLAlchemy Core, no ORM objects): what an import of
100,000 credentials needs to take seconds rather than minutes.

Rows are read as plain tuples. New rows are inserted on PostgreSQL with COPY (ids drawn from the
table's sequence first: an `insertmanyvalues` statement of a thousand rows costs psycopg more to
parse than the server to run), on SQLite with one DBAPI executemany of values already through
their column types' bind processors (SQLAlchemy's per-row parameter handling cost more than
SQLite's work), elsewhere with executemany (`insertmanyvalues`, RETURNING the ids in order). Changed rows are updated with one executemany per batch; the skill links are rewritten
only for the credentials whose links changed. Everything runs in the caller's transaction:
nothing is committed here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Table, bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from bot.store import models

CREDENTIALS: Table = models.Credential.__table__  # type: ignore[assignment]
LINKS: Table = models.CredentialSkill.__table__  # type: ignore[assignment]
EARNED: Table = models.EarnedCredential.__table__  # type: ignore[assignment]
TAGS: Table = models.CredentialNetwork.__table__  # type: ignore[assignment]

# Ids per `IN (…)` list: under SQLite's and PostgreSQL's limits on bound parameters.
_IDS_PER_STATEMENT = 500


@dataclass(slots=True)
class StoredCredential:
    """A stored credential as the writer compares it: its row id, the stored values by column
    name, its provider id and its skill ids in order."""

    id: int
    values: dict[str, Any]
    provider_id: int | None
    skill_ids: list[int]

    def differs(self, values: dict[str, Any], provider_id: int | None, skill_ids: list[int]) -> bool:
        stored = self.values
        return (
            provider_id != self.provider_id
            or skill_ids != self.skill_ids
            or any(stored.get(name) != value for name, value in values.items())
        )


def stored_credentials(session: Session, columns: Iterable[str]) -> dict[str, StoredCredential]:
    """Every stored credential by external id, with the value columns named (two queries)."""
    names = list(columns)
    query = select(CREDENTIALS.c.id, CREDENTIALS.c.external_id, CREDENTIALS.c.provider_id).add_columns(
        *(CREDENTIALS.c[name] for name in names)
    )
    stored: dict[str, StoredCredential] = {}
    by_id: dict[int, StoredCredential] = {}
    for row in session.execute(query):
        entry = StoredCredential(row[0], dict(zip(names, row[3:], strict=True)), row[2], [])
        stored[row[1]] = by_id[row[0]] = entry
    links = select(LINKS.c.credential_id, LINKS.c.skill_id).order_by(LINKS.c.credential_id, LINKS.c.position)
    for credential_id, skill_id in session.execute(links):
        by_id[credential_id].skill_ids.append(skill_id)
    return stored


_INSERT = insert(CREDENTIALS).returning(CREDENTIALS.c.id, sort_by_parameter_order=True)
_UPDATE = update(CREDENTIALS).where(CREDENTIALS.c.id == bindparam("row_id")).values(updated_at=func.now())


def _postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _copy(session: Session, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """PostgreSQL's COPY … FROM STDIN through psycopg, in the session's transaction. JSON columns
    are given their text."""
    dumps = [isinstance(table.c[name].type, JSON) for name in columns]
    dbapi: Any = session.connection().connection.dbapi_connection
    statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
    with dbapi.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(
                [json.dumps(value) if dump else value for value, dump in zip(row, dumps, strict=True)]
            )


def _new_ids(session: Session, table: Table, count: int) -> list[int]:
    query = text(f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) FROM generate_series(1, :n)")
    return [int(row[0]) for row in session.execute(query, {"n": count})]


def insert_credentials(session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert these rows (column name → value, the same columns in each); their new ids, in the
    same order."""
    if not rows:
        return []
    if _sqlite(session):
        return _insert_sqlite(session, rows)
    if not _postgresql(session):
        return [row[0] for row in session.execute(_INSERT, list(rows))]
    ids = _new_ids(session, CREDENTIALS, len(rows))
    columns = ["id", *rows[0]]
    _copy(
        session,
        CREDENTIALS,
        columns,
        ([row_id, *row.values()] for row_id, row in zip(ids, rows, strict=True)),
    )
    return ids


def _processor(column_type: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """A column type's bind processor; for JSON, empty lists and maps (most of them) written
    without calling the serialiser (whose text for them is the same)."""
    process: Callable[[Any], Any] | None = column_type._cached_bind_processor(dialect)
    if process is None or not isinstance(column_type, JSON):
        return process
    empty = {"[]", "{}"}
    if {process([]), process({})} != empty:
        return process
    serialise = process

    def json_text(value: Any) -> Any:
        if not value and type(value) in (list, dict):
            return "[]" if type(value) is list else "{}"
        return serialise(value)

    return json_text


def _bound(
    session: Session, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> list[tuple[Any, ...]]:
    """The rows as the DBAPI takes them: each value through its column type's bind processor,
    as SQLAlchemy's own statements would (JSON as its text, decimals as SQLite numbers)."""
    dialect = session.get_bind().dialect
    processors = [_processor(table.c[name].type, dialect) for name in columns]
    if not any(processors):
        return [tuple(row) for row in rows]
    return [
        tuple(
            value if process is None else process(value)
            for value, process in zip(row, processors, strict=True)
        )
        for row in rows
    ]


def _executemany(
    session: Session, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    """One DBAPI executemany of an INSERT, in the session's transaction (SQLite: the `?` style)."""
    dbapi: Any = session.connection().connection.dbapi_connection
    statement = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    cursor = dbapi.cursor()
    try:
        cursor.executemany(statement, _bound(session, table, columns, rows))
    finally:
        cursor.close()


def _insert_sqlite(session: Session, rows: Sequence[dict[str, Any]]) -> list[int]:
    """SQLite: one executemany; the new ids are the last `len(rows)` of the table (this
    transaction holds SQLite's write lock from its first write, so they are consecutive), checked
    at both ends, else read back by external id."""
    columns = list(rows[0])
    _executemany(session, CREDENTIALS, columns, (list(row.values()) for row in rows))
    last = int(session.execute(select(func.max(CREDENTIALS.c.id))).scalar_one())
    ids = list(range(last - len(rows) + 1, last + 1))
    ends = dict(
        session.execute(
            select(CREDENTIALS.c.id, CREDENTIALS.c.external_id).where(CREDENTIALS.c.id.in_([ids[0], ids[-1]]))
        ).all()
    )
    if ends.get(ids[0]) == rows[0]["external_id"] and ends.get(ids[-1]) == rows[-1]["external_id"]:
        return ids
    by_external: dict[str, int] = {}
    wanted = [row["external_id"] for row in rows]
    for start in range(0, len(wanted), _IDS_PER_STATEMENT):
        chunk = wanted[start : start + _IDS_PER_STATEMENT]
        query = select(CREDENTIALS.c.external_id, CREDENTIALS.c.id).where(
            CREDENTIALS.c.external_id.in_(chunk)
        )
        by_external.update({external_id: row_id for external_id, row_id in session.execute(query)})
    return [by_external[external_id] for external_id in wanted]


def update_credentials(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Rewrite these rows (each with `row_id` and every value column) and their `updated_at`."""
    if rows:
        session.execute(_UPDATE, list(rows))


def chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _IDS_PER_STATEMENT):
        yield list(ids[start : start + _IDS_PER_STATEMENT])


def write_links(session: Session, links: dict[int, list[int]], *, replace: bool) -> None:
    """The skill links of these credentials (credential id → skill ids in order); `replace`
    removes their previous links first."""
    if replace:
        for chunk in chunks(list(links)):
            session.execute(delete(LINKS).where(LINKS.c.credential_id.in_(chunk)))
    rows = [
        (credential_id, skill_id, position)
        for credential_id, skill_ids in links.items()
        for position, skill_id in enumerate(skill_ids)
    ]
    if not rows:
        return
    columns = ("credential_id", "skill_id", "position")
    if _postgresql(session):
        _copy(session, LINKS, columns, rows)
    elif _sqlite(session):
        _executemany(session, LINKS, columns, rows)
    else:
        session.execute(insert(LINKS), [dict(zip(columns, row, strict=True)) for row in rows])


def delete_credentials(session: Session, ids: Sequence[int]) -> None:
    """Delete these credentials and their skill links; earned records that pointed at them keep
    their external id and point at nothing until it comes back."""
    for chunk in chunks(ids):
        session.execute(update(EARNED).where(EARNED.c.credential_id.in_(chunk)).values(credential_id=None))
        session.execute(delete(LINKS).where(LINKS.c.credential_id.in_(chunk)))
        session.execute(delete(TAGS).where(TAGS.c.credential_id.in_(chunk)))
        session.execute(delete(CREDENTIALS).where(CREDENTIALS.c.id.in_(chunk)))


# The tables a catalogue write fills, whose statistics PostgreSQL's planner reads.
_ANALYSED = ("credentials", "credential_skills", "skills", "providers")


def refresh_statistics(session: Session) -> None:
    """PostgreSQL: the planner's statistics of the catalogue tables brought up to date, in the
    caller's transaction (ANALYZE counts the rows it inserted). Without them, on a store just
    filled by an import, reading ten search hits back hash-joined every skill (38 ms instead of
    well under one) until autovacuum came round."""
    if _postgresql(session):
        session.execute(text(f"ANALYZE {', '.join(_ANALYSED)}"))
