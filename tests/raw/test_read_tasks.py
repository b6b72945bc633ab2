"""What a worker reads for the raw stage: a file read once, or set aside when it takes too long."""

import datetime as dt

from pipelines.raw.read_tasks import ReadTask, read_task
from pipelines.raw.scan import InputFile

PARAGRAPH = "<div><p>Officials said 14 soldiers were killed in the attack on the base.</p></div>"


def test_a_page_read_past_the_budget_is_quarantined_with_the_reason(tmp_path, monkeypatch):
    page = tmp_path / "page.html"
    page.write_text("<html><body>" + PARAGRAPH * 20000 + "</body></html>")
    item = InputFile(
        str(page), "page.html", "article", page.stat().st_size, dt.datetime(2020, 1, 1)
    )
    monkeypatch.setattr("pipelines.raw.read_tasks.READ_BUDGET_SECONDS", 0.05)
    records, bad, _ = read_task(ReadTask(item))
    assert records == [] and [q["reason"] for q in bad] == ["read budget exceeded (0.05 s)"]
    monkeypatch.setattr("pipelines.raw.read_tasks.READ_BUDGET_SECONDS", 600)
    records, bad, sha256 = read_task(ReadTask(item))
    assert len(records) == 1 and bad == [] and len(sha256) == 64
