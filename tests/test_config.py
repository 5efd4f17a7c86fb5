"""flows/config.py: flags, then environment, then defaults; a bad value is a clear ``UserError``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows import config
from flows.errors import UserError


def test_workers_come_from_the_flag_then_the_environment_then_the_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(config.ENV_WORKERS, raising=False)
    assert config.resolve().workers == (os.cpu_count() or 1)
    monkeypatch.setenv(config.ENV_WORKERS, " 3 ")
    assert config.resolve().workers == 3
    assert config.resolve(workers=1).workers == 1


@pytest.mark.parametrize("value", ["abc", "0", "-2", "1.5", "2x", "1000"])
def test_a_bad_worker_count_in_the_environment_is_a_user_error(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(config.ENV_WORKERS, value)
    with pytest.raises(UserError, match=config.ENV_WORKERS):
        config.resolve()


@pytest.mark.parametrize("workers", [0, -1, config.MAX_WORKERS + 1])
def test_a_bad_worker_count_as_a_flag_is_a_user_error(workers: int) -> None:
    with pytest.raises(UserError, match=f"workers must be from 1 to {config.MAX_WORKERS}"):
        config.resolve(workers=workers)


def test_lock_wait_defaults_and_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(config.ENV_LOCK_WAIT, raising=False)
    assert config.lock_wait_seconds() == config.DEFAULT_LOCK_WAIT_SECONDS
    monkeypatch.setenv(config.ENV_LOCK_WAIT, "2.5")
    assert config.lock_wait_seconds() == 2.5
    monkeypatch.setenv(config.ENV_LOCK_WAIT, "0")
    assert config.lock_wait_seconds() == 0


@pytest.mark.parametrize("value", ["soon", "-1", "nan", "inf"])
def test_a_bad_lock_wait_is_a_user_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(config.ENV_LOCK_WAIT, value)
    with pytest.raises(UserError, match=config.ENV_LOCK_WAIT):
        config.lock_wait_seconds()


@pytest.mark.parametrize(
    ("value", "use_prefect"),
    [("1", False), ("TRUE", False), (" yes ", False), ("0", True), ("off", True), ("", True)],
)
def test_no_prefect_reads_the_usual_spellings(
    monkeypatch: pytest.MonkeyPatch, value: str, use_prefect: bool
) -> None:
    monkeypatch.setenv(config.ENV_NO_PREFECT, value)
    assert config.resolve().use_prefect is use_prefect


def test_a_no_prefect_value_that_means_nothing_is_a_user_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.ENV_NO_PREFECT, "please")
    with pytest.raises(UserError, match=config.ENV_NO_PREFECT):
        config.resolve()


def test_a_database_or_raw_folder_link_that_loops_is_a_one_line_mistake(tmp_path: Path) -> None:
    from flows.crawl import raw_root

    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    # Was: "unexpected error: RuntimeError: Symlink loop from ...", exit 1 (review)
    with pytest.raises(UserError, match=r"the database .* leads back to itself"):
        config.resolve(db=str(tmp_path / "a"), workers=1)
    with pytest.raises(UserError, match=r"the raw folder .* leads back to itself"):
        raw_root(tmp_path / "w.duckdb", tmp_path / "a")
