"""map_batches: results in order, large batches in worker processes one batch ahead, errors not
swallowed.
"""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pipelines.parallel import MIN_PARALLEL_ITEMS, BudgetExceeded, map_batches, time_budget


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


def test_a_few_heavy_items_go_to_the_workers(monkeypatch):
    """Pieces of a large bundle are few but heavy: their weight, not their count, sends them to the
    workers.
    """
    monkeypatch.setenv("CONTESTED_WORKERS", "2")
    items = list(range(8))
    ((_, light),) = map_batches(_square_and_pid, [("light", items)])
    ((_, heavy),) = map_batches(
        _square_and_pid, [("heavy", items)], weight=lambda item: MIN_PARALLEL_ITEMS // 4
    )
    assert {pid for _, pid in light} == {os.getpid()}
    assert [square for square, _ in heavy] == [item * item for item in items]
    assert os.getpid() not in {pid for _, pid in heavy}


def test_the_next_batch_is_taken_before_this_ones_results_are_handed_over(monkeypatch):
    monkeypatch.setenv("CONTESTED_WORKERS", "2")
    taken = []

    def batches():
        for number in range(3):
            taken.append(number)
            yield number, list(range(MIN_PARALLEL_ITEMS))

    for number, _ in map_batches(_square_and_pid, batches()):
        # the workers already hold the next batch while the caller handles this one
        assert taken[-1] == min(number + 1, 2)


@pytest.mark.parametrize("workers", ["1", "2"])
def test_an_error_in_the_work_reaches_the_caller(monkeypatch, workers):
    monkeypatch.setenv("CONTESTED_WORKERS", workers)
    items = list(range(MIN_PARALLEL_ITEMS)) + [-1]
    with pytest.raises(ValueError, match="negative item -1"):
        list(map_batches(_square_and_pid, [("only", items)]))


def _alive(pid: int) -> bool:
    """Running, and not a zombie nobody reaped yet."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process states from /proc")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    script = tmp_path / "feed.py"
    script.write_text(
        textwrap.dedent("""
        import os, time
        from pipelines.parallel import MIN_PARALLEL_ITEMS, BudgetExceeded, map_batches, time_budget

        def work(item):
            time.sleep(0.005)
            return os.getpid()

        batches = ((n, list(range(MIN_PARALLEL_ITEMS))) for n in range(1000))
        for _, pids in map_batches(work, batches):
            print(*sorted(set(pids)), flush=True)
    """)
    )
    repo = Path(__file__).resolve().parents[2]
    run = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(repo), "CONTESTED_WORKERS": "2"},
    )
    workers = [int(pid) for pid in run.stdout.readline().split()]
    assert workers and run.pid not in workers and all(_alive(pid) for pid in workers)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers), "orphaned workers still wait for work"


def test_a_time_budget_interrupts_work_that_runs_past_it_and_leaves_no_alarm():
    started = time.monotonic()
    with pytest.raises(BudgetExceeded), time_budget(0.2):
        while True:
            pass
    assert time.monotonic() - started < 5
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    with time_budget(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
