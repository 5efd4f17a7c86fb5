"""flows/prefect_env.py: command-line flow runs skip Prefect's heartbeat unless the user asks for it, and
load no CA bundle for a plain http API."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

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


def _ca_bundles_loaded_by_a_new_client(
    monkeypatch: pytest.MonkeyPatch, api: str, *, named: bool = True
) -> list[object]:
    """The CA bundles loaded while Prefect builds a client of ``api`` (its TLS context, made at once);
    ``named=False``: with no API in Prefect's settings, as for its own temporary server."""
    import ssl

    from prefect.client.orchestration import PrefectClient
    from prefect.settings import PREFECT_API_URL, temporary_settings

    loaded: list[object] = []
    real = ssl.create_default_context

    def counting(*args: object, **kwargs: object) -> ssl.SSLContext:
        loaded.append(kwargs.get("cafile"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ssl, "create_default_context", counting)
    with (
        temporary_settings(updates={PREFECT_API_URL: api})
        if named
        else temporary_settings(restore_defaults={PREFECT_API_URL})
    ):
        assert PREFECT_API_URL.value() == (api if named else None)
        PrefectClient(api)
    return loaded


def test_a_plain_http_api_loads_no_ca_bundle_an_https_one_does(monkeypatch: pytest.MonkeyPatch) -> None:
    # Five clients a command-line run, 20 ms each, loading certificates an http:// API never uses.
    from flows.prefect_env import plain_http_api_needs_no_ca_bundle

    plain_http_api_needs_no_ca_bundle()
    plain_http_api_needs_no_ca_bundle()  # idempotent
    assert _ca_bundles_loaded_by_a_new_client(monkeypatch, "http://127.0.0.1:9/api") == []
    assert len(_ca_bundles_loaded_by_a_new_client(monkeypatch, "https://127.0.0.1:9/api")) == 1


def test_no_api_named_means_prefects_temporary_server_which_is_plain_http(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A script or notebook calling a flow with no API named lets Prefect start its own server on http://127.0.0.1.
    from flows.prefect_env import plain_http_api_needs_no_ca_bundle

    plain_http_api_needs_no_ca_bundle()
    assert _ca_bundles_loaded_by_a_new_client(monkeypatch, "http://127.0.0.1:9/api", named=False) == []


def test_the_context_a_plain_http_api_gets_trusts_nothing() -> None:
    import ssl

    import certifi
    import prefect.client.orchestration as orchestration
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.prefect_env import plain_http_api_needs_no_ca_bundle

    plain_http_api_needs_no_ca_bundle()
    with temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}):
        context = orchestration.ssl.create_default_context(cafile=certifi.where())
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    assert context.cert_store_stats()["x509_ca"] == 0  # were it used for TLS, it would refuse, not trust
    with temporary_settings(updates={PREFECT_API_URL: "https://127.0.0.1:9/api"}):
        context = orchestration.ssl.create_default_context(cafile=certifi.where())
    assert context.cert_store_stats()["x509_ca"] > 0
    assert ssl.create_default_context is not orchestration.ssl.create_default_context  # ssl itself untouched


def test_command_line_runs_load_no_ca_bundle_for_a_plain_http_api(monkeypatch: pytest.MonkeyPatch) -> None:
    with command_line_run():
        assert _ca_bundles_loaded_by_a_new_client(monkeypatch, "http://127.0.0.1:9/api") == []


@pytest.mark.parametrize(
    ("api", "set_elsewhere", "expected"),
    [
        ("http://127.0.0.1:4200/api", None, "1"),  # was five tries over a minute per call (review)
        ("http://127.0.0.1:4200/api", 8, None),  # a profile's or prefect.toml's value stands (review)
        ("http://127.0.0.1:4200/api", 5, None),  # even Prefect's default, named (review)
        ("https://api.prefect.cloud/api/accounts/a/workspaces/w", None, None),
    ],
)
def test_an_api_on_this_machine_is_tried_again_once_unless_a_setting_says(
    monkeypatch: pytest.MonkeyPatch, api: str, set_elsewhere: int | None, expected: str | None
) -> None:
    from prefect.settings import PREFECT_API_URL, PREFECT_CLIENT_MAX_RETRIES, temporary_settings

    from flows.prefect_env import fewer_retries_for_local_api

    monkeypatch.delenv("PREFECT_CLIENT_MAX_RETRIES", raising=False)
    updates: dict[Any, Any] = {PREFECT_API_URL: api}
    if set_elsewhere is not None:
        updates[PREFECT_CLIENT_MAX_RETRIES] = set_elsewhere
    with temporary_settings(updates=updates):
        fewer_retries_for_local_api()
        assert os.environ.get("PREFECT_CLIENT_MAX_RETRIES") == expected
    monkeypatch.delenv("PREFECT_CLIENT_MAX_RETRIES", raising=False)


def test_the_user_s_profile_gives_its_api_and_client_settings_not_its_others(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Review: only the URL and the key were taken, so the profile's PREFECT_CLIENT_MAX_RETRIES was lost
    # (the checkout's PREFECT_HOME hides the profile from Prefect) and a local API was tried once.
    from flows.prefect_env import user_profile_api

    (tmp_path / ".prefect").mkdir()
    (tmp_path / ".prefect" / "profiles.toml").write_text(
        'active = "mine"\n\n[profiles.mine]\nPREFECT_API_URL = "http://127.0.0.1:4200/api"\n'
        'PREFECT_CLIENT_MAX_RETRIES = 8\nPREFECT_API_REQUEST_TIMEOUT = 30.0\nPREFECT_LOGGING_LEVEL = "DEBUG"\n'
        'PREFECT_CLIENT_RETRY_EXTRA_CODES = ["502", "503"]\nPREFECT_API_TLS_INSECURE_SKIP_VERIFY = true\n'
        # old names of the server's settings: `serve`'s own server took them (review)
        'PREFECT_API_DATABASE_CONNECTION_URL = "sqlite+aiosqlite:////elsewhere/prefect.db"\n'
        "PREFECT_API_SERVICES_SCHEDULER_ENABLED = false\n"
        '\n[profiles.other]\nPREFECT_API_URL = "http://127.0.0.1:4300/api"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("PREFECT_HOME", raising=False)
    monkeypatch.delenv("PREFECT_PROFILES_PATH", raising=False)
    got = user_profile_api()
    assert got == {
        "PREFECT_API_URL": "http://127.0.0.1:4200/api",
        "PREFECT_CLIENT_MAX_RETRIES": "8",
        "PREFECT_API_REQUEST_TIMEOUT": "30.0",
        "PREFECT_CLIENT_RETRY_EXTRA_CODES": '["502", "503"]',
        "PREFECT_API_TLS_INSECURE_SKIP_VERIFY": "true",
    }
    # ... written as Prefect reads them from the environment (a list was "['502', '503']": review)
    code = (
        "from prefect.settings import get_current_settings as g; s = g(); "
        "print(sorted(s.client.retry_extra_codes), s.api.tls_insecure_skip_verify, s.client.max_retries)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")} | got
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["[502,", "503]", "True", "8"], out.stderr
    (tmp_path / ".prefect" / "profiles.toml").write_text(
        'active = "mine"\n\n[profiles.mine]\nPREFECT_CLIENT_MAX_RETRIES = 8\n', encoding="utf-8"
    )
    assert user_profile_api() == {}  # no API of its own: nothing of it is taken
