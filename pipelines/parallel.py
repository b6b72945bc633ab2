"""Spread pure per-item work over the machine's cores, batch after batch, one batch ahead of the
caller.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

K = TypeVar("K")
T = TypeVar("T")
R = TypeVar("R")

# Below this many items a batch is computed in the calling process: a pool costs more than it saves.
MIN_PARALLEL_ITEMS = 400


def workers() -> int:
    return int(os.environ.get("CONTESTED_WORKERS", os.cpu_count() or 1))


_task: Callable | None = (
    None  # set in each worker when it starts: forked, it inherits `fn` with its closure unpickled
)


def _start_worker(fn: Callable, parent: int) -> None:
    global _task
    _task = fn
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker once its parent is gone: a run killed with -9 would otherwise leave its
    workers waiting for work forever.
    """
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _apply_task(items: Sequence) -> list:
    return [_task(item) for item in items]


def map_batches(
    fn: Callable[[T], R],
    batches: Iterable[tuple[K, Sequence[T]]],
    weight: Callable[[T], int] | None = None,
) -> Iterator[tuple[K, list[R]]]:
    """(key, [fn(item) for item in items]) for each (key, items) of `batches`, in order.

    Large batches (items weighing MIN_PARALLEL_ITEMS in all; an item weighs 1 unless `weight`
    says otherwise) are computed by forked worker processes one batch ahead: the next batch is
    taken from `batches` and handed to the workers before this one's results go to the caller, so
    the workers compute while the caller writes (on 2 cores the writes no longer leave them idle).
    `batches` is therefore read one batch ahead of the results. Workers inherit `fn` with its
    closure (compiled patterns, reference tables) at the fork; items go to them pickled and results
    come back pickled, so both should be plain tuples, dicts and strings. `fn` must be pure and
    must not use polars (its thread pool does not survive a fork).
    """
    n = workers()
    pool: ProcessPoolExecutor | None = None
    pending: tuple[K, list[Future], list[R]] | None = (
        None  # a batch handed to the workers, or computed here
    )
    try:
        for key, items in batches:
            weights = [weight(item) for item in items] if weight else [1] * len(items)
            total = sum(weights)
            if n > 1 and total >= MIN_PARALLEL_ITEMS:
                if pool is None:
                    # what exists before the fork (a gazetteer of half a million names) is left out
                    # of the workers' garbage collections, which would otherwise walk it, copying
                    # its pages into every worker
                    gc.freeze()
                    pool = ProcessPoolExecutor(
                        max_workers=n,
                        mp_context=multiprocessing.get_context("fork"),
                        initializer=_start_worker,
                        initargs=(fn, os.getpid()),
                    )
                parts = _parts(items, weights, max(50, total // (n * 4)))
                current = (key, [pool.submit(_apply_task, part) for part in parts], [])
            else:
                current = (key, [], [fn(item) for item in items])
            if pending is not None:
                yield _collected(*pending)
            pending = current
        if pending is not None:
            yield _collected(*pending)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
            gc.unfreeze()


def _parts(items: Sequence[T], weights: list[int], size: int) -> Iterator[Sequence[T]]:
    """Consecutive runs of items weighing about `size` each: what one worker computes at a time."""
    start = total = 0
    for end, item_weight in enumerate(weights, start=1):
        total += item_weight
        if total >= size:
            yield items[start:end]
            start, total = end, 0
    if start < len(items):
        yield items[start:]


def _collected(key: K, parts: list[Future], computed: list[R]) -> tuple[K, list[R]]:
    return key, [result for part in parts for result in part.result()] if parts else computed


class BudgetExceeded(BaseException):
    """A unit of work ran past its time budget: a BaseException, as KeyboardInterrupt is, so that no
    handler of a unit's own errors takes it for one."""


def _over_budget(signum: int, frame: object) -> None:
    raise BudgetExceeded


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise BudgetExceeded in the block once it has run `seconds` (a wall-clock alarm).

    Only the main thread of a process can take the alarm (as a worker's task runs); elsewhere the
    block runs unbounded. Python code is interrupted between two steps, so one long call into C
    (a single regex search) ends before the alarm is taken.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _over_budget)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
