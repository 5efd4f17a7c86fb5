"""The few error types Wirehouse raises, split by what the caller should do about them.

``UserError``s are mistakes a person can fix (bad path, bad option, bad SQL): the CLI prints them as one
line and exits with a code scripts can use. ``RejectInput`` means one input cannot become an article:
the pipeline turns it into a ``Rejected`` record and goes on. ``TransientError`` may succeed if retried
(timeouts, 5xx, a locked database); everything else is terminal.
"""

from __future__ import annotations

from .records import Rejected, Stage


class WirehouseError(Exception):
    """Base class of every error Wirehouse raises on purpose."""


class UserError(WirehouseError):
    """A mistake in how Wirehouse was called; the message says how to fix it."""

    exit_code = 2


class ConfigError(UserError):
    """A configuration file or option has a bad or unknown value."""


class DatabaseLocked(UserError):
    """Another process holds the DuckDB file's write lock and did not let go in time."""

    exit_code = 4


class TransientError(WirehouseError):
    """A failure that may go away on retry (timeout, connection reset, HTTP 429/5xx)."""


class RejectInput(WirehouseError):
    """This input cannot become an article; ``reason`` is a short code, ``detail`` says why in prose."""

    def __init__(self, stage: Stage, reason: str, detail: str) -> None:
        super().__init__(f"{stage}/{reason}: {detail}")
        self.stage: Stage = stage
        self.reason = reason
        self.detail = detail

    def to_record(self) -> Rejected:
        return Rejected(stage=self.stage, reason=self.reason, detail=self.detail)
