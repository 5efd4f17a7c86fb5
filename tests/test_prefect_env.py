"""flows/prefect_env.py: command-line flow runs skip Prefect's heartbeat unless the user asks for it."""

from __future__ import annotations

import pytest

from flows.prefect_env import command_line_run


def _heartbeat() -> int | None:
    from prefect.settings import get_current_settings

    return get_current_settings().flows.heartbeat_frequency


def test_command_line_runs_have_no_heartbeat(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", raising=False)
    monkeypatch.delenv("PREFECT_RUNNER_HEARTBEAT_FREQUENCY", raising=False)
    outside = _heartbeat()
    with command_line_run():
        assert _heartbeat() is None
    assert _heartbeat() == outside  # worker-started runs keep Prefect's default
    assert outside is not None


def test_an_explicit_heartbeat_setting_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "60")
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: 60}), command_line_run():
        assert _heartbeat() == 60


def test_only_the_heartbeat_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", raising=False)
    monkeypatch.delenv("PREFECT_RUNNER_HEARTBEAT_FREQUENCY", raising=False)
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}):
        outside = get_current_settings().model_dump()
        with command_line_run():
            inside = get_current_settings().model_dump()
    assert inside["api"]["url"] == "http://127.0.0.1:9/api"
    assert inside["flows"].pop("heartbeat_frequency") is None
    outside["flows"].pop("heartbeat_frequency")
    assert inside == outside
