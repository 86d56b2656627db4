"""Camera capture through OpenCV, fed by a video file written in the test (no camera needed)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from scanning.capture.base import CaptureError, CaptureOptions
from scanning.capture.camera import CameraSource


@pytest.fixture
def video(tmp_path) -> Path:
    path = tmp_path / "Máy ảnh tài liệu" / "khung hình.avi"
    path.parent.mkdir()
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 5, (320, 240))
    assert writer.isOpened()
    for colour in ((0, 0, 255), (0, 255, 0), (255, 0, 0)):    # red, green, blue pages (BGR)
        frame = np.zeros((240, 320, 3), np.uint8)
        frame[:] = colour
        writer.write(frame)
    writer.release()
    return path


def test_each_request_grabs_the_next_frame_as_a_png_page(video):
    batch = CameraSource(live=False).start_batch(CaptureOptions(device=str(video)))
    pages = list(batch)
    assert len(pages) == 3
    first = cv2.imdecode(np.frombuffer(pages[0].data, np.uint8), cv2.IMREAD_COLOR)
    assert first.shape == (240, 320, 3) and pages[0].media_type == "image/png"
    assert first[120, 160, 2] > 200 and first[120, 160, 1] < 60     # red, losslessly re-encoded
    second = cv2.imdecode(np.frombuffer(pages[1].data, np.uint8), cv2.IMREAD_COLOR)
    assert second[120, 160, 1] > 200
    assert [p.source_name for p in pages] == ["ảnh chụp 1", "ảnh chụp 2", "ảnh chụp 3"]


def test_on_demand_grab_in_grey_and_max_pages(video):
    batch = CameraSource(live=False).start_batch(CaptureOptions(device=str(video), mode="Gray", max_pages=2))
    page = batch.grab()
    grey = cv2.imdecode(np.frombuffer(page.data, np.uint8), cv2.IMREAD_UNCHANGED)
    assert grey.ndim == 2
    batch.close()
    assert len(list(CameraSource(live=False).start_batch(CaptureOptions(device=str(video), max_pages=2)))) == 2


def test_a_missing_camera_is_a_vietnamese_error(tmp_path):
    with pytest.raises(CaptureError, match="Không mở được máy ảnh/camera"):
        list(CameraSource(live=False).start_batch(CaptureOptions(device=str(tmp_path / "không có.avi"))))
