"""The scan panel: pages arrive while the UI keeps running, keyboard editing, OCR status, insert, rescan."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import Qt, QTimer

from scanning.capture.base import (
    CaptureBatch,
    CapturedPage,
    CaptureOptions,
    CaptureSource,
    DeviceInfo,
)
from scanning.spool import Spool
from tests.conftest import make_page_image
from ui.scan_panel import ScanPanel


class FastBatch(CaptureBatch):
    def __init__(self, source: FastSource, options: CaptureOptions) -> None:
        super().__init__()
        self.source = source
        self.count = options.max_pages or source.pages

    def __iter__(self) -> Iterator[CapturedPage]:
        for _ in range(self.count):
            if self.cancelled:
                return
            self.source.made += 1
            number = self.source.made
            image = Image.new("L", (620, 877), 255)   # A4 at 75 dpi: a real page-sized PNG per page
            ImageDraw.Draw(image).text((40, 40), f"Trang {number}", fill=0)
            out = io.BytesIO()
            image.save(out, format="PNG", dpi=(75, 75))
            yield CapturedPage(out.getvalue(), "image/png", 620, 877, 75, f"giả lập trang {number}")


class FastSource(CaptureSource):
    """A scanner stand-in that delivers pages as fast as it can."""

    kind = "sane"

    def __init__(self, pages: int) -> None:
        self.pages = pages
        self.made = 0

    def discover(self) -> list[DeviceInfo]:
        return [DeviceInfo("nhanh", "Máy quét giả lập", "sane")]

    def start_batch(self, options: CaptureOptions) -> FastBatch:
        return FastBatch(self, options)


@pytest.fixture
def spool(tmp_path) -> Spool:
    return Spool(tmp_path / "Hàng đợi quét")


def _panel(qtbot, spool, tasks, source, **kwargs) -> ScanPanel:
    panel = ScanPanel(spool, tasks, lambda: source, CaptureOptions(source="ADF"), **kwargs)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)   # shortcuts only fire in the active window
    panel.list.setFocus()
    return panel


def _scan(qtbot, panel: ScanPanel, key=Qt.Key_F8) -> list:
    with qtbot.waitSignal(panel.batchFinished, timeout=15000) as blocker:
        qtbot.keyClick(panel.list, key)
    return blocker.args


def test_a_fifty_page_batch_arrives_page_by_page_while_the_event_loop_runs(qtbot, spool, tasks):
    panel = _panel(qtbot, spool, tasks, FastSource(50))
    counts_seen_by_timer: list[int] = []
    ticker = QTimer(interval=5)
    ticker.timeout.connect(lambda: counts_seen_by_timer.append(panel.list.count()))
    ticker.start()
    arrivals: list[int] = []
    panel.pageAdded.connect(lambda page: arrivals.append(panel.list.count()))
    assert _scan(qtbot, panel) == [50]
    ticker.stop()
    assert arrivals == list(range(1, 51))
    pages = panel.pages()
    assert len(pages) == 50 and all(p.path.is_file() for p in pages)   # spooled before shown
    assert [p.source_name for p in pages][:2] == ["giả lập trang 1", "giả lập trang 2"]
    # The UI thread kept serving timers *between* page arrivals, not only before and after the batch.
    assert len({c for c in counts_seen_by_timer if 0 < c < 50}) >= 10
    assert panel.list.item(0).text() == "Trang 1"


def test_keyboard_editing_is_reflected_in_pages_and_in_the_spool(qtbot, spool, tasks):
    panel = _panel(qtbot, spool, tasks, FastSource(4))
    _scan(qtbot, panel)
    ids = [p.page_id for p in panel.pages()]
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key_Down, Qt.ControlModifier)     # page 1 → position 2
    assert [p.page_id for p in panel.pages()] == [ids[1], ids[0], ids[2], ids[3]]
    qtbot.keyClick(panel.list, Qt.Key_R)                             # rotate it 90° clockwise
    qtbot.keyClick(panel.list, Qt.Key_B)                             # and mark it blank
    panel.list.setCurrentRow(3)
    qtbot.keyClick(panel.list, Qt.Key_R, Qt.ShiftModifier)           # last page: 90° counter-clockwise
    panel.list.setCurrentRow(2)
    qtbot.keyClick(panel.list, Qt.Key_Delete)
    pages = panel.pages()
    assert [p.page_id for p in pages] == [ids[1], ids[0], ids[3]]
    assert [(p.rotation, p.blank) for p in pages] == [(0, False), (90, True), (270, False)]
    assert panel.list.item(1).text() == "Trang 2 · trắng · 90°"
    panel.flush()
    reloaded = spool.batch(panel.batch.id).pages()
    assert [(p.page_id, p.rotation, p.blank) for p in reloaded] == [(p.page_id, p.rotation, p.blank) for p in pages]


def test_ocr_status_is_shown_per_page(qtbot, spool, tasks):
    def provider(page, report) -> None:   # the OCR pool reports from its own threads
        threading.Thread(target=report, args=(page.page_id, "OCR: xong")).start()

    panel = _panel(qtbot, spool, tasks, FastSource(3), ocr_status_provider=provider)
    _scan(qtbot, panel)
    pages = panel.pages()
    qtbot.waitUntil(lambda: all(panel.page_status(p.page_id) == "OCR: xong" for p in pages), timeout=10000)
    assert panel.list.item(2).text() == "Trang 3\nOCR: xong"
    panel.set_page_status(pages[0].page_id, "OCR: lỗi")
    assert panel.list.item(0).text().endswith("OCR: lỗi")


def test_insert_from_files_and_rescan_one_page(qtbot, spool, tasks, tmp_path):
    source = FastSource(3)
    panel = _panel(qtbot, spool, tasks, source)
    _scan(qtbot, panel)
    before = [p.page_id for p in panel.pages()]
    panel.list.setCurrentRow(0)
    frames = [Image.new("RGB", (120, 170), c) for c in ("white", "yellow")]
    tiff = tmp_path / "Giấy tờ kèm" / "bản sao sổ hộ khẩu.tif"
    tiff.parent.mkdir()
    frames[0].save(tiff, save_all=True, append_images=frames[1:])
    jpeg = make_page_image(tmp_path / "Giấy tờ kèm" / "ảnh chụp.jpg", fmt="JPEG")
    panel.insert_from_files([tiff, jpeg])
    qtbot.waitUntil(lambda: len(panel.pages()) == 6, timeout=10000)
    names = [p.source_name for p in panel.pages()]
    assert names[1:4] == ["bản sao sổ hộ khẩu.tif (trang 1)", "bản sao sổ hộ khẩu.tif (trang 2)", "ảnh chụp.jpg"]
    assert panel.pages()[3].path.read_bytes() == jpeg.read_bytes()

    panel.list.setCurrentRow(4)                      # the scanner's second page: rescan it
    assert _scan(qtbot, panel, Qt.Key_F9) == [1]
    pages = panel.pages()
    assert len(pages) == 6 and pages[4].page_id not in before and pages[4].source_name == "giả lập trang 4"
    assert [p.page_id for p in pages][5] == before[2]
    panel.flush()
    assert [p.page_id for p in spool.batch(panel.batch.id).pages()] == [p.page_id for p in pages]


def test_a_recovered_batch_is_shown_again(qtbot, spool, tasks):
    panel = _panel(qtbot, spool, tasks, FastSource(2))
    _scan(qtbot, panel)
    ids = [p.page_id for p in panel.pages()]
    (recovered,) = Spool(spool.root).recover()
    other = _panel(qtbot, Spool(spool.root), tasks, FastSource(1))
    other.load_batch(recovered)
    qtbot.waitUntil(lambda: len(other.pages()) == 2, timeout=10000)
    assert [p.page_id for p in other.pages()] == ids
    other.finish_batch("H99.01-260824-0001")
    other.flush()
    assert other.pages() == [] and Spool(spool.root).recover() == []


def test_devices_are_discovered_in_the_background(qtbot, spool, tasks):
    panel = _panel(qtbot, spool, tasks, FastSource(1))
    with qtbot.waitSignal(panel.devicesFound, timeout=10000) as blocker:
        panel.discover_devices()
    assert [d.label for d in blocker.args[0]] == ["Máy quét giả lập"]


def test_pages_dropped_in_the_scan_folder_appear_in_the_panel(qtbot, spool, tasks, tmp_path):
    from scanning.capture.watched_folder import WatchedFolderSource

    inbox = tmp_path / "Thư mục máy quét"
    make_page_image(inbox / "scan_0001.jpg", fmt="JPEG")
    make_page_image(inbox / "scan_0002.png")
    source = WatchedFolderSource(inbox, stable_seconds=0.05, poll_interval=0.02, once=True)
    panel = _panel(qtbot, spool, tasks, source)
    assert _scan(qtbot, panel) == [2]
    assert [p.source_name for p in panel.pages()] == ["scan_0001.jpg", "scan_0002.png"]
    assert [p.media_type for p in panel.pages()] == ["image/jpeg", "image/png"]


def test_a_sane_feeder_batch_fills_the_panel(qtbot, spool, tasks, tmp_path):
    from scanning.capture.sane_source import SaneSource
    from tests.test_capture_sane import _config

    source = SaneSource(_config(tmp_path / "Cấu hình SANE"))
    panel = ScanPanel(spool, tasks, lambda: source, CaptureOptions("test:0", resolution=100, source="ADF"))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.batchFinished, timeout=15000) as blocker:
        assert panel.start_scan()
    assert blocker.args == [10]
    assert [p.source_name for p in panel.pages()][-1] == "test:0 trang 10" and panel.pages()[0].dpi == 100
