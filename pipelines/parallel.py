"""Spread pure per-item work over the machine's cores, in order, for large batches only."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more than it saves.
MIN_PARALLEL_ITEMS = 400


def workers() -> int:
    return int(os.environ.get("CONTESTED_WORKERS", os.cpu_count() or 1))


# set before the pool forks, so workers inherit the task and its items without pickling them
_task: Callable | None = None
_items: Sequence | None = None


def _apply_task(bounds: tuple[int, int]) -> list:
    start, stop = bounds
    return [_task(item) for item in _items[start:stop]]


def map_in_order(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """[fn(item) for item in items], in forked worker processes when the batch is large.

    Forked workers inherit `fn` with its closure (compiled regexes, reference tables) and the items
    themselves; only index ranges go to them and only results come back pickled, so results should
    be plain tuples and strings. `fn` must be pure and must not use polars (its thread pool does not
    survive a fork).
    """
    global _task, _items
    n = workers()
    if n < 2 or len(items) < MIN_PARALLEL_ITEMS:
        return [fn(item) for item in items]
    size = max(50, len(items) // (n * 8))
    _task, _items = fn, items
    try:
        with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork")) as pool:
            ranges = [(start, min(start + size, len(items))) for start in range(0, len(items), size)]
            return [result for part in pool.map(_apply_task, ranges) for result in part]
    finally:
        _task, _items = None, None
