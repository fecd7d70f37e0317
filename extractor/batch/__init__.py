"""Batch processing: folder walk, manifest, local and Dask executors, orchestration.

Imported lazily, so that worker processes loading a task from this package do not
pay for pandas and the rest of the coordinator's imports.
"""

from __future__ import annotations

from typing import Any

__all__ = ["BatchOptions", "BatchSummary", "run_batch", "run_extract"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from extractor.batch import runner

        return getattr(runner, name)
    raise AttributeError(name)
