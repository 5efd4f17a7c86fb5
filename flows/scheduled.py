"""The flows as the scheduled deployments of ``prefect.yaml`` run them: tried again after a failure.

A run from a schedule has nobody watching it. The usual failure is transient: the warehouse held by
someone's open ``duckdb`` shell for longer than ``WIREHOUSE_LOCK_WAIT``, a worker restarted. Repeating a
run is safe (unchanged inputs are skipped, every batch is one transaction), so a failed scheduled run is
tried again after a minute, twice. A mistake a retry cannot fix (a ``UserError`` other than
``DatabaseLocked``) is not (``flow_states.mistakes_not_retried``). Command-line runs fail at once, as a
person is there to see why.
"""

from __future__ import annotations

from .crawl_flow import crawl_flow
from .ingest_flow import ingest_flow

RETRIES = 2
RETRY_DELAY_SECONDS = 60

scheduled_ingest = ingest_flow.with_options(retries=RETRIES, retry_delay_seconds=RETRY_DELAY_SECONDS)
scheduled_crawl = crawl_flow.with_options(retries=RETRIES, retry_delay_seconds=RETRY_DELAY_SECONDS)
