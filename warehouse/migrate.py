"""Apply the numbered SQL files in ``warehouse/migrations`` in order, each once, each in one transaction.

Views in ``warehouse/views`` are ``CREATE OR REPLACE`` and are (re-)created after migrations when missing or
when their file changed (each view's comment holds its file's checksum), so a changed view needs no
migration number.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from flows.errors import UserError

from . import MIGRATIONS_DIR, VIEWS_DIR

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")
_VIEW = re.compile(r"\bCREATE\s+OR\s+REPLACE\s+VIEW\s+([A-Za-z_][A-Za-z0-9_]*)\s+AS\b", re.I)
_VIEW_MARK = "wirehouse: warehouse/views/{file}, sha256 {checksum}"


class MigrationError(UserError):
    """A migration file is malformed, or an applied one was edited afterwards: said in one line (exit 2)."""


class NewerWarehouse(UserError):
    """The database was migrated by a newer Wirehouse than this one."""


class NotAWarehouse(UserError):
    """The database file belongs to something else: a wrong ``--db`` (or ``WIREHOUSE_DB``)."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode("utf-8")).hexdigest()


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    found: dict[int, Migration] = {}
    for path in sorted(directory.glob("*.sql")):
        m = _NAME.match(path.name)
        if not m:
            raise MigrationError(f"{path.name}: migration files are named NNN_some_name.sql")
        version = int(m.group(1))
        if version in found:
            raise MigrationError(f"{path.name}: version {version} is used twice")
        found[version] = Migration(version, m.group(2), path.read_text(encoding="utf-8"))
    return [found[v] for v in sorted(found)]


def require_warehouse(con: duckdb.DuckDBPyConnection, *, empty_ok: bool) -> None:
    """Raise ``NotAWarehouse`` for a DuckDB file of something else: tables or views (in any schema) but no
    Wirehouse ``schema_migrations`` (golang-migrate, dbmate and Rails name theirs so too: ours has a
    ``checksum``). ``--db`` pointed at another project's file failed deep inside as "Table articles
    already exists" or "Table documents does not exist". ``empty_ok``: a file without tables becomes a
    warehouse."""
    here = "database_name = current_database() AND NOT internal"
    tables = sorted(
        str(r[0]) if r[1] == "main" else f"{r[1]}.{r[0]}"
        for r in con.execute(
            f"SELECT table_name, schema_name FROM duckdb_tables() WHERE {here} "
            f"UNION SELECT view_name, schema_name FROM duckdb_views() WHERE {here}"
        ).fetchall()
    )
    ours = "schema_migrations" in tables and bool(
        con.execute(
            f"SELECT 1 FROM duckdb_columns() WHERE {here} AND schema_name = 'main' "
            "AND table_name = 'schema_migrations' AND column_name = 'checksum'"
        ).fetchone()
    )
    if ours or (empty_ok and not tables):
        return
    row = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    if not tables:  # read-only commands: an empty DuckDB file becomes a warehouse on the first ingest
        raise NotAWarehouse(
            f"{row[0] if row else 'the database'} is an empty DuckDB file: run `wirehouse ingest` first"
        )
    held = f"it holds {', '.join(tables[:3])}{' ...' if len(tables) > 3 else ''}"
    raise NotAWarehouse(
        f"{row[0] if row else 'the database'} is not a Wirehouse warehouse ({held}, and no Wirehouse "
        "schema_migrations table): pass --db (or set WIREHOUSE_DB to) a warehouse file, or a new one"
    )


def migrate(
    con: duckdb.DuckDBPyConnection, directory: Path = MIGRATIONS_DIR, views: Path | None = VIEWS_DIR
) -> list[int]:
    """Bring the database to the newest schema; return the versions applied now (empty if up to date).
    ``views``: the folder of views to apply after the migrations (None: none, for tests that build a
    warehouse of an older schema)."""
    require_warehouse(con, empty_ok=True)
    migrations = load_migrations(directory)
    bootstrap = [m for m in migrations if m.version == 0]
    for m in bootstrap:
        con.execute(m.sql)
    rows = con.execute("SELECT version, checksum FROM schema_migrations").fetchall()
    applied = {int(v): str(c) for v, c in rows}
    known = {m.version for m in migrations}
    if unknown := sorted(set(applied) - known):
        # A newer Wirehouse migrated this file: this one would put its old views back over the new ones
        # and write rows without the new columns (review).
        raise NewerWarehouse(
            f"the warehouse has migration {unknown[-1]:03d}, which this Wirehouse does not know (its newest is "
            f"{max(known):03d}): a newer Wirehouse made it; update this checkout, or use another database (--db, WIREHOUSE_DB, a flow's db)"
        )
    newly: list[int] = []
    for m in migrations:
        if m.version == 0:
            continue
        if m.version in applied:
            if applied[m.version] != m.checksum:
                raise MigrationError(
                    f"migration {m.version:03d}_{m.name} was changed after it was applied; "
                    "add a new migration instead of editing an applied one"
                )
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(m.sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)",
                [m.version, m.name, m.checksum],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        newly.append(m.version)
    if views is not None:
        apply_views(con, views)
    return newly


def pending(con: duckdb.DuckDBPyConnection, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Migrations this Wirehouse has that the database (opened read-only, so not migrated) lacks."""
    try:
        rows = con.execute("SELECT version FROM schema_migrations").fetchall()
    except duckdb.CatalogException:  # not a Wirehouse warehouse yet (or an empty file)
        return []
    applied = {int(r[0]) for r in rows}
    return [
        f"{m.version:03d}_{m.name}"
        for m in load_migrations(directory)
        if m.version and m.version not in applied
    ]


def apply_views(con: duckdb.DuckDBPyConnection, directory: Path = VIEWS_DIR) -> None:
    """Create the views that are missing or whose file changed since they were created. Re-creating all
    six on every run cost 6-7 ms and wrote to the catalog of a current warehouse. A view replaced by hand
    has lost its comment, so it is put back too; DuckDB binds a view's columns when it is queried, so a
    migration that changes a table needs no new view."""
    marks = dict(
        con.execute(
            "SELECT view_name, comment FROM duckdb_views() "
            "WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal"
        ).fetchall()
    )
    for path in sorted(directory.glob("*.sql")):
        sql = path.read_text(encoding="utf-8")
        name = m.group(1) if (m := _VIEW.search(sql)) else None
        mark = _VIEW_MARK.format(file=path.name, checksum=hashlib.sha256(sql.encode("utf-8")).hexdigest())
        if name is not None and marks.get(name) == mark:
            continue
        con.execute(sql)
        if name is not None:
            con.execute(f"COMMENT ON VIEW {name} IS '{mark}'")
