"""Capture throughput: how fast pages get from the source to durable spool files.

Measures, on this machine:
1. SANE feeder batch (test backend, A4 colour at 300 dpi, private SANE_CONFIG_DIR) through the child
   process into the spool (PNG encode + pipe + fsync) — pages per minute;
2. spool ``add_page`` alone for an A4 300 dpi colour PNG — ms per page (the fsync cost);
3. PDF import: rendering A4 pages at 300 dpi with a text layer — ms per page;
4. watched folder: files dropped → pages delivered, with a 0.5 s stability window.

Run: ``.venv/bin/python benchmarks/capture_throughput.py``
"""

from __future__ import annotations

import platform
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
import sys

sys.path.insert(0, str(ROOT))

from scanning.capture.base import CaptureOptions
from scanning.capture.sane_source import SaneSource
from scanning.capture.watched_folder import WatchedFolderSource
from scanning.file_import import read_page_images
from scanning.spool import Spool

A4_TEST_CONF = """number_of_devices 1
test-picture "Color pattern"
geometry_min 0.0
geometry_max 300.0
geometry_quant 1.0
tl_x 0.0
tl_y 0.0
br_x 210.0
br_y 297.0
"""


def bench_sane(work: Path) -> None:
    conf = work / "sane"
    conf.mkdir()
    (conf / "dll.conf").write_text("test\n")
    (conf / "test.conf").write_text(A4_TEST_CONF)
    spool = Spool(work / "spool")
    batch = spool.open_batch("sane")
    started = time.perf_counter()
    first = None
    for page in SaneSource(conf).start_batch(CaptureOptions("test:0", 300, "Color", "ADF")):
        batch.add_page(page)
        first = first or time.perf_counter() - started
    elapsed = time.perf_counter() - started
    pages = batch.pages()
    size = sum(p.path.stat().st_size for p in pages) / len(pages) / 1e6
    print(f"SANE test backend, ADF, A4 colour 300 dpi ({pages[0].width}×{pages[0].height}): {len(pages)} pages "
          f"in {elapsed:.2f} s = {len(pages) / elapsed * 60:.0f} pages/min; first page durable after {first:.2f} s; "
          f"{size:.2f} MB/page PNG")
    return pages[0]


def bench_spool(work: Path, sample) -> None:
    from scanning.capture.base import CapturedPage

    data = sample.path.read_bytes()
    batch = Spool(work / "spool2").open_batch("bench")
    n = 20
    started = time.perf_counter()
    for i in range(n):
        batch.add_page(CapturedPage(data, "image/png", sample.width, sample.height, 300, f"trang {i}"))
    elapsed = time.perf_counter() - started
    print(f"spool add_page ({len(data) / 1e6:.2f} MB PNG, fsync + rename + journal): {elapsed / n * 1000:.1f} ms/page")


def bench_pdf(work: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from desk_app.documents.fonts import SERIF, register_fonts

    register_fonts()
    path = work / "văn bản.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number in range(10):
        pdf.setFont(SERIF, 13)
        for line in range(40):
            pdf.drawString(60, 790 - line * 18, f"Dòng {line + 1} trang {number + 1}: Ủy ban nhân dân xã Hòa An, tỉnh Đồng Tháp")
        pdf.showPage()
    pdf.save()
    started = time.perf_counter()
    pages = read_page_images(path)
    elapsed = time.perf_counter() - started
    print(f"PDF import, A4 text pages rendered at 300 dpi + text layer judged: {elapsed / len(pages) * 1000:.0f} ms/page "
          f"({sum(p.text_layer_good for p in pages)}/{len(pages)} text layers kept)")


def bench_folder(work: Path, sample) -> None:
    inbox = work / "thư mục quét"
    inbox.mkdir()
    data = sample.path.read_bytes()
    for i in range(10):
        (inbox / f"scan_{i:03d}.png").write_bytes(data[:-8] + i.to_bytes(8, "big"))   # distinct bytes
    started = time.perf_counter()
    pages = list(WatchedFolderSource(inbox, stable_seconds=0.5, poll_interval=0.1, once=True).start_batch())
    elapsed = time.perf_counter() - started
    print(f"watched folder, 10 A4 300 dpi PNG files, stability window 0.5 s: all taken in {elapsed:.2f} s "
          f"({len(pages)} pages)")


if __name__ == "__main__":
    print(f"{platform.node()} · {platform.processor() or platform.machine()} · "
          f"{__import__('os').cpu_count()} cores · {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sample = bench_sane(work)
        bench_spool(work, sample)
        bench_pdf(work)
        bench_folder(work, sample)
