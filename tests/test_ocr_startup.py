"""``desk-app ocr`` on one page starts cheaply (issue 14 §6) and keeps the decoding of the file isolated.

One page: the file is decoded and recognised in one child of the command (a plain fork of it), the
command itself never loads OpenCV or numpy; the pixels the child works on are those OpenCV would decode
from the file. Longer files still go to the worker pool. The child's time limit: short for decoding,
longer for the OCR that follows (``MoreTime``).
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from scanning import cleanup
from scanning.file_import import PageImportError, iter_decoded_pages, read_page_images
from scanning.pipeline import pixels_of
from scanning.untrusted import MoreTime, UntrustedFileError, iter_isolated, run_isolated
from tests.test_ocr_cleanup import LINES, text_page

ROOT = Path(__file__).resolve().parents[1]


def _python(script: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script), *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_ocr_of_one_page_loads_no_opencv_in_the_command_and_reads_the_page(tmp_path):
    page = tmp_path / "tờ khai.png"
    cv2.imwrite(str(page), text_page(dpi=200, lines=LINES[:3]))
    result = _python("""
        import json, sys
        from desk_app.cli import main
        code = main(["ocr", "--json", sys.argv[1]])
        print(json.dumps({"code": code, "heavy": sorted(m for m in ("cv2", "numpy") if m in sys.modules)}))
    """, str(page))
    assert result.returncode == 0, result.stderr
    rows_text, _, summary = result.stdout.rpartition("\n{")
    rows = json.loads(rows_text)
    assert json.loads("{" + summary) == {"code": 0, "heavy": []}   # OpenCV ran in the child only
    assert len(rows) == 1 and "tiếp nhận đầy đủ giấy tờ" in rows[0]["text"] and rows[0]["error"] is None
    assert rows[0]["blank"] is False and rows[0]["confidence"] > 80


def test_ocr_of_a_two_page_tiff_prints_both_pages(tmp_path):
    first = Image.fromarray(cv2.cvtColor(text_page(dpi=200, lines=LINES[:4]), cv2.COLOR_BGR2RGB))
    second = Image.new("L", first.size, 255)
    tiff = tmp_path / "hai trang.tif"
    first.save(tiff, save_all=True, append_images=[second], dpi=(200, 200))
    result = subprocess.run([sys.executable, "-m", "desk_app", "ocr", str(tiff), "--jobs", "1"], cwd=ROOT,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    pages = result.stdout.split("\f")
    assert len(pages) == 2 and "Nguyễn Văn An" in pages[0] and pages[1].strip() == ""


def test_a_bad_single_file_is_a_vietnamese_error_without_traceback(tmp_path):
    broken = tmp_path / "hỏng.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    result = subprocess.run([sys.executable, "-m", "desk_app", "ocr", str(broken)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "không phải là ảnh hợp lệ" in result.stderr and "Traceback" not in result.stderr


# ------------------------------------------------------------------------- the pixels, decoded once

def _png(image: Image.Image, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", **options)
    return out.getvalue()


def _colourful(size=(60, 40)) -> Image.Image:
    rng = np.random.default_rng(7)
    return Image.fromarray(rng.integers(0, 256, (size[1], size[0], 3), dtype=np.uint8), "RGB")


@pytest.mark.parametrize("mode", ["RGB", "L", "1", "RGBA", "P", "LA", "I;16"])
def test_decoded_pixels_are_those_opencv_decodes_from_the_file(tmp_path, mode):
    image = _colourful()
    if mode == "I;16":
        image = Image.fromarray(np.asarray(image.convert("L")).astype(np.uint16) * 257)   # 16-bit grey
    else:
        image = image.convert(mode)
    path = tmp_path / f"trang {mode.replace(';', '')}.png"
    path.write_bytes(_png(image))
    (page,) = list(iter_decoded_pages(path))
    assert np.array_equal(pixels_of(page), cleanup.decode_image(path.read_bytes()))


def test_decoded_jpeg_and_tiff_frames_match_their_bytes(tmp_path):
    jpeg = tmp_path / "ảnh.jpg"
    _colourful().save(jpeg, quality=85)
    (page,) = list(iter_decoded_pages(jpeg))
    assert np.array_equal(pixels_of(page), cleanup.decode_image(jpeg.read_bytes()))
    tiff = tmp_path / "nhiều trang.tif"
    _colourful().save(tiff, save_all=True, append_images=[_colourful().convert("L")], dpi=(300, 300))
    decoded = list(iter_decoded_pages(tiff))
    imported = read_page_images(tiff, isolated=False)
    assert [p.source_name for p in decoded] == [p.source_name for p in imported] == [
        "nhiều trang.tif (trang 1)", "nhiều trang.tif (trang 2)"]
    for page, old in zip(decoded, imported):
        assert old.media_type == "image/png" and old.dpi == 300
        assert np.array_equal(pixels_of(page), cleanup.decode_image(old.data))


# ------------------------------------------------------------------------------ the isolated child

def _slow_second_item(pause: float, more: float):
    yield "đã đọc"
    yield MoreTime(more)
    time.sleep(pause)
    yield "đã nhận dạng"


def test_a_child_may_ask_more_time_for_a_long_step():
    # The first item comes within the time (even when the forkserver has to start first); the second
    # takes longer than that and comes only because the child asked for more time.
    assert list(iter_isolated(_slow_second_item, 6.0, 20.0, label="trang.png", timeout=5)) == [
        "đã đọc", "đã nhận dạng"]


def test_fork_is_used_only_by_a_single_threaded_process():
    result = _python("""
        import os, threading
        from scanning.untrusted import run_isolated
        forked = run_isolated(os.getppid, label="a", fork=True) == os.getpid()
        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()
        with_thread = run_isolated(os.getppid, label="b", fork=True) == os.getpid()
        stop.set()
        print(forked, with_thread)
    """)
    assert result.stdout.split() == ["True", "False"], result.stderr   # a thread: the forkserver instead


def test_a_forked_child_is_still_bounded_in_memory_and_time():
    with pytest.raises(UntrustedFileError, match="bộ nhớ"):
        run_isolated(bytearray, 8 * 1024 ** 3, label="bom.png", memory=512 * 1024 ** 2, fork=True)
    started = time.monotonic()
    with pytest.raises(UntrustedFileError, match="quá 1 giây"):
        run_isolated(time.sleep, 60, label="treo.tif", timeout=1, fork=True)
    assert time.monotonic() - started < 20


def test_a_decoding_error_in_the_child_comes_back_as_page_import_error(tmp_path):
    bad = tmp_path / "giả.jpg"
    bad.write_bytes(b"%!PS-Adobe-3.0\nshowpage\n")
    with pytest.raises(PageImportError, match="không phải là ảnh hợp lệ"):
        read_page_images(bad, fork=threading.active_count() == 1)


def test_ctrl_c_stops_the_command_and_its_child_without_a_traceback(tmp_path):
    import psutil

    page = tmp_path / "trang.png"
    cv2.imwrite(str(page), text_page(dpi=300, lines=LINES * 3, size_mm=(210, 297)))
    app = subprocess.Popen([sys.executable, "-m", "desk_app", "ocr", str(page)], cwd=ROOT, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while not psutil.Process(app.pid).children() and time.monotonic() < deadline:
            time.sleep(0.02)   # polling for the reading child to start
        children = psutil.Process(app.pid).children(recursive=True)
        assert children, "no child started"
        os.killpg(app.pid, signal.SIGINT)   # what Ctrl-C in the terminal does
        _, err = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            os.killpg(app.pid, signal.SIGKILL)
    assert app.returncode == 130 and "Traceback" not in err, err
    _, alive = psutil.wait_procs(children, timeout=10)
    assert not alive
