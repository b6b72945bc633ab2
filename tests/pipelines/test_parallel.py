"""map_batches: results in order, large batches in worker processes one batch ahead, errors not swallowed."""

import os

import pytest

from pipelines.parallel import MIN_PARALLEL_ITEMS, map_batches


def _square_and_pid(item: int) -> tuple[int, int]:
    if item < 0:
        raise ValueError(f"negative item {item}")
    return item * item, os.getpid()


def test_batches_come_back_in_order_large_ones_from_worker_processes(monkeypatch):
    monkeypatch.setenv("CONTESTED_WORKERS", "2")
    sizes = [0, 10, MIN_PARALLEL_ITEMS, 3 * MIN_PARALLEL_ITEMS + 7, 5]
    batches, start = [], 0
    for size in sizes:
        batches.append((f"batch-{len(batches)}", list(range(start, start + size))))
        start += size
    got = list(map_batches(_square_and_pid, iter(batches)))
    assert [key for key, _ in got] == [key for key, _ in batches]
    for (_, items), (_, results) in zip(batches, got, strict=True):
        assert [square for square, _ in results] == [item * item for item in items]
        pids = {pid for _, pid in results}
        if len(items) >= MIN_PARALLEL_ITEMS:
            assert os.getpid() not in pids
        elif items:
            assert pids == {os.getpid()}


def test_the_next_batch_is_taken_before_this_ones_results_are_handed_over(monkeypatch):
    monkeypatch.setenv("CONTESTED_WORKERS", "2")
    taken = []

    def batches():
        for number in range(3):
            taken.append(number)
            yield number, list(range(MIN_PARALLEL_ITEMS))

    for number, _ in map_batches(_square_and_pid, batches()):
        assert taken[-1] == min(number + 1, 2)  # the workers already hold the next batch while the caller handles this one


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_error_in_the_work_reaches_the_caller(monkeypatch, workers):
    monkeypatch.setenv("CONTESTED_WORKERS", workers)
    items = list(range(MIN_PARALLEL_ITEMS)) + [-1]
    with pytest.raises(ValueError, match="negative item -1"):
        list(map_batches(_square_and_pid, [("only", items)]))
