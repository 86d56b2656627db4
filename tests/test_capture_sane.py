"""SANE capture through the built-in ``test`` backend, configured by a private SANE_CONFIG_DIR."""

from __future__ import annotations

import io
import os
import signal
from pathlib import Path

import pytest
from PIL import Image

from desk_app.cli import main as cli_main
from scanning.capture.base import CaptureError, CaptureOptions
from scanning.capture.sane_source import SaneSource

TEST_CONF = """number_of_devices 2
mode Gray
depth 8
resolution 50.0
test-picture "Color pattern"
read-delay {delay}
read-delay-duration 20000
geometry_min 0.0
geometry_max 200.0
geometry_quant 1.0
tl_x 0.0
tl_y 0.0
br_x 80.0
br_y 100.0
"""


def _config(folder: Path, delay: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "dll.conf").write_text("test\n", encoding="utf-8")
    (folder / "test.conf").write_text(TEST_CONF.format(delay="true" if delay else "false"), encoding="utf-8")
    return folder


@pytest.fixture
def sane_dir(tmp_path) -> Path:
    return _config(tmp_path / "Cấu hình SANE")


def test_discovers_the_test_devices(sane_dir):
    devices = SaneSource(sane_dir).discover()
    assert [d.name for d in devices] == ["test:0", "test:1"]
    assert all(d.kind == "sane" for d in devices)


def test_feeder_batch_yields_every_page_in_colour_at_the_chosen_resolution(sane_dir):
    batch = SaneSource(sane_dir).start_batch(CaptureOptions("test:0", resolution=150, mode="Color", source="ADF"))
    pages = list(batch)
    assert len(pages) == 10   # the test backend's feeder holds ten sheets
    image = Image.open(io.BytesIO(pages[0].data))
    assert image.mode == "RGB" and image.info["dpi"][0] == pytest.approx(150, abs=0.5)
    assert (pages[0].width, pages[0].height) == image.size == (472, 590)   # 80 × 100 mm at 150 dpi
    assert [p.source_name for p in pages][-1] == "test:0 trang 10"


def test_flatbed_gives_one_grey_page_and_max_pages_limits_the_feeder(sane_dir):
    source = SaneSource(sane_dir)
    flat = list(source.start_batch(CaptureOptions("test:1", resolution=300, mode="Gray", source="Flatbed")))
    assert len(flat) == 1 and flat[0].dpi == 300
    assert Image.open(io.BytesIO(flat[0].data)).mode == "L"
    assert len(list(source.start_batch(CaptureOptions("test:0", resolution=100, source="ADF", max_pages=3)))) == 3


def test_unknown_device_and_bad_options_give_vietnamese_errors(sane_dir):
    with pytest.raises(CaptureError, match="Không mở được máy quét «máy-không-có»"):
        list(SaneSource(sane_dir).start_batch(CaptureOptions("máy-không-có")))
    with pytest.raises(CaptureError, match="Độ phân giải"):
        CaptureOptions(resolution=10)
    with pytest.raises(CaptureError, match="Nguồn giấy"):
        CaptureOptions(source="Khay")


def test_a_driver_crash_ends_the_batch_with_a_message_and_keeps_earlier_pages(tmp_path):
    slow = _config(tmp_path / "chậm", delay=True)
    batch = SaneSource(slow).start_batch(CaptureOptions("test:0", resolution=100, mode="Color", source="ADF"))
    pages = iter(batch)
    first = next(pages)
    assert first.width > 0
    os.kill(batch.pid, signal.SIGKILL)   # what a segfaulting vendor driver looks like from outside
    with pytest.raises(CaptureError, match="bị lỗi và đã dừng"):
        for _ in pages:
            pass


def test_cancel_stops_the_feeder(tmp_path):
    slow = _config(tmp_path / "chậm", delay=True)
    batch = SaneSource(slow).start_batch(CaptureOptions("test:0", resolution=100, source="ADF"))
    taken = []
    for page in batch:
        taken.append(page)
        batch.cancel()
    assert 1 <= len(taken) < 10


def test_cli_lists_devices_and_scans_into_a_folder(sane_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SANE_CONFIG_DIR", str(sane_dir))
    assert cli_main(["scan", "--list-devices"]) == 0
    assert "test:0" in capsys.readouterr().out
    out = tmp_path / "Trang quét"
    assert cli_main(["scan", "--out", str(out), "--device", "test:0", "--resolution", "100",
                     "--mode", "Gray", "--source", "ADF"]) == 0
    printed = capsys.readouterr()
    assert len(printed.out.splitlines()) == 10 and "Đã quét 10 trang" in printed.err
    assert sorted(p.name for p in out.iterdir())[:2] == ["trang-0001.png", "trang-0002.png"]
    assert cli_main(["scan", "--out", str(out), "--device", "không-có"]) == 2
    assert "Lỗi: Không mở được máy quét" in capsys.readouterr().err
