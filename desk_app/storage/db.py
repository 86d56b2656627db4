"""Engine, sessions and migrations.

SQLite (the embedded default) runs in WAL mode with full fsync and foreign keys on; PostgreSQL is used
as is. The schema is created and upgraded only by Alembic (``upgrade_database``), never by create_all.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:  # Alembic is imported only when the schema must change (fast start, docs/PERFORMANCE.md)
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _private_sqlite_file(url: str) -> None:
    """The database file is 0600 before SQLite opens it: SQLite gives its -wal and -shm files the same mode."""
    import os

    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:") or os.name != "posix":
        return
    path = Path(database)
    try:
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))   # SQLite takes an empty file as a new database
        for companion in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
            if companion.exists():
                os.chmod(companion, 0o600)
    except OSError:
        pass   # a missing folder is reported by SQLite itself


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        _private_sqlite_file(url)
        # A desk writes from one lane at a time; a generous timeout rides out a backup or a second reader.
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")  # an accepted dossier survives a power cut
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()
            # SQLAlchemy, not the sqlite3 module, begins transactions (see _sqlite_begin).
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection) -> None:  # noqa: ANN001
            # A writer that reads a counter before writing must hold the write lock from the start,
            # or two desks read the same value (BEGIN IMMEDIATE; readers are not blocked in WAL mode).
            mode = connection.get_execution_options().get("sqlite_begin", "")
            connection.exec_driver_sql(f"BEGIN {mode}".strip())

        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migration_heads() -> set[str]:
    """The newest revisions of the migration scripts, read from their source (no Alembic import)."""
    import ast

    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                    and isinstance(node.targets[0], ast.Name)):
                continue
            name = node.targets[0].id
            if name == "revision":
                revisions.add(ast.literal_eval(node.value))
            elif name == "down_revision":
                value = ast.literal_eval(node.value)
                parents.update((value,) if isinstance(value, str) else (value or ()))
    return revisions - parents


def _recorded_revisions(engine: Engine) -> set[str] | None:
    from sqlalchemy.exc import DBAPIError

    try:
        with engine.connect() as connection:
            return set(connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    except DBAPIError:
        return None


def upgrade_database(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision.

    A database already at the newest revisions is left as it is without loading Alembic (most starts).
    """
    try:
        if _recorded_revisions(engine) == migration_heads():
            return
    except (OSError, SyntaxError, ValueError):
        pass   # Alembic decides
    from alembic import command

    config = alembic_config(str(engine.url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        # "heads": an area may add a revision before the next merge revision joins it to the line.
        command.upgrade(config, "heads")


def schema_is_current(engine: Engine) -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(str(engine.url)))
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == set(script.get_heads())


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session], *, write_lock: bool = True) -> Iterator[Session]:
    """One use case = one transaction: commit on success, roll back on any error.

    ``write_lock`` (the default: almost every use case writes, if only its audit row): take the
    database's write lock at the start (SQLite ``BEGIN IMMEDIATE``). A transaction that reads and then
    writes would otherwise fail at once with "database is locked" when another desk wrote in between
    (SQLite cannot wait for a lock it would need to upgrade a read snapshot). Pure reads open a plain
    session instead. On PostgreSQL rows are locked where needed with ``SELECT … FOR UPDATE``.
    """
    session = factory()
    try:
        with session.begin():
            if write_lock and session.get_bind().dialect.name == "sqlite":
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            yield session
    finally:
        session.close()
