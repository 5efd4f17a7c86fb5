"""What the fork server loads before it forks parsing workers, so every worker starts with it.

The pipeline's modules and the language model: loaded once here and shared by the forked workers,
instead of once in each worker on its first file.
"""

from __future__ import annotations

import contextlib
import sys
from types import TracebackType

# The command's own module too: every worker re-runs the command's main script on its start (multiprocessing
# does, to find what it pickled), and ``wirehouse``'s script imports ``flows.cli``, whose settings import
# pydantic. Imported here once, that is 0.01 s of each worker's start instead of 0.07 s (0.06 s of CPU).
# The workers' initializer too (``worker_start``), loaded before the fork.
from . import cli, pipeline, worker_start  # noqa: F401  (imported for the fork server)
from .language import load_model
from .place_names import is_place

# Under ``python -m flows.cli`` a worker runs its main module again by name, unless its ``__main__``
# already is that module: runpy warned twice per run ("'flows.cli' found in sys.modules after import of
# package 'flows'", review) and each worker ran the module once more. The fork server's own ``__main__``
# is a one-line stub nothing looks up; a command run from a script (``wirehouse``) is re-run by path,
# as before. Only there: the bench and the tests import this module in processes of their own.


def _in_fork_server() -> bool:
    """Whether multiprocessing's fork server is importing this module (its ``main`` is on the stack)."""
    import multiprocessing.forkserver

    frame = sys._getframe()
    while frame is not None:
        if frame.f_code is multiprocessing.forkserver.main.__code__:
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


if _in_fork_server():
    sys.modules["__main__"] = cli

# The fork server skips a preload that fails to import, but any other error would stop it, and every
# pool with it: a model that cannot load here is met again, per article, in the workers.
with contextlib.suppress(Exception):
    load_model()
with contextlib.suppress(Exception):
    is_place("New York")  # the byline places (about 0.04 s to build), once for every worker


def _quiet_if_the_pool_is_gone(
    kind: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """The fork server's children report a failed start through ``sys.excepthook``. A worker started as its
    command is interrupted finds the pool's semaphores or pipe already gone: the command has said
    "interrupted", and the child's traceback (FileNotFoundError in ``SemLock._rebuild``) said nothing more."""
    if not issubclass(kind, FileNotFoundError | EOFError | ConnectionError):
        sys.__excepthook__(kind, exc, tb)


sys.excepthook = _quiet_if_the_pool_is_gone  # in the fork server, so in every child until it is a worker
