"""Migrations: applied in order, once, recorded; an edited applied migration is refused."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.errors import UserError
from warehouse import MIGRATIONS_DIR
from warehouse.migrate import MigrationError, NewerWarehouse, load_migrations, migrate


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


def test_a_warehouse_of_a_newer_wirehouse_is_refused_not_downgraded(tmp_path: Path) -> None:
    # A review: an older checkout ingested into a newer file and put its old views back over the new ones.
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    migrate(con)
    con.execute(
        "INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'from_the_future', 'x')"
    )
    con.execute("CREATE OR REPLACE VIEW reject_summary AS SELECT 1 AS newer_column")
    with pytest.raises(NewerWarehouse, match="migration 999, which this Wirehouse does not know"):
        migrate(con)
    assert con.execute("SELECT * FROM reject_summary").fetchall() == [(1,)]  # left as the newer one made it


def test_migration_problems_are_one_line_user_errors(tmp_path: Path) -> None:
    assert issubclass(MigrationError, UserError) and issubclass(NewerWarehouse, UserError)


def test_the_date_error_summary_groups_the_numbers_out_of_its_messages(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    migrate(con)
    for i, (text, error) in enumerate(
        [
            ("13/14/2024", "invalid date '13/14/2024': neither 13 nor 14 can be a month"),
            ("31/31/2024", "invalid date '31/31/2024': neither 31 nor 31 can be a month"),
        ]
    ):
        con.execute(
            "INSERT INTO articles (article_id, document_id, authors, tags, is_truncated, paywalled, body, word_count, "
            "content_hash, published_text, "
            "published_error, extractor_version, run_id, ingested_at, updated_at) "
            "VALUES (?, ?, [], [], false, false, 'b', 1, ?, ?, ?, 'v', 'r', now(), now())",
            [f"a{i}", f"d{i}", f"h{i}", text, error],
        )
    rows = con.execute("SELECT reason, articles FROM date_error_summary").fetchall()
    assert rows == [("invalid date '…': neither N nor N can be a month", 2)]
    zones = con.execute("SELECT DISTINCT published_zone FROM article_local_dates").fetchall()
    assert zones == [(None,)]  # undated articles were in "UTC"


def test_a_current_warehouse_is_not_written_and_changed_views_are_put_back(tmp_path: Path) -> None:
    db = tmp_path / "m.duckdb"
    views = tmp_path / "views"
    views.mkdir()
    (views / "one.sql").write_text("CREATE OR REPLACE VIEW one AS SELECT 1 AS n;\n", encoding="utf-8")
    (views / "two.sql").write_text("CREATE OR REPLACE VIEW two AS SELECT 2 AS n;\n", encoding="utf-8")
    with duckdb.connect(str(db)) as con:
        migrate(con, views=views)
    # Re-creating every view on every run wrote to the catalog of a current warehouse (a WAL file).
    with duckdb.connect(str(db)) as con:
        assert migrate(con, views=views) == []
        assert not Path(f"{db}.wal").exists()
        # A view replaced by hand, and a view file edited: both are (re-)created from their files.
        con.execute("CREATE OR REPLACE VIEW one AS SELECT 10 AS n")
        (views / "two.sql").write_text("CREATE OR REPLACE VIEW two AS SELECT 20 AS n;\n", encoding="utf-8")
        migrate(con, views=views)
        assert con.execute("SELECT (SELECT n FROM one), (SELECT n FROM two)").fetchone() == (1, 20)
        assert "two.sql" in str(
            con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'two'").fetchone()
        )
