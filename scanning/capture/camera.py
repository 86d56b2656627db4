"""Document cameras and webcams through OpenCV ``VideoCapture``: one frame per page, on demand.

Each ``next()`` on a batch grabs a fresh frame (the clerk lays the page down and presses the key); the
frame is stored losslessly (PNG). Perspective and lighting are fixed later by the clean-up step.
*device* is a camera index (``0``), a device path (``/dev/video2``), a stream URL or a video file.
"""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterator

from scanning.capture.base import (
    CaptureBatch,
    CapturedPage,
    CaptureError,
    CaptureOptions,
    CaptureSource,
    DeviceInfo,
)

# Frames a camera buffers internally; dropped before a grab so the page is the one on the stand now.
_STALE_FRAMES = 3


def _open(device: str):
    import cv2

    target: int | str = int(device) if device.isdigit() else device
    capture = cv2.VideoCapture(target)
    if not capture.isOpened():
        capture.release()
        raise CaptureError(f"Không mở được máy ảnh/camera «{device}»; hãy kiểm tra kết nối hoặc chọn thiết bị khác.")
    return capture


class CameraSource(CaptureSource):
    kind = "camera"

    def __init__(self, *, live: bool = True) -> None:
        # A live camera buffers frames; a file or stream does not need stale frames dropped.
        self.live = live

    def discover(self) -> list[DeviceInfo]:
        """Video devices the system lists (Linux ``/dev/video*``; elsewhere indices 0–3 are probed)."""
        if sys.platform.startswith("linux"):
            names = sorted(glob.glob("/dev/video*"))
        else:
            names = []
            for index in range(4):
                try:
                    _open(str(index)).release()
                    names.append(str(index))
                except CaptureError:
                    break
        return [DeviceInfo(name, f"Camera {name}", "camera") for name in names]

    def start_batch(self, options: CaptureOptions) -> CameraBatch:
        if not options.device:
            devices = self.discover()
            if not devices:
                raise CaptureError("Không tìm thấy camera nào.")
            options = CaptureOptions(devices[0].name, options.resolution, options.mode, options.source,
                                     options.max_pages)
        return CameraBatch(self, options)


class CameraBatch(CaptureBatch):
    def __init__(self, source: CameraSource, options: CaptureOptions) -> None:
        super().__init__()
        self.source = source
        self.options = options
        self._capture = None

    def grab(self, number: int = 1) -> CapturedPage:
        """Take one frame now."""
        import cv2

        if self._capture is None:
            self._capture = _open(self.options.device)
        if self.source.live:
            for _ in range(_STALE_FRAMES):
                self._capture.grab()
        ok, frame = self._capture.read()
        if not ok or frame is None:
            raise CaptureError("Camera không trả về hình ảnh (hết dữ liệu hoặc mất kết nối).")
        if self.options.mode == "Gray":
            frame = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
        ok, encoded = cv2.imencode(".png", frame, [cv2.IMWRITE_PNG_COMPRESSION, 3])
        if not ok:
            raise CaptureError("Không mã hóa được ảnh chụp từ camera.")
        height, width = frame.shape[:2]
        return CapturedPage(encoded.tobytes(), "image/png", width, height, 0, f"ảnh chụp {number}")

    def __iter__(self) -> Iterator[CapturedPage]:
        count = 0
        try:
            while not self.cancelled:
                try:
                    page = self.grab(count + 1)
                except CaptureError:
                    if count and not self.source.live:
                        return   # a video file simply ended
                    raise
                count += 1
                yield page
                if self.options.max_pages and count >= self.options.max_pages:
                    return
        finally:
            self.close()

    def close(self) -> None:
        super().close()
        if self._capture is not None:
            self._capture.release()
            self._capture = None
