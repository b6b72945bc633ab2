"""The raw-folder scan: every file with its size and mtime, column by column, and its
fingerprint.
"""

import datetime as dt
import hashlib
import os

import polars as pl

from pipelines.raw.scan import (
    FOLDER_LINK,
    InputFile,
    files_fingerprint,
    fs_location,
    scan_frames,
    scan_inputs,
)


def _tree(root):
    """A raw folder with nested, hidden and unsupported files, with whole-second and fractional
    mtimes.
    """
    files = {
        "a.md": 1_700_000_000_000_000_000,
        "feed/b.txt": 1_700_000_001_250_000_499,
        "feed/deep/c.jsonl": 1_700_000_002_999_999_500,
        "table.csv": 1_600_000_000_000_001_000,
        "table.csv.meta.yaml": 1_600_000_003_000_000_000,
        "notes.pdf": 1_500_000_000_123_456_789,
    }
    for name, mtime_ns in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name * 3)
        os.utime(path, ns=(mtime_ns, mtime_ns))
    (root / ".hidden.md").write_text("x")
    (root / ".cache").mkdir()
    (root / ".cache" / "d.md").write_text("x")
    return files


def _expected(root, names):
    """What the scan should say of each file, computed the plain way: one stat and one datetime per
    file.
    """
    rows = []
    for name in sorted(names):
        stat = (root / name).stat()
        modified = dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC).replace(tzinfo=None)
        rows.append((str(root / name), name, stat.st_size, modified))
    return rows


def test_the_scan_lists_every_visible_file_of_the_asked_kinds_in_any_number_of_chunks(
    tmp_path, monkeypatch
):
    files = _tree(tmp_path)
    for chunk in (50_000, 2, 1):
        monkeypatch.setattr("pipelines.raw.scan.SCAN_CHUNK", chunk)
        frames = list(scan_frames(tmp_path))
        assert len(frames) == -(-len(files) // chunk)
        scanned = pl.concat(frames).sort("source_file")
        assert [
            (loc, name, size, modified) for loc, name, _, size, modified, _ in scanned.iter_rows()
        ] == _expected(tmp_path, files)
        assert scanned["problem"].null_count() == scanned.height
        assert dict(zip(scanned["source_file"], scanned["kind"], strict=True)) == {
            "a.md": "article",
            "feed/b.txt": "article",
            "feed/deep/c.jsonl": "article",
            "notes.pdf": "unsupported",
            "table.csv": "watchdog",
            "table.csv.meta.yaml": "sidecar",
        }
    articles = pl.concat(scan_frames(tmp_path, ("article",)))
    assert sorted(articles["source_file"]) == ["a.md", "feed/b.txt", "feed/deep/c.jsonl"]
    assert list(scan_frames(tmp_path / "feed" / "deep", ("watchdog",))) == []


def test_the_fingerprint_is_the_sum_of_each_files_line_hash_whatever_the_chunks(
    tmp_path, monkeypatch
):
    """Stable across releases (sensor cursors and stored versions depend on it): name, size, ISO
    mtime, hashed, summed.
    """
    files = _tree(tmp_path)
    total = 0
    for _, name, size, modified in _expected(tmp_path, files):
        total += int.from_bytes(
            hashlib.sha256(f"{name}\0{size}\0{modified.isoformat()}".encode()).digest(), "big"
        )
    expected = f"{total % 2**256:064x}"
    for chunk in (50_000, 1):
        monkeypatch.setattr("pipelines.raw.scan.SCAN_CHUNK", chunk)
        assert files_fingerprint(scan_frames(tmp_path)) == expected
    inputs, fingerprint = scan_inputs(tmp_path, ("watchdog", "sidecar"))
    assert [item.source_file for item in inputs] == ["table.csv", "table.csv.meta.yaml"]
    assert fingerprint != expected and fingerprint == files_fingerprint(
        [pl.concat(scan_frames(tmp_path, ("watchdog", "sidecar")))]
    )
    os.utime(tmp_path / "a.md", ns=(1_700_000_000_000_000_001, 1_700_000_000_000_001_000))
    assert files_fingerprint(scan_frames(tmp_path)) != expected


def _refusals(root):
    scanned = pl.concat(scan_frames(root))
    return dict(zip(scanned["source_file"], scanned["problem"], strict=True))


def test_the_scan_never_leaves_the_raw_folder_nor_loops(tmp_path):
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    (raw / "feed").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.md").write_text("x")
    (raw / "feed" / "a.md").write_text("a")
    links = {
        "out.md": outside / "secret.md",
        "out-dir": outside,
        "up": raw,
        "self": raw / "feed",
        "in.md": raw / "feed" / "a.md",
        "loop-a.md": raw / "loop-b.md",
        "loop-b.md": raw / "loop-a.md",
        "dangling.md": raw / "gone.md",
    }
    for name, target in links.items():
        (raw / name).symlink_to(target)
    (raw / "feed" / "back").symlink_to("..")
    problems = _refusals(raw)
    assert problems["out.md"] == problems["out-dir"] == "link to outside the raw folder"
    assert problems["up"] == problems["feed/back"] == problems["self"] == FOLDER_LINK
    assert problems["loop-a.md"].startswith("dangling or looping link")
    assert problems["dangling.md"].startswith("dangling or looping link")
    assert problems["in.md"] is None and problems["feed/a.md"] is None
    assert set(problems) == {*links, "feed/a.md", "feed/back"}


def test_an_undecodable_name_is_stored_escaped_and_its_file_found_again(tmp_path):
    path = os.fsdecode(str(tmp_path).encode() + b"/caf\xe9.md")
    with open(path, "w") as out:
        out.write("text")
    (row,) = pl.concat(scan_frames(tmp_path)).iter_rows()
    assert row[1] == "caf\\xe9.md" and row[0] == fs_location(path) and row[0].startswith("hex:")
    assert InputFile(*row).path.read_text() == "text"


def test_a_named_pipe_is_refused_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")
    assert _refusals(tmp_path) == {"pipe.md": "not a regular file (a device, pipe or socket)"}
