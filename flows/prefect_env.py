"""Prefect settings for Wirehouse, applied before Prefect is first imported.

Prefect reads its settings from the environment when it is imported, so every entry point calls
``configure()`` first. Explicit environment variables always win over these defaults.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import logging
import os
import queue
import sys
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .config import LOCAL_SERVER_URL, PREFECT_HOME
from .loopback import DIRECT, bypass_proxies, loopback_host

DEFAULTS = {
    # Prefect state (its SQLite database, profiles) stays inside the checkout, not in ~/.prefect.
    "PREFECT_HOME": str(PREFECT_HOME),
    # The telemetry heartbeat prints 'database is locked' tracebacks on every run; nothing is lost without it.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    # The temporary server needs 27-30 s to start on a fresh 2-core machine; the default 20 s is too short.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    # Run logs, tracebacks included, still go to the API (and the UI); the terminal gets Wirehouse's own
    # progress, summary and one-line errors. WIREHOUSE_DEBUG=1 shows Prefect's warnings and tracebacks too.
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING" if os.environ.get("WIREHOUSE_DEBUG") else "CRITICAL",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
}


def local_server_running(url: str = LOCAL_SERVER_URL, timeout: float = 0.5) -> bool:
    """True when a long-lived Prefect server (``make serve``) answers on 127.0.0.1:4200."""
    try:
        with DIRECT.open(f"{url}/health", timeout=timeout) as response:  # 127.0.0.1: never a proxy's
            return bool(response.status == 200)
    except OSError:
        return False


# API URLs that came from the user's profile rather than the environment, for error messages.
_FROM_PROFILE: set[str] = set()


def user_profile_api() -> dict[str, str]:
    """``PREFECT_API_URL`` of the active profile in the user's own Prefect profiles
    (``~/.prefect/profiles.toml``), which the checkout's ``PREFECT_HOME`` would hide: someone logged in
    to their own server or Prefect Cloud expects their runs there, not on a temporary server. With it come
    the profile's other settings of the API's client (``PREFECT_API_KEY``, its timeout and TLS settings,
    ``PREFECT_CLIENT_*``: a ``PREFECT_CLIENT_MAX_RETRIES`` there was lost, and a local API was tried
    once, review), not the server's."""
    if "PREFECT_HOME" in os.environ or "PREFECT_PROFILES_PATH" in os.environ:
        return {}  # chosen explicitly: Prefect reads that profile itself
    path = Path.home() / ".prefect" / "profiles.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return {}
    profile = data.get("profiles", {}).get(str(data.get("active", "")), {})
    if not isinstance(profile, dict):
        return {}
    if not profile.get("PREFECT_API_URL"):
        return {}
    return {
        k: v if isinstance(v, str) else json.dumps(v)  # a list, a number, true: as Prefect reads them
        for k, v in profile.items()
        if (k in _PROFILE_API_SETTINGS or k.startswith("PREFECT_CLIENT_")) and v is not None and v != ""
    }


# The profile's settings of how this process reaches its API. Not every PREFECT_API_* one: some are old
# names of the server's own settings (PREFECT_API_DATABASE_CONNECTION_URL), which `serve`'s own server
# took, and it wrote into the user's database (review).
_PROFILE_API_SETTINGS = frozenset(
    {"PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_API_AUTH_STRING", "PREFECT_API_REQUEST_TIMEOUT",
     "PREFECT_API_TLS_INSECURE_SKIP_VERIFY", "PREFECT_API_SSL_CERT_FILE", "PREFECT_API_ENABLE_HTTP2"}
)  # fmt: skip


def configure(use_local_server: bool = True) -> str | None:
    """Apply the defaults; use the user's own profile's API, else an API named in the files Prefect reads
    (left to Prefect), else the local server when it runs. Returns the API URL set, if any."""
    if "PREFECT_API_URL" not in os.environ:
        for key, value in user_profile_api().items():
            os.environ.setdefault(key, value)
            if key == "PREFECT_API_URL":
                _FROM_PROFILE.add(value)
    for key, value in DEFAULTS.items():
        os.environ.setdefault(key, value)
    PREFECT_HOME.mkdir(parents=True, exist_ok=True)
    if "PREFECT_API_URL" not in os.environ and use_local_server and local_server_running():
        from .prefect_server import api_set_in_files

        # An API named in .env, prefect.toml or [tool.prefect] (read by Prefect itself) wins over
        # `make serve`, as the environment and the user's profile do.
        if not api_set_in_files():
            os.environ["PREFECT_API_URL"] = LOCAL_SERVER_URL
    bypass_proxies(os.environ.get("PREFECT_API_URL"))
    return os.environ.get("PREFECT_API_URL")


def _answers(url: str) -> bool:
    """Any HTTP answer, an error status too (Prefect Cloud without the key on /health): it is there."""
    opener = DIRECT if loopback_host(url) else urllib.request.build_opener()  # as Prefect's client goes
    try:
        with opener.open(f"{url}/health", timeout=5):
            return True
    except urllib.error.HTTPError:
        return True
    except (OSError, ValueError, http.client.InvalidURL):  # a URL urllib cannot use ("http://[::1")
        return False


def check_prefect_settings(api: str | None, how_to_skip: str) -> str | None:
    """The API Prefect's own settings name (.env, prefect.toml, a profile), checked as ``api`` (what
    ``configure`` set) is: one that does not answer, or settings that name none but forbid a temporary
    server, are one line before anything runs. ``how_to_skip`` ends that line. None: no API named."""
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    named = settings.api.url
    bypass_proxies(named)
    if named and named != api:
        check_reachable(named, "named in Prefect's settings: .env, prefect.toml, pyproject.toml or profile")
    if not named and not settings.server.ephemeral.enabled:
        from .errors import UserError

        raise UserError(
            "Prefect's settings name no API and turn temporary servers off (PREFECT_SERVER_EPHEMERAL_ENABLED,"
            f" or its older name PREFECT_SERVER_ALLOW_EPHEMERAL_MODE): set PREFECT_API_URL, start `make serve`,"
            f" {how_to_skip}"
        )
    return str(named) if named else None


def check_reachable(api: str | None, named_by: str | None = None) -> None:
    """A Prefect API named by ``PREFECT_API_URL`` (or ``named_by``) that is no URL or does not answer is a
    setting to fix, said in one line before anything runs (it was "unexpected error: RuntimeError: Failed
    to reach API", or "ValueError: unknown url type", exit 1)."""
    if not api:
        return
    from .errors import UserError

    if named_by:
        where, fix = named_by, "set WIREHOUSE_NO_PREFECT=1 to run without Prefect"
    elif api in _FROM_PROFILE:
        where = "the active profile in ~/.prefect/profiles.toml"
        fix = "set WIREHOUSE_NO_PREFECT=1 to run without Prefect"
    else:
        where, fix = "PREFECT_API_URL", "unset the variable to use a temporary one"
    try:
        parts = urllib.parse.urlsplit(api)
        usable = parts.scheme in ("http", "https") and bool(parts.hostname)
        parts.port  # noqa: B018  (reading it checks it: "http://127.0.0.1:abc/api" is no URL)
    except ValueError:  # "http://[::1"
        usable = False
    if not usable:
        raise UserError(
            f"the Prefect API {api!r} ({where}) is not an http(s) URL such as http://127.0.0.1:4200/api: "
            f"correct it, or {fix}"
        )
    if not _answers(api.rstrip("/")):
        raise UserError(f"cannot reach the Prefect API at {api} ({where}): start that server, or {fix}")


# The tag of flow runs started from the command line (their task runs do not carry it: ``flow_states``).
CLI_TAG = "cli"

_HEARTBEAT_VARIABLES = ("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", "PREFECT_RUNNER_HEARTBEAT_FREQUENCY")


@contextmanager
def command_line_run() -> Iterator[None]:
    """Settings for a flow run started from the command line rather than by a worker.

    Prefect's heartbeat thread sleeps in one-second steps, and a flow run waits for it to notice the end:
    about 0.5 s of every run (measured: 0.67 s of a 1.1 s flow run over unchanged input). Heartbeats only
    feed zombie-run automations, which matter for runs a worker started (``make serve`` deployments keep
    Prefect's default). Setting ``PREFECT_FLOWS_HEARTBEAT_FREQUENCY`` turns them back on here too.
    """
    plain_http_api_needs_no_ca_bundle()
    if any(os.environ.get(name) for name in _HEARTBEAT_VARIABLES):
        yield
        return
    import prefect.context

    context = prefect.context.get_settings_context()
    settings = context.settings
    # A copy of the current settings with one field changed, not ``temporary_settings``: that rebuilds
    # every setting from the environment and cost 0.12 s, a third of a flow run over unchanged input.
    quiet = settings.model_copy(
        update={"flows": settings.flows.model_copy(update={"heartbeat_frequency": None})}
    )
    with prefect.context.SettingsContext(profile=context.profile, settings=quiet):
        yield


# Prefect's modules that build a TLS context for each client of the API they make.
_API_CLIENT_MODULES = ("prefect.client.orchestration", "prefect._internal.version_checking")


def plain_http_api_needs_no_ca_bundle() -> None:
    """Prefect builds a TLS context for every API client it makes, loading the whole CA bundle (20 ms
    here) even for an ``http://`` API, which never uses it: five per command-line run (the run's client,
    its log, event and concurrency workers, the version check). While the API is ``http://``, these get
    a context with no CA loaded, which could verify nothing (were it ever used, it would refuse, never
    trust); an ``https://`` API gets Prefect's own. Process-wide and idempotent; a Prefect without these
    module globals is left alone. No API named means Prefect's own temporary server, also plain http
    (a script calling a flow function: each run's client loaded the bundle)."""
    import importlib
    import ssl
    import types

    from prefect.settings import PREFECT_API_URL

    def create_default_context(
        purpose: ssl.Purpose = ssl.Purpose.SERVER_AUTH,
        *,
        cafile: str | None = None,
        capath: str | None = None,
        cadata: str | bytes | None = None,
    ) -> ssl.SSLContext:
        api = str(PREFECT_API_URL.value() or "")
        # No API named: Prefect's own temporary server, always http://127.0.0.1 (a script calling a flow).
        if (not api or api.startswith("http://")) and purpose == ssl.Purpose.SERVER_AUTH:
            return ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies, with nothing to trust
        return ssl.create_default_context(purpose, cafile=cafile, capath=capath, cadata=cadata)

    for name in _API_CLIENT_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if getattr(module, "ssl", None) is ssl:
            shim = types.ModuleType("ssl", "the ssl module, but plain http APIs load no CA bundle")
            shim.__dict__.update(vars(ssl))
            shim.create_default_context = create_default_context  # type: ignore[attr-defined]
            module.ssl = shim  # type: ignore[attr-defined]


_FLOW_CALL_IMPORTS = (
    "prefect.flow_engine",
    "prefect.task_engine",
    "prefect.utilities.visualization",
    "fastapi.encoders",
)


@contextmanager
def cli_flow_run(db: Path, log: Any, flow_module: str) -> Iterator[None]:
    """Everything a command does before calling its flow, and the settings it calls it with.

    An API that does not answer is one line before anything is written (the database file is not
    created); then the database is opened (and migrated), so a locked or unusable file is one line before
    the flow run. A temporary Prefect server, when one is needed, starts first and boots meanwhile, while
    Prefect and ``flow_module`` (the module of the flow the command calls) are imported
    (``flows/prefect_server.py``). The run is tagged ``cli`` and skips the heartbeat
    (``command_line_run``). Import the flow only here (inside the block): Prefect reads its settings when
    first imported, and ``configure`` sets them here."""
    import importlib

    from warehouse.db import open_and_migrate

    from . import prefect_server

    api = configure()
    check_reachable(api)
    server = prefect_server.TemporaryServer() if prefect_server.worth_starting() else None
    import prefect

    if server is not None and not prefect_server.prefect_would_start_one():
        server.stop()  # Prefect's settings name an API (or forbid temporary servers): Prefect decides
        server = None
    named = check_prefect_settings(api, "or set WIREHOUSE_NO_PREFECT=1 to run without Prefect")
    open_and_migrate(db)
    # What the first flow call imports (Prefect's engines; FastAPI's encoder for the run's parameters,
    # graphviz for its task tracker: 135 modules), imported now, while the server boots.
    for module in _FLOW_CALL_IMPORTS:
        with contextlib.suppress(ImportError):  # only a head start: another Prefect may not have it
            importlib.import_module(module)
    importlib.import_module(flow_module)
    if server is not None:
        server.wait()
        server.use()
        # Its start-up is said here: a run's summary ("took 0.4 s") counts the run alone.
        log.info(
            "Prefect API: temporary server at %s, up after %.1f s (start `make serve` to keep one running)",
            server.api_url,
            time.monotonic() - server.started,
        )
    else:
        log.info("Prefect API: %s", named or "Prefect's temporary server")
    fewer_retries_for_local_api()
    with command_line_run(), prefect.tags(CLI_TAG):
        yield


def drop_unsent(timeout: float = 2.0) -> None:
    """Give Prefect ``timeout`` seconds to send a run's queued events and logs, then drop the rest.

    Prefect empties those queues before the process exits, each item tried against the API in turn: with
    the API gone (a `make serve` stopped under the run), the command took minutes to exit after its last
    line, a connection timeout per item (review). For a command ending on an error or an interrupt."""
    if "prefect" not in sys.modules:
        return
    # The command has said its last line: a 2 KB dump per event it could not send is noise after it.
    # (Its level is not the logger's own: Prefect's ``SafeLogger`` reads PREFECT_LOGGING_INTERNAL_LEVEL.)
    logging.getLogger("prefect._internal.concurrency").disabled = True
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    services: tuple[Any, ...] = (APILogWorker, EventsWorker)
    for service in services:
        with contextlib.suppress(Exception):
            instances: tuple[Any, ...] = tuple(service._instances.values())
            service.drain_all(timeout=timeout, at_exit=False)
            for instance in instances:
                if instance._done_event is not None and not instance._done_event.is_set():
                    _empty(instance._queue)


def _empty(items: Any) -> None:
    """Drop what a stopped service has not sent, keeping the mark that ends it (None) last."""
    while True:
        try:
            items.get_nowait()
        except queue.Empty:
            break
        items.task_done()
    items.put_nowait(None)


# Tries of a failed request to a Prefect API on this machine: one more, after 2 s. Prefect's five, over a
# minute, are for a remote API; a local one that refuses a connection has stopped.
LOCAL_API_RETRIES = "1"


def fewer_retries_for_local_api() -> None:
    """One more try, not five, after a failed request to an API on this machine, when no setting says how
    many (the environment, a profile, prefect.toml: Prefect's settings once read). Prefect's default
    waits 2, 4, 8, 16 and 32 s: a minute per call once a `make serve` had stopped under a run (review)."""
    import prefect.context
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    default = type(settings.client).model_fields["max_retries"].default
    if (
        "PREFECT_CLIENT_MAX_RETRIES" in os.environ
        or "max_retries" in settings.client.model_fields_set  # named in a file or profile, even as 5
        or settings.client.max_retries != default
        or loopback_host(str(settings.api.url or "")) is None
    ):
        return
    os.environ["PREFECT_CLIENT_MAX_RETRIES"] = LOCAL_API_RETRIES
    prefect.context.refresh_global_settings_context()
