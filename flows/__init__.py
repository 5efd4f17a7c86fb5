"""Wirehouse: news articles from raw inputs to clean DuckDB rows.

Stages, in the order data flows: sources -> read/fetch -> extract -> dates -> clean -> load.
Only the ``*_flow`` modules import Prefect; every other module is plain functions over records.
"""

__version__ = "0.1.0"

# Bumped whenever extraction or cleaning changes what a row would contain, so that rows made by an
# older extractor can be found (and re-derived) with SQL.
EXTRACTOR_VERSION = "wirehouse-0.1.13"
