"""``wirehouse serve``: the local Prefect stack in one command.

Starts a long-lived Prefect server (UI and API on 127.0.0.1:4200), creates the ``wirehouse`` process work
pool, declares the deployments of ``prefect.yaml`` (``prefect deploy --all``) and starts a worker that
runs their scheduled flow runs. Ctrl-C, SIGTERM or SIGHUP stops the worker, then the server.

The pure helpers (commands, environments, URLs) are separate from process management so tests can check
them without starting anything. This module never imports Prefect itself: everything Prefect does here
happens in child processes, configured through their environment.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import functools
import importlib
import importlib.util
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import IO, Any
from zoneinfo import available_timezones

from . import config
from .cli import termination_as_interrupt
from .loopback import DIRECT, bypass_proxies
from .orphans import die_with_parent
from .prefect_env import configure

HOST = "127.0.0.1"
DEFAULT_PORT = 4200
POOL = "wirehouse"
POOL_TYPE = "process"
PREFECT_FILE = "prefect.yaml"
# A fresh Prefect database takes 20-30 s to create on a busy 2-core machine; an existing one 9-15 s.
STARTUP_TIMEOUT = 120.0
# How long each child gets to stop after its interrupt before it is killed.
STOP_TIMEOUT = 20.0
DEPLOY_TIMEOUT = 300.0
ENV_ROOT = "WIREHOUSE_ROOT"  # read by the pull step of prefect.yaml
ENV_CONSOLE_LEVEL = "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# Health checks, a second apart, another process's server may miss before serve says it has gone.
SHARED_SERVER_PATIENCE = 5


class ServeError(Exception):
    """Something stopped the stack from starting; the message is one line for the terminal."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.exit_code = exit_code


# ---------------------------------------------------------------------------------------------------------
# Pure helpers


def base_url(port: int) -> str:
    return f"http://{HOST}:{port}"


def api_url(port: int) -> str:
    return f"{base_url(port)}/api"


def prefect_command(*args: str, python: str | None = None) -> list[str]:
    """``prefect ARGS`` run by this interpreter, so the venv's Prefect is used wherever PATH points."""
    return [python or sys.executable, "-m", "prefect", *args]


def server_command(port: int, python: str | None = None) -> list[str]:
    return prefect_command("server", "start", "--host", HOST, "--port", str(port), python=python)


def pool_command(pool: str = POOL, python: str | None = None) -> list[str]:
    return prefect_command("work-pool", "create", pool, "--type", POOL_TYPE, python=python)


def deploy_command(prefect_file: str | None = None, python: str | None = None) -> list[str]:
    """Every deployment of the prefect file, without a single question (no terminal needed)."""
    extra = ["--prefect-file", prefect_file] if prefect_file else []
    return prefect_command("--no-prompt", "deploy", "--all", *extra, python=python)


def worker_command(pool: str = POOL, python: str | None = None, name: str | None = None) -> list[str]:
    named = ["--name", name] if name else []
    return prefect_command("worker", "start", "--pool", pool, "--type", POOL_TYPE, *named, python=python)


def worker_hint(port: int) -> str:
    """The command that starts a worker for the pool from any shell: a new shell has no PREFECT_API_URL,
    and the worker then stopped with a traceback ("must be set to start a Worker", review)."""
    return f"PREFECT_API_URL={api_url(port)} {shlex.join(prefect_command('worker', 'start', '--pool', POOL))}"


def serve_worker_name(pid: int | None = None, host: str | None = None, started: int | None = None) -> str:
    """The name ``serve``'s worker registers with, which Prefect gives each run it starts as a label: the
    serve process (its PID and start time) and its machine, so that a later ``serve`` can tell whether
    those runs still have one. The PID alone was not enough: a ``serve`` started again in a container
    has its predecessor's PID (1) and took that one's runs for its own (review). Without ``pid``, this
    process; a name without a start time is the format of earlier versions (or a system without /proc).
    """
    if pid is None:
        pid, started = os.getpid(), process_start(os.getpid())
    tag = str(pid) if started is None else f"{pid}-{started}"
    return f"wirehouse-serve-{tag}@{host or socket.gethostname()}"


_SERVE_WORKER = re.compile(r"wirehouse-serve-(\d+)(?:-(\d+))?@(.+)")


@dataclass(frozen=True)
class ServeWorker:
    """What a ``serve`` worker's name says: the serve process's PID, its start time (None in the names
    of earlier versions) and its machine."""

    pid: int
    started: int | None
    host: str


def parse_serve_worker(name: str) -> ServeWorker | None:
    """The parts of a name ``serve_worker_name`` made, or None for any other worker's name."""
    found = _SERVE_WORKER.fullmatch(name)
    if found is None:
        return None
    started = found.group(2)
    return ServeWorker(int(found.group(1)), None if started is None else int(started), found.group(3))


def process_start(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks after boot, ``/proc/PID/stat``): with the PID, it names
    the process for as long as the machine runs. None without /proc or such a process."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return None
    fields = stat.rpartition(b")")[2].split()  # the name in parentheses may hold spaces
    return int(fields[19]) if len(fields) > 19 and fields[19].isdigit() else None


def is_serve_command(argv: Sequence[bytes]) -> bool:
    """``argv`` runs ``wirehouse serve``, ``python -m flows.cli serve`` or ``python -m flows.serve``.
    Whole arguments, not a word in them: "serve" is also in ``prefect server start`` and in a serve
    worker's ``--name wirehouse-serve-...`` (review)."""
    for i, arg in enumerate(argv[:-1]):
        after = argv[i + 1]
        if arg == b"-m" and after == b"flows.serve":
            return True
        if (arg == b"flows.cli" or os.path.basename(arg) == b"wirehouse") and after == b"serve":
            return True
    return False


def server_env(base: Mapping[str, str]) -> dict[str, str]:
    """The server's environment: the caller's, minus any API URL (the server is the API)."""
    env = dict(base)
    env.pop("PREFECT_API_URL", None)
    return env


def client_env(
    base: Mapping[str, str], port: int, root: Path, console_level: str | None = None
) -> dict[str, str]:
    """Environment of the Prefect commands and the worker: talk to our server, never ask questions.

    ``console_level`` sets how much the worker (and the flow runs it starts) prints; None keeps ``base``.
    """
    env = dict(base)
    # The worker and its flow runs work in the checkout: a relative path the caller named is made
    # absolute here, as the caller's other commands read it (it wrote a database in the checkout: review).
    for name in (config.ENV_DB, "WIREHOUSE_RAW_DIR", "PREFECT_HOME"):
        if env.get(name, "").strip():
            env[name] = os.path.abspath(os.path.expanduser(env[name]))
    env["PREFECT_API_URL"] = api_url(port)
    bypass_proxies(env["PREFECT_API_URL"], env)  # the worker and its flow runs reach 127.0.0.1 directly
    env["PREFECT_CLI_PROMPT"] = "false"
    env[ENV_ROOT] = str(root)
    if console_level:
        env[ENV_CONSOLE_LEVEL] = console_level
    return env


def describe_schedule(schedule: Mapping[str, Any]) -> str:
    """One schedule as the API returns it (``{"cron": ...}``, ``{"interval": seconds}``, ...) in words."""
    tz = schedule.get("timezone")
    suffix = f" ({tz})" if tz else ""
    if "cron" in schedule:
        return f"cron {schedule['cron']}{suffix}"
    if "interval" in schedule:
        seconds = float(schedule["interval"])
        if seconds % 3600 == 0:
            return f"every {int(seconds // 3600)} h"
        if seconds % 60 == 0:
            return f"every {int(seconds // 60)} min"
        return f"every {seconds:g} s"
    if "rrule" in schedule:
        return f"rrule {schedule['rrule']}{suffix}"
    return "custom schedule"


def last_lines(text: str, n: int = 5) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[-n:])


# ---------------------------------------------------------------------------------------------------------
# Talking to the API (127.0.0.1 only)


def prefect_healthy(port: int, timeout: float = 1.0) -> bool:
    """True when a Prefect server answers its health check on 127.0.0.1:``port``."""
    try:
        with DIRECT.open(f"{api_url(port)}/health", timeout=timeout) as response:
            return bool(response.status == 200 and response.read(64).strip() == b"true")
    except (OSError, ValueError):
        return False


def port_in_use(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(1.0)
        return s.connect_ex((host, port)) == 0


def _api(port: int, method: str, path: str, body: object | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        f"{api_url(port)}{path}", data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with DIRECT.open(request, timeout=30) as response:  # 127.0.0.1: an HTTP_PROXY must not carry it away
        return json.loads(response.read() or b"null")


def work_pool_type(port: int, pool: str = POOL) -> str | None:
    """The pool's type, or None when there is no such pool."""
    try:
        found = _api(port, "GET", f"/work_pools/{pool}")
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise
    return str(found.get("type")) if isinstance(found, dict) else None


def deployment_lines(port: int) -> list[str]:
    """``flow/deployment  (schedule; pool)`` for every deployment the server knows."""
    flows = {f["id"]: f["name"] for f in _api(port, "POST", "/flows/filter", {})}
    return sorted(deployment_line(d, flows) for d in _api(port, "POST", "/deployments/filter", {}))


def deployment_line(d: Mapping[str, Any], flows: Mapping[str, str]) -> str:
    """One deployment as the API returns it, in words; a schedule declared ``active: false`` says so."""
    schedules = [
        describe_schedule(s.get("schedule") or {}) + ("" if s.get("active", True) else " (off)")
        for s in d.get("schedules") or []
    ]
    when = ", ".join(schedules) if schedules else "no schedule"
    paused = "PAUSED; " if d.get("paused") else ""
    return f"{flows.get(d['flow_id'], '?')}/{d['name']}  ({paused}{when}; pool {d.get('work_pool_name')})"


def declared_deployments(prefect_file: Path) -> set[str]:
    """The deployment names a prefect.yaml declares."""
    yaml: Any = importlib.import_module("yaml")  # PyYAML comes with Prefect; it has no type stubs here
    return _deployment_names(yaml.safe_load(prefect_file.read_text(encoding="utf-8")))


# What Prefect's server prints as it starts: its ASCII banner and where to point clients. Not a cause of its
# stopping, and it was all "stopped unexpectedly" showed (review).
_BANNER_LINE = re.compile(
    r"^[\s_|/\\()`'.,-]*$|^\s*\|?\s*(?:_|\|_|\|)[\s_|/\\]|Configure Prefect to communicate|prefect config set "
    r"PREFECT_API_URL|View the API reference|Check out the dashboard|^\s*\|\s*$"
)


def _yaml_problem(exc: BaseException) -> str:
    """What is wrong and where ("line 4, column 4: expected <block end>, but found '-'"): the first line
    of PyYAML's message was its context alone ("while parsing a block collection": review)."""
    problem, mark = getattr(exc, "problem", None), getattr(exc, "problem_mark", None)
    if problem and mark is not None:
        return f"line {mark.line + 1}, column {mark.column + 1}: {problem}"
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _deployment_names(spec: object) -> set[str]:
    deployments = spec.get("deployments") if isinstance(spec, dict) else None
    if not isinstance(deployments, list):
        return set()
    return {str(d["name"]) for d in deployments if isinstance(d, dict) and d.get("name")}


def check_prefect_file(prefect_file: Path, root: Path = config.PROJECT_ROOT) -> set[str]:
    """The deployment names of ``prefect_file``, checked before anything starts: a file that is not a
    prefect.yaml with named deployments, or a deployment ``check_deployment`` refuses, is a usage error
    now, not a failed ``prefect deploy`` after the server's start-up (or runs that all crash)."""
    if not prefect_file.is_file():
        raise ServeError(f"no deployments file at {prefect_file}", EXIT_USAGE)
    yaml: Any = importlib.import_module("yaml")
    try:
        spec = yaml.safe_load(prefect_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ServeError(f"cannot read {prefect_file} as YAML: {_yaml_problem(exc)}", EXIT_USAGE) from exc
    names = _deployment_names(spec)
    if not names:
        raise ServeError(
            f"{prefect_file} is not a prefect.yaml with deployments (a 'deployments:' list of entries "
            "with a 'name')",
            EXIT_USAGE,
        )
    for d in spec["deployments"]:
        if isinstance(d, dict) and d.get("name") and (problem := check_deployment(d, root)):
            raise ServeError(f"{prefect_file}: deployment {d['name']!r} {problem}", EXIT_USAGE)
    return names


def check_deployment(d: Mapping[str, Any], root: Path) -> str | None:
    """What is wrong with one deployment of the file, in words, or None. ``prefect deploy`` said a bad
    schedule or pool only deep in its output (the line shown was "For further information visit ..."),
    and took a parameter the flow does not take, so that every run crashed (review). Values Prefect fills
    in from templates (``{{ ... }}``) are left to it."""
    pool = d.get("work_pool")
    pool_name = pool.get("name") if isinstance(pool, dict) else None
    if not _templated(pool_name) and pool_name != POOL:
        named = f"names work pool {pool_name!r}" if pool_name else "names no work pool"
        return f"{named}: wirehouse serve creates and runs the pool {POOL!r} only (work_pool: name: {POOL})"
    schedules = d.get("schedules") or []
    for schedule in schedules if isinstance(schedules, list) else [schedules]:
        if problem := _schedule_problem(schedule):
            return problem
    parameters = d.get("parameters")
    entrypoint = d.get("entrypoint")
    if (
        isinstance(entrypoint, str)
        and not _templated(entrypoint)
        and (problem := _entrypoint_problem(entrypoint, root))
    ):
        return problem
    if isinstance(parameters, dict) and isinstance(entrypoint, str):
        takes = flow_parameters(entrypoint, root)
        unknown = sorted(str(p) for p in parameters if takes is not None and p not in takes)
        if unknown and takes is not None:
            return (
                f"sets parameter {unknown[0]!r}, which {entrypoint} does not take "
                f"(it takes: {', '.join(takes) or 'none'})"
            )
    return None


def _entrypoint_problem(entrypoint: str, root: Path) -> str | None:
    """A module or file the entrypoint names that is not there, or a name its source does not define at
    its top level: ``prefect deploy`` said only "An exception occurred", exit 1 (review)."""
    where, _, name = entrypoint.rpartition(":")
    if not where or not name:
        return f"has entrypoint {entrypoint!r}: expected module:flow or path/to/file.py:flow"
    if where.endswith(".py"):
        path = root / where
        if not path.is_file():
            return f"has entrypoint {entrypoint!r}, but there is no file {where} in {root}"
    else:
        path = _module_file(root, where)
        if not path.is_file():
            try:
                spec = importlib.util.find_spec(where)
            except (ImportError, ValueError):
                spec = None
            if spec is None:
                return f"has entrypoint {entrypoint!r}, but there is no module {where}"
            return None  # an installed module: Prefect reads it
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return None  # Prefect says what is wrong with it
    names = _top_level_names(tree)
    if "." not in name and name not in names and "*" not in names:  # "Class.method": left to Prefect
        return f"has entrypoint {entrypoint!r}, but {path.name} defines no {name!r}"
    return None


def _top_level_names(tree: ast.Module) -> set[str]:
    """The names a module's top level plainly binds; with ``"*"`` in them when it may bind others in ways
    not read here (a star import, ``if``/``try`` blocks, a walrus, ``globals()``, a module ``__getattr__``):
    then any name is taken as there (a first version refused valid entrypoints: review)."""
    names: set[str] = set()

    def targets(node: ast.expr) -> None:
        if isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.Tuple | ast.List):
            for element in node.elts:
                targets(element.value if isinstance(element, ast.Starred) else element)
        else:
            names.add("*")

    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                targets(target)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets(node.target)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            names.add("*")  # if/try/for/with blocks, calls, a walrus: do not guess
    if "__getattr__" in names:
        names.add("*")
    return names


def _templated(value: object) -> bool:
    return isinstance(value, str) and "{{" in value


def _schedule_problem(schedule: object) -> str | None:
    """A cron string or time zone Prefect's own checks would refuse (the same checks: its cron parser,
    the IANA names of ``zoneinfo``)."""
    if not isinstance(schedule, dict):
        return None
    cron, tz = schedule.get("cron"), schedule.get("timezone")
    if isinstance(cron, str) and not _templated(cron) and not _valid_cron(cron):
        return f'has an invalid cron string "{cron}" (five fields: minute hour day month weekday)'
    if isinstance(tz, str) and tz and not _templated(tz) and tz not in available_timezones():
        return f'has an unknown time zone "{tz}" (an IANA name such as UTC or Europe/Berlin)'
    return None


def _valid_cron(cron: str) -> bool:
    """Prefect's test (``validate_cron_string``): its croniter accepts it, with no random or hashed
    fields. Without that module, the check is left to Prefect."""
    croniter = _prefect_croniter()
    if croniter is None:
        return True
    return bool(croniter.is_valid(cron)) and not any(f.casefold() in ("r", "h") for f in cron.split())


@functools.cache
def _prefect_croniter() -> Any:
    """The croniter class Prefect vendors, loaded by path: importing it through Prefect would import
    Prefect here (a second) before ``configure`` applies the settings. None if this Prefect has none."""
    spec = importlib.util.find_spec("prefect")
    locations = list(spec.submodule_search_locations or []) if spec else []
    path = Path(locations[0], "_vendor", "croniter", "croniter.py") if locations else None
    loaded = importlib.util.spec_from_file_location("wirehouse_prefect_croniter", path) if path else None
    if path is None or not path.is_file() or loaded is None or loaded.loader is None:
        return None
    module = importlib.util.module_from_spec(loaded)
    try:
        loaded.loader.exec_module(module)
    except Exception:  # another Prefect's layout: Prefect checks the string itself when deploying
        return None
    return getattr(module, "croniter", None)


def flow_parameters(entrypoint: str, root: Path) -> list[str] | None:
    """The parameter names of the flow ``entrypoint`` names (``package.module:name`` or ``path.py:name``,
    relative to ``root``), read from the source: importing it would import Prefect (seconds) before the
    settings are applied. Follows ``name = other.with_options(...)`` and ``from .module import name``;
    None when the source does not say plainly (a ``**kwargs`` flow, another form), and Prefect decides."""
    where, _, name = entrypoint.rpartition(":")
    if not where or not name:
        return None
    if where.endswith(".py"):
        return _parameters_in(root / where, None, name, root, 0)
    return _parameters_in(_module_file(root, where), where, name, root, 0)


def _module_file(root: Path, module: str) -> Path:
    base = root.joinpath(*module.split("."))
    return base / "__init__.py" if base.is_dir() else Path(f"{base}.py")


def _parameters_in(path: Path, module: str | None, name: str, root: Path, depth: int) -> list[str] | None:
    if depth > 8:
        return None
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return None
    found: ast.AST | None = None
    for node in tree.body:  # the last top-level binding of the name is the one the module ends with
        if _binds(node, name):
            found = node
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                found = node.value
    if isinstance(found, ast.FunctionDef | ast.AsyncFunctionDef):
        args = found.args
        if args.kwarg is not None:
            return None
        return [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    if (
        isinstance(found, ast.Call)
        and isinstance(found.func, ast.Attribute)
        and found.func.attr == "with_options"
    ):
        found = found.func.value
    if isinstance(found, ast.Name):
        return _parameters_in(path, module, found.id, root, depth + 1)
    if isinstance(found, ast.ImportFrom):
        alias = next(a for a in found.names if (a.asname or a.name) == name)
        target = _imported_module(module, path, found)
        if target is None:
            return None
        return _parameters_in(_module_file(root, target), target, alias.name, root, depth + 1)
    return None


def _binds(node: ast.stmt, name: str) -> bool:
    """``node`` defines ``name`` as a function, or imports it."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return node.name == name
    return isinstance(node, ast.ImportFrom) and any((a.asname or a.name) == name for a in node.names)


def _imported_module(module: str | None, path: Path, node: ast.ImportFrom) -> str | None:
    """The module ``from X import ...`` in ``module`` (a file at ``path``) names, as a dotted name."""
    if node.level == 0:
        return node.module
    if module is None:
        return None
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    if node.level - 1 > len(package):
        return None
    parts = package[: len(package) - (node.level - 1)]
    return ".".join([*parts, node.module] if node.module else parts) or None


def stale_deployments(
    deployments: Sequence[Mapping[str, Any]], declared: set[str], pool: str = POOL
) -> list[Mapping[str, Any]]:
    """Active deployments of ``pool`` that the deployments file no longer declares."""
    return [
        d
        for d in deployments
        if d.get("work_pool_name") == pool and d.get("name") not in declared and not d.get("paused")
    ]


def pause_stale_deployments(port: int, declared: set[str], pool: str = POOL) -> list[str]:
    """Pause what ``stale_deployments`` finds, so only the file's deployments keep firing."""
    names = []
    for d in stale_deployments(_api(port, "POST", "/deployments/filter", {}), declared, pool):
        _api(port, "POST", f"/deployments/{d['id']}/pause_deployment")
        names.append(str(d["name"]))
    return names


IN_FLIGHT_STATES = ("PENDING", "RUNNING", "CANCELLING")
WORKER_LABEL = "prefect.worker.name"  # the label Prefect gives a run: the worker that started it


def in_flight_runs(port: int, pool: str = POOL) -> list[dict[str, Any]]:
    """The pool's pending, running and cancelling flow runs."""
    body = {
        "flow_runs": {"state": {"type": {"any_": list(IN_FLIGHT_STATES)}}},
        "work_pools": {"name": {"any_": [pool]}},
    }
    runs: list[dict[str, Any]] = _api(port, "POST", "/flow_runs/filter", body)
    return runs


def crash_runs(port: int, runs: Sequence[Mapping[str, Any]], message: str) -> int:
    """Mark ``runs`` as crashed; returns how many. A run left "running" would otherwise keep its
    deployment's concurrency slot (``concurrency_limit: 1``) and hold back every later run."""
    for run in runs:
        state = {"type": "CRASHED", "name": "Crashed", "message": message}
        _api(port, "POST", f"/flow_runs/{run['id']}/set_state", {"state": state, "force": True})
    return len(runs)


def release_interrupted_runs(port: int, message: str, pool: str = POOL) -> int:
    """Mark every in-flight run of the pool as crashed: only when no worker can still be running them
    (the server is ours and has just started, or is about to stop)."""
    return crash_runs(port, in_flight_runs(port, pool), message)


def release_worker_runs(port: int, worker: str, message: str, pool: str = POOL) -> int:
    """Once ``worker`` has stopped, on a server that stays up: crash the in-flight runs it had started,
    and only those (another worker's runs are not ours to end)."""
    return crash_runs(port, runs_of_worker(in_flight_runs(port, pool), worker), message)


def run_worker(run: Mapping[str, Any]) -> str | None:
    """The name of the worker that started ``run`` (Prefect's label), if any."""
    name = (run.get("labels") or {}).get(WORKER_LABEL)
    return str(name) if name else None


def runs_of_worker(runs: Sequence[Mapping[str, Any]], worker: str) -> list[Mapping[str, Any]]:
    return [r for r in runs if run_worker(r) == worker]


def still_run(
    run: Mapping[str, Any], own: str, online: set[str], look: Callable[[int], Process | None]
) -> bool:
    """Whether something still runs ``run``, on a server others may share. A run a ``serve`` of this
    machine started has its worker while that ``serve`` lives (``serve_alive``), and is still run while
    its own process lives (a ``serve`` killed outright takes its worker, not always the run); any other
    worker's runs while Prefect counts that worker online (its heartbeat, which says it is gone only
    after 90 s). ``own`` is this serve's worker name; ``look(pid)`` what /proc says of a process."""
    name = run_worker(run)
    if name is None:
        return True  # a worker between Pending and its labels: it is that worker's to end
    theirs, me = parse_serve_worker(name), parse_serve_worker(own)
    if theirs is None or me is None or theirs.host != me.host:
        return name in online
    pid = str(run.get("infrastructure_pid") or "").rpartition(":")[2]
    if serve_alive(name, own, look):
        return True
    # The run's own process; never this process (a PID the run had in another PID namespace).
    if not pid.isdigit() or int(pid) == me.pid or (proc := look(int(pid))) is None:
        return False
    return proc.argv is None or any(b"prefect" in arg for arg in proc.argv)


def serve_alive(name: str, own: str, look: Callable[[int], Process | None]) -> bool:
    """Whether the ``serve`` whose worker was named ``name`` (a name of this machine) still lives. A name
    with a start time: the process with that PID started then. Our own PID under another name is an
    earlier ``serve`` with the same PID (a container started again: each is PID 1), so gone. A name of
    an earlier version: a process with that PID whose command is a serve command."""
    if name == own:
        return True
    theirs, me = parse_serve_worker(name), parse_serve_worker(own)
    if theirs is None or (me is not None and theirs.pid == me.pid):
        return False
    proc = look(theirs.pid)
    if proc is None:
        return False
    if theirs.started is not None:
        return proc.started is None or proc.started == theirs.started  # unreadable: cannot tell, so alive
    return proc.argv is None or is_serve_command(proc.argv)


def abandoned_runs(
    runs: Sequence[Mapping[str, Any]], deployment_ids: set[str], running: Callable[[Mapping[str, Any]], bool]
) -> list[Mapping[str, Any]]:
    """In-flight ``runs`` of the deployments ``deployment_ids`` that nothing runs any more."""
    return [r for r in runs if str(r.get("deployment_id")) in deployment_ids and not running(r)]


@dataclass(frozen=True)
class Process:
    """A live process of this machine as /proc shows it: its start time and arguments (None where they
    cannot be read)."""

    started: int | None
    argv: tuple[bytes, ...] | None


def look_up_process(pid: int) -> Process | None:
    """Process ``pid`` of this machine, or None when there is none (a zombie is not the process either:
    it has ended, only its exit status waits)."""
    if pid <= 0:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
        if stat.rpartition(b")")[2].split()[:1] == [b"Z"]:
            return None
    except OSError:
        return Process(None, None)
    try:
        argv: tuple[bytes, ...] | None = tuple(Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[:-1])
    except OSError:
        argv = None
    return Process(process_start(pid), argv)


def declared_deployment_ids(port: int, declared: set[str], pool: str = POOL) -> set[str]:
    """The ids of the pool's deployments that the deployments file declares."""
    return {
        str(d["id"])
        for d in _api(port, "POST", "/deployments/filter", {})
        if d.get("work_pool_name") == pool and d.get("name") in declared
    }


def online_workers(port: int, pool: str = POOL) -> set[str]:
    workers = _api(port, "POST", f"/work_pools/{pool}/workers/filter", {})
    return {str(w["name"]) for w in workers if w.get("status") == "ONLINE"}


def release_abandoned_runs(port: int, message: str, declared: set[str], pool: str = POOL) -> int:
    """On a server that was already running: crash the in-flight runs of the file's deployments that
    nothing runs any more (``still_run``); other workers' runs are theirs to end."""
    ids = declared_deployment_ids(port, declared, pool)
    runs = [r for r in in_flight_runs(port, pool) if str(r.get("deployment_id")) in ids]
    if not runs:
        return 0
    own, online = serve_worker_name(), online_workers(port, pool)
    return crash_runs(
        port, abandoned_runs(runs, ids, lambda r: still_run(r, own, online, look_up_process)), message
    )


def missed_runs(runs: Sequence[Mapping[str, Any]], now: str) -> list[Mapping[str, Any]]:
    """Runs a schedule made that came due while nothing ran them, except the latest of each deployment.

    ``now`` and the runs' ``expected_start_time`` are ISO timestamps (the API writes ``...Z``). The latest
    missed run of each deployment stays: one catch-up run on start, not one per hour the stack was down.
    Runs started by hand (not ``auto_scheduled``) are never skipped.
    """
    due: dict[str, list[Mapping[str, Any]]] = {}
    for run in runs:
        expected = run.get("expected_start_time")
        if (
            run.get("state_type") == "SCHEDULED"
            and run.get("auto_scheduled")
            and expected
            and _utc(str(expected)) < _utc(now)
        ):
            due.setdefault(str(run.get("deployment_id")), []).append(run)
    skipped: list[Mapping[str, Any]] = []
    for group in due.values():
        group.sort(key=lambda r: _utc(str(r["expected_start_time"])))
        skipped.extend(group[:-1])
    return skipped


def _utc(timestamp: str) -> datetime:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00"))


def skip_missed_runs(port: int, pool: str = POOL, deployment_ids: set[str] | None = None) -> int:
    """Cancel what ``missed_runs`` finds among the pool's runs (of ``deployment_ids`` only, when given);
    returns how many."""
    now = datetime.now(UTC).isoformat()
    body = {
        "flow_runs": {
            "state": {"type": {"any_": ["SCHEDULED"]}},
            "expected_start_time": {"before_": now},
        },
        "work_pools": {"name": {"any_": [pool]}},
    }
    runs = _api(port, "POST", "/flow_runs/filter", body)
    if deployment_ids is not None:
        runs = [r for r in runs if str(r.get("deployment_id")) in deployment_ids]
    skipped = missed_runs(runs, now)
    for run in skipped:
        state = {
            "type": "CANCELLED",
            "name": "Cancelled",
            "message": "missed: wirehouse serve was not running",
        }
        _api(port, "POST", f"/flow_runs/{run['id']}/set_state", {"state": state, "force": True})
    return len(skipped)


def _release_quietly(release: Callable[[], int], say: Any) -> None:
    try:
        if n := release():
            say(f"marked {n} interrupted flow run{'s' if n != 1 else ''} as crashed")
    except (OSError, ValueError) as exc:
        say(f"warning: could not check for interrupted flow runs: {exc}")


def _skip_missed_quietly(port: int, say: Any, declared: set[str] | None = None) -> None:
    """Skip missed runs: of the pool's deployments, or only of those the file ``declared``."""
    try:
        ids = None if declared is None else declared_deployment_ids(port, declared)
        if n := skip_missed_runs(port, deployment_ids=ids):
            say(f"skipped {n} scheduled run{'s' if n != 1 else ''} missed while the stack was down")
    except (OSError, ValueError) as exc:
        say(f"warning: could not check for missed runs: {exc}")


# ---------------------------------------------------------------------------------------------------------
# Child processes


def _child_setup() -> None:  # pragma: no cover - runs in the forked child
    """In each child before exec: Ctrl-C behaves normally, and the child dies with this process."""
    # A shell may start us with SIGINT ignored; Prefect's graceful stop relies on KeyboardInterrupt.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    die_with_parent()


@dataclass
class Child:
    """One child process in its own session, so a terminal's Ctrl-C reaches only ``wirehouse serve``,
    which then stops the children in order."""

    name: str
    proc: subprocess.Popen[bytes]
    log_path: Path | None = None

    @classmethod
    def start(
        cls,
        name: str,
        command: Sequence[str],
        env: Mapping[str, str],
        cwd: Path,
        log_path: Path | None = None,
    ) -> Child:
        log: IO[bytes] | None = log_path.open("wb") if log_path else None
        try:
            proc = subprocess.Popen(
                list(command),
                env=dict(env),
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT if log else None,
                start_new_session=True,
                preexec_fn=_child_setup,  # safe: no other threads run in this process
            )
        finally:
            if log:
                log.close()
        return cls(name, proc, log_path)

    def running(self) -> bool:
        return self.proc.poll() is None

    def log_tail(self, n: int = 5, skip: re.Pattern[str] | None = None) -> str:
        """The log's last ``n`` lines, without those ``skip`` matches."""
        if not self.log_path or not self.log_path.exists():
            return ""
        text = self.log_path.read_text(errors="replace")
        if skip is not None:
            text = "\n".join(line for line in text.splitlines() if not skip.search(line))
        return last_lines(text, n)

    def stop(self, timeout: float = STOP_TIMEOUT, hurry: bool = False) -> int | None:
        """Interrupt (like Ctrl-C), wait, then SIGTERM, wait, then SIGKILL the whole process group."""
        if not self.running():
            return self.proc.returncode
        steps = (
            [(signal.SIGKILL, 5.0)]
            if hurry
            else [
                (signal.SIGINT, timeout),
                (signal.SIGTERM, 5.0),
                (signal.SIGKILL, 5.0),
            ]
        )
        for sig, wait in steps:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, sig)
            try:
                return self.proc.wait(wait)
            except subprocess.TimeoutExpired:
                continue
        return self.proc.poll()


@dataclass
class Stack:
    """The children started so far, stopped in reverse order (worker first, server last)."""

    children: list[Child] = field(default_factory=list)

    def add(self, child: Child) -> Child:
        self.children.append(child)
        return child

    def dead(self) -> Child | None:
        return next((c for c in self.children if not c.running()), None)

    def stop(self, say: Any = print, after: Callable[[Child], None] | None = None) -> None:
        """Stop each running child, newest first; ``after(child)`` runs once that child has stopped."""
        hurry = False
        for child in reversed(self.children):
            if not child.running():
                continue
            say(f"stopping the {child.name} ...")
            try:
                child.stop(hurry=hurry)
                if after is not None and not hurry:
                    after(child)
            except KeyboardInterrupt:  # a second Ctrl-C: no more waiting
                hurry = True
                child.stop(hurry=True)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM takes the same clean path as Ctrl-C (which works even if a shell started us ignoring it)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous_term = signal.signal(signal.SIGTERM, handler)
    previous_int = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        signal.signal(signal.SIGINT, previous_int)


def _wait_healthy(server: Child, port: int, timeout: float) -> float:
    started = time.monotonic()
    next_note = 15.0
    while True:
        if prefect_healthy(port):
            return time.monotonic() - started
        elapsed = time.monotonic() - started
        if not server.running():
            raise ServeError(
                f"the Prefect server exited during start-up (code {server.proc.returncode}): "
                f"{server.log_tail() or 'no output'} (log: {server.log_path})"
            )
        if elapsed > timeout:
            raise ServeError(
                f"the Prefect server did not answer on {base_url(port)} within {timeout:g} s "
                f"(log: {server.log_path})"
            )
        if elapsed >= next_note:
            print(f"wirehouse serve: still starting ({elapsed:.0f} s) ...", flush=True)
            next_note += 15.0
        time.sleep(0.5)


def _run_prefect(command: Sequence[str], env: Mapping[str, str], cwd: Path, what: str, log_path: Path) -> str:
    """Run one Prefect command to completion; on failure its last line, with the whole output in a log."""
    try:
        done = subprocess.run(
            list(command),
            env=dict(env),
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=DEPLOY_TIMEOUT,
            check=False,
            preexec_fn=_child_setup,
        )
    except subprocess.TimeoutExpired as exc:
        raise ServeError(f"{what} did not finish within {DEPLOY_TIMEOUT:.0f} s") from exc
    if done.returncode != 0:
        output = done.stdout + done.stderr
        log_path.write_text(output, encoding="utf-8")
        # A value of the deployments file that Prefect refused is an input mistake (exit 2), as the
        # checks before the start say theirs; anything else failed.
        refused = re.search(r"\d+ validation errors? for ", output) is not None
        raise ServeError(
            f"{what} failed (exit {done.returncode}): {failure_cause(output)} (whole output: {log_path})",
            EXIT_USAGE if refused else EXIT_FAILED,
        )
    return done.stdout


_NOT_THE_CAUSE = re.compile(r"For further information visit |\d+ validation errors? for |[╭╰│─]")


def failure_cause(output: str) -> str:
    """The line of a failed Prefect command's output that names the cause. Its last line was often a
    pointer ("For further information visit https://errors.pydantic.dev/...", "work pool in the Prefect
    UI."): a pydantic error's own line ("Value error, Invalid cron string: ...") when there is one, else
    the first sentence after the last box Prefect draws ("Deploying ingest-seeds"), else the last line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("Value error, "):
            return line.removeprefix("Value error, ").split(" [type=")[0]
    boxes = [i for i, line in enumerate(lines) if line.startswith("╰")]
    after = [line for line in lines[boxes[-1] + 1 :] if not _NOT_THE_CAUSE.match(line)] if boxes else []
    if after:
        text = " ".join(after)
        return text.split(". ")[0].rstrip(".")
    return last_lines(output, 1)


# ---------------------------------------------------------------------------------------------------------
# The command


def serve(
    port: int = DEFAULT_PORT,
    worker: bool = True,
    prefect_file: str | None = None,
    startup_timeout: float = STARTUP_TIMEOUT,
    root: Path = config.PROJECT_ROOT,
) -> int:
    """Run the stack until interrupted. Returns the exit code; raises ``ServeError`` on start-up failure."""
    yaml_path = root / (prefect_file or PREFECT_FILE)  # an absolute path stays as it is
    declared = check_prefect_file(yaml_path, root)
    user_console_level = os.environ.get(ENV_CONSOLE_LEVEL)
    if os.environ.get("PREFECT_HOME", "").strip():  # the server runs in the checkout: the caller's folder
        os.environ["PREFECT_HOME"] = os.path.abspath(os.path.expanduser(os.environ["PREFECT_HOME"]))
    configure(use_local_server=False)
    home = Path(os.environ["PREFECT_HOME"])
    _check_home(home)
    # The worker prints each run it starts, and the runs' own logs; Wirehouse's quiet default hides them.
    env = client_env(os.environ, port, root, console_level=user_console_level or "INFO")
    # Prefect's messages, unwrapped: its console wrapped them at 80 columns, cutting the cause in two.
    deploy_env = {**env, "COLUMNS": "500"}
    worker_name = serve_worker_name()
    stack = Stack()
    say = _say
    server: Child | None = None
    worker_child: Child | None = None

    def after(child: Child) -> None:
        # Our worker is gone: nothing can finish the runs it had started. On a server that stays up (not
        # ours), only those: another worker's runs are not ours to end.
        if child is not worker_child or (server is not None and not server.running()):
            return
        message = "interrupted: wirehouse serve stopped while it ran"
        if server is not None:
            _release_quietly(lambda: release_interrupted_runs(port, message), say)
        else:
            _release_quietly(lambda: release_worker_runs(port, worker_name, message), say)

    with _sigterm_as_interrupt():
        try:
            if prefect_healthy(port):
                say(f"using the Prefect server already running on {base_url(port)}")
            elif port_in_use(port):
                raise ServeError(
                    f"port {port} on {HOST} is taken by something that is not a Prefect server; "
                    "stop it or choose another port with --port",
                    EXIT_USAGE,
                )
            else:
                log_path = home / f"server-{port}.log"
                say(
                    f"starting the Prefect server on {base_url(port)} (20-30 s the first time; log: {log_path})"
                )
                server = stack.add(
                    Child.start(
                        "Prefect server", server_command(port), server_env(os.environ), root, log_path
                    )
                )
                took = _wait_healthy(server, port, startup_timeout)
                say(f"Prefect server up after {took:.0f} s")
            kind = work_pool_type(port)
            if kind is None:
                _run_prefect(
                    pool_command(), env, root, f"creating work pool {POOL!r}", home / "work-pool.log"
                )
                say(f"created the {POOL_TYPE} work pool {POOL!r}")
            elif kind != POOL_TYPE:
                say(f"warning: work pool {POOL!r} has type {kind!r}, not {POOL_TYPE!r}")
            say(f"declaring the deployments of {yaml_path.name} ...")
            _run_prefect(
                deploy_command(prefect_file),
                deploy_env,
                root,
                f"prefect deploy --all ({yaml_path.name})",
                home / "deploy.log",
            )
            for name in pause_stale_deployments(port, declared):
                say(f"paused deployment {name!r}: {yaml_path.name} no longer declares it")
            for line in deployment_lines(port):
                say(f"  deployment {line}")
            # Runs a worker of an earlier `serve` had started when it was stopped or killed can never
            # finish, and would hold their deployment's one slot for ever; runs missed meanwhile are one
            # catch-up run. On a server others may share, only the file's deployments, and only the runs
            # nothing runs any more (review: with a server already running, neither was done).
            found = "interrupted: found unfinished when wirehouse serve started"
            if server is not None:
                _release_quietly(lambda: release_interrupted_runs(port, found), say)
                _skip_missed_quietly(port, say)
            else:
                _release_quietly(lambda: release_abandoned_runs(port, found, declared), say)
                _skip_missed_quietly(port, say, declared)
            if worker:
                worker_child = stack.add(
                    Child.start("Prefect worker", worker_command(name=worker_name), env, root)
                )
            say(f"UI: {base_url(port)}   (API {api_url(port)})")
            if api_url(port) != config.LOCAL_SERVER_URL:  # other commands look for this server on 4200 only
                say(f"other wirehouse commands report here with PREFECT_API_URL={api_url(port)}")
            if worker:
                say(f"a worker runs the scheduled deployments of pool {POOL!r}; Ctrl-C stops everything")
            else:
                say(f"no worker: runs wait until one starts ({worker_hint(port)}); Ctrl-C stops")
            unanswered = 0
            while True:
                time.sleep(1.0)
                if server is None:
                    # Another process's server: nothing tells this one it has gone but its silence (a
                    # serve using it sat there, its UI address dead, after that server stopped: review).
                    unanswered = 0 if prefect_healthy(port) else unanswered + 1
                    if unanswered >= SHARED_SERVER_PATIENCE:
                        raise ServeError(
                            f"the Prefect server on {HOST}:{port}, which another process started, stopped "
                            "answering: start wirehouse serve again"
                        )
                if (gone := stack.dead()) is not None:
                    said = gone.log_tail(skip=_BANNER_LINE)
                    raise ServeError(
                        f"the {gone.name} stopped unexpectedly (exit code {gone.proc.returncode})"
                        + (f": {said}" if said else ": no cause in its output")
                        + (f" (its log: {gone.log_path})" if gone.log_path else "")
                    )
        except KeyboardInterrupt:
            print(file=sys.stderr)
        finally:
            stack.stop(say, after)
    say("stopped")
    return EXIT_OK


def _say(message: str) -> None:
    # A closed terminal (SIGHUP) must not cut the stop short: the worker's runs are released after this.
    from .wording import say_if_possible

    say_if_possible(f"wirehouse serve: {message}", sys.stdout, quiet_after=False)


def port_number(text: str) -> int:
    """``--port``: checked by argparse (one usage line, exit 2), not an OverflowError from the socket."""
    value = int(text) if text.strip().isdigit() else -1
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 1 to 65535, not {text!r}")
    return value


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value < float("inf"):  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be a number of seconds above 0, not {text!r}")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "serve",
        help="run the local Prefect server, UI and a worker for the scheduled deployments",
        description="Start a long-lived Prefect server (UI on http://127.0.0.1:4200), declare the "
        "deployments of prefect.yaml and run a worker for their schedules. While it runs, other wirehouse "
        "commands report to it (on another --port, only with PREFECT_API_URL set to its API). Ctrl-C stops "
        "everything.",
    )
    parser.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"port on {HOST}, 1-65535 (default {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--no-worker", action="store_true", help="server and deployments only; no worker runs the schedules"
    )
    parser.add_argument(
        "--prefect-file",
        metavar="FILE",
        help=f"deployments file in prefect.yaml's format, relative to the checkout or absolute (default {PREFECT_FILE})",
    )
    parser.add_argument(
        "--startup-timeout",
        type=positive_seconds,
        default=STARTUP_TIMEOUT,
        metavar="SECONDS",
        help=f"how long to wait for the server to answer (default {STARTUP_TIMEOUT:.0f})",
    )
    parser.set_defaults(handler=run)


def _check_home(home: Path) -> None:
    """PREFECT_HOME, where the server's database and log go, made and written to before anything starts:
    a file in its place, or a folder that cannot be written, was "the Prefect API on 127.0.0.1:4200
    failed: [Errno 20] Not a directory", exit 1 (review)."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        probe = home / f".wirehouse-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise ServeError(
            f"PREFECT_HOME {home} cannot be used: {exc.strerror or exc}; point it at a folder you can "
            "write, or unset it",
            EXIT_USAGE,
        ) from None


def run(args: argparse.Namespace) -> int:
    try:
        return serve(
            port=args.port,
            worker=not args.no_worker,
            prefect_file=args.prefect_file,
            startup_timeout=args.startup_timeout,
        )
    except ServeError as exc:
        print(f"wirehouse: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except (OSError, ValueError) as exc:  # the API answered with an error, or not at all
        print(f"wirehouse: error: the Prefect API on {HOST}:{args.port} failed: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m flows.serve [options]``: the same command without the rest of the CLI."""
    parser = argparse.ArgumentParser(prog="wirehouse")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["serve", *(sys.argv[1:] if argv is None else argv)])
    # SIGHUP (the terminal closed) stops the stack as SIGTERM does, unless started under nohup, as for
    # `wirehouse serve`: without this, it killed serve outright and its worker's runs stayed Running.
    with termination_as_interrupt():
        code: int = args.handler(args)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
