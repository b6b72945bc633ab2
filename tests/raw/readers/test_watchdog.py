"""Watchdog tables: both layouts, CSV and XLSX, and rows that cannot be trusted."""

import json
import shutil

import openpyxl
import polars as pl
import pytest

from pipelines.raw.readers.decode import Rejected
from pipelines.raw.readers.watchdog import read_watchdog_file
from pipelines.staging.watchdog_figures import normalize_rows
from tests.conftest import WATCHDOG

LONG_HEADER = "source,report_published,as_of,measure,category,count,share_pct,note\n"


def _rows(path, raw_dir):
    return pl.DataFrame(
        [r.__dict__ for r in read_watchdog_file(path, path.relative_to(raw_dir).as_posix())]
    )


def test_wide_printed_table_is_parsed_from_the_shared_csv(tmp_path):
    wide = tmp_path / "sigar-district-control-2016-11-26-wide.csv"
    shutil.copy(WATCHDOG / wide.name, wide)
    figures, rejected = normalize_rows(_rows(wide, tmp_path), tmp_path)
    assert rejected.height == 0
    districts = figures.filter(pl.col("measure") == "districts")
    assert dict(districts.select("category", "count").rows()) == {
        "government_control": 83,
        "government_influence": 150,
        "contested": 133,
        "insurgent_control": 9,
        "insurgent_influence": 32,
        "total": 407,
    }
    area = figures.filter(pl.col("measure") == "area", pl.col("category") == "government").row(
        0, named=True
    )
    assert (area["count"], area["share"]) == (367638, pytest.approx(0.571))
    assert set(figures["source"]) == {"SIGAR"} and str(figures["as_of"][0]) == "2016-11-26"


def test_xlsx_long_layout(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(LONG_HEADER.strip().split(","))
    sheet.append(
        ["SIGAR", "2017-04-30", "2017-02-20", "districts", "government_control", "97", "", ""]
    )
    sheet.append(
        ["SIGAR", "2017-04-30", "2017-02-20", "districts", "contested", "", "29", "rounded"]
    )
    book.save(tmp_path / "history.xlsx")
    figures, rejected = normalize_rows(_rows(tmp_path / "history.xlsx", tmp_path), tmp_path)
    assert rejected.height == 0
    assert figures.select("category", "count", "share").rows() == [
        ("government_control", 97.0, None),
        ("contested", None, 0.29),
    ]


def test_bad_rows_are_quarantined_and_good_rows_kept(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text(
        LONG_HEADER
        + "SIGAR,2017-04-30,2017-02-20,districts,contested,119,29.2,\n"
        + "SIGAR,2017-04-30,2017-02-20,districts,contested,,129.2,\n"
        + "SIGAR,2017-04-30,2017-02-20,districts,government,-5,,\n"
        + "SIGAR,2017-04-30,2017-02-20,districts,insurgent,lots,,\n"
        + "SIGAR,2017-04-30,2017-02-31,districts,insurgent,4,,\n"
        + "SIGAR,2017-04-30,2017-02-20,villages,insurgent,4,,\n"
    )
    figures, rejected = normalize_rows(_rows(path, tmp_path), tmp_path)
    assert figures.height == 1
    assert [r.split(" ")[0] for r in rejected["reason"]] == [
        "share",
        "negative",
        "unparseable",
        "impossible",
        "unknown",
    ]
    assert rejected["source_row"].to_list() == [3, 4, 5, 6, 7]
    assert json.loads(rejected["payload"][0])["share_pct"] == "129.2"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00garbage", "binary content"),
        (b"name,value\nx,1\n", "unknown table layout"),
    ],
)
def test_unusable_files_are_rejected_whole(tmp_path, content, reason):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(Rejected, match=reason):
        read_watchdog_file(path, "bad.csv")


def test_a_report_whose_shares_exceed_100_percent_is_quarantined_whole(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text(
        LONG_HEADER
        + "SIGAR,2017-04-30,2017-02-20,districts,government,,70,\n"
        + "SIGAR,2017-04-30,2017-02-20,districts,contested,,40,\n"
        + "SIGAR,2018-01-30,2017-10-15,districts,government,,55.8,\n"
    )
    figures, rejected = normalize_rows(_rows(path, tmp_path), tmp_path)
    assert figures["as_of"].cast(pl.String).to_list() == ["2017-10-15"]
    assert rejected["source_row"].to_list() == [2, 3]
    assert all("over 100%" in reason for reason in rejected["reason"])


def test_garbage_bytes_in_a_row_quarantine_that_row(tmp_path):
    path = tmp_path / "history.csv"
    path.write_bytes(
        LONG_HEADER.encode()
        + b"SIGAR,2017-04-30,2017-02-20,districts,government_control,97,,\n"
        + b"SIGAR,2017-04-30,2017-02-20,districts,government_influence,\xff\xfe\x9c,,\n"
    )
    figures, rejected = normalize_rows(_rows(path, tmp_path), tmp_path)
    assert figures["category"].to_list() == ["government_control"]
    assert rejected["source_row"].to_list() == [3] and rejected["reason"][0].startswith(
        "unparseable number"
    )


def _long_workbook(path, rows: int) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(LONG_HEADER.strip().split(","))
    for number in range(rows):
        sheet.append(
            ["SIGAR", "2019-01-30", "2018-10-22", "districts", "government", number, 50.0, ""]
        )
    book.save(path)


def test_a_workbook_over_its_limits_is_refused_before_it_is_read(tmp_path, monkeypatch):
    _long_workbook(tmp_path / "big.xlsx", 20)
    assert len(read_watchdog_file(tmp_path / "big.xlsx", "big.xlsx")) == 20
    monkeypatch.setattr("pipelines.raw.readers.watchdog.MAX_TABLE_ROWS", 10)
    with pytest.raises(Rejected, match="table over row limit"):
        read_watchdog_file(tmp_path / "big.xlsx", "big.xlsx")
    monkeypatch.setattr("pipelines.raw.readers.watchdog.MAX_WORKBOOK_UNPACKED_BYTES", 1000)
    with pytest.raises(Rejected, match="workbook over unpacked size limit"):
        read_watchdog_file(tmp_path / "big.xlsx", "big.xlsx")


def test_a_csv_over_the_row_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("pipelines.raw.readers.watchdog.MAX_TABLE_ROWS", 3)
    rows = "".join(f"SIGAR,2019-01-30,2018-10-22,districts,government,{n},50,\n" for n in range(4))
    (tmp_path / "t.csv").write_text(LONG_HEADER + rows)
    with pytest.raises(Rejected, match="table over row limit"):
        read_watchdog_file(tmp_path / "t.csv", "t.csv")
