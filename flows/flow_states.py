"""The final Prefect state of a flow run that finished but could not use every input.

A run whose command line would exit 3 (a missing path, a failed source) used to end as a plain green
Completed with the problem only in an INFO log and the summary artifact, so a schedule pointed at an
unmounted folder or a dead feed looked healthy for ever. It ends as Completed named "Completed with
problems", with the problems in its message and each one logged as a WARNING.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, cast

from prefect.context import FlowRunContext, TagsContext
from prefect.settings import get_current_settings
from prefect.states import Completed

from .errors import DatabaseLocked, UserError
from .prefect_env import CLI_TAG

PROBLEMS_STATE = "Completed with problems"


def finished(result: dict[str, Any], problems: Sequence[str], run_logger: Any) -> dict[str, Any]:
    """``result`` as the flow's return value, wrapped in a "Completed with problems" state when there are
    problems. Typed as the dict because that is what the flow's caller gets: Prefect makes a returned
    state the run's final state and hands its data to the caller."""
    if not problems:
        return result
    for problem in problems:
        run_logger.warning(problem)
    shown = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
    state: Any = Completed(
        name=PROBLEMS_STATE, message=f"{len(problems)} could not be used: {shown}", data=result
    )
    return cast(dict[str, Any], state)


def local_result_storage() -> Path:
    """Prefect's own default result storage (``PREFECT_RESULTS_LOCAL_STORAGE_PATH``), named on the flows:
    without it each flow run asks the server for its default storage twice (``GET /api/admin/storage``,
    8 ms of a 250 ms run over unchanged input) although Wirehouse's flows persist no results."""
    return Path(get_current_settings().results.local_storage_path)


@contextlib.contextmanager
def mistakes_not_retried() -> Iterator[None]:
    """A flow body in which a mistake a retry cannot fix (a missing folder, an unknown time zone, a
    sources file that does not parse) ends a scheduled run at once. The deployments' retries are for a
    warehouse held open too long (``DatabaseLocked``); Prefect's server retries every failure of a run
    with retries left, so each such mistake failed three times, two minutes in all, holding the
    deployment's one concurrency slot while other runs waited (review). The run's policy is set to no
    more retries before the failure is reported."""
    try:
        yield
    except UserError as exc:
        if not isinstance(exc, DatabaseLocked):
            with contextlib.suppress(Exception):  # a retry too many is better than a second error
                _no_more_retries()
        raise


@contextlib.contextmanager
def untagged_task_runs() -> Iterator[None]:
    """A flow body whose task runs do not carry the command line's ``cli`` tag (tags the user set stay:
    their concurrency limits apply). Before each task run with tags starts, Prefect asks its API for a
    slot of each tag's concurrency limit, whether one exists or not: a request per batch, and a batch
    that waited for ever once the API had gone (an ingest reporting to `make serve` hung when serve
    stopped, deaf to Ctrl-C: review)."""
    tags = set(TagsContext.get().current_tags)
    with TagsContext(current_tags=tags - {CLI_TAG}):
        yield


def _no_more_retries() -> None:
    context = FlowRunContext.get()
    run = context.flow_run if context is not None else None
    if run is None or not run.empirical_policy.retries:
        return
    from prefect.client.orchestration import get_client

    policy = run.empirical_policy.model_copy(update={"retries": 0})
    with get_client(sync_client=True) as client:
        client.update_flow_run(run.id, empirical_policy=policy)
