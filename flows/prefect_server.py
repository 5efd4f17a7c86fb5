"""A temporary Prefect API server for one command-line run, started before Prefect is imported.

Left to itself, Prefect starts its temporary server when the first flow run needs an API: it imports the
server's modules in the command's own process (1.4-1.9 s here) and only then starts the server process,
which imports them again (about 3 s) while the command waits. Started first, the server boots while the
command imports Prefect and opens the warehouse. It is the server Prefect would start (the same uvicorn
command and environment, see ``SubprocessASGIServer`` in ``prefect.server.api.server``), on the same
Prefect home, stopped the same way: when the command exits, after Prefect has sent its last logs.

Whether to start one is guessed before Prefect is imported (``worth_starting``: nothing names an API in
the environment or the files Prefect reads) and decided by Prefect's own settings once it is
(``prefect_would_start_one``): when they name an API or forbid temporary servers, the early server is
stopped unused and Prefect goes its own way, as it always did.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

from .errors import UserError
from .loopback import bypass_proxies
from .orphans import die_with_parent

# uvicorn's exit code when it could not start (a failed start of the app, or the port taken between
# choosing and binding it: only then is it tried again, on another port).
_STARTUP_FAILURE = 3
_PORT_ATTEMPTS = 3
# Settings files are read as pydantic-settings reads them: names in any case.
_ENV_FILE_API = re.compile(r"^\s*(?:export\s+)?PREFECT_API_URL\s*=", re.M | re.I)
_FALSE = ("0", "false", "f", "no", "n", "off")
# The line of a traceback that says what went wrong ("sqlalchemy.exc.OperationalError: ...").
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b.*$", re.M)


def api_set_in_files(cwd: Path | None = None) -> bool:
    """Whether a file Prefect reads (beside the environment) may name an API: ``.env``, ``prefect.toml``
    and ``[tool.prefect]`` of ``pyproject.toml`` in the working directory, or the active profile of the
    Prefect home. A guess, on the side of caution: a file that cannot be read counts as naming one."""
    here = cwd or Path.cwd()
    try:
        env_file = here / ".env"
        if env_file.is_file() and _ENV_FILE_API.search(
            env_file.read_text(encoding="utf-8", errors="replace")
        ):
            return True
        tables: list[Any] = []
        if (here / "prefect.toml").is_file():
            tables.append(_toml(here / "prefect.toml"))
        if (here / "pyproject.toml").is_file():
            tables.append(_toml(here / "pyproject.toml").get("tool", {}).get("prefect", {}))
        for table in tables:
            if not isinstance(table, dict):
                continue
            keys = {str(k).lower() for k in table}
            api = table.get("api")
            if "prefect_api_url" in keys or (isinstance(api, dict) and "url" in api):
                return True
        return _profile_names_api()
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return True


def _toml(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _profile_names_api() -> bool:
    home = Path(os.environ.get("PREFECT_HOME", "~/.prefect")).expanduser()
    path = Path(os.environ.get("PREFECT_PROFILES_PATH", home / "profiles.toml")).expanduser()
    if not path.is_file():
        return False
    data = _toml(path)
    name = os.environ.get("PREFECT_PROFILE") or str(data.get("active", "ephemeral"))
    profile = data.get("profiles", {}).get(name, {})
    return not isinstance(profile, dict) or bool(profile.get("PREFECT_API_URL"))


def worth_starting() -> bool:
    """The guess made before Prefect is imported: no API named in the environment or a settings file,
    and temporary servers not turned off in the environment."""
    if os.environ.get("PREFECT_API_URL"):
        return False
    for name in ("PREFECT_SERVER_EPHEMERAL_ENABLED", "PREFECT_SERVER_ALLOW_EPHEMERAL_MODE"):
        if os.environ.get(name, "").strip().lower() in _FALSE:
            return False
    return not api_set_in_files()


def prefect_would_start_one() -> bool:
    """Prefect's own answer, once imported: no API in its settings (environment, files, profile) and
    temporary servers allowed."""
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    return settings.api.url is None and bool(settings.server.ephemeral.enabled)


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _taken(port: int) -> bool:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
        return False


class TemporaryServer:
    """One server process on 127.0.0.1; created, it boots; ``wait`` until it answers, ``use`` it."""

    def __init__(self) -> None:
        # The server's own messages (a traceback when it cannot start) go to a file, so that a failure
        # is one line in the command's terms; WIREHOUSE_DEBUG=1 shows them as they come.
        self.output: Any = None
        if not os.environ.get("WIREHOUSE_DEBUG"):
            with contextlib.suppress(OSError):  # no writable temporary folder: the messages show as they come
                self.output = tempfile.TemporaryFile()  # noqa: SIM115
        self.port = _free_port()
        self.used = False  # until ``use``: nothing of the command's is in it yet
        self.started = time.monotonic()
        self.process = self._spawn()
        atexit.register(self.stop)  # before Prefect registers its own exit handlers: runs after them

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _spawn(self) -> subprocess.Popen[bytes]:
        spec = importlib.util.find_spec("prefect")
        app_dir = Path(spec.origin).parent.parent if spec and spec.origin else Path.cwd()
        env = {
            **os.environ,
            # What Prefect's SubprocessASGIServer sets: no UI, the services of a temporary server.
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
            # No browser ever sees this server (no UI, 127.0.0.1, one command's life): no CSRF tokens,
            # which the client otherwise asks for once per flow run (``use``).
            "PREFECT_SERVER_API_CSRF_PROTECTION_ENABLED": "false",
        }
        env.pop("PREFECT_API_URL", None)
        if self.output is not None:  # a private file: the traceback of a failed start is its reason
            self.output.seek(0)
            self.output.truncate()
            env["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "ERROR"
        # -P: not the working folder first on the module path, where a user's timeit.py stopped the server.
        command = [
            sys.executable, "-P", "-m", "uvicorn", "--app-dir", str(app_dir), "--factory",
            "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
            "--log-level", "error", "--lifespan", "on",
        ]  # fmt: skip
        return subprocess.Popen(
            command,
            env=env,
            stdout=self.output,
            stderr=self.output,
            # Its own session: Ctrl-C in the terminal reaches the command, which still needs the server
            # to record the run as cancelled; the command stops the server when it exits.
            start_new_session=True,
            preexec_fn=die_with_parent,  # in the child, before exec: SIGTERM if the command is killed
        )

    def wait(self, timeout: float | None = None) -> None:
        """Until ``/health`` answers; a clear error when the server exits or does not answer in time
        (``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS``)."""
        from .serve import prefect_healthy  # imported while the server boots

        limit = timeout if timeout is not None else _startup_timeout()
        deadline = time.monotonic() + limit
        attempts = 1
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code == _STARTUP_FAILURE and attempts < _PORT_ATTEMPTS and _taken(self.port):
                attempts += 1
                self.port = _free_port()
                self.process = self._spawn()
                continue
            if code is not None:
                raise UserError(
                    f"the temporary Prefect server did not start (exit code {code}{self._reason()}): check "
                    "PREFECT_HOME and the PREFECT_API_DATABASE_* settings, or set WIREHOUSE_NO_PREFECT=1 "
                    "to run without Prefect"
                )
            if prefect_healthy(self.port):
                return
            time.sleep(0.1)
        self.stop()
        raise UserError(
            f"the temporary Prefect server did not answer within {limit:g} s "
            "(PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS): raise it on a slow machine, start "
            "`make serve` once and keep it running, or set WIREHOUSE_NO_PREFECT=1"
        )

    def use(self) -> None:
        """Point this process's Prefect at the server (Prefect built its settings when imported; it
        rebuilds them from the environment here, for every thread)."""
        import prefect.context

        os.environ["PREFECT_API_URL"] = self.api_url
        bypass_proxies(self.api_url)  # a proxy the environment names cannot reach this machine's server
        # Its CSRF protection is off (``_spawn``): a token request before each flow run's first change
        # (9-12 ms of a 0.2 s run over unchanged input) would be wasted.
        os.environ["PREFECT_CLIENT_CSRF_SUPPORT_ENABLED"] = "false"
        prefect.context.refresh_global_settings_context()
        self.used = True

    def _reason(self) -> str:
        """The exception line of what the server printed, if it was kept."""
        if self.output is None:
            return "; its messages are above"
        self.output.seek(0)
        text = self.output.read()[-20_000:].decode("utf-8", "replace")
        found = _EXCEPTION_LINE.findall(text)
        return f": {found[-1].strip()[:300]}" if found else ""

    def stop(self) -> None:
        """What Prefect does: SIGTERM, five seconds to finish, then SIGKILL (at once on a second Ctrl-C).
        A server the command never used (it stopped before its run: a locked database, a bad option) is
        killed at once: one still booting ignores SIGTERM, and a locked database's one-line error came
        five seconds late."""
        if self.process.poll() is not None:
            return
        if not self.used:
            self.process.kill()
            self.process.wait()
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            self.process.kill()
            self.process.wait()


def _startup_timeout() -> float:
    try:
        return float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180"))
    except ValueError:
        return 180.0
