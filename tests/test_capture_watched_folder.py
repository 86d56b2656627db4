"""Scan-to-folder: stable files only, never lost, never taken twice, stored by hash."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from desk_app.cli import main as cli_main
from scanning.capture.base import CaptureError
from scanning.capture.watched_folder import (
    JOURNAL,
    REJECTED_DIR,
    TAKEN_DIR,
    WatchedFolder,
    WatchedFolderSource,
)
from scanning.spool import Spool
from tests.conftest import make_page_image


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def scan_dir(tmp_path) -> Path:
    folder = tmp_path / "Thư mục máy quét"
    folder.mkdir()
    return folder


def _png_bytes(shade: int = 0) -> bytes:
    out = io.BytesIO()
    Image.new("L", (300, 400), 255 - shade).save(out, format="PNG")
    return out.getvalue()


def test_a_file_still_being_written_is_not_taken(scan_dir):
    clock = FakeClock()
    watched = WatchedFolder(scan_dir, stable_seconds=2.0, clock=clock)
    data = _png_bytes()
    target = scan_dir / "giấy khai sinh.png"
    target.write_bytes(data[:100])            # the scanner has written the first burst
    assert watched.poll().taken == []
    clock.now += 3
    with open(target, "ab") as handle:        # ... and the rest, later
        handle.write(data[100:])
    result = watched.poll()
    assert result.taken == [] and result.waiting == 1   # changed: the stability clock starts again
    clock.now += 1
    assert watched.poll().taken == []
    clock.now += 1.5
    taken = watched.poll().taken
    assert [t.original_name for t in taken] == ["giấy khai sinh.png"]
    assert taken[0].path == scan_dir / TAKEN_DIR / f"{taken[0].sha256}.png"
    assert not target.exists() and taken[0].path.read_bytes() == data


def test_same_bytes_dropped_again_are_not_taken_twice(scan_dir):
    clock = FakeClock()
    watched = WatchedFolder(scan_dir, stable_seconds=1.0, clock=clock)
    (scan_dir / "a.png").write_bytes(_png_bytes())
    watched.poll()
    clock.now += 2
    assert len(watched.poll().taken) == 1
    (scan_dir / "a (1).png").write_bytes(_png_bytes())   # the scanner re-sent the same scan
    (scan_dir / "b.png").write_bytes(_png_bytes(30))
    watched.poll()
    clock.now += 2
    result = watched.poll()
    assert [t.original_name for t in result.taken] == ["b.png"] and result.duplicates == ["a (1).png"]
    assert sorted(p.name for p in scan_dir.iterdir()) == [TAKEN_DIR]


def test_unreadable_files_are_set_aside_not_lost(scan_dir):
    clock = FakeClock()
    watched = WatchedFolder(scan_dir, stable_seconds=1.0, clock=clock)
    (scan_dir / "hỏng.jpg").write_bytes(b"not really a jpeg")
    (scan_dir / "ghi chú.txt").write_text("bỏ qua", encoding="utf-8")   # not a page type: left alone
    watched.poll()
    clock.now += 2
    result = watched.poll()
    assert result.taken == [] and result.rejected[0][0] == "hỏng.jpg"
    assert "không phải là ảnh hợp lệ" in result.rejected[0][1]
    assert [p.name.endswith("hỏng.jpg") for p in (scan_dir / REJECTED_DIR).iterdir()] == [True]
    assert (scan_dir / "ghi chú.txt").exists()


def test_a_crash_between_claim_and_delivery_redelivers_with_the_same_page_ids(scan_dir, tmp_path):
    make_page_image(scan_dir / "tờ khai.png")
    source = WatchedFolderSource(scan_dir, stable_seconds=0.05, poll_interval=0.02, once=True)
    batch = source.start_batch()
    pages = iter(batch)
    first = next(pages)            # claimed and delivered to us; we "crash" before storing it
    del pages, batch
    spool_batch = Spool(tmp_path / "spool").open_batch("folder")
    again = WatchedFolderSource(scan_dir, stable_seconds=0.05, poll_interval=0.02, once=True)
    for page in again.start_batch():
        spool_batch.add_page(page)
    assert [p.page_id for p in spool_batch.pages()] == [first.page_id]
    # Delivered now: a third run takes nothing.
    assert list(WatchedFolderSource(scan_dir, stable_seconds=0.05, poll_interval=0.02, once=True).start_batch()) == []
    events = (scan_dir / TAKEN_DIR / JOURNAL).read_text(encoding="utf-8")
    assert events.count('"claimed"') == 1 and events.count('"delivered"') == 1


def test_multipage_tiff_becomes_ordered_pages(scan_dir):
    frames = [Image.new("L", (200, 300), shade) for shade in (250, 200, 150)]
    frames[0].save(scan_dir / "hồ sơ nhiều trang.tif", save_all=True, append_images=frames[1:])
    pages = list(WatchedFolderSource(scan_dir, stable_seconds=0.05, poll_interval=0.02, once=True).start_batch())
    assert [p.source_name for p in pages] == [f"hồ sơ nhiều trang.tif (trang {i})" for i in (1, 2, 3)]
    assert len({p.page_id for p in pages}) == 3


def test_missing_folder_is_a_vietnamese_error(tmp_path):
    with pytest.raises(CaptureError, match="không tồn tại"):
        WatchedFolder(tmp_path / "không có")


def test_cli_watch_once_takes_the_folder_into_out(scan_dir, tmp_path, capsys):
    make_page_image(scan_dir / "đơn đề nghị.jpg", fmt="JPEG")
    make_page_image(scan_dir / "bản sao CCCD.png")
    out = tmp_path / "Trang đã nhận"
    assert cli_main(["watch", str(scan_dir), "--out", str(out), "--once", "--stable-seconds", "0.1"]) == 0
    printed = capsys.readouterr()
    assert "Đã nhận 2 trang" in printed.err
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and {Path(n).suffix for n in names} == {".jpg", ".png"}
    assert all(len(Path(n).stem) == 32 for n in names)   # UUIDs derived from the content hash
    assert cli_main(["watch", str(scan_dir), "--out", str(out), "--once", "--stable-seconds", "0.1"]) == 0
    assert len(list(out.iterdir())) == 2
