"""Defaults and where they come from, resolved in exactly one place.

Order of precedence: command-line flag, then environment variable, then the packaged default. Paths in
defaults are relative to the project checkout (the folder holding ``pyproject.toml``), so ``wirehouse``
behaves the same from any working directory.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from pydantic import Field

from .errors import UserError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "warehouse" / "news.duckdb"
DEFAULT_INPUTS = (PROJECT_ROOT / "seeds",)
PREFECT_HOME = PROJECT_ROOT / ".prefect"
LOCAL_SERVER_URL = "http://127.0.0.1:4200/api"

ENV_DB = "WIREHOUSE_DB"
ENV_WORKERS = "WIREHOUSE_WORKERS"
ENV_NO_PREFECT = "WIREHOUSE_NO_PREFECT"
ENV_LOCK_WAIT = "WIREHOUSE_LOCK_WAIT"
DEFAULT_LOCK_WAIT_SECONDS = 30.0


def lock_wait_seconds() -> float:
    """How long to wait for another process's DuckDB lock before giving up (``$WIREHOUSE_LOCK_WAIT``)."""
    raw = os.environ.get(ENV_LOCK_WAIT, "").strip()
    if not raw:
        return DEFAULT_LOCK_WAIT_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):  # also refuses nan
        raise UserError(f"{ENV_LOCK_WAIT} must be a number of seconds, 0 or more (it is {raw!r})")
    return value


# Parsing is CPU-bound: past one process per core, more only costs memory (each worker holds a
# language model and a batch). The cap stops a slip such as 1000 from starting a thousand processes.
MAX_WORKERS = 64


def positive_workers(value: str, name: str = "--workers") -> int:
    """A worker count as given by a person: a whole number from 1 to ``MAX_WORKERS``; else a ``UserError``."""
    text = value.strip()
    if not text.isdigit() or not 1 <= int(text) <= MAX_WORKERS:
        raise UserError(f"{name} must be a whole number from 1 to {MAX_WORKERS} (it is {value!r})")
    return int(text)


@dataclass(frozen=True, slots=True)
class Settings:
    db: Path
    workers: int
    use_prefect: bool


def resolve(db: str | None = None, workers: int | None = None, use_prefect: bool | None = None) -> Settings:
    """Map flags (None = not given), environment and defaults to one ``Settings``."""
    db_path = Path(db) if db else Path(os.environ[ENV_DB]) if os.environ.get(ENV_DB) else DEFAULT_DB
    if workers is None:
        env_workers = os.environ.get(ENV_WORKERS, "").strip()
        workers = positive_workers(env_workers, ENV_WORKERS) if env_workers else (os.cpu_count() or 1)
    elif not 1 <= workers <= MAX_WORKERS:
        raise UserError(f"workers must be from 1 to {MAX_WORKERS} (it is {workers})")
    if use_prefect is None:
        use_prefect = not env_flag(ENV_NO_PREFECT)
    return Settings(db=resolved(db_path, "the database"), workers=workers, use_prefect=use_prefect)


def resolved(path: Path, what: str) -> Path:
    """``path`` made absolute, links followed; a link that leads back to itself is a one-line mistake
    (Python 3.11 raises RuntimeError: the command ended "unexpected error", exit 1: review)."""
    try:
        return path.expanduser().resolve()
    except RuntimeError:
        raise UserError(f"{what} {path} is a symbolic link that leads back to itself") from None


def no_prefect() -> bool:
    """``WIREHOUSE_NO_PREFECT`` is set: flows run as plain function calls."""
    return env_flag(ENV_NO_PREFECT)


def env_flag(name: str, environ: Mapping[str, str] = os.environ) -> bool:
    """A yes/no environment variable; anything but the usual spellings is a ``UserError``."""
    raw = environ.get(name, "").strip().lower()
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("", "0", "false", "no", "off"):
        return False
    raise UserError(f"{name} must be 1 or 0 (or true/false, yes/no, on/off), not {raw!r}")


# A flow parameter for parsing processes: Prefect's parameter schema (and so its UI's run form) refuses 0
# or 1,000 before a run starts, as the command line does.
Workers = Annotated[int, Field(ge=1, le=MAX_WORKERS)]
