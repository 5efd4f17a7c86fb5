"""Flow runs that have started on a warehouse but are not in its ``runs`` table yet.

Prefect marks a flow run Running before the ingest records it: the inputs are walked first, with the
warehouse not locked, so that a reader waits for a batch at most. A run killed (``kill -9``) during that
walk left no row, so no later run closed it or marked its flow run Crashed: it stayed Running for ever
(kill trials). Each flow run leaves a note beside the warehouse until its row exists
(``<db>.starting/<flow run id>``, naming its process), and the next flow run marks Crashed the flow runs
of notes whose process is gone (``run_owner.alive``, as for rows left ``running``).
"""

from __future__ import annotations

import contextlib
import json
import uuid
from pathlib import Path

from . import run_owner


def _folder(db: Path) -> Path:
    return db.with_name(db.name + ".starting")


def note(db: Path, flow_run_id: str) -> Path | None:
    """Leave this flow run's note; None when it cannot be left (the run goes on: a note is a courtesy)."""
    host, pid, started = run_owner.current()
    path = _folder(db) / str(uuid.UUID(flow_run_id))
    try:
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps({"host": host, "pid": pid, "started": started}), encoding="utf-8")
    except (OSError, ValueError):
        return None
    return path


def forget(path: Path | None) -> None:
    """Remove a note once the run's row exists (or the run ended before it)."""
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink()
            path.parent.rmdir()  # only when no other run's note is in it (it is then empty)


def gone(db: Path) -> list[str]:
    """The flow runs of notes whose process is gone, their notes removed; notes of live processes stay."""
    found: list[str] = []
    try:
        paths = list(_folder(db).iterdir())
    except OSError:
        return found
    for path in paths:
        try:
            flow_run_id = str(uuid.UUID(path.name))
            owner = json.loads(path.read_text(encoding="utf-8"))
            host, pid, started = owner["host"], owner["pid"], owner["started"]
            if not (isinstance(host, str) and type(pid) is int and (started is None or type(started) is int)):
                continue  # not ours: left alone (a pid as a string raised TypeError, every run: review)
            if run_owner.alive(host, pid, started):
                continue
        except (OSError, ValueError, KeyError, TypeError, OverflowError):
            continue  # not ours, or written half: left alone
        forget(path)
        found.append(flow_run_id)
    return found
