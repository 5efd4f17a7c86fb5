"""Migrations: applied in order, once, recorded; an edited applied migration is refused."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse import MIGRATIONS_DIR
from warehouse.migrate import MigrationError, load_migrations, migrate


def test_all_migrations_apply_once_and_are_recorded(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    applied = migrate(con)
    versions = [m.version for m in load_migrations() if m.version > 0]
    assert applied == versions
    assert migrate(con) == []
    recorded = [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
    assert recorded == versions
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"articles", "documents", "authors", "article_authors", "rejects", "runs", "input_files"} <= tables
    assert {"articles_by_day", "reject_summary", "document_outcomes"} <= tables


def test_timestamps_are_timestamptz(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    migrate(con)
    types = con.execute(
        "SELECT DISTINCT data_type FROM information_schema.columns "
        "WHERE column_name LIKE '%\\_at' ESCAPE '\\' AND table_name IN (SELECT table_name FROM duckdb_tables())"
    ).fetchall()
    assert types == [("TIMESTAMP WITH TIME ZONE",)]


def test_edited_migration_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    for src in MIGRATIONS_DIR.glob("*.sql"):
        (folder / src.name).write_text(src.read_text())
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    migrate(con, folder)
    first = sorted(folder.glob("001_*.sql"))[0]
    first.write_text(first.read_text() + "\n-- edited\n")
    with pytest.raises(MigrationError, match="changed after it was applied"):
        migrate(con, folder)


def test_failed_migration_rolls_back(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    folder.mkdir()
    bootstrap = next(MIGRATIONS_DIR.glob("000_*.sql"))
    (folder / bootstrap.name).write_text(bootstrap.read_text())
    (folder / "001_ok.sql").write_text("CREATE TABLE a (x INTEGER);")
    (folder / "002_bad.sql").write_text("CREATE TABLE b (x INTEGER); SELECT * FROM no_such_table;")
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    with pytest.raises(duckdb.Error):
        migrate(con, folder)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "a" in tables and "b" not in tables
    assert con.execute("SELECT version FROM schema_migrations").fetchall() == [(1,)]


def test_badly_named_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "first.sql").write_text("SELECT 1")
    with pytest.raises(MigrationError):
        load_migrations(tmp_path)
