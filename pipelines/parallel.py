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


_task: Callable | None = None  # set before the pool forks, so workers inherit it unpickled


def _apply_task(chunk: Sequence[T]) -> list[R]:
    return [_task(item) for item in chunk]


def map_in_order(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """[fn(item) for item in items], in forked worker processes when the batch is large.

    Forked workers inherit `fn` and its closure (compiled regexes, reference tables) without pickling
    it; items and results are pickled. `fn` must be pure and must not use polars (its thread
    pool does not survive a fork).
    """
    global _task
    n = workers()
    if n < 2 or len(items) < MIN_PARALLEL_ITEMS:
        return [fn(item) for item in items]
    size = max(50, len(items) // (n * 8))
    chunks = [items[i:i + size] for i in range(0, len(items), size)]
    _task = fn
    try:
        with ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for part in pool.map(_apply_task, chunks) for result in part]
    finally:
        _task = None
