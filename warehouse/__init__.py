"""The warehouse: versioned SQL migrations and views, and the code that opens and migrates the file."""

from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent
MIGRATIONS_DIR = SQL_DIR / "migrations"
VIEWS_DIR = SQL_DIR / "views"
